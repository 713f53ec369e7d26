# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The company doctor's advice (domain.md §5): the only output of the bedrijfsarts the employer
holds, and the source of the degree of incapacity."""

from datetime import date

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import format_date
from odoo.tools.safe_eval import safe_eval

from .erm_access_common import ErmAccessCommon

START = date(2026, 9, 1)


@tagged("post_install", "-at_install", "erm_ba_advice")
@freeze_time("2026-11-22 10:00:00")
class TestErmBaAdvice(ErmAccessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls.make_case(start=START)
        cls.Advice = cls.env["erm.ba.advice"].with_user(cls.user_doctor)

    def test_screens_new_advice_course_line_and_no_degree(self):
        """Advice > New offers the doctor the cases of his companies; an issued advice names
        its course line in words, and one without a degree shows no "0,0"."""
        domain = safe_eval(self.Advice.fields_get(["case_id"])["case_id"]["domain"] or "[]",
                           {"company_id": False, "uid": self.user_doctor.id})
        offered = self.env["erm.absence.case"].with_user(self.user_doctor).name_search(
            "", domain, limit=None)
        self.assertIn(self.case.id, [case_id for case_id, _name in offered])
        advice = self.Advice.create({
            "case_id": self.case.id, "incapacity_pct": 50,
            "incapacity_date_from": date(2026, 10, 6),
        })
        advice.action_issue()
        name = advice.period_id.with_user(self.user_doctor).with_context(
            lang="en_US").display_name
        self.assertNotIn("erm.absence.period", name)
        self.assertIn("50%", name)
        self.assertIn(format_date(self.env, date(2026, 10, 6), lang_code="en_US"), name)
        arch = etree.fromstring(self.Advice.get_views([(False, "form")])["views"]["form"]["arch"])
        pct = arch.xpath("//field[@name='incapacity_pct']")[0]
        self.assertEqual(pct.get("invisible"), "state != 'draft' and not incapacity_date_from")

    def test_issue_sets_the_course_and_completes_the_problem_analysis(self):
        advice = self.Advice.create({
            "case_id": self.case.id, "advice_type": "probleemanalyse",
            "date_advice": date(2026, 10, 5), "fml_dynamic": "limited",
            "fml_hours": "limited", "hours_per_day": 4, "hours_per_week": 20,
            "expected_duration": "long", "incapacity_pct": 50,
            "incapacity_date_from": date(2026, 10, 6),
            "possibilities": "Licht administratief werk, geen tilwerk.",
            "adjustments": "Bureau op zithoogte.",
        })
        self.assertEqual(advice.doctor_user_id, self.user_doctor)
        # a draft is the doctor's own: nobody else sees it yet
        self.assertFalse(self.env["erm.ba.advice"].with_user(self.user_manager).search(
            [("id", "=", advice.id)]))
        advice.action_issue()
        self.assertEqual(advice.state, "issued")
        self.assertEqual(advice.period_id.date_from, date(2026, 10, 6))
        self.assertEqual(self.case.incapacity_pct, 50.0)
        pa = advice.milestone_id
        self.assertEqual(pa.code, "probleemanalyse")
        self.assertEqual(pa.date_done, date(2026, 10, 5))
        self.assertEqual(pa.state, "done")
        # issued: final, and readable by the case's stakeholders
        with self.assertRaises(UserError):
            advice.write({"hours_per_day": 6})
        self.assertEqual(
            self.env["erm.ba.advice"].with_user(self.user_manager).search(
                [("id", "=", advice.id)]), advice)
        # a later advice on the same day updates that course line
        update = self.Advice.create({
            "case_id": self.case.id, "incapacity_pct": 40,
            "incapacity_date_from": date(2026, 10, 6),
        })
        update.action_issue()
        self.assertEqual(update.period_id, advice.period_id)
        self.assertEqual(self.case.incapacity_pct, 40.0)

    def test_zero_percent_reports_recovery(self):
        advice = self.Advice.create({
            "case_id": self.case.id, "incapacity_pct": 0,
            "incapacity_date_from": date(2026, 11, 2),
        })
        advice.action_issue()
        self.assertEqual(self.case.date_recovered, date(2026, 11, 2))
        self.assertEqual(self.case.state, "hersteld")

    def test_only_the_companys_doctor_writes(self):
        for user in (self.user_manager, self.user_hr, self.user_admin, self.user_coach,
                     self.user_employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["erm.ba.advice"].with_user(user).create({"case_id": self.case.id})
        self.company.erm_doctor_user_ids = False
        with self.assertRaises(AccessError):
            self.Advice.create({"case_id": self.case.id})

    def test_bad_input(self):
        with self.assertRaises(ValidationError):  # 30 hours a week at 4 hours a day
            self.Advice.create({"case_id": self.case.id, "hours_per_day": 4,
                                "hours_per_week": 30})
        with self.assertRaises(ValidationError):  # before the first sick day
            self.Advice.create({"case_id": self.case.id, "incapacity_pct": 50,
                                "incapacity_date_from": date(2026, 8, 1)})
        with self.assertRaises(ValidationError):  # fully fit on the first sick day
            self.Advice.create({"case_id": self.case.id, "incapacity_pct": 0,
                                "incapacity_date_from": START}).action_issue()
        for vals in ({"incapacity_pct": -1}, {"incapacity_pct": 101}, {"hours_per_day": 25},
                     {"hours_per_week": -4}):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                self.Advice.create(dict(vals, case_id=self.case.id))

    def test_course_lines_come_from_the_doctor(self):
        """Nobody but the administrator edits the course directly."""
        period = self.case.period_ids
        for user in (self.user_manager, self.user_hr, self.user_coach, self.user_doctor):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                period.with_user(user).write({"incapacity_pct": 50})

    def test_form_states_no_medical_data(self):
        arch = self.env["erm.ba.advice"].get_view(view_type="form")["arch"]
        self.assertIn("No diagnosis, complaints or treatment", arch)
        for fname in ("possibilities", "adjustments", "intervention_advice"):
            self.assertIn("No diagnosis, complaints or treatment",
                          self.env["erm.ba.advice"]._fields[fname].help)
        # the advice carries nothing but the allowed data: no free field outside the list
        allowed = {
            "case_id", "company_id", "employee_id", "doctor_user_id", "advice_type",
            "date_advice", "state", "date_issued", "fml_personal", "fml_social",
            "fml_environment", "fml_dynamic", "fml_static", "fml_hours", "hours_per_day",
            "hours_per_week", "expected_duration", "incapacity_pct", "incapacity_date_from",
            "possibilities", "adjustments", "intervention_advice", "milestone_id", "period_id",
            "name",
            # a service of the provider network, chosen from the catalogue
            "proposed_service_id",
        }
        Advice = self.env["erm.ba.advice"]
        own = {
            name for name, field in Advice._fields.items()
            if not field.automatic and field.model_name == Advice._name
            and not name.startswith(("message_", "activity_", "website_", "has_message",
                                     "rating_", "my_activity"))
        }
        self.assertEqual(own - allowed, set())
