# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""ERM models (domain.md §2): dated policies per company and department, duty resolution,
and what a change moves: milestones, activities, followers and access."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .erm_access_common import ErmAccessCommon

START = date(2026, 9, 1)


@tagged("post_install", "-at_install", "erm_models")
@freeze_time("2026-11-22 10:00:00")
class TestErmModelPolicy(ErmAccessCommon):
    def milestone(self, case, code):
        return self.env["erm.wvp.milestone"].search(
            [("chain_root_id", "=", case.chain_root_id.id), ("code", "=", code)]
        )

    def test_no_policy_is_model_one(self):
        case = self.make_case(start=START)
        self.assertEqual(case.erm_model, "I")
        self.assertFalse(case.erm_policy_id)
        self.assertEqual(case.regievoerder_user_id, self.user_manager)
        self.assertEqual(case.procesbewaker_user_id, self.user_manager)
        self.assertEqual(case.manager_user_ids, self.user_manager)
        self.assertIn(self.user_manager.partner_id, case.message_partner_ids)

    def test_each_model_resolves_its_duty_holders(self):
        case = self.make_case(start=START)
        expected = {
            "II": (self.user_manager, self.user_coach),
            "III": (self.user_manager, self.user_hr),
            "IV": (self.user_coach, self.user_coach),
        }
        for day, model in enumerate(("II", "III", "IV"), start=1):
            with self.subTest(model=model), freeze_time(date(2026, 11, 22) + timedelta(days=day)):
                self.set_model(model, date_from=date(2026, 11, 22) + timedelta(days=day))
                self.assertEqual(case.erm_model, model)
                self.assertEqual(
                    (case.regievoerder_user_id, case.procesbewaker_user_id), expected[model]
                )
                pa = self.milestone(case, "probleemanalyse")
                plan = self.milestone(case, "plan_van_aanpak")
                self.assertEqual(pa.responsible_user_id, expected[model][1])
                self.assertEqual(plan.responsible_user_id, expected[model][0])
        # history: three policies, each ended the day before the next one
        policies = self.Policy.search([("department_id", "=", self.department.id)],
                                      order="date_from")
        self.assertEqual(policies.mapped("erm_model"), ["II", "III", "IV"])
        self.assertEqual(policies[0].date_to, policies[1].date_from - timedelta(days=1))
        self.assertEqual(policies[1].date_to, policies[2].date_from - timedelta(days=1))
        self.assertFalse(policies[2].date_to)

    def test_changing_the_model_moves_work_and_access(self):
        """Model II -> III: the process guardian changes from the coach to HR. His open
        milestones, deadline activities and case activities go to HR; the coach loses the
        case; the closed case keeps its holders; the chatter shows the change."""
        self.set_model("II", date_from=date(2026, 8, 1))
        closed = self.make_case(self.colleague, start=date(2026, 9, 7),
                                recovered=date(2026, 9, 20))
        case = self.make_case(start=START)
        self.assertEqual(case.procesbewaker_user_id, self.user_coach)
        self.assertEqual(closed.procesbewaker_user_id, self.user_coach)
        Activity = self.env["mail.activity"]
        case_activity = case.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.user_coach.id, summary="Bellen",
        )
        director_activity = case.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.user_manager.id, summary="Gesprek",
        )
        # the deadline activities of the alert job for the overdue milestones
        self.env.flush_all()
        self.env["erm.alert.manager"]._run_deadline_alerts()
        pa = self.milestone(case, "probleemanalyse")
        deadline_activities = Activity.search([("erm_milestone_id", "=", pa.id)])
        self.assertEqual(deadline_activities.user_id, self.user_coach)
        case.with_user(self.user_coach).read(["name"])  # the coach sees the case

        self.env.cr.flush()  # start tracking afresh: the setup ran without it
        policy = self.set_model("III", context={"tracking_disable": False})
        self.env.cr.flush()  # the commit-time hooks: tracking and the activity sync

        self.assertEqual(case.erm_policy_id, policy)
        self.assertEqual(case.procesbewaker_user_id, self.user_hr)
        self.assertEqual(case.regievoerder_user_id, self.user_manager)
        self.assertEqual(pa.responsible_user_id, self.user_hr)
        self.assertEqual(self.milestone(case, "plan_van_aanpak").responsible_user_id,
                         self.user_manager)
        self.assertEqual(case_activity.user_id, self.user_hr)
        self.assertEqual(director_activity.user_id, self.user_manager)
        self.assertEqual(Activity.search([("erm_milestone_id", "=", pa.id)]).user_id,
                         self.user_hr)
        self.assertNotIn(self.user_coach.partner_id, case.message_partner_ids)
        self.assertIn(self.user_hr.partner_id, case.message_partner_ids)
        # access follows the duty
        with self.assertRaises(AccessError):
            case.with_user(self.user_coach).read(["name"])
        case.with_user(self.user_hr).write({"work_accident": True})
        # the closed case keeps who held its duties
        self.assertEqual(closed.procesbewaker_user_id, self.user_coach)
        self.assertEqual(closed.erm_model, "II")
        # the change is in the chatter
        tracked = case.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("procesbewaker_user_id", tracked)
        self.assertIn("erm_model", tracked)

    def test_department_pilot_with_validity(self):
        """A sub-department runs model IV for a period; afterwards the department's policy
        applies again (daily job)."""
        north = self.env["hr.department"].create({
            "name": "Zorg Noord", "parent_id": self.department.id, "company_id": self.company.id,
            "manager_id": self.manager.id,
        })
        self.colleague.department_id = north
        self.set_model("II")  # the parent department
        pilot = self.set_model("IV", department=north, date_from=date(2026, 11, 1),
                               date_to=date(2026, 11, 30))
        case = self.make_case(self.colleague, start=START)
        own = self.make_case(start=START)
        self.assertEqual(case.erm_policy_id, pilot)
        self.assertEqual(case.regievoerder_user_id, self.user_coach)
        self.assertEqual(own.erm_model, "II")  # Zorg itself is no pilot
        with freeze_time("2026-12-01"):
            self.Policy._cron_apply_policies()
            self.assertEqual(case.erm_model, "II")
            self.assertEqual(case.regievoerder_user_id, self.user_manager)
            self.assertEqual(case.procesbewaker_user_id, self.user_coach)

    def test_future_policy_applies_from_its_date(self):
        case = self.make_case(start=START)
        self.set_model("IV", date_from=date(2026, 12, 1))
        self.assertEqual(case.erm_model, "I")
        with freeze_time("2026-12-01"):
            self.Policy._cron_apply_policies()
            self.assertEqual(case.erm_model, "IV")
            self.assertEqual(case.regievoerder_user_id, self.user_coach)

    def test_org_chart_change_moves_duties(self):
        """A new department manager directs the cases and sees them; the former one no
        longer does."""
        case = self.make_case(start=START)
        new_user = self.env["res.users"].create({
            "name": "Sanne de Boer", "login": "erm_new_manager",
            "groups_id": [(6, 0, self.env.ref("erm_verzuim.group_erm_manager").ids)],
            "company_id": self.company.id, "company_ids": [(6, 0, self.company.ids)],
        })
        new_manager = self.env["hr.employee"].create({
            "name": "Sanne de Boer", "company_id": self.company.id, "user_id": new_user.id,
        })
        self.department.manager_id = new_manager
        self.employee.parent_id = new_manager
        self.assertEqual(case.regievoerder_user_id, new_user)
        self.assertEqual(self.milestone(case, "probleemanalyse").responsible_user_id, new_user)
        self.assertIn(new_user, case.manager_user_ids)
        self.assertNotIn(self.user_manager, case.manager_user_ids)
        case.with_user(new_user).read(["name"])
        with self.assertRaises(AccessError):
            case.with_user(self.user_manager).read(["name"])

    def test_policy_history_is_kept(self):
        policy = self.set_model("II", date_from=date(2026, 1, 1))
        with self.assertRaises(ValidationError):
            policy.erm_model = "III"  # in force since before today: history
        with self.assertRaises(ValidationError):
            self.set_model("III", date_from=date(2026, 1, 1))  # overlaps
        with self.assertRaises(AccessError):
            policy.with_user(self.user_admin).unlink()
        with self.assertRaises(ValidationError):
            self.set_model("IV", date_from=date(2026, 12, 1), coach_user_ids=[(5, 0, 0)])
        with self.assertRaises(ValidationError):
            self.set_model("III", date_from=date(2026, 12, 1), hr_user_ids=[(5, 0, 0)])
        policy.coach_user_ids = [(4, self.user_admin.id)]  # people may change in place
        self.assertTrue(policy.exists())
        # HR sets the policy (domain.md §1); the other roles read it only
        for user in (self.user_manager, self.user_coach, self.user_board):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Policy.with_user(user).create({
                    "company_id": self.company.id, "erm_model": "I",
                    "date_from": date(2027, 1, 1),
                })
        hr_policy = self.Policy.with_user(self.user_hr).create({
            "company_id": self.company.id, "erm_model": "I", "date_from": date(2027, 1, 1),
        })
        self.assertEqual(hr_policy.erm_model, "I")

    def test_settings_start_a_new_policy(self):
        admin = self.env.ref("base.user_admin")  # settings need Administration rights
        admin.company_ids = [(4, self.company.id)]
        settings = self.env["res.config.settings"].with_user(admin).with_context(
            allowed_company_ids=self.company.ids).create({})
        self.assertEqual(settings.erm_model, "I")
        settings.write({
            "erm_model": "II", "erm_model_date_from": date(2026, 11, 22),
            "erm_coach_user_ids": [(6, 0, self.user_coach.ids)],
            "erm_doctor_user_ids": [(6, 0, self.user_doctor.ids)],
            "erm_retention_erdzw_years": 6,
        })
        settings.execute()
        default = self.Policy.search([("company_id", "=", self.company.id),
                                      ("department_id", "=", False)])
        self.assertEqual(default.erm_model, "II")
        self.assertEqual(default.coach_user_ids, self.user_coach)
        self.assertEqual(self.company.erm_retention_erdzw_years, 6)
        with freeze_time("2026-12-01"):
            settings = self.env["res.config.settings"].with_user(admin).with_context(
                allowed_company_ids=self.company.ids).create({})
            self.assertEqual(settings.erm_model, "II")
            settings.write({"erm_model": "IV"})
            settings.execute()
        policies = self.Policy.search([("company_id", "=", self.company.id),
                                       ("department_id", "=", False)], order="date_from")
        self.assertEqual(policies.mapped("erm_model"), ["II", "IV"])
        self.assertEqual(policies[0].date_to, date(2026, 11, 30))

    def test_competence_warning(self):
        case = self.make_case(start=START)
        Case = self.env["erm.absence.case"]
        warning = Case.browse(case.id).with_user(self.user_hr).erm_competence_warning
        self.assertIn(self.user_manager.name, warning)
        # short on the case; the competences are named on the manager's competence page
        self.assertNotIn("Knowledge of the Wet verbetering poortwachter", warning)
        self.assertIn("Knowledge of the Wet verbetering poortwachter",
                      self.manager.with_user(self.user_hr).erm_competence_gaps)
        # the employee does not see his manager's HR data
        self.assertFalse(Case.browse(case.id).with_user(self.user_employee).erm_competence_warning)
        skill_type = self.env.ref("erm_verzuim.hr_skill_type_erm")
        mastered = self.env.ref("erm_verzuim.hr_skill_level_erm_mastered")
        self.env["hr.employee.skill"].create([{
            "employee_id": self.manager.id, "skill_id": skill.id,
            "skill_type_id": skill_type.id, "skill_level_id": mastered.id,
        } for skill in skill_type.skill_ids])
        self.env.invalidate_all()
        self.assertFalse(Case.browse(case.id).with_user(self.user_hr).erm_competence_warning)
        # a coach directing in model IV is no manager: no warning
        self.set_model("IV")
        self.env.invalidate_all()
        self.assertFalse(Case.browse(case.id).with_user(self.user_hr).erm_competence_warning)

    def test_duty_warning_without_manager(self):
        loner = self.env["hr.employee"].create({
            "name": "Piet Zonder", "company_id": self.company.id,
        })
        case = self.make_case(loner, start=START)
        self.assertFalse(case.regievoerder_user_id)
        self.assertTrue(case.with_user(self.user_hr).erm_duty_warning)

    def test_tbv_view(self):
        self.set_model("II")
        case = self.make_case(start=START)
        for user in (self.user_employee, self.user_manager, self.user_coach, self.user_hr,
                     self.user_doctor):
            with self.subTest(user=user.login):
                html = str(case.with_user(user).erm_tbv_html)
                self.assertIn("Process guardian", html)
                self.assertIn(self.user_coach.name, html)
                self.assertIn(self.user_manager.name, html)
                self.assertIn("Company doctor", html)
        policy_html = str(self.Policy.search(
            [("department_id", "=", self.department.id)]).tbv_html)
        self.assertIn("Model II", policy_html)
        self.assertIn("Guards the deadlines", policy_html)

