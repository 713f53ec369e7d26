# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who makes the plan of action and its evaluations, as the form lets him (odoo.tests.Form
applies the view's readonly expressions): the case director and the process guardian in
every ERM model; the employee writes only his own view. And the sick report's checks that
run before a case number is taken."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import format_date

from .common import ErmTestCommon

TODAY = date(2026, 11, 22)
START = date(2026, 9, 28)  # week 8 ends on 22 November


@tagged("post_install", "-at_install")
@freeze_time("2026-11-22 10:00:00")
class TestPlanWriters(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["erm.reintegration.plan"]

    def set_model(self, model):
        self.env["erm.model.policy"].create({
            "company_id": self.company.id, "erm_model": model,
            "department_id": self.department.id, "date_from": date(2026, 1, 1),
            "coach_user_ids": [(6, 0, self.user_coach.ids)],
            "hr_user_ids": [(6, 0, self.user_hr.ids)],
        })

    def plan_form(self, user, case=None, **context):
        Plan = self.Plan.with_user(user).with_context(**context)
        if case:
            Plan = Plan.with_context(default_case_id=case.id)
        return Form(Plan)

    def write_plan(self, form, kind="plan_van_aanpak"):
        """What the director fills in: the form refuses a read-only field."""
        form.kind = kind
        if kind == "plan_van_aanpak":
            form.casemanager_id = self.user_coach
        form.goal = "own_work"
        form.agreements = "Three mornings a week own work."
        form.view_employer = "Feasible with adapted shifts."
        return form.save()

    def sign(self, plan, text="I start with three mornings."):
        as_employee = plan.with_user(self.user_employee)
        as_employee.write({"view_employee": text})
        as_employee.action_sign_employee_view()

    def milestone(self, case, code, sequence=0):
        return case.milestone_ids.filtered(
            lambda m: m.code == code and m.sequence == sequence
        )

    def test_director_makes_and_agrees_the_plan_from_the_case(self):
        """Model I: the manager directs. A new plan from the case's tab is his to write."""
        case = self.make_case(start=START)
        self.assertEqual(case.regievoerder_user_id, self.user_manager)
        form = self.plan_form(self.user_manager, case)
        self.assertTrue(form.erm_is_director)
        plan = self.write_plan(form)
        self.assertEqual(plan.casemanager_id, self.user_coach)
        self.assertEqual(plan.view_employer_date, TODAY)
        self.sign(plan)
        plan.with_user(self.user_manager).action_done()
        self.assertEqual(plan.state, "done")
        self.assertEqual(self.milestone(case, "plan_van_aanpak").date_done, TODAY)

    def test_from_the_menu_the_flags_follow_the_case(self):
        """Plans and evaluations > New: the chosen case decides who writes."""
        case = self.make_case(start=START)
        form = self.plan_form(self.user_manager)
        form.case_id = case
        self.assertTrue(form.erm_is_director)
        plan = self.write_plan(form)
        self.assertEqual(plan.case_id, case)
        form = self.plan_form(self.user_hr)  # reads every case, directs none in model I
        form.case_id = case
        self.assertFalse(form.erm_is_director)
        with self.assertRaises(AssertionError):
            form.agreements = "Not his to write."

    def test_coach_directs_in_model_iv(self):
        self.set_model("IV")
        case = self.make_case(start=START)
        self.assertEqual(case.regievoerder_user_id, self.user_coach)
        plan = self.write_plan(self.plan_form(self.user_coach, case))
        self.sign(plan)
        plan.with_user(self.user_coach).action_done()
        self.assertEqual(self.milestone(case, "plan_van_aanpak").date_done, TODAY)
        evaluation = self.write_plan(self.plan_form(self.user_coach, case), kind="evaluatie")
        self.sign(evaluation)
        evaluation.with_user(self.user_coach).action_done()
        self.assertEqual(self.milestone(case, "evaluatie", 1).date_done, TODAY)
        # the manager keeps reading the case in model IV, but does not write its plans
        with self.assertRaises(AccessError):
            evaluation.with_user(self.user_manager).write({"agreements": "Other."})
        self.assertFalse(self.plan_form(self.user_manager, case).erm_is_director)

    def test_process_guardian_writes_the_plan_in_model_iii(self):
        self.set_model("III")
        case = self.make_case(start=START)
        self.assertEqual(case.procesbewaker_user_id, self.user_hr)
        form = self.plan_form(self.user_hr, case)
        self.assertTrue(form.erm_is_director)
        plan = self.write_plan(form)
        plan.with_user(self.user_manager).write({"agreements": "Four mornings."})
        with Form(plan.with_user(self.user_hr)) as edit:
            edit.goal = "adapted_work"
        self.assertEqual(plan.goal, "adapted_work")

    def test_the_employee_view_is_his_own(self):
        case = self.make_case(start=START)
        plan = self.write_plan(self.plan_form(self.user_manager, case))
        form = Form(plan.with_user(self.user_manager))
        with self.assertRaises(AssertionError):  # read-only in the director's form
            form.view_employee = "Agreed."
        with self.assertRaises(AccessError):
            plan.with_user(self.user_manager).write({"view_employee": "Agreed."})
        with self.assertRaises(AccessError):
            self.Plan.with_user(self.user_manager).create({
                "case_id": case.id, "kind": "evaluatie", "view_employee": "Agreed.",
            })
        own = Form(plan.with_user(self.user_employee))
        self.assertTrue(own.erm_is_own_plan)
        own.view_employee = "I start with three mornings."
        own.save()
        self.assertEqual(plan.view_employee, "I start with three mornings.")
        with self.assertRaises(AccessError):  # ... and nothing else
            plan.with_user(self.user_employee).write({"agreements": "None."})

    def test_dialog_title_reads_well_in_dutch(self):
        """Odoo's Dutch "Create %s" ("%s . maken") titles the dialog of a new plan."""
        translations, _params = self.env["ir.http"].get_translations_for_webclient(
            ["web"], "nl_NL",
        )
        terms = {m["id"]: m["string"] for m in translations["web"]["messages"]}
        if "Create %s" not in terms:
            self.skipTest("Odoo's Dutch catalogue of the web client has no 'Create %s'")
        self.assertEqual(terms["Create %s"], "%s maken")


@tagged("post_install", "-at_install")
@freeze_time("2026-11-22 10:00:00")
class TestSickReportChecks(ErmTestCommon):
    def report(self, **vals):
        return self.env["erm.sick.report.wizard"].with_user(self.user_manager).create(dict(
            {"employee_id": self.employee.id, "date_start": TODAY, "date_reported": TODAY},
            **vals,
        )).action_confirm()

    def next_number(self):
        sequence = self.env["ir.sequence"].search([("code", "=", "erm.absence.case")])
        return sequence.number_next_actual

    def assert_refused(self, text, **vals):
        before = self.next_number()
        with self.assertRaises(ValidationError) as caught:
            self.report(**vals)
        self.assertIn(text, str(caught.exception))
        self.assertNotIn("VZ/", str(caught.exception).replace(self.existing_name(), ""))
        self.assertEqual(self.next_number(), before, "a refused report takes no number")
        return str(caught.exception)

    def existing_name(self):
        case = self.Case.search([("employee_id", "=", self.employee.id)], limit=1)
        return case.name or "-"

    def test_expected_return_before_the_first_sick_day(self):
        self.assert_refused("expected return", date_expected_return=TODAY - timedelta(days=3))
        self.assert_refused("expected return", date_expected_return=TODAY)
        self.assertFalse(self.Case.search([("employee_id", "=", self.employee.id)]))
        self.report(date_expected_return=TODAY + timedelta(days=3))
        case = self.Case.search([("employee_id", "=", self.employee.id)])
        self.assertEqual(case.date_expected_return, TODAY + timedelta(days=3))

    def test_expected_return_on_the_case(self):
        case = self.make_case(start=TODAY - timedelta(days=10))
        with self.assertRaises(ValidationError):
            case.with_user(self.user_manager).write(
                {"date_expected_return": TODAY - timedelta(days=11)}
            )

    def test_future_first_day_names_no_case(self):
        start = TODAY + timedelta(days=5)
        message = self.assert_refused("Jan Jansen", date_start=start)
        # the date in the reporter's own format, never ISO
        self.assertIn(format_date(self.env(user=self.user_manager), start), message)
        self.assertNotIn(start.isoformat(), message)

    def test_open_case_named_not_a_new_one(self):
        case = self.make_case(start=TODAY - timedelta(days=20))
        message = self.assert_refused("Jan Jansen")
        self.assertIn(case.name, message)
        case.date_recovered = TODAY - timedelta(days=5)
        message = self.assert_refused("Jan Jansen", date_start=TODAY - timedelta(days=7))
        self.assertIn(case.name, message)

    def test_earlier_closed_absence_is_accepted(self):
        """Registering a past, closed absence before an open case is no overlap."""
        self.make_case(start=TODAY - timedelta(days=20))
        earlier = self.make_case(
            start=TODAY - timedelta(days=60), recovered=TODAY - timedelta(days=40),
        )
        self.assertEqual(earlier.date_recovered, TODAY - timedelta(days=40))
        with self.assertRaises(ValidationError):  # ... but one reaching into it is
            self.make_case(
                start=TODAY - timedelta(days=30), recovered=TODAY - timedelta(days=10),
            )
