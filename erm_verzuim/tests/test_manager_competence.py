# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Manager competences: the factsheet's skills with levels, the level required
per ERM model and company, a manager's coverage, the list "Leidinggevenden met
ontwikkelpunten", the overview for the model-choice wizard and who sees the warning on a
case (the director and HR, never the process guardian or anyone else)."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ErmTestCommon

START = date(2026, 9, 1)


@tagged("post_install", "-at_install", "erm_competence")
@freeze_time("2026-11-22")
class TestManagerCompetence(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stype = cls.env.ref("erm_verzuim.hr_skill_type_erm")
        cls.skills = cls.stype.skill_ids.sorted("sequence")
        cls.level = {
            key: cls.env.ref(f"erm_verzuim.hr_skill_level_erm_{xmlid}")
            for key, xmlid in (("none", "none"), ("basis", "training"),
                               ("vaardig", "mastered"), ("expert", "expert"))
        }
        # a second manager, of ICT, with half of the skills at expert and half at basis
        cls.user_manager_2 = new_test_user(
            cls.env, login="erm_manager_2", groups="erm_verzuim.group_erm_manager",
            company_id=cls.company.id, name="Ahmed Yilmaz",
        )
        cls.manager_2 = cls.env["hr.employee"].create({
            "name": "Ahmed Yilmaz", "company_id": cls.company.id,
            "user_id": cls.user_manager_2.id,
        })
        cls.ict = cls.env["hr.department"].create({
            "name": "ICT", "company_id": cls.company.id, "manager_id": cls.manager_2.id,
        })
        cls.rate(cls.manager, {skill: "vaardig" for skill in cls.skills})
        half = len(cls.skills) // 2
        cls.rate(cls.manager_2, {
            skill: ("expert" if index < half else "basis")
            for index, skill in enumerate(cls.skills)
        })
        cls.company.erm_doctor_user_ids = cls.user_doctor

    @classmethod
    def rate(cls, employee, levels):
        cls.env["hr.employee.skill"].search([
            ("employee_id", "=", employee.id), ("skill_type_id", "=", cls.stype.id),
        ]).unlink()
        cls.env["hr.employee.skill"].create([{
            "employee_id": employee.id, "skill_id": skill.id, "skill_type_id": cls.stype.id,
            "skill_level_id": cls.level[key].id,
        } for skill, key in levels.items()])

    def set_model(self, model, department=None):
        return self.env["erm.model.policy"].create({
            "company_id": self.company.id, "erm_model": model,
            "department_id": (department or self.department).id, "date_from": date(2026, 1, 1),
            "coach_user_ids": [(6, 0, self.user_coach.ids)],
            "hr_user_ids": [(6, 0, self.user_hr.ids)],
        })

    def coverage(self, employee):
        self.env.invalidate_all()
        return employee.with_user(self.user_hr).erm_competence_coverage

    # ------------------------------------------------------------------ the data
    def test_factsheet_skills_and_levels(self):
        self.assertEqual(len(self.skills), 26)
        self.assertEqual(self.skills[0], self.env.ref("erm_verzuim.hr_skill_erm_guidance"))
        self.assertIn("Knowledge of the Wet verbetering poortwachter", self.skills.mapped("name"))
        self.assertIn("Financial insight", self.skills.mapped("name"))
        levels = self.stype.skill_level_ids.sorted("level_progress")
        self.assertEqual(levels.mapped("name"), ["Nog niet", "Basis", "Vaardig", "Expert"])
        self.assertEqual(levels.mapped("level_progress"), [0, 33, 67, 100])
        # the required level per model: vaardig for a directing manager, nothing in IV
        self.assertEqual(
            [self.company[f"erm_competence_level_{n}"] for n in ("i", "ii", "iii", "iv")],
            ["vaardig", "vaardig", "vaardig", "none"],
        )

    # ------------------------------------------------------------------ coverage
    def test_coverage_per_manager(self):
        self.assertEqual(self.coverage(self.manager), 100.0)
        self.assertEqual(self.coverage(self.manager_2), 50.0)
        self.company.erm_competence_level_i = "expert"
        self.assertEqual(self.coverage(self.manager), 0.0)
        self.assertEqual(self.coverage(self.manager_2), 50.0)
        self.company.erm_competence_level_i = "basis"
        self.assertEqual(self.coverage(self.manager_2), 100.0)
        # a department in model IV: the coach directs, nothing is required of its manager
        self.company.erm_competence_level_i = "expert"
        self.set_model("IV")
        self.assertEqual(self.coverage(self.manager), 100.0)
        employee = self.manager.with_user(self.user_hr)
        self.assertEqual(employee.erm_competence_required_level, "none")
        self.assertFalse(employee.erm_competence_gaps)

    def test_strictest_model_applies(self):
        """A manager who directs cases under several models meets the strictest level."""
        self.company.erm_competence_level_ii = "expert"
        self.assertEqual(self.coverage(self.manager), 100.0)  # model I: vaardig
        self.set_model("II")
        self.assertEqual(self.coverage(self.manager), 0.0)
        employee = self.manager.with_user(self.user_hr)
        self.assertEqual(employee.erm_competence_required_level, "expert")
        self.assertIn("Guiding an absent employee", employee.erm_competence_gaps)

    def test_list_of_managers_with_development_points(self):
        Employee = self.env["hr.employee"].with_user(self.user_hr)
        action = self.env.ref("erm_verzuim.hr_employee_action_erm_competence_gaps")
        self.assertEqual(action.domain, "[('erm_competence_below_required', '=', True)]")
        below = Employee.search([("erm_competence_below_required", "=", True)])
        self.assertEqual(below, self.manager_2)
        self.assertIn(self.skills[-1].name, below.erm_competence_gaps)
        self.assertNotIn(self.skills[0].name, below.erm_competence_gaps)
        self.assertIn(self.manager, Employee.search(
            [("erm_competence_below_required", "=", False)]))
        menu = self.env.ref("erm_verzuim.menu_erm_competence_gaps")
        self.assertEqual(menu.groups_id, self.env.ref("erm_verzuim.group_erm_hr"))

    def test_overview_for_the_wizard(self):
        overview = self.env["hr.employee"]._erm_competence_overview(self.company)
        self.assertEqual(overview, {"managers": 2, "below_required": 1,
                                    "average_coverage": 75.0})
        # a manager in a model IV pilot is measured as a case director all the same
        self.company.erm_competence_level_i = "expert"
        self.set_model("IV", self.ict)
        overview = self.env["hr.employee"]._erm_competence_overview(self.company)
        self.assertEqual(overview, {"managers": 2, "below_required": 2,
                                    "average_coverage": 25.0})
        self.assertEqual(
            self.env["hr.employee"]._erm_competence_overview(self.company_2),
            {"managers": 0, "below_required": 0, "average_coverage": 0.0},
        )

    def test_coverage_is_hr_data(self):
        """HR reads a manager's coverage; the manager reads his own on his profile; nobody
        else reads it."""
        self.company.erm_competence_level_i = "expert"
        self.assertEqual(self.manager.with_user(self.user_hr).erm_competence_coverage, 0.0)
        own = self.user_manager.with_user(self.user_manager)
        self.assertEqual(own.read(["erm_competence_coverage"])[0]["erm_competence_coverage"],
                         0.0)
        for user in (self.user_employee, self.user_coach, self.user_manager_2):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.user_manager.with_user(user).read(["erm_competence_coverage"])
        with self.assertRaises(AccessError):
            self.manager.with_user(self.user_coach).read(["erm_competence_coverage"])
        profile = self.env["res.users"].with_user(self.user_manager).get_views(
            [(self.env.ref("hr.res_users_view_form_profile").id, "form")])
        self.assertIn("erm_competence_coverage", profile["views"]["form"]["arch"])

    # ------------------------------------------------------------------ the warning
    def test_warning_for_the_director_and_hr_only(self):
        """Model II: the manager directs, the coach guards the process. The warning names
        the gaps and suggests the coach's support, for the director and HR; the process
        guardian, the employee and the company doctor do not see it."""
        self.company.erm_competence_level_ii = "expert"
        self.set_model("II")
        case = self.make_case(start=START)
        self.assertEqual(case.regievoerder_user_id, self.user_manager)
        self.assertEqual(case.procesbewaker_user_id, self.user_coach)
        for user, shown in ((self.user_manager, True), (self.user_hr, True),
                            (self.user_admin, True), (self.user_coach, False),
                            (self.user_employee, False), (self.user_doctor, False)):
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                warning = self.Case.browse(case.id).with_user(user).erm_competence_warning
                self.assertEqual(bool(warning), shown)
                if shown:
                    self.assertIn(self.user_manager.name, warning)
                    self.assertIn("Expert", warning)
                    self.assertIn("absence coach", warning)
        # a colleague manager outside the team does not even open the case; the director's
        # own manager reads it (need-to-know) but does not see his HR data either
        self.assertFalse(case.with_user(self.user_manager_2)._filtered_access("read"))
        senior_user = new_test_user(
            self.env, login="erm_senior", groups="erm_verzuim.group_erm_manager",
            company_id=self.company.id, name="Senior",
        )
        self.manager.parent_id = self.env["hr.employee"].create({
            "name": "Senior", "company_id": self.company.id, "user_id": senior_user.id,
        })
        self.assertIn(senior_user, case.manager_user_ids)
        self.env.invalidate_all()
        senior_case = self.Case.browse(case.id).with_user(senior_user)
        self.assertTrue(senior_case._filtered_access("read"))
        self.assertFalse(senior_case.erm_competence_warning)
        # at the required level, no warning
        self.company.erm_competence_level_ii = "vaardig"
        self.env.invalidate_all()
        self.assertFalse(self.Case.browse(case.id).with_user(self.user_hr).erm_competence_warning)
        # one competence below it: the warning names that one only
        line = self.env["hr.employee.skill"].search([
            ("employee_id", "=", self.manager.id), ("skill_id", "=", self.skills[3].id),
        ])
        line.skill_level_id = self.level["basis"]
        self.env.invalidate_all()
        warning = self.Case.browse(case.id).with_user(self.user_manager).erm_competence_warning
        # the warning counts; the competences themselves are on his competence page
        self.assertIn(f"1 of {len(self.skills)}", warning)
        self.assertNotIn(self.skills[3].name, warning)
        self.assertIn(self.skills[3].name, self.manager.with_user(self.user_hr).erm_competence_gaps)

    def test_warning_is_short_and_links_to_the_competences(self):
        """The case shows the level and a count, not the list of competences; its link opens
        the director's own profile for him and his employee form for HR, for nobody else."""
        self.company.erm_competence_level_ii = "expert"
        self.set_model("II")
        case = self.make_case(start=START)
        self.env.invalidate_all()
        warning = self.Case.browse(case.id).with_user(self.user_hr).erm_competence_warning
        self.assertIn("Expert", warning)
        self.assertIn(f"{len(self.skills)} of {len(self.skills)}", warning)
        self.assertFalse([name for name in self.skills.mapped("name") if name in warning])
        self.assertLess(len(warning), 250)
        form = self.Case.with_user(self.user_hr).get_views([(False, "form")])
        self.assertIn("action_erm_view_director_competences", form["views"]["form"]["arch"])
        action = self.Case.browse(case.id).with_user(
            self.user_hr).action_erm_view_director_competences()
        self.assertEqual((action["res_model"], action["res_id"]), ("hr.employee", self.manager.id))
        action = self.Case.browse(case.id).with_user(
            self.user_manager).action_erm_view_director_competences()
        self.assertEqual((action["res_model"], action["res_id"]),
                         ("res.users", self.user_manager.id))
        with self.assertRaises(AccessError):
            self.Case.browse(case.id).with_user(
                self.user_coach).action_erm_view_director_competences()

    def test_warning_in_dutch(self):
        self.company.erm_competence_level_i = "expert"
        case = self.make_case(start=START)
        self.env.invalidate_all()
        warning = self.Case.browse(case.id).with_user(self.user_hr).with_context(
            lang="nl_NL").erm_competence_warning
        self.assertIn("verzuimcoach", warning)
        self.assertIn("competenties", warning)

    def test_no_warning_when_the_coach_directs(self):
        self.company.erm_competence_level_iv = "expert"
        self.set_model("IV")
        case = self.make_case(start=START)
        self.assertEqual(case.regievoerder_user_id, self.user_coach)
        self.env.invalidate_all()
        self.assertFalse(self.Case.browse(case.id).with_user(self.user_hr).erm_competence_warning)
