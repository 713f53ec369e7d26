# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 8: a duty holder (regievoerder, procesbewaker, casemanager) can always open and work
the cases he holds a duty on, whatever his other groups (domain.md §5); the deadline job
never gives an activity to a user who cannot open its case; the app opens on each role's own
work."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .erm_access_common import ErmAccessCommon

TODAY = date(2026, 6, 1)  # a Monday
# The problem analysis (end of week 6) is overdue, the plan of action (end of week 8) due
# within its lead time: both duties of every case get an activity.
START = TODAY - timedelta(days=45)
# Every role that can be given a duty; "internal" is a user without any Verzuim group (a
# department head nobody made Leidinggevende).
ROLES = ("employee", "manager", "coach", "hr", "doctor", "board", "internal")
# The duties a user can hold, and the ERM models in which they make him a duty holder
# (domain.md §2): the manager of the sick employee directs in models I-III (and guards the
# process in I); the coach of the ERM policy guards in II and does everything in IV; the
# HR adviser of the policy guards in III; the casemanager named in a plan in every model.
HOLDINGS = {
    "manager": ("I", "II", "III"),
    "coach": ("II", "IV"),
    "hr": ("III",),
    "casemanager": ("I", "II", "III", "IV"),
}


@tagged("post_install", "-at_install", "erm_access")
@freeze_time("2026-06-01 10:00:00")
class TestErmDutyAccess(ErmAccessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for company in cls.company | cls.company_2:
            company.resource_calendar_id.tz = "Europe/Amsterdam"
        # a milestone nobody holds goes to the escalation contact (HR reads every case)
        cls.company.erm_escalation_user_id = cls.user_hr
        cls.user_internal = new_test_user(
            cls.env, login="erm_internal", groups="base.group_user",
            company_id=cls.company.id, company_ids=[(6, 0, cls.company.ids)],
            name="Erm Internal",
        )
        cls.users["internal"] = cls.user_internal
        # the manager of the sick employees of the scenarios whose duty is not "manager"
        cls.user_teamlead = new_test_user(
            cls.env, login="erm_teamlead", groups="erm_verzuim.group_erm_manager",
            company_id=cls.company.id, company_ids=[(6, 0, cls.company.ids)],
            name="Erm Teamlead",
        )
        Employee = cls.env["hr.employee"]
        cls.employee_of = {"employee": cls.employee, "manager": cls.manager}
        for role in ("coach", "hr", "doctor", "board", "internal"):
            cls.employee_of[role] = Employee.create({
                "name": f"{role.title()} medewerker", "company_id": cls.company.id,
                "user_id": cls.users[role].id,
            })
        cls.teamlead = Employee.create({
            "name": "Teamleider", "company_id": cls.company.id,
            "user_id": cls.user_teamlead.id,
        })
        cls.Milestone = cls.env["erm.wvp.milestone"]
        cls.Plan = cls.env["erm.reintegration.plan"]
        cls.scenarios = cls._make_scenarios()

    @classmethod
    def _make_scenarios(cls):
        """[(role, holding, model, case)]: for each role, duty and model a case of its own
        (own department, ERM policy and sick employee) on which the role's user holds that
        duty, with a plan of action."""
        scenarios = []
        for role in ROLES:
            holder = cls.users[role]
            for holding, models in HOLDINGS.items():
                for model in models:
                    label = f"{role} {holding} {model}"
                    department = cls.env["hr.department"].create({
                        "name": f"Afdeling {label}", "company_id": cls.company.id,
                    })
                    cls.set_model(
                        model, department=department, date_from=START,
                        coach_user_ids=[(6, 0, (holder if holding == "coach"
                                                else cls.user_coach).ids)],
                        hr_user_ids=[(6, 0, (holder if holding == "hr"
                                             else cls.user_hr).ids)],
                    )
                    sick = cls.env["hr.employee"].create({
                        "name": f"Ziek {label}", "company_id": cls.company.id,
                        "department_id": department.id,
                        "parent_id": (cls.employee_of[role] if holding == "manager"
                                      else cls.teamlead).id,
                    })
                    case = cls.make_case(sick, start=START)
                    cls.Plan.create({
                        "case_id": case.id, "kind": "plan_van_aanpak",
                        "casemanager_id": (holder if holding == "casemanager"
                                           else cls.user_teamlead).id,
                    })
                    scenarios.append((role, holding, model, case))
        return scenarios

    def holds(self, user, holding, case):
        """Whether `user` holds the duty of `holding` on `case` as resolved by the policy."""
        duties = case.regievoerder_user_id | case.procesbewaker_user_id
        if holding == "casemanager":
            return user in case.plan_ids.casemanager_id
        return user in duties

    # ------------------------------------------------------------------ the duty holder
    def duty_checks(self, user, case, form_spec):
        """{what: function() -> True when the duty holder `user` may do it on `case`}."""
        as_user = case.with_user(user)
        checks = {
            "has read access": lambda: as_user.has_access("read"),
            "finds the case": lambda: self.Case.with_user(user).search_count(
                [("id", "=", case.id)]) == 1,
            "reads the case": lambda: as_user.read(["name"])[0]["name"] == case.name,
            "opens the form": lambda: as_user.web_read(form_spec)[0]["id"] == case.id,
            "sees all milestones": lambda: self.Milestone.with_user(user).search(
                [("case_id", "=", case.id)]) == case.milestone_ids,
            "sees the plans": lambda: self.Plan.with_user(user).search(
                [("case_id", "=", case.id)]) == case.plan_ids,
            "reads the course": lambda: len(
                case.period_ids.with_user(user).read(["incapacity_pct"])) == 1,
            "writes the case": lambda: as_user.write({"ongoing_work": "Rooster"}),
            "reports recovery": lambda: bool(self.env["erm.absence.recovery.wizard"].with_user(
                user).create({"case_id": case.id, "date_recovered": TODAY}).action_confirm()),
        }
        if user == case.regievoerder_user_id:
            checks["writes the plan as director"] = lambda: case.plan_ids.with_user(
                user).write({"agreements": "Twee ochtenden."})
        return checks

    def test_duty_holder_opens_and_works_his_case(self):
        self.assertEqual(len({model for _r, _h, model, _c in self.scenarios}), 4)
        failures = []
        form_specs = {}
        for role, holding, model, case in self.scenarios:
            user = self.users[role]
            label = f"{role} as {holding} in model {model}"
            self.assertEqual(case.erm_model, model, label)
            self.assertTrue(self.holds(user, holding, case), label)
            if role not in form_specs:
                views = self.Case.with_user(user).get_views([(False, "form")])
                form_specs[role] = dict.fromkeys(views["models"][self.Case._name]["fields"], {})
            for name, check in self.duty_checks(user, case, form_specs[role]).items():
                result = self.attempt(check)
                if result is not True:
                    failures.append(f"{label}: {name}: {result!r}")
        self.assertFalse(failures, "\n".join(failures))

    def test_no_duty_no_case(self):
        """The board, a user without Verzuim groups and an employee see no case they hold
        no duty on (the board steers on aggregates)."""
        for role in ("board", "internal", "employee"):
            user = self.users[role]
            others = self.Case.browse([
                case.id for _r, _h, _m, case in self.scenarios
                if user not in (case.regievoerder_user_id | case.procesbewaker_user_id
                                | case.plan_ids.casemanager_id)
            ])
            with self.subTest(role=role):
                self.assertGreater(len(others), 40)
                self.assertFalse(self.Case.with_user(user).search([("id", "in", others.ids)]))
                self.assertFalse(self.Milestone.with_user(user).search(
                    [("case_id", "in", others.ids)]))
                self.assertFalse(self.Plan.with_user(user).search(
                    [("case_id", "in", others.ids)]))
                self.assertFalse(others.with_user(user).has_access("read"))

    def test_deadline_activities_go_to_who_can_open_the_case(self):
        """Every activity of the deadline job, for every role and model, is assigned to a
        user who can read its case; a milestone nobody holds goes to the escalation
        contact."""
        orphan = self.env["hr.employee"].create({
            "name": "Zonder Leidinggevende", "company_id": self.company.id,
        })
        orphan_case = self.make_case(orphan, start=START)
        self.assertFalse(orphan_case.regievoerder_user_id)
        cases = self.Case.browse([case.id for _r, _h, _m, case in self.scenarios]) | orphan_case
        self.env.flush_all()
        self.env["erm.alert.manager"]._run_deadline_alerts()
        activities = self.env["mail.activity"].search([
            ("res_model", "=", self.Case._name), ("res_id", "in", cases.ids),
        ])
        by_case = {case.id: case for case in cases}
        self.assertEqual({by_case[a.res_id].erm_model for a in activities},
                         {"I", "II", "III", "IV"})
        self.assertGreaterEqual(len(activities), 2 * len(self.scenarios))
        assignees = activities.user_id
        for role, holding, _model, _case in self.scenarios:
            if holding != "casemanager":
                self.assertIn(self.users[role], assignees, f"{role} as {holding}")
        self.assertIn(self.user_hr, activities.filtered(
            lambda a: a.res_id == orphan_case.id).user_id)
        blind = [
            f"{activity.summary} ({by_case[activity.res_id].erm_model}) for "
            f"{activity.user_id.login}"
            for activity in activities
            if not by_case[activity.res_id].with_user(activity.user_id).has_access("read")
        ]
        self.assertFalse(blind, "\n".join(blind))

    # ------------------------------------------------------------------ the app
    def test_app_opens_on_each_roles_own_work(self):
        """The app's root runs the start action: the case roles land on the case kanban
        (without Odoo's sample cards, with their own empty state), the company doctor on his
        advice, the board on the dashboard."""
        root = self.env.ref("erm_verzuim.menu_erm_root")
        start = self.env.ref("erm_verzuim.action_erm_start")
        cases = self.env.ref("erm_verzuim.erm_absence_case_action")
        self.assertEqual(root.action, start)
        self.assertEqual(cases.view_mode.split(",")[0], "kanban")
        expected = {
            "employee": "erm.absence.case", "manager": "erm.absence.case",
            "coach": "erm.absence.case", "hr": "erm.absence.case",
            "doctor": "erm.ba.advice", "board": "erm_reports.dashboard",
        }
        helps = set()
        for role, target in expected.items():
            with self.subTest(role=role):
                user = self.users[role]
                menus = self.env["ir.ui.menu"].with_user(user).load_web_menus(False)
                self.assertEqual(menus[root.id]["actionID"], start.id)
                action = start.with_user(user).run()
                self.assertEqual(action.get("res_model") or action.get("tag"), target)
                if target == "erm.absence.case":
                    helps.add(action["help"])
                    self.assertIn("o_view_nocontent_smiling_face", action["help"])
        self.assertEqual(len(helps), 4, "each case role has its own empty state")
        for view_type in ("kanban", "list"):
            arch = self.env["erm.absence.case"].get_views(
                [(False, view_type)])["views"][view_type]["arch"]
            self.assertNotIn("sample=", arch)

    def test_milestone_buttons_for_writers_only(self):
        """The employee (and the board) read milestones but cannot write them: the buttons
        "Mark done" and "Reopen" are not in their views."""
        Milestone = self.env["erm.wvp.milestone"]
        for role, shown in (("employee", False), ("board", False), ("manager", True),
                            ("coach", True), ("hr", True)):
            user = self.users[role]
            for view_type in ("form", "list"):
                arch = Milestone.with_user(user).get_views([(False, view_type)])["views"][
                    view_type]["arch"]
                with self.subTest(role=role, view=view_type):
                    self.assertEqual('name="action_mark_done"' in arch, shown)
                    if view_type == "form":
                        self.assertEqual('name="action_mark_open"' in arch, shown)

    # ------------------------------------------------------------------ the rule file
    def test_every_acl_is_narrowed_by_a_rule(self):
        """Group rules are OR-ed and a group without a rule for an operation is not narrowed
        at all: on every model with group rules, each ACL that grants an operation reaches
        (through the group or the groups it implies) a rule for that operation."""
        Rule = self.env["ir.rule"].sudo()
        rules = Rule.search([("groups", "!=", False), ("model_id.model", "=like", "erm.%")])
        models = rules.model_id
        self.assertIn(self.env["ir.model"]._get("erm.absence.case"), models)
        holes = []
        for access in self.env["ir.model.access"].sudo().search([("model_id", "in", models.ids)]):
            groups = access.group_id | access.group_id.trans_implied_ids
            for operation in ("read", "write", "create", "unlink"):
                if not access[f"perm_{operation}"]:
                    continue
                if not rules.filtered(lambda r, o=operation, g=groups, m=access.model_id: (
                        r.model_id == m and r[f"perm_{o}"] and r.groups & g)):
                    holes.append(f"{access.name}: {operation}")
        self.assertFalse(holes, "\n".join(holes))

    def test_rules_are_noupdate(self):
        """Customers may adapt the record rules: an update of the module keeps them."""
        data = self.env["ir.model.data"].sudo().search([
            ("module", "=", "erm_verzuim"), ("model", "=", "ir.rule"),
        ])
        self.assertGreater(len(data), 40)
        self.assertEqual(set(data.mapped("noupdate")), {True})
