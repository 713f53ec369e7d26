# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The channel matrix of privacy (domain.md §5, docs/privacy.md): for each role and each
channel that shows figures or records, each private fact reaches exactly the roles that may
know it, and a reader of aggregates never gets a cell about fewer people than the minimum,
differencing included.

The organisation: Directie (7 people of its own) is headed by a board member (the demo's
directie: she heads the department, but the case rules open her none of its cases); below
it Zorg (the employee's team, 7 people, its own manager) and Financiën (2 people, its own
manager). A vangnet case in Zorg and one in Financiën, in the first
quarter of 2026, reported on 15 April 2026 ("last quarter").

Channels: ORM (read, search, read_group, export) of the absence analysis, the budget claims
and the safety-net record; the analysis as the pivot reads it (web_read_group); the
dashboard RPC; the XLSX; the quarterly review's agenda and its PDF (QWeb, as each role); the
employee's portal pages; the chatter (tracking values as message_format gives them); the
activities on the case (what the deadline-alert job raises); the mails and messages sent to
each role. Every checked cell is counted and logged."""

import io
import logging
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.mail.tools.discuss import Store

from .erm_access_common import ErmAccessCommon

_logger = logging.getLogger(__name__)

Q1 = (date(2026, 1, 1), date(2026, 3, 31))
EXCL = "verzuimpercentage_excl_vangnet"
ROLES = ("employee", "manager", "fin_manager", "hr", "coach", "doctor", "board", "head",
         "admin", "budget_admin")
# who may know each fact (docs/privacy.md)
ALLOWED = {
    # whether a vangnet applies: HR only in any figure (the administrator implies HR)
    "vangnet": {"hr", "admin"},
    # the figures of Financiën (2 people): who may read every case behind them
    "small_group": {"hr", "admin", "fin_manager"},
    # who claimed the employability budget: the employee himself and the budget admin
    "budget_claim": {"employee", "budget_admin"},
    # that a safety net applies to the colleague's case in model II (the coach guards
    # the process, the manager directs): HR and the process guardian (domain.md §5)
    "vangnet_case": {"hr", "admin", "coach"},
    # the quarterly agenda is one text for every participant: nobody learns from it
    "nobody": set(),
    # the employee's own case on his portal pages: he alone (the portal is his)
    "own_case": {"employee"},
}


def is_number(value):
    """A figure in a cell (not "< 5", not blank)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


@tagged("post_install", "-at_install", "erm_privacy")
@freeze_time("2026-04-15 10:00:00")
class TestPrivacyChannels(ErmAccessCommon, HttpCase):
    cells = 0

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        Department = cls.env["hr.department"]
        company = cls.company

        def user(login, groups):
            return new_test_user(cls.env, login=login, groups=groups + ",base.group_allow_export",
                                 company_id=company.id, company_ids=[(6, 0, company.ids)])

        # the board member who heads the department above Financiën (the demo's directie):
        # the case rules give her none of their cases
        cls.user_head = user("erm_head", "erm_verzuim.group_erm_board")
        cls.user_fin_manager = user("erm_fin_manager", "erm_verzuim.group_erm_manager")
        cls.user_budget_admin = user("erm_budget_admin", "erm_verzuim.group_erm_budget_admin")
        head = Employee.create({"name": "Directeur", "company_id": company.id,
                                "user_id": cls.user_head.id})
        cls.directie = Department.create({"name": "Directie", "company_id": company.id,
                                          "manager_id": head.id})
        head.department_id = cls.directie
        fin_boss = Employee.create({"name": "Hoofd Financiën", "company_id": company.id,
                                    "user_id": cls.user_fin_manager.id,
                                    "department_id": cls.directie.id})
        cls.financien = Department.create({
            "name": "Financiën", "company_id": company.id, "parent_id": cls.directie.id,
            "manager_id": fin_boss.id,
        })
        cls.department.parent_id = cls.directie
        Employee.create([{"name": f"Staf {i}", "company_id": company.id,
                          "department_id": cls.directie.id} for i in range(5)])
        Employee.create([{"name": f"Zorg {i}", "company_id": company.id,
                          "department_id": cls.department.id} for i in range(4)])
        cls.fin = Employee.create([{"name": f"Financiën {i}", "company_id": company.id,
                                    "department_id": cls.financien.id,
                                    "parent_id": fin_boss.id} for i in range(2)])
        cls.case = cls.make_case(start=date(2026, 1, 12), vangnet=True,
                                 vangnet_regime="six_weeks")
        cls.fin_case = cls.make_case(cls.fin[0], start=date(2026, 2, 2),
                                     recovered=date(2026, 2, 20), vangnet=True,
                                     vangnet_regime="six_weeks")
        cls.users.update(fin_manager=cls.user_fin_manager, head=cls.user_head,
                         budget_admin=cls.user_budget_admin)
        cls.company.write({"erm_budget_amount": 500.0, "erm_budget_services": "free"})
        cls.env["erm.budget.claim"].create({
            "employee_id": cls.employee.id, "amount": 120.0, "date": date(2026, 2, 10),
            "state": "paid", "provider_name": "Loopbaanpraktijk", "description": "Coaching",
        })
        cls.company.erm_review_organiser_id = cls.user_hr
        cls.Report = cls.env["erm.absence.report"]
        cls.Kpi = cls.env["erm.kpi"]

    @classmethod
    def tearDownClass(cls):
        _logger.info("privacy channel matrix: %s cells checked", cls.cells)
        super().tearDownClass()

    def check(self, fact, channel, reached, not_allowed_only=False):
        """``reached``: {role: bool} of one channel; it must be exactly the allowed (with
        ``not_allowed_only``: none but the allowed, for a channel that shows the allowed
        roles less than they may know)."""
        for role, got in reached.items():
            type(self).cells += 1
            if not_allowed_only and role in ALLOWED[fact]:
                continue
            self.assertEqual(got, role in ALLOWED[fact],
                             f"{fact} through {channel} for {role}")

    def each_role(self, probe):
        """{role: probe(user)}, False where the channel refuses the user."""
        result = {}
        for role in ROLES:
            self.env.invalidate_all()  # each probe is a request of its own: an empty cache
            try:
                result[role] = bool(probe(self.users[role]))
            except AccessError:
                result[role] = False
        return result

    # ------------------------------------------------------------------ helpers
    def xlsx(self, user, **values):
        wizard = self.env["erm.kpi.export.wizard"].with_user(user).create({
            "period": "custom", "date_from": Q1[0], "date_to": Q1[1],
            "company_id": self.company.id, **values,
        })
        wizard.action_export()
        content, _kind = self.env["ir.actions.report"].with_user(user).with_context(
            lang="en_US")._render_xlsx(
            "erm_reports.management_xlsx", wizard.ids, {})
        return openpyxl.load_workbook(io.BytesIO(content))

    def xlsx_rows(self, user):
        """{department name: [cells]} of the XLSX's departments sheet."""
        book = self.xlsx(user)
        if "Departments" not in book.sheetnames:
            return {}
        return {row[0].value: [cell.value for cell in row[1:]]
                for row in book["Departments"].iter_rows(min_row=2)}

    def dashboard(self, user, department=None):
        return self.Kpi.with_user(user).dashboard_data(
            "last_quarter", self.company.id, department.id if department else None)

    # ------------------------------------------------------------------ vangnet
    def test_vangnet_reaches_hr_only(self):
        report = self.Report.with_context(active_test=False)
        self.check("vangnet", "report fields_get", self.each_role(
            lambda u: "sick_days_excl_vangnet" in report.with_user(u).fields_get()))
        self.check("vangnet", "report read", self.each_role(
            lambda u: report.with_user(u).search([], limit=1).read(["sick_days_excl_vangnet"])))
        self.check("vangnet", "report search", self.each_role(
            lambda u: report.with_user(u).search([("sick_days_excl_vangnet", ">=", 0)])
            or True))
        self.check("vangnet", "report read_group", self.each_role(
            lambda u: report.with_user(u).read_group(
                [], ["sick_days_excl_vangnet:sum"], ["department_id"]) or True))
        self.check("vangnet", "pivot web_read_group", self.each_role(
            lambda u: report.with_user(u).web_read_group(
                [], ["verzuimpercentage_excl_vangnet:sum"], ["department_id"]) or True))
        self.check("vangnet", "report export", self.each_role(
            lambda u: report.with_user(u).search([], limit=1).export_data(
                ["sick_days_excl_vangnet"])))

        def dashboard(user):
            data = self.dashboard(user)
            return data["current"][EXCL] is not None or any(
                row["code"] == "uwv_vangnet" for row in data["compliance"])
        self.check("vangnet", "dashboard RPC", self.each_role(dashboard))

        def xlsx(user):
            rows = self.xlsx_rows(user)
            return any(is_number(cells[1]) for cells in rows.values())
        self.check("vangnet", "XLSX", self.each_role(xlsx))

    def test_the_agenda_holds_no_vangnet_and_no_small_group(self):
        review = self.env["erm.stakeholder.review"].create({
            "company_id": self.company.id, "date_quarter_start": date(2026, 4, 1),
            "participant_user_ids": [(6, 0, [u.id for u in self.users.values()])],
        })
        review.with_user(self.user_hr).action_make_agenda()
        sections = review.snapshot["sections"]
        labels = [row[0] for row in sections["figures"]["rows"]]
        # the agenda is one text for every participant: nobody but HR may know vangnet,
        # neither as the split absence rate nor as the safety-net report among the
        # milestones due
        excluded = review.with_context(lang=review._erm_lang())._erm_figure_labels()[EXCL]
        type(self).cells += 3
        self.assertNotIn(excluded, labels)
        self.assertIsNotNone(sections["figures"]["rows"][0][1])
        due = self.env["erm.wvp.milestone"].search([
            ("company_id", "=", self.company.id), ("state", "!=", "cancelled"),
            ("date_deadline", ">=", review.date_report_start),
            ("date_deadline", "<=", review.date_report_end),
        ])
        self.assertIn("uwv_vangnet", due.mapped("code"))
        self.assertEqual(sum(row[1] for row in sections["compliance"]["rows"]),
                         len(due.filtered(lambda m: m.code != "uwv_vangnet")))
        # a review of Financiën alone: every section suppressed, for every participant
        scope = self.env["erm.stakeholder.review.scope"].create({
            "name": "Financiën", "company_id": self.company.id, "kind": "departments",
            "department_ids": [(6, 0, self.financien.ids)],
        })
        fin_review = self.env["erm.stakeholder.review"].create({
            "company_id": self.company.id, "date_quarter_start": date(2026, 4, 1),
            "scope_id": scope.id,
            "participant_user_ids": [(6, 0, [u.id for u in self.users.values()])],
        })
        fin_review.with_user(self.user_hr).action_make_agenda()
        for key, section in fin_review.snapshot["sections"].items():
            if key.split("@")[0] in ("figures", "compliance", "cases", "milestones",
                                     "interventions"):
                type(self).cells += 1
                self.assertTrue(section.get("suppressed"), key)
                self.assertFalse(section["rows"], key)

    # ------------------------------------------------------------------ small group
    def test_small_group_reaches_who_reads_its_cases(self):
        self.check("small_group", "dashboard RPC", self.each_role(
            lambda u: not self.dashboard(u, self.financien)["current"]["suppressed"]))
        self.check("small_group", "dashboard RPC, rows behind the figure", self.each_role(
            lambda u: self.dashboard(u, self.financien)["can_drill"]))

        def xlsx(user):
            book = self.xlsx(user, department_id=self.financien.id)
            return is_number(book["Organisation"]["B2"].value)
        self.check("small_group", "XLSX", self.each_role(xlsx))
        self.check("small_group", "report read_group", self.each_role(
            lambda u: any(group["department_id"][0] == self.financien.id
                          for group in self.Report.with_user(u).read_group(
                              [], ["employed_days:sum"], ["department_id"])
                          if group["department_id"])))
        self.check("small_group", "report search", self.each_role(
            lambda u: self.Report.with_user(u).search_count(
                [("department_id", "=", self.financien.id)])))

    def test_board_never_gets_a_small_cell(self):
        """For the readers of aggregates: every cell shown covers at least the minimum,
        and no shown total minus the shown groups below it leaves a smaller group."""
        minimum = self.env["erm.aggregate.guard"].minimum(self.company)
        for user in (self.user_board, self.user_head):
            data = self.Kpi.with_user(user).figures_with_departments(*Q1, self.company.id)
            rows = {row["department_id"]: row for row in data["departments"]}
            shown = {d: row for d, row in rows.items() if not row["suppressed"]}
            nodes = dict(shown, company=data["company"])
            for node, row in nodes.items():
                if row["suppressed"]:
                    continue
                type(self).cells += 1
                self.assertGreaterEqual(row["headcount"], minimum, (user.login, node))
                children = [r for r in shown.values()
                            if (r["parent_id"] or "company") == node and r is not row]
                rest = row["headcount"] - sum(r["headcount"] for r in children)
                type(self).cells += 1
                self.assertFalse(0 < rest < minimum, (user.login, node, rest))
            self.assertTrue(rows[self.financien.id]["suppressed"])
            # the dashboard per department gives the same cells as the XLSX's rows
            for department_id, row in rows.items():
                department = self.env["hr.department"].browse(department_id)
                type(self).cells += 1
                self.assertEqual(
                    self.dashboard(user, department)["current"]["suppressed"],
                    row["suppressed"], (user.login, department.name))

    # ------------------------------------------------------------------ budget
    def test_budget_claims_reach_the_employee_and_the_budget_admin(self):
        Claim = self.env["erm.budget.claim"]
        self.check("budget_claim", "ORM search", self.each_role(
            lambda u: Claim.with_user(u).search_count([])))
        self.check("budget_claim", "ORM read_group", self.each_role(
            lambda u: Claim.with_user(u).read_group([], ["amount:sum"], ["employee_id"])))
        # one claimant is below every minimum: no aggregate shows him
        type(self).cells += 1
        self.assertFalse(self.env["erm.budget.usage"].search_count([]))
        for role in ("hr", "board"):
            type(self).cells += 1
            self.assertTrue(self.Kpi.with_user(self.users[role])._erm_budget(
                self.company, *Q1, 20)["suppressed"])

    # ------------------------------------------------------------------ per-case channels
    def vangnet_case(self):
        """The colleague's case in model II with a safety net; the process guardian (the
        coach) changes its term to the 4th sick day (tracked): the UWV report is then due
        before any other step, so the alert job raises its activity."""
        self.set_model("II", date_from=date(2026, 3, 1))
        case = self.make_case(self.colleague, start=date(2026, 4, 7), vangnet=True,
                              vangnet_regime="six_weeks")
        self.assertEqual(case.procesbewaker_user_id, self.user_coach)
        self.assertEqual(case.regievoerder_user_id, self.user_manager)
        self.env.flush_all()
        self.env.cr.precommit.run()
        case.with_user(self.user_coach).with_context(tracking_disable=False).write(
            {"vangnet_regime": "fourth_day"})
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertTrue(self.env["mail.tracking.value"].search(
            [("field_id.name", "=", "vangnet_regime")]))
        self.env["erm.alert.manager"]._run_deadline_alerts()
        self.env["erm.alert.manager"]._run_digest_batch()
        self.env.flush_all()
        self.env.cr.precommit.run()
        activity = self.env["mail.activity"].search([
            ("res_model", "=", case._name), ("res_id", "=", case.id),
            ("erm_milestone_id.code", "=", "uwv_vangnet")])
        self.assertEqual(activity.user_id, self.user_coach)
        return case, activity

    def test_vangnet_of_a_case_reaches_hr_and_the_guardian_only(self):
        case, activity = self.vangnet_case()
        record = case.sudo().vangnet_ids
        summary = activity.summary
        words = ("vangnet", "safety net", "safety-net", summary.lower())

        def tells(text):
            text = str(text).lower()
            return any(word in text for word in words)

        self.check("vangnet_case", "ORM read through the case", self.each_role(
            lambda u: case.with_user(u).vangnet_ids.vangnet))
        self.check("vangnet_case", "ORM search of the milestones", self.each_role(
            lambda u: self.env["erm.wvp.milestone"].with_user(u).search_count(
                [("case_id", "=", case.id), ("code", "=", "uwv_vangnet")])))

        def activities(user):
            found = self.env["mail.activity"].with_user(user).search(
                [("res_model", "=", case._name), ("res_id", "=", case.id)])
            return tells(found.mapped("summary") + found.mapped("note")) or tells(
                found.activity_format())
        # HR sees no activity of a case it holds no duty on (cases post with write access),
        # whatever it is about: here only who may not know is checked
        self.check("vangnet_case", "activities on the case", self.each_role(activities),
                   not_allowed_only=True)
        self.check("vangnet_case", "the case's activity fields", self.each_role(
            lambda u: case.with_user(u).has_access("read") and tells(
                case.with_user(u).read(["activity_summary", "activity_ids"]))),
                   not_allowed_only=True)

        def chatter(user):
            messages = self.env["mail.message"].with_user(user).search([
                "|", "&", ("model", "=", case._name), ("res_id", "=", case.id),
                "&", ("model", "=", record._name), ("res_id", "=", record.id)])
            result = Store(messages, for_current_user=True).get_result()
            return any(
                value["fieldName"] in ("vangnet", "vangnet_regime") or tells(value)
                for message in result.get("mail.message", [])
                for value in message.get("trackingValues", [])
            ) or tells(messages.mapped("body"))
        self.check("vangnet_case", "chatter (message_format)", self.each_role(chatter))

        def mails(user):
            # what was sent to him, whatever he may read now
            partner = user.partner_id
            sent = self.env["mail.mail"].sudo().search([
                "|", ("recipient_ids", "in", partner.ids), ("email_to", "ilike", user.email),
            ]) if user.email else self.env["mail.mail"].sudo().search(
                [("recipient_ids", "in", partner.ids)])
            notified = self.env["mail.message"].sudo().search([
                "|", ("partner_ids", "in", partner.ids),
                ("notification_ids.res_partner_id", "in", partner.ids)])
            return tells(sent.mapped("body_html") + sent.mapped("subject")) or tells(
                notified.mapped("body") + notified.mapped("subject"))
        # what is sent is less than what HR may know (the digest goes to the assignees)
        self.check("vangnet_case", "mails and notifications", self.each_role(mails),
                   not_allowed_only=True)
        type(self).cells += 1
        self.assertTrue(mails(self.user_coach), "the guardian's digest names his step")

        # the board's digest counts the steps due: the same with or without a safety net
        Alerts = self.env["erm.alert.manager"].sudo()
        cfg = Alerts._config_sql(Alerts._alert_config())
        before = Alerts._board_counts(self.user_board, cfg)
        case.sudo().write({"vangnet": False, "vangnet_regime": False})
        self.env.flush_all()
        self.assertFalse(case.milestone_ids.filtered(
            lambda m: m.code == "uwv_vangnet" and m.state != "cancelled"))
        type(self).cells += 1
        self.assertEqual(Alerts._board_counts(self.user_board, cfg), before)

    def test_the_review_pdf_holds_no_vangnet_and_no_small_group(self):
        """The quarterly review's PDF, rendered as each participant: one text for all, so
        neither the safety-net split nor the safety-net report nor a small group."""
        scope = self.env["erm.stakeholder.review.scope"].create({
            "name": "Financiën", "company_id": self.company.id, "kind": "departments",
            "department_ids": [(6, 0, self.financien.ids)],
        })
        reviews = self.env["erm.stakeholder.review"].create([{
            "company_id": self.company.id, "date_quarter_start": date(2026, 4, 1),
            "participant_user_ids": [(6, 0, [u.id for u in self.users.values()])],
            **extra} for extra in ({}, {"scope_id": scope.id})])
        for review in reviews:
            review.with_user(self.user_hr).action_make_agenda()
        whole, fin = reviews
        labels = whole.with_context(lang="en_US")._erm_figure_labels()
        milestone = self.env["erm.wvp.milestone"].with_context(lang="en_US")
        vangnet_words = (labels[EXCL], dict(milestone._fields["code"]._description_selection(
            milestone.env))["uwv_vangnet"])

        def html(user, review):
            content, _kind = self.env["ir.actions.report"].with_user(user).with_context(
                lang="en_US")._render_qweb_html(
                "erm_verzuim.action_report_erm_stakeholder_review", review.ids)
            return content.decode()

        def vangnet(user):
            text = html(user, whole)
            return any(word in text for word in vangnet_words)
        self.check("nobody", "review PDF: the safety net", self.each_role(vangnet))

        def small(user):
            text = html(user, fin)
            return "Financiën" in text and not all(
                section.get("suppressed") for key, section in fin.snapshot["sections"].items()
                if key.split("@")[0] in ("figures", "compliance", "cases"))
        self.check("nobody", "review PDF: Financiën's figures", self.each_role(small))

    def test_portal_pages_show_the_employee_his_own_case_only(self):
        """/my/verzuim as each user with a login: the employee sees his own case (and its
        contact data), nobody else's, and no safety net of a colleague."""
        case, _activity = self.vangnet_case()
        own = self.case

        def page(user):
            self.authenticate(user.login, user.login)
            response = self.url_open("/my/verzuim")
            if response.status_code != 200 or "/web/login" in response.url:
                return ""
            text = response.text
            detail = self.url_open(f"/my/verzuim/case/{own.id}")
            if detail.status_code == 200 and "/web/login" not in detail.url:
                text += detail.text
            return text

        pages = {role: page(user) for role, user in self.users.items() if role in ROLES}
        self.check("own_case", "portal: own case", {
            role: own.name in text for role, text in pages.items()})
        # nobody sees the colleague's case; the safety net of the employee's own case (his
        # own fact) shows on his pages only
        self.check("nobody", "portal: a colleague's case", {
            role: case.name in text for role, text in pages.items()})
        self.check("own_case", "portal: the safety net of his own case", {
            role: "vangnet" in text.lower() for role, text in pages.items()})
