# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Quarterly reviews per configured group of companies or departments: the
scheduled action plans one review per group and quarter instead of the companies' own, the
agenda shows each member's figures, the evidence counts for every member company, and
participants must have access to the review's company."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ErmTestCommon

TODAY = date(2026, 11, 22)
Q4 = date(2026, 10, 1)


@tagged("post_install", "-at_install", "erm_review")
@freeze_time("2026-11-22 10:00:00")
class TestStakeholderReviewScope(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Review = cls.env["erm.stakeholder.review"]
        cls.Scope = cls.env["erm.stakeholder.review.scope"]
        cls.company.erm_review_organiser_id = cls.user_hr
        cls.department_2 = cls.env["hr.department"].create({
            "name": "Facilitair", "company_id": cls.company.id,
        })
        cls.sub_department = cls.env["hr.department"].create({
            "name": "Zorg Noord", "company_id": cls.company.id,
            "parent_id": cls.department.id,
        })
        cls.env["hr.employee"].create({
            "name": "Piet Noord", "company_id": cls.company.id,
            "department_id": cls.sub_department.id,
        })

    def series(self, scope=None, company=None):
        domain = [("scope_id", "=", scope.id)] if scope else [
            ("company_id", "=", (company or self.company).id), ("scope_id", "=", False)]
        return self.Review.with_context(active_test=False).search(domain)

    def test_group_of_companies_replaces_company_reviews(self):
        group = self.Scope.create({
            "name": "Holding", "kind": "companies", "company_id": self.company.id,
            "company_ids": [(6, 0, self.company_2.ids)],
        })
        self.assertEqual(group.company_ids, self.company | self.company_2)  # main one added
        self.Review._cron_plan_reviews(TODAY)
        self.Review._cron_plan_reviews(TODAY)
        review = self.series(group)
        self.assertEqual(len(review), 1)
        self.assertEqual(review.company_id, self.company)
        self.assertEqual(review.organiser_id, self.user_hr)
        self.assertIn("Holding", review.name)
        self.assertFalse(self.series(company=self.company))
        self.assertFalse(self.series(company=self.company_2))
        # the agenda holds each company's sections, named after it
        self.make_case(start=date(2026, 8, 3))
        review.with_user(self.user_hr).action_make_agenda()
        titles = [s["title"] for s in review.snapshot["sections"].values()]
        self.assertTrue(any(t.endswith(self.company.name) for t in titles))
        self.assertTrue(any(t.endswith(self.company_2.name) for t in titles))
        # held, it proves the precondition for both companies
        review.action_mark_held()
        evidence = self.Review._erm_precondition_evidence(self.company | self.company_2)
        self.assertEqual(set(evidence), {self.company.id, self.company_2.id})

    def test_group_of_departments_beside_company_review(self):
        group = self.Scope.create({
            "name": "Regio Zorg", "kind": "departments", "company_id": self.company.id,
            "department_ids": [(6, 0, (self.department | self.department_2).ids)],
            "replaces_company_reviews": False, "organiser_id": self.user_coach.id,
        })
        self.Review._cron_plan_reviews(TODAY)
        self.assertEqual(len(self.series(company=self.company)), 1)
        review = self.series(group)
        self.assertEqual(review.organiser_id, self.user_coach)
        # open cases per member department, the sub-department's included
        self.make_case(start=date(2026, 8, 3))
        review.with_user(self.user_coach).action_make_agenda()
        cases = {s["title"]: s for k, s in review.snapshot["sections"].items()
                 if k.startswith("cases@")}
        zorg = cases[next(t for t in cases if t.endswith(" - Zorg"))]
        facilitair = cases[next(t for t in cases if t.endswith(" - Facilitair"))]
        if not zorg.get("suppressed"):
            self.assertEqual(zorg["rows"][-1][-1], 1)
        if not facilitair.get("suppressed"):
            self.assertEqual(facilitair["rows"][-1][-1], 0)
        # a second review of the group in the quarter is refused, clearly
        with self.assertRaises(ValidationError) as error:
            self.Review.with_context(lang="nl_NL").create({
                "scope_id": group.id, "date_quarter_start": Q4,
            })
        self.assertIn("Regio Zorg heeft al een kwartaaloverleg", str(error.exception))

    def test_group_needs_members(self):
        with self.assertRaises(ValidationError) as error:
            self.Scope.with_context(lang="nl_NL").create({
                "name": "Leeg", "kind": "departments", "company_id": self.company.id,
            })
        self.assertIn("ten minste één afdeling", str(error.exception))
        with self.assertRaises(ValidationError):
            self.Scope.create({"name": "Alleen", "kind": "companies",
                               "company_id": self.company.id})
        group = self.Scope.create({
            "name": "Regio", "company_id": self.company.id,
            "department_ids": [(6, 0, self.department.ids)],
        })
        with self.assertRaises(UserError):
            group.with_user(self.user_hr).unlink()
        group.with_user(self.user_hr).action_archive()
        self.assertFalse(group.active)

    def test_review_keeps_company_and_group(self):
        review = self.Review.create({"company_id": self.company.id,
                                     "date_quarter_start": Q4})
        with self.assertRaises(UserError):
            review.with_user(self.user_hr).write({"company_id": self.company_2.id})

    def test_participants_need_the_company(self):
        outsider = new_test_user(
            self.env, login="erm_hr_elsewhere", groups="erm_verzuim.group_erm_hr",
            company_id=self.company_2.id, company_ids=[(6, 0, self.company_2.ids)],
        )
        with self.assertRaises(ValidationError) as error:
            self.Review.with_context(lang="nl_NL").create({
                "company_id": self.company.id, "date_quarter_start": Q4,
                "participant_user_ids": [(6, 0, (self.user_hr | outsider).ids)],
            })
        self.assertIn("geen toegang tot", str(error.exception))
        # the default circle leaves such users out
        self.company_2.erm_review_organiser_id = outsider
        review = self.Review.create({"company_id": self.company_2.id,
                                     "date_quarter_start": Q4})
        self.assertTrue(all(self.company_2 in u.company_ids
                            for u in review.participant_user_ids))
