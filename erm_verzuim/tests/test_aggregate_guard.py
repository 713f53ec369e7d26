# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The aggregate guard on the ORM side (erm.aggregate.guard): the company setting, who may
see a small group (asked of the case rules), and the review agenda's counts."""

from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ErmTestCommon

Q1 = (date(2026, 1, 1), date(2026, 4, 1))


@tagged("post_install", "-at_install")
class TestAggregateGuard(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Guard = cls.env["erm.aggregate.guard"]
        cls.case = cls.make_case(start=date(2026, 1, 12))

    def hidden(self, user, department=None, **kwargs):
        return self.Guard.with_user(user).group_hidden(
            self.company, department, [Q1], **kwargs)[0]

    def test_minimum_is_a_company_setting_of_at_least_three(self):
        self.assertEqual(self.company.erm_min_group_size, 5)
        self.assertEqual(self.Guard.minimum(self.company), 5)
        with self.assertRaisesRegex(ValidationError, "at least 3"):
            self.company.erm_min_group_size = 2
        self.company.erm_min_group_size = 3
        self.assertEqual(self.Guard.minimum(self.company), 3)

    def test_a_small_group_only_for_who_reads_every_case_behind_it(self):
        # Zorg: the manager, the employee and a colleague; one case, the employee's
        self.assertFalse(self.hidden(self.user_hr, self.department))
        self.assertFalse(self.hidden(self.user_manager, self.department))
        self.assertTrue(self.hidden(self.user_board, self.department))
        self.assertTrue(self.hidden(self.user_coach, self.department))
        # the agenda is decided as for the board, whoever makes it
        self.assertTrue(self.hidden(self.user_hr, self.department, as_board=True))
        # a case of the team the manager may not read: no longer his to see
        other = self.env["hr.employee"].create({
            "name": "Piet Puk", "company_id": self.company.id,
            "department_id": self.department.id,
        })
        case = self.make_case(other, start=date(2026, 2, 2))
        # neither his team's case any more nor one he holds a duty on (model I: he would
        # direct and guard it) or keeps in touch with
        case.sudo().write({"manager_user_ids": [(6, 0, [])], "regievoerder_user_id": False,
                           "procesbewaker_user_id": False, "erm_care_user_id": False})
        self.assertFalse(case.duty_user_ids)
        self.assertTrue(self.hidden(self.user_manager, self.department))
        self.assertFalse(self.hidden(self.user_hr, self.department))

    def test_agenda_of_a_small_company_shows_no_counts(self):
        Review = self.env["erm.stakeholder.review"]
        self.company.erm_review_organiser_id = self.user_hr
        review = Review.create({"company_id": self.company.id,
                                "date_quarter_start": date(2026, 4, 1)})
        review.with_user(self.user_hr).action_make_agenda()
        cases = review.snapshot["sections"]["cases"]
        self.assertTrue(cases["suppressed"])
        self.assertFalse(cases["rows"])
        self.env["hr.employee"].create([
            {"name": f"Medewerker {index}", "company_id": self.company.id}
            for index in range(5)
        ])
        review.with_user(self.user_hr).action_make_agenda()
        cases = review.snapshot["sections"]["cases"]
        self.assertFalse(cases.get("suppressed"))
        self.assertEqual(cases["rows"][-1][1], 1)
