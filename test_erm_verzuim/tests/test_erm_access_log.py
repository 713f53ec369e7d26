# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Access logging (domain.md §5, in the spirit of NEN 7513): reads of cases, their private
record, plans and advice are logged with the channel, in one insert per request, visible to
the administrator; an employee sees who read his cases; nobody changes or deletes a line but
the retention job, after the company's term (at least five years)."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .erm_access_common import ErmAccessCommon

START = date(2026, 9, 1)


@tagged("post_install", "-at_install", "erm_access_log")
@freeze_time("2026-11-22 10:00:00")
class TestErmAccessLog(ErmAccessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls.make_case(start=START, contact_phone="0612345678")
        cls.colleague_case = cls.make_case(cls.colleague, start=START)
        cls.plan = cls.env["erm.reintegration.plan"].create({
            "case_id": cls.case.id, "kind": "plan_van_aanpak",
        })
        cls.Log = cls.env["erm.access.log"]

    def end_request(self):
        """What the end of a request does: flush, then the pre-commit hooks (the log)."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def logs(self, **domain):
        self.end_request()
        return self.Log.search([(key, "=", value) for key, value in domain.items()])

    def test_reads_are_logged_in_batch(self):
        Case = self.env["erm.absence.case"].with_user(self.user_hr)

        def request_queries(records, user):
            """Queries of writing the log of one request that read `records`."""
            self.env.invalidate_all()
            for record in records:
                record.with_user(user).read(["display_name"])
            self.env.flush_all()
            before = self.cr.sql_log_count
            self.env.cr.precommit.run()
            return self.cr.sql_log_count - before

        # one request reads a case, its private record, its plan and a colleague's case: the
        # lines are written together, in as many queries as the line of a single read
        extra = self.env["hr.employee"].create([
            {"name": f"Medewerker {n}", "company_id": self.company.id,
             "department_id": self.department.id} for n in range(3)
        ])
        more = self.env["erm.absence.case"]
        for employee in extra:
            more |= self.make_case(employee, start=START)
        request_queries(more[0], self.user_admin)  # warm-up of the user's caches
        one = request_queries(more[1], self.user_admin)
        many = request_queries(
            [more[2], self.case, self.case.private_ids, self.plan, self.colleague_case],
            self.user_admin)
        self.assertEqual(one, many)
        logs = self.logs(user_id=self.user_admin.id)
        self.assertEqual(len(logs), 7)
        self.assertEqual(set(logs.mapped("res_model")), {
            "erm.absence.case", "erm.absence.case.private", "erm.reintegration.plan"})
        self.assertEqual(set(logs.mapped("channel")), {"backend"})
        private_log = logs.filtered(lambda log: log.res_model == "erm.absence.case.private")
        self.assertEqual((private_log.res_id, private_log.case_id),
                         (self.case.private_ids.id, self.case))

        cases = self.case | self.colleague_case
        cases.with_user(self.user_hr).read(["name", "private_ids"])
        self.assertEqual(len(self.logs(user_id=self.user_hr.id, kind="read")), 2)
        # the same read a moment later is the same access
        cases.with_user(self.user_hr).read(["name"])
        self.assertEqual(len(self.logs(user_id=self.user_hr.id, kind="read")), 2)
        # a list view (web_search_read) and an export are logged as such
        Case.web_search_read([("id", "in", cases.ids)], {"name": {}})
        self.assertEqual(len(self.logs(user_id=self.user_hr.id, kind="list")), 2)
        self.case.with_user(self.user_hr).export_data(["name"])
        export = self.logs(user_id=self.user_hr.id, kind="export")
        self.assertEqual((len(export), export.channel), (1, "export"))
        # the form with its private record (web_read reads the sub-records too)
        self.case.with_user(self.user_manager).web_read({"name": {}})
        log = self.logs(user_id=self.user_manager.id)
        self.assertEqual((log.res_model, log.res_id, log.case_id, log.kind, log.channel),
                         ("erm.absence.case", self.case.id, self.case, "read", "backend"))
        # not for the superuser and scheduled jobs (they run as OdooBot)
        before = self.Log.search_count([])
        self.case.read(["name"])
        self.case.with_user(self.env.ref("base.user_root")).read(["name"])
        self.assertEqual(self.Log.search_count([]), before)
        self.assertEqual(len(self.logs()), before)

    def test_advice_reads_are_logged(self):
        advice = self.env["erm.ba.advice"].create({
            "case_id": self.case.id, "doctor_user_id": self.user_doctor.id,
            "incapacity_pct": 50, "incapacity_date_from": date(2026, 10, 1),
        })
        advice.action_issue()
        advice.with_user(self.user_manager).read(["incapacity_pct"])
        log = self.logs(user_id=self.user_manager.id, res_model="erm.ba.advice")
        self.assertEqual((log.res_id, log.case_id), (advice.id, self.case))

    def test_pdf_print_is_logged(self):
        Report = self.env["ir.actions.report"].with_user(self.user_hr)
        html = Report._render_qweb_html(
            "erm_verzuim.action_report_erm_access_overview", self.case.ids)[0].decode()
        self.assertIn("Who read my absence cases", html)
        log = self.logs(user_id=self.user_hr.id, channel="pdf")
        self.assertEqual((log.res_model, log.res_id, log.kind),
                         ("erm.absence.case", self.case.id, "print"))

    def test_rpc_reads_use_a_read_write_cursor(self):
        """Reads write the log, so the RPC layer must not route them to a read-only
        cursor."""
        for model in ("erm.absence.case", "erm.absence.case.private",
                      "erm.reintegration.plan", "erm.ba.advice"):
            Model = type(self.env[model])
            for method in ("read", "web_read", "web_search_read", "search_read"):
                with self.subTest(model=model, method=method):
                    self.assertFalse(getattr(Model, method)._readonly)

    def test_append_only(self):
        self.case.with_user(self.user_hr).read(["name"])
        log = self.logs(user_id=self.user_hr.id)
        self.assertTrue(log)
        # no ACL lets anyone write or delete, the administrator included
        Access = self.env["ir.model.access"]
        for user in (self.user_admin, self.user_hr, self.user_employee):
            for operation in ("write", "create", "unlink"):
                with self.subTest(user=user.login, operation=operation):
                    self.assertFalse(Access.with_user(user).check(
                        "erm.access.log", operation, raise_exception=False))
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                log.with_user(user).write({"kind": "list"})
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                log.with_user(user).unlink()
        # nor does superuser mode, with or without the retention job's context key
        with self.assertRaises(UserError):
            log.sudo().write({"kind": "list"})
        with self.assertRaises(UserError):
            log.sudo().unlink()
        with self.assertRaises(AccessError):
            log.with_user(self.user_admin).with_context(erm_access_log_retention=True).unlink()
        self.assertTrue(log.exists())

    def test_retention(self):
        self.assertEqual(self.company.erm_access_log_retention_years, 5)
        with self.assertRaises(ValidationError):
            self.company.erm_access_log_retention_years = 4
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create(
                {"erm_access_log_retention_years": 3}).execute()
        old, recent = self.Log.create([
            {"user_id": self.user_hr.id, "res_model": "erm.absence.case",
             "res_id": self.case.id, "case_id": self.case.id, "kind": "read",
             "date": datetime(2021, 11, 1, 9, 0)},
            {"user_id": self.user_hr.id, "res_model": "erm.absence.case",
             "res_id": self.case.id, "case_id": self.case.id, "kind": "read",
             "date": datetime(2021, 12, 1, 9, 0)},
        ])
        self.Log._cron_remove_expired()  # 22-11-2026: five years back is 22-11-2021
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists())
        self.company.erm_access_log_retention_years = 7
        self.Log._cron_remove_expired()
        self.assertTrue(recent.exists())
        cron = self.env.ref("erm_verzuim.ir_cron_erm_access_log_retention")
        self.assertEqual(cron.code.strip(), "model._cron_remove_expired()")

    def test_overview_for_the_employee(self):
        self.case.with_user(self.user_hr).read(["name"])
        self.colleague_case.with_user(self.user_hr).read(["name"])
        self.end_request()
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
        # the printable overview, with the channel
        html = self.env["ir.actions.report"].with_user(self.user_employee)._render_qweb_html(
            "erm_verzuim.report_erm_access_overview", self.case.ids)[0].decode()
        self.assertIn(self.user_hr.name, html)
        self.assertIn("Who read my absence cases", html)
        self.assertIn("Backend", html)

    def test_administrator_sees_everything(self):
        self.case.with_user(self.user_hr).read(["name"])
        self.colleague_case.with_user(self.user_manager).read(["name"])
        self.end_request()
        Log = self.env["erm.access.log"].with_user(self.user_admin)
        self.assertEqual(Log.search([]).user_id, self.user_hr | self.user_manager)
        self.assertFalse(self.env["erm.access.log"].with_user(self.user_hr).search([]))
        action = self.env.ref("erm_verzuim.erm_access_log_menu")
        self.assertIn(self.env.ref("erm_verzuim.group_erm_admin"), action.groups_id)
