# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Retention (domain.md §5): a scheduled review lists the cases past their term; nothing
changes until an HR adviser confirms; anonymised cases keep the statistics' dates."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .erm_access_common import PRIVATE_VALUES, ErmAccessCommon


@tagged("post_install", "-at_install", "erm_retention")
@freeze_time("2026-11-22 10:00:00")
class TestErmRetention(ErmAccessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Jan: an old case past the 2-year dossier term, an old safety-net case (5 years),
        # a recent one and an open one
        contact = {key: PRIVATE_VALUES[key]
                   for key in ("contact_phone", "care_street", "care_zip", "care_city")}
        cls.old = cls.make_case(start=date(2024, 3, 1), recovered=date(2024, 6, 1),
                                third_party_liable=True, ongoing_work="Rooster", **contact)
        cls.old_vangnet = cls.make_case(start=date(2023, 1, 2), recovered=date(2023, 2, 1),
                                        vangnet=True, vangnet_regime="six_weeks")
        cls.recent = cls.make_case(start=date(2026, 9, 1), recovered=date(2026, 10, 1))
        cls.open = cls.make_case(start=date(2026, 11, 2))
        cls.plan = cls.env["erm.reintegration.plan"].create({
            "case_id": cls.old.id, "kind": "plan_van_aanpak", "agreements": "Opbouw uren.",
            "view_employer": "Akkoord.", "view_employee": "Akkoord.",
        })
        cls.advice = cls.env["erm.ba.advice"].create({
            "case_id": cls.old.id, "doctor_user_id": cls.user_doctor.id,
            "incapacity_pct": 50, "incapacity_date_from": date(2024, 4, 1),
            "possibilities": "Licht werk.", "fml_dynamic": "limited",
        })
        cls.advice.action_issue()
        cls.old.message_post(body="Gesprek gevoerd over het rooster.",
                             message_type="comment", subtype_xmlid="mail.mt_note")
        # Fatima left in January 2024: her cases are past every term
        cls.colleague.sudo().departure_date = date(2024, 1, 31)
        cls.left = cls.make_case(cls.colleague, start=date(2023, 5, 1),
                                 recovered=date(2023, 6, 1))
        cls.Review = cls.env["erm.retention.review"]

    def test_review_lists_and_confirmation_anonymises(self):
        review = self.Review._cron_create_reviews()
        self.assertEqual(len(review), 1)
        lines = {line.case_id: line for line in review.line_ids}
        self.assertEqual(set(lines), {self.old, self.left})
        self.assertEqual((lines[self.old].action, lines[self.old].reason), ("dossier", "dossier"))
        self.assertEqual(lines[self.old].date_due, date(2026, 6, 1))
        self.assertEqual((lines[self.left].action, lines[self.left].reason), ("full", "admin"))
        # listing changes nothing, and a second run does not list the cases again
        self.assertEqual(self.old.private_ids.contact_phone, PRIVATE_VALUES["contact_phone"])
        self.assertFalse(self.Review._cron_create_reviews())
        # only HR confirms
        for user in (self.user_manager, self.user_coach, self.user_employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                review.with_user(user).action_confirm()
        review.with_user(self.user_hr).action_confirm()
        self.assertEqual(review.state, "confirmed")
        self.assertEqual(review.confirmed_user_id, self.user_hr)
        self.assertTrue(all(review.line_ids.mapped("done")))
        # the dossier is gone ...
        old = self.old
        self.assertEqual(old.erm_anonymized, "dossier")
        for fname in ("contact_phone", "care_street", "care_zip", "care_city"):
            self.assertFalse(old.private_ids[fname], fname)
        self.assertFalse(old.ongoing_work)
        self.assertFalse(self.plan.agreements or self.plan.view_employee)
        self.assertFalse(self.advice.possibilities or self.advice.fml_dynamic)
        bodies = old.message_ids.mapped("body")
        self.assertFalse([b for b in bodies if "rooster" in str(b)])
        self.assertFalse(old.message_ids.tracking_value_ids)
        self.assertFalse(old.private_ids.message_ids.tracking_value_ids)
        # ... the statistics stay
        self.assertEqual((old.date_start, old.date_recovered), (date(2024, 3, 1), date(2024, 6, 1)))
        self.assertEqual(old.period_ids.mapped("incapacity_pct"), [100.0, 50.0])
        self.assertEqual(self.advice.incapacity_pct, 50.0)
        self.assertTrue(old.private_ids.third_party_liable)
        self.assertEqual(old.employee_id, self.employee)  # still employed
        # the person who left is replaced by a pseudonym
        left = self.left
        self.assertEqual(left.erm_anonymized, "full")
        self.assertNotEqual(left.employee_id, self.colleague)
        self.assertFalse(left.employee_id.active)
        self.assertNotIn(self.colleague.name, left.employee_id.name)
        self.assertEqual(left.department_id, self.department)
        self.assertEqual(left.date_start, date(2023, 5, 1))
        # nothing silent: the case says what happened
        self.assertTrue(any("retention" in str(b) for b in left.message_ids.mapped("body")))
        # the other cases are untouched and nothing returns on the next review
        self.assertFalse(self.recent.erm_anonymized or self.old_vangnet.erm_anonymized)
        self.assertFalse(self.Review._cron_create_reviews())

    def test_keep_back_with_a_reason(self):
        review = self.Review._cron_create_reviews()
        line = review.line_ids.filtered(lambda line: line.case_id == self.old)
        with self.assertRaises(ValidationError):
            line.with_user(self.user_hr).write({"keep": True})
        line.with_user(self.user_hr).write({"keep": True, "keep_reason": "Bezwaar bij UWV"})
        review.with_user(self.user_hr).action_confirm()
        self.assertFalse(self.old.erm_anonymized)
        self.assertEqual(self.left.erm_anonymized, "full")
        # the kept case returns on the next review
        again = self.Review._cron_create_reviews()
        self.assertEqual(again.line_ids.case_id, self.old)

    def test_safety_net_term_and_settings(self):
        with freeze_time("2028-02-02"):
            review = self.Review._cron_create_reviews()
            self.assertIn(self.old_vangnet, review.line_ids.case_id)
            line = review.line_ids.filtered(lambda line: line.case_id == self.old_vangnet)
            self.assertEqual(line.reason, "erdzw")
        self.company.erm_retention_erdzw_years = 7
        with freeze_time("2028-02-02"):
            self.assertFalse(self.Review._cron_create_reviews())
        with self.assertRaises(ValidationError):
            self.company.erm_retention_reintegration_years = 0

    def test_cron_is_scheduled(self):
        cron = self.env.ref("erm_verzuim.ir_cron_erm_retention_review")
        self.assertTrue(cron.active)
        self.assertEqual(cron.code.strip(), "model._cron_create_reviews()")
