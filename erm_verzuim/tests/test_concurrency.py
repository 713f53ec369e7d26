# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What two workers do at the same moment: report the same employee sick (one open case
wins), and report the same recovery twice (the first date stays)."""

from datetime import date, timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase

from .common import ErmTestCommon

ROUNDS = 4


@tagged("post_install", "-at_install", "erm_concurrency")
class TestSickReportRace(TransactionCase):
    """Two real database connections, as two workers hold them, driven from one thread (Odoo's
    runner serialises threads on its cursors)."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            company = env["res.company"].create({"name": "Race Verzuim B.V."})
            users = [new_test_user(
                env, login=f"erm_race_hr_{n}", company_id=company.id,
                company_ids=[(6, 0, company.ids)], groups="erm_verzuim.group_erm_hr",
            ) for n in range(2)]
            employees = env["hr.employee"].create([{
                "name": f"Race Collega {n}", "company_id": company.id,
            } for n in range(ROUNDS)])
            self.ids = {"company": company.id, "users": [u.id for u in users],
                        "employees": employees.ids}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["erm.absence.case"].search(
                [("employee_id", "in", self.ids["employees"])]).unlink()
            # the cases' Time Off (validated: the ORM keeps it) and its calendar leaves,
            # which would otherwise stay behind as company-wide days off
            cr.execute("""
                DELETE FROM resource_calendar_leaves WHERE resource_id IN (
                    SELECT resource_id FROM hr_employee WHERE id = ANY(%(ids)s));
                DELETE FROM hr_leave WHERE employee_id = ANY(%(ids)s)
            """, {"ids": self.ids["employees"]})
            env["hr.employee"].browse(self.ids["employees"]).unlink()
            users = env["res.users"].browse(self.ids["users"])
            partners = users.partner_id
            users.unlink()
            partners.unlink()
            cr.execute("DELETE FROM res_company WHERE id = %s", [self.ids["company"]])

    def _report(self, cr, worker, employee_id):
        """One worker's sick report on its own cursor: commits, or rolls back on the
        refusal. Returns ("won", case id) or ("lost", message)."""
        env = api.Environment(cr, self.ids["users"][worker], {})
        try:
            wizard = env["erm.sick.report.wizard"].create({
                "employee_id": employee_id, "date_start": fields.Date.today(),
            })
            case_id = wizard.action_confirm()["res_id"]
            cr.commit()  # pylint: disable=invalid-commit
            return ("won", case_id)
        except ValidationError as exc:
            cr.rollback()
            return ("lost", str(exc))

    def test_two_workers_report_the_same_employee(self):
        """Both transactions start before either reports (REPEATABLE READ: each snapshot
        shows no open case, so the checks in Python pass for both); one reports and
        commits, then the other reports on its old snapshot: only the database can refuse
        it. The first worker alternates between rounds."""
        for index, employee_id in enumerate(self.ids["employees"]):
            first, second = (0, 1) if index % 2 == 0 else (1, 0)
            cr_first, cr_second = self.registry.cursor(), self.registry.cursor()
            try:
                for cr in (cr_first, cr_second):
                    cr.execute("SELECT count(*) FROM erm_absence_case WHERE employee_id = %s",
                               [employee_id])
                    self.assertEqual(cr.fetchone()[0], 0)
                results = {first: self._report(cr_first, first, employee_id)}
                results[second] = self._report(cr_second, second, employee_id)
            finally:
                cr_first.close()
                cr_second.close()
            self.assertEqual(results[first][0], "won", results)
            self.assertEqual(results[second][0], "lost", results)
            self.assertIn("has just been reported sick by someone else", results[second][1])
        with self.registry.cursor() as cr:
            cr.execute("""
                SELECT employee_id, count(*) FROM erm_absence_case
                 WHERE employee_id = ANY(%s) GROUP BY employee_id
            """, [self.ids["employees"]])
            self.assertEqual(dict(cr.fetchall()), dict.fromkeys(self.ids["employees"], 1))


@tagged("post_install", "-at_install", "erm_concurrency")
class TestRecoveryTwice(ErmTestCommon):
    def test_second_recovery_report_is_refused(self):
        """A second report (a double click, two tabs, a colleague at the same moment: Odoo
        retries the loser of the race on a fresh snapshot, where the case is closed) never
        moves the first one's date."""
        start = fields.Date.today() - timedelta(days=10)
        case = self.make_case(start=start)
        Wizard = self.env["erm.absence.recovery.wizard"]
        Wizard.create({"case_id": case.id, "date_recovered": start + timedelta(days=3)}
                      ).action_confirm()
        second = Wizard.create({"case_id": case.id, "date_recovered": start + timedelta(days=5)})
        with self.assertRaises(UserError) as refusal:
            second.action_confirm()
        self.assertIn(case.name, str(refusal.exception))
        self.assertEqual(case.date_recovered, start + timedelta(days=3))
        # reopened, the recovery can be reported again
        case.action_reopen()
        second.action_confirm()
        self.assertEqual(case.date_recovered, start + timedelta(days=5))

    def test_open_case_index_exists(self):
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = "
            "'erm_absence_case_open_employee_uniq'")
        definition = self.env.cr.fetchone()[0]
        self.assertIn("UNIQUE", definition)
        self.assertIn("date_recovered IS NULL", definition)
        # partial: closed cases of the employee stand beside his one open case
        self.make_case(start=date(2026, 1, 5), recovered=date(2026, 1, 9))
        self.make_case(start=date(2026, 1, 12), recovered=date(2026, 1, 16))
        self.make_case(start=date(2026, 2, 2))
        self.assertEqual(self.Case.search_count([("employee_id", "=", self.employee.id)]), 3)
