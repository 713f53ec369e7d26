# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two workers (two database connections) book the same slot, 50 times: exactly one
booking wins each time and none is lost."""

import logging
from datetime import datetime, time, timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase

_logger = logging.getLogger(__name__)
ROUNDS = 50


@tagged("post_install", "-at_install", "erm_spreekuur")
class TestBookingConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        day = fields.Date.today() + timedelta(days=10)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            company = env["res.company"].create({"name": "Race Spreekuur B.V."})
            users = [new_test_user(
                env, login=f"erm_race_booker_{n}", company_id=company.id,
                company_ids=[(6, 0, company.ids)], groups="erm_verzuim.group_erm_employee",
            ) for n in range(2)]
            employees = env["hr.employee"].create([{
                "name": f"Race Medewerker {n}", "company_id": company.id,
                "user_id": user.id,
            } for n, user in enumerate(users)])
            partner = env["res.partner"].create({"name": "Race Arts"})
            location = env["erm.spreekuur.location"].create({
                "name": "Race kamer", "partner_id": partner.id, "company_id": company.id,
            })
            professional = env["erm.spreekuur.professional"].create({
                "name": "Race Arts", "partner_id": partner.id, "company_id": company.id,
                "location_ids": [(6, 0, location.ids)],
            })
            # one half-hour slot a day for 50 days, open spreekuur (one slot a day: an
            # employee may hold one preventive booking a day)
            sessions = env["erm.spreekuur.session"].create([{
                "professional_id": professional.id, "location_id": location.id,
                "company_id": company.id, "kind": "open", "slot_minutes": 30,
                "start": datetime.combine(day + timedelta(days=offset), time(8)),
                "stop": datetime.combine(day + timedelta(days=offset), time(8, 30)),
            } for offset in range(ROUNDS)])
            sessions.action_open()
            slots = sessions.slot_ids
            self.assertEqual(len(slots), ROUNDS)
            self.ids = {
                "company": company.id, "users": [u.id for u in users],
                "employees": employees.ids, "partner": partner.id, "location": location.id,
                "professional": professional.id, "sessions": sessions.ids,
                "slots": slots.ids,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            bookings = env["erm.spreekuur.booking"].search(
                [("slot_id", "in", self.ids["slots"])])
            events = bookings.calendar_event_id
            bookings.unlink()
            events.unlink()
            env["erm.spreekuur.session"].browse(self.ids["sessions"]).unlink()
            env["erm.spreekuur.professional"].browse(self.ids["professional"]).unlink()
            env["erm.spreekuur.location"].browse(self.ids["location"]).unlink()
            env["hr.employee"].browse(self.ids["employees"]).unlink()
            users = env["res.users"].browse(self.ids["users"])
            partners = users.partner_id | env["res.partner"].browse(self.ids["partner"])
            env["mail.mail"].search([("recipient_ids", "in", partners.ids)]).unlink()
            env["mail.message"].search([("partner_ids", "in", partners.ids)]).unlink()
            users.unlink()
            partners.unlink()
            cr.execute("DELETE FROM res_company WHERE id = %s", [self.ids["company"]])

    def _book(self, cr, worker, slot_id):
        """One worker's booking on its own cursor, as its own employee user: commits, or
        rolls back on the refusal. Returns ("won", booking id) or ("lost", message)."""
        env = api.Environment(cr, self.ids["users"][worker], {"no_mail_to_attendees": True})
        try:
            booking = env["erm.spreekuur.booking"].create({
                "slot_id": slot_id, "employee_id": self.ids["employees"][worker],
                "kind": "preventive", "purpose": "preventief",
            })
            # a worker's own transaction, as a server worker commits it
            cr.commit()  # pylint: disable=invalid-commit
            return ("won", booking.id)
        except ValidationError as exc:
            cr.rollback()
            return ("lost", str(exc))

    def test_two_workers_same_slot(self):
        """The race as two workers meet it: both transactions start before either books
        (REPEATABLE READ: each snapshot shows the slot free, so every check in Python
        passes); one books and commits, then the other books on its old snapshot. Only the
        database's exclusion constraint can refuse the second. The first worker alternates
        between rounds. Two real connections, driven from one thread so that Odoo's test
        runner (which serialises threads on its cursors) runs it too."""
        outcomes = []
        for index, slot_id in enumerate(self.ids["slots"]):
            first, second = (0, 1) if index % 2 == 0 else (1, 0)
            cr_first, cr_second = self.registry.cursor(), self.registry.cursor()
            try:
                for cr in (cr_first, cr_second):
                    # take both snapshots now, before anyone has booked
                    cr.execute("SELECT state FROM erm_spreekuur_slot WHERE id = %s", [slot_id])
                    self.assertEqual(cr.fetchone()[0], "free")
                results = {first: self._book(cr_first, first, slot_id)}
                results[second] = self._book(cr_second, second, slot_id)
            finally:
                cr_first.close()
                cr_second.close()
            self.assertEqual(results[first][0], "won", results)
            outcomes.append(results)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            bookings = env["erm.spreekuur.booking"].search(
                [("slot_id", "in", self.ids["slots"]), ("state", "!=", "cancelled")])
            by_slot = {b.slot_id.id: b for b in bookings}
            self.assertEqual(len(bookings), ROUNDS, "one active booking per slot")
            self.assertEqual(set(by_slot), set(self.ids["slots"]))
            for slot_id, results in zip(self.ids["slots"], outcomes, strict=True):
                won = [r for r in results.values() if r[0] == "won"]
                lost = [r for r in results.values() if r[0] == "lost"]
                self.assertEqual((len(won), len(lost)), (1, 1), results)
                self.assertIn("This time has just been taken", lost[0][1])
                # none lost: the winner's booking is the one in the database
                self.assertEqual(by_slot[slot_id].id, won[0][1])
                self.assertEqual(by_slot[slot_id].slot_id.state, "booked")
                self.assertEqual(len(by_slot[slot_id].calendar_event_id), 1)
        _logger.info("spreekuur race: %s rounds, two workers, one winner each time", ROUNDS)
