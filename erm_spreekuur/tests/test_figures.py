# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .employee_side_common import SpreekuurEmployeeSideMixin


@tagged("post_install", "-at_install")
class TestSpreekuurFigures(SpreekuurEmployeeSideMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_spreekuur(kind="both")
        Booking = cls.env["erm.spreekuur.booking"]
        slots = cls.spreekuur_session.slot_ids.sorted("start")
        cls.employees = cls.env["hr.employee"].concat(*(
            cls._employee(f"Werknemer {index}") for index in range(5)
        ))
        states = ("attended", "no_show", "booked", "employee", "professional")
        cls.bookings = Booking
        for slot, employee, state in zip(slots, cls.employees, states, strict=False):
            preventive = state in ("booked", "employee")
            case = cls.env["erm.absence.case"] if preventive else cls.env[
                "erm.absence.case"].create({
                    "employee_id": employee.id, "date_start": fields.Date.today(),
                })
            booking = Booking.create({
                "slot_id": slot.id, "employee_id": employee.id, "company_id": cls.company.id,
                "kind": "preventive" if preventive else "case", "case_id": case.id,
                "purpose": "preventief" if preventive else "other",
            })
            cls.bookings |= booking
            if state in ("employee", "professional"):
                booking.action_cancel(state)
            elif state != "booked":
                booking.write({"state": state})
        # the bookings were made ten days before their consultation
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE erm_spreekuur_booking SET create_date = start - interval '10 days' "
            "WHERE id IN %s", [tuple(cls.bookings.ids)],
        )
        cls.day = cls.spreekuur_session.start.date()

    def figures(self, **kwargs):
        return self.env["erm.spreekuur.booking"].spreekuur_figures(
            self.day - timedelta(days=1), self.day + timedelta(days=1), **kwargs
        )

    def test_per_professional(self):
        (row,) = self.figures(company_ids=self.company.ids)
        self.assertEqual(row, {
            "professional_id": self.professional.id,
            "slots_offered": 6, "booked": 3, "attended": 1, "no_show": 1, "cancelled": 2,
            "cancelled_by_employee": 1, "cancelled_by_organisation": 1,
            "booked_case": 2, "booked_preventive": 1,
            "utilisation_pct": 50.0, "avg_lead_time_days": 10.0, "suppressed": False,
        })

    def test_per_location_and_company(self):
        (row,) = self.figures(groupby="location")
        self.assertEqual((row["location_id"], row["slots_offered"], row["booked"]),
                         (self.location.id, 6, 3))
        (row,) = self.figures(groupby="company")
        self.assertEqual((row["company_id"], row["utilisation_pct"]), (self.company.id, 50.0))

    def test_period_and_offered_without_bookings(self):
        # a second session the day after, nothing booked: offered only
        self._open_session(self.spreekuur_session.start + timedelta(days=1), "case")
        (row,) = self.figures()
        self.assertEqual((row["slots_offered"], row["booked"], row["utilisation_pct"]),
                         (12, 3, 25.0))
        outside = self.env["erm.spreekuur.booking"].spreekuur_figures(
            self.day + timedelta(days=5), self.day + timedelta(days=6))
        self.assertEqual(outside, [])

    def test_cancelled_session_and_blocked_slots_not_offered(self):
        other = self._open_session(self.spreekuur_session.start + timedelta(days=1), "open")
        other.slot_ids[:2].write({"state": "blocked"})
        (row,) = self.figures()
        self.assertEqual(row["slots_offered"], 10)
        other.state = "cancelled"
        (row,) = self.figures()
        self.assertEqual(row["slots_offered"], 6)

    def test_cancelled_by_the_employee_himself(self):
        user = self.env["res.users"].create({
            "name": "Zelf", "login": "zelf_figures",
            "groups_id": [Command.link(self.env.ref("base.group_user").id)],
        })
        booking = self.bookings.filtered(lambda b: b.cancel_reason == "professional")
        booking.employee_id.user_id = user
        booking.cancelled_by_id = user
        (row,) = self.figures()
        self.assertEqual((row["cancelled_by_employee"], row["cancelled_by_organisation"]),
                         (2, 0))

    def test_access(self):
        employee_user = self.env["res.users"].create({
            "name": "Gewone medewerker", "login": "medewerker_figures",
            "groups_id": [Command.link(self.env.ref("erm_verzuim.group_erm_employee").id)],
        })
        with self.assertRaises(AccessError):
            self.env["erm.spreekuur.booking"].with_user(employee_user).spreekuur_figures(
                self.day, self.day)
        board = self.env["res.users"].create({
            "name": "Directeur", "login": "directie_figures",
            "company_ids": [Command.set(self.company.ids)], "company_id": self.company.id,
            "groups_id": [Command.link(self.env.ref("erm_verzuim.group_erm_board").id)],
        })
        # the board gets the counts, preventive consultations included, never a name
        (row,) = self.env["erm.spreekuur.booking"].with_user(board).spreekuur_figures(
            self.day, self.day)
        self.assertEqual(row["booked_preventive"], 1)
        self.assertFalse({"employee_id", "name"} & set(row))
        with self.assertRaises(UserError):
            self.figures(groupby="employee")

    def test_dates_as_strings(self):
        rows = self.env["erm.spreekuur.booking"].spreekuur_figures(
            fields.Date.to_string(self.day), fields.Date.to_string(self.day))
        self.assertEqual(rows[0]["booked"], 3)

    def test_few_employees_suppressed(self):
        # the day after, two employees booked: below the minimum of 5, so the bookings are
        # not shown (the offer is), whoever asks
        other = self._open_session(self.spreekuur_session.start + timedelta(days=1), "open")
        Booking = self.env["erm.spreekuur.booking"]
        for slot, employee in zip(other.slot_ids.sorted("start"), self.employees[:2],
                                  strict=False):
            Booking.create({
                "slot_id": slot.id, "employee_id": employee.id,
                "company_id": self.company.id, "kind": "preventive", "purpose": "preventief",
            })
        day = self.day + timedelta(days=1)
        (row,) = Booking.spreekuur_figures(day, day)
        self.assertTrue(row["suppressed"])
        self.assertEqual(row["slots_offered"], 6)
        self.assertIsNone(row["booked"])
        self.assertIsNone(row["booked_preventive"])
        # both days together: five employees, shown
        (row,) = self.figures()
        self.assertFalse(row["suppressed"])
