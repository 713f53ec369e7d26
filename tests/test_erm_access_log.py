# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Access logging (domain.md §5): reads of cases and company doctor's advice are logged in
batch, visible to the administrator; an employee sees who read his cases."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .erm_access_common import ErmAccessCommon

START = date(2026, 9, 1)


@tagged("post_install", "-at_install", "erm_access_log")
@freeze_time("2026-11-22 10:00:00")
class TestErmAccessLog(ErmAccessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls.make_case(start=START)
        cls.colleague_case = cls.make_case(cls.colleague, start=START)
        cls.Log = cls.env["erm.access.log"]

    def logs(self, **domain):
        return self.Log.search([(key, "=", value) for key, value in domain.items()])

    def test_reads_are_logged_in_batch(self):
        cases = self.case | self.colleague_case
        Case = self.env["erm.absence.case"].with_user(self.user_hr)

        def queries(records, user):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            records.with_user(user).read(["name", "private_ids"])
            return self.cr.sql_log_count - before

        # batch: logging three cases costs no more queries than logging one
        extra = self.env["hr.employee"].create([
            {"name": f"Medewerker {n}", "company_id": self.company.id,
             "department_id": self.department.id} for n in range(3)
        ])
        more = self.env["erm.absence.case"]
        for employee in extra:
            more |= self.make_case(employee, start=START)
        queries(self.case, self.user_admin)  # warm-up of the user's caches
        self.assertEqual(queries(more[0], self.user_admin),
                         queries(more[1:] | self.colleague_case, self.user_admin))
        self.assertEqual(len(self.logs(user_id=self.user_admin.id, kind="read")), 5)
        cases.with_user(self.user_hr).read(["name", "private_ids"])
        self.assertEqual(len(self.logs(user_id=self.user_hr.id, kind="read")), 2)
        # the same read a moment later is the same access
        cases.with_user(self.user_hr).read(["name"])
        self.assertEqual(len(self.logs(user_id=self.user_hr.id, kind="read")), 2)
        # a list view (web_search_read) and an export are logged as such
        Case.web_search_read([("id", "in", cases.ids)], {"name": {}})
        self.assertEqual(len(self.logs(user_id=self.user_hr.id, kind="list")), 2)
        Case.search_read([("id", "=", self.case.id)], ["name"])
        self.case.with_user(self.user_hr).export_data(["name"])
        self.assertEqual(len(self.logs(user_id=self.user_hr.id, kind="export")), 1)
        # the form: web_read
        self.case.with_user(self.user_manager).web_read({"name": {}})
        log = self.logs(user_id=self.user_manager.id)
        self.assertEqual((log.res_model, log.res_id, log.case_id, log.kind),
                         ("erm.absence.case", self.case.id, self.case, "read"))
        # not for the superuser and scheduled jobs
        before = self.Log.search_count([])
        self.case.read(["name"])
        self.assertEqual(self.Log.search_count([]), before)

    def test_advice_reads_are_logged(self):
        advice = self.env["erm.ba.advice"].create({
            "case_id": self.case.id, "doctor_user_id": self.user_doctor.id,
            "incapacity_pct": 50, "incapacity_date_from": date(2026, 10, 1),
        })
        advice.action_issue()
        advice.with_user(self.user_manager).read(["incapacity_pct"])
        log = self.logs(user_id=self.user_manager.id, res_model="erm.ba.advice")
        self.assertEqual((log.res_id, log.case_id), (advice.id, self.case))

    def test_rpc_reads_use_a_read_write_cursor(self):
        """Reads write the log, so the RPC layer must not route them to a read-only
        cursor."""
        Case = type(self.env["erm.absence.case"])
        for method in ("read", "web_read", "web_search_read", "search_read"):
            with self.subTest(method=method):
                self.assertFalse(getattr(Case, method)._readonly)

    def test_overview_for_the_employee(self):
        self.case.with_user(self.user_hr).read(["name"])
        self.colleague_case.with_user(self.user_hr).read(["name"])
        case = self.case.with_user(self.user_employee)
        self.assertTrue(case.erm_is_own_case)
        action = case.action_erm_access_overview()
        logs = self.env["erm.access.log"].with_user(self.user_employee).search(action["domain"])
        self.assertEqual(logs.user_id, self.user_hr)
        self.assertEqual(logs.case_id, self.case)
        # he never sees the log of a colleague's case
        self.assertFalse(self.env["erm.access.log"].with_user(self.user_employee).search(
            [("case_id", "=", self.colleague_case.id)]))
        # nor may others ask for his overview
        with self.assertRaises(AccessError):
            self.case.with_user(self.user_manager).action_erm_access_overview()
        # the printable overview
        html = self.env["ir.actions.report"].with_user(self.user_employee)._render_qweb_html(
            "erm_verzuim.report_erm_access_overview", self.case.ids)[0].decode()
        self.assertIn(self.user_hr.name, html)
        self.assertIn("Who read my absence cases", html)

    def test_administrator_sees_everything(self):
        self.case.with_user(self.user_hr).read(["name"])
        self.colleague_case.with_user(self.user_manager).read(["name"])
        Log = self.env["erm.access.log"].with_user(self.user_admin)
        self.assertEqual(Log.search([]).user_id, self.user_hr | self.user_manager)
        self.assertFalse(self.env["erm.access.log"].with_user(self.user_hr).search([]))
        action = self.env.ref("erm_verzuim.erm_access_log_menu")
        self.assertIn(self.env.ref("erm_verzuim.group_erm_admin"), action.groups_id)
