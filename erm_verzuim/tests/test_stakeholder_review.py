# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The quarterly stakeholder review (domain.md §7): the scheduled creation and
escalation, the frozen agenda, follow-up actions and their carry-over, the meeting, access
per role and the clear errors."""

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase

from .common import ErmTestCommon

TODAY = date(2026, 11, 22)
Q3 = date(2026, 7, 1)
Q4 = date(2026, 10, 1)


@tagged("post_install", "-at_install", "erm_review")
@freeze_time("2026-11-22 10:00:00")
class TestStakeholderReview(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Review = cls.env["erm.stakeholder.review"]
        cls.company.erm_review_organiser_id = cls.user_hr
        cls.external = cls.env["res.partner"].create({
            "name": "Arbeidsdeskundige Extern", "email": "ad@example.com", "lang": "nl_NL",
        })

    def make_staff(self, count):
        """``count`` more employees in the company (the aggregate guard shows no counts of
        a group below the minimum)."""
        return self.env["hr.employee"].create([
            {"name": f"Medewerker {index}", "company_id": self.company.id}
            for index in range(count)
        ])

    def make_review(self, start=Q4, **vals):
        vals.setdefault("participant_user_ids", [(6, 0, (
            self.user_hr | self.user_board | self.user_coach | self.user_doctor).ids)])
        return self.Review.create(dict(vals, company_id=self.company.id,
                                       date_quarter_start=start))

    def reviews(self, company=None):
        return self.Review.with_context(active_test=False).search(
            [("company_id", "=", (company or self.company).id)], order="date_quarter_start")

    # ------------------------------------------------------------------ scheduled action
    def test_cron_creates_once(self):
        cron = self.env.ref("erm_verzuim.ir_cron_erm_stakeholder_review")
        self.assertEqual(cron.model_id.model, "erm.stakeholder.review")
        self.Review._cron_plan_reviews(TODAY)
        review = self.reviews()
        self.assertEqual(review.date_quarter_start, Q4)  # Q1 2027 is more than 4 weeks away
        self.assertEqual(review.organiser_id, self.user_hr)
        self.assertIn(self.user_board, review.participant_user_ids)
        plan = review.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(
                "erm_verzuim.mail_activity_type_erm_review_plan"))
        self.assertEqual(plan.user_id, self.user_hr)
        self.assertTrue(self.reviews(self.company_2))
        # again, and later within the lead time: one review per quarter
        self.Review._cron_plan_reviews(TODAY)
        self.assertEqual(len(self.reviews()), 1)
        self.Review._cron_plan_reviews(date(2026, 12, 10))
        self.Review._cron_plan_reviews(date(2026, 12, 11))
        self.assertEqual(self.reviews().mapped("date_quarter_start"), [Q4, date(2027, 1, 1)])

    def test_cron_lead_weeks_configurable(self):
        self.company.erm_review_lead_weeks = 2
        self.Review._cron_plan_reviews(date(2026, 12, 10))
        self.assertEqual(self.reviews().mapped("date_quarter_start"), [Q4])
        self.Review._cron_plan_reviews(date(2026, 12, 18))
        self.assertEqual(len(self.reviews()), 2)

    def test_escalation_once(self):
        late = self.make_review(Q3)
        held = self.make_review(date(2026, 4, 1))
        held.action_mark_held()
        escalation = self.env.ref("erm_verzuim.mail_activity_type_erm_review_escalation")
        self.Review._cron_plan_reviews(TODAY)
        self.Review._cron_plan_reviews(TODAY + timedelta(days=1))
        activities = late.activity_ids.filtered(lambda a: a.activity_type_id == escalation)
        self.assertEqual(activities.user_id, self.user_board)
        self.assertEqual(late.date_escalated, TODAY)
        self.assertFalse(held.activity_ids.filtered(lambda a: a.activity_type_id == escalation))
        # the board opens the escalated review
        self.assertEqual(late.with_user(self.user_board).read(["name"])[0]["id"], late.id)

    # ------------------------------------------------------------------ agenda
    def test_agenda_frozen(self):
        self.make_case(start=date(2026, 8, 3))
        review = self.make_review()
        review.with_user(self.user_hr).action_make_agenda()
        snapshot, html = review.snapshot, review.snapshot_html
        self.assertEqual(snapshot["report_quarter"], "Q3 2026")
        cases = snapshot["sections"]["cases"]
        self.assertTrue(cases.get("suppressed") or cases["rows"][-1][-1] == 1)
        # a later change of the data does not change what the meeting discussed
        self.make_case(employee=self.colleague, start=date(2026, 11, 2))
        self.env.flush_all()
        self.assertEqual(review.snapshot, snapshot)
        review.action_mark_held()
        self.assertEqual(review.snapshot_html, html)
        with self.assertRaises(UserError):
            review.action_make_agenda()
        with self.assertRaises(UserError):
            review.with_user(self.user_hr).write({"snapshot": {"sections": {}}})

    def test_agenda_made_when_held(self):
        review = self.make_review()
        self.assertFalse(review.snapshot)
        review.action_mark_held()
        self.assertTrue(review.snapshot)
        self.assertEqual(review.state, "held")

    # ------------------------------------------------------------------ actions
    def test_followup_actions_carried_over(self):
        q3 = self.make_review(Q3)
        done = q3._erm_add_action("Train the new managers", self.user_coach, date(2026, 10, 15))
        still_open = q3._erm_add_action("Ask the insurer for co-financing", self.user_hr,
                                        date(2026, 12, 1))
        q3.action_mark_held()
        done.action_feedback(feedback="Done")
        self.assertEqual(q3.action_activity_ids, done | still_open)
        self.assertFalse(done.active)
        q4 = self.make_review(Q4)
        self.assertEqual(q4.carried_activity_ids, still_open)
        q4.action_make_agenda()
        rows = q4.snapshot["sections"]["open_actions"]["rows"]
        self.assertEqual([row[0] for row in rows], ["Ask the insurer for co-financing"])
        self.assertEqual(rows[0][1], self.user_hr.name)
        self.assertIn("Ask the insurer for co-financing", q4.snapshot_html)
        # the owner finds the action on his activities and can open the review
        self.assertEqual(still_open.with_user(self.user_hr).user_id, self.user_hr)

    # ------------------------------------------------------------------ meeting
    def test_meeting_invitation(self):
        review = self.make_review(participant_partner_ids=[(6, 0, self.external.ids)])
        with self.assertRaises(UserError):
            review.action_schedule_meeting()
        review.write({"date_meeting": datetime(2026, 12, 8, 13, 0), "meeting_duration": 1.5,
                      "meeting_location": "Vergaderzaal 1"})
        review.with_user(self.user_hr).action_schedule_meeting()
        event = review.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(event.stop - event.start, timedelta(hours=1, minutes=30))
        expected = (review.organiser_id | review.participant_user_ids).partner_id | self.external
        self.assertEqual(event.partner_ids, expected)
        self.assertEqual(event.attendee_ids.partner_id, expected)
        self.assertIn("Kwartaaloverleg", event.name)
        invitation = self.env["mail.message"].search([
            ("model", "=", "calendar.event"), ("res_id", "=", event.id),
            ("partner_ids", "in", self.external.ids),
        ])
        self.assertTrue(invitation)
        self.assertIn("Uitnodiging", invitation[0].subject)
        # a participant added later is invited too
        review.participant_user_ids |= self.user_admin
        self.assertIn(self.user_admin.partner_id, event.partner_ids)
        plan_type = self.env.ref("erm_verzuim.mail_activity_type_erm_review_plan")
        self.assertFalse(review.activity_ids.filtered(lambda a: a.activity_type_id == plan_type))

    def test_send_agenda_to_externals(self):
        review = self.make_review(participant_partner_ids=[(6, 0, self.external.ids)])
        review.action_make_agenda()
        action = review.with_user(self.user_hr).action_send_agenda()
        self.assertEqual(action["res_model"], "mail.compose.message")
        template = self.env.ref("erm_verzuim.mail_template_erm_stakeholder_review")
        values = template._generate_template(
            review.ids, ("partner_to", "subject", "report_template_ids"),
        )[review.id]
        self.assertEqual(values["partner_ids"], self.external.ids)
        self.assertEqual(len(values["attachments"]), 1)
        with self.assertRaises(AccessError):
            review.with_user(self.user_coach).action_send_agenda()

    def test_agenda_lists_interventions_and_preconditions(self):
        """The agenda names the quarter's interventions with their cost, and the
        preconditions whose review date passed; a held review proves its precondition."""
        self.make_staff(5)  # the guard shows no counts of a company below the minimum
        case = self.make_case(start=date(2026, 6, 1))
        provider = self.env["erm.provider"].create({"name": "Coaching B.V.", "kind": "other"})
        service = self.env["erm.provider.service"].create(
            {"provider_id": provider.id, "name": "Coaching", "price": 1000.0})
        intervention = self.env["erm.intervention"].create(
            {"case_id": case.id, "service_id": service.id, "cost": 1200.0})
        intervention.sudo().write({"state": "approved", "date_approved": date(2026, 8, 10)})
        line = self.env["erm.precondition"].search(
            [("company_id", "=", self.company.id)], limit=1)
        line.write({"owner_id": self.user_hr.id, "date_review": date(2026, 11, 1)})
        review = self.make_review()
        review.with_user(self.user_hr).action_make_agenda()
        sections = review.snapshot["sections"]
        self.assertEqual(sections["interventions"]["rows"][-1][1], 1)
        self.assertEqual(len(sections["preconditions"]["rows"]), 1)
        self.assertEqual(sections["preconditions"]["rows"][0][0],
                         line.with_context(lang=review._erm_lang()).name)
        review.action_mark_held()
        evidence = self.env["erm.precondition"]._erm_auto_evidence(self.company)
        self.assertIn((self.company.id, "quarterly_review"), evidence)

    def test_precondition_evidence(self):
        review = self.make_review()
        companies = self.company | self.company_2
        self.assertEqual(self.Review._erm_precondition_evidence(companies), {})
        review.action_mark_held()
        evidence = self.Review._erm_precondition_evidence(companies)
        self.assertEqual(list(evidence), [self.company.id])

    # ------------------------------------------------------------------ access
    def test_access_per_role(self):
        review = self.make_review()
        self.assertTrue(review.with_user(self.user_hr).erm_can_manage)
        self.assertFalse(review.with_user(self.user_board).erm_can_manage)
        outsider = self.user_manager  # a manager who is not a participant
        self.assertFalse(self.Review.with_user(outsider).search([]))
        with self.assertRaises(AccessError):
            review.with_user(outsider).read(["snapshot_html"])
        for user in (self.user_coach, self.user_doctor, self.user_board, self.user_hr):
            self.assertEqual(self.Review.with_user(user).search([]), review, user.login)
            review.with_user(user).read(["snapshot_html", "minutes"])
        # a participant reads but does not write; the organiser and HR write
        with self.assertRaises(AccessError):
            review.with_user(self.user_coach).write({"minutes": "<p>x</p>"})
        with self.assertRaises(AccessError):
            review.with_user(self.user_board).write({"minutes": "<p>x</p>"})
        review.with_user(self.user_hr).write({"minutes": "<p>Afspraken</p>"})
        review.with_user(self.user_hr).write({"decision_ids": [(0, 0, {"name": "Besluit"})]})
        with self.assertRaises(AccessError):
            review.decision_ids.with_user(self.user_coach).write({"name": "Anders"})
        self.assertEqual(review.decision_ids.with_user(self.user_coach).name, "Besluit")
        review.organiser_id = self.user_coach
        review.with_user(self.user_coach).write({"minutes": "<p>Door de organisator</p>"})
        review.with_user(self.user_coach).action_mark_held()
        # only the board approves
        with self.assertRaises(AccessError):
            review.with_user(self.user_hr).action_approve()
        review.with_user(self.user_board).action_approve()
        self.assertEqual(review.state, "approved")
        self.assertEqual(review.approved_user_id, self.user_board)
        with self.assertRaises(UserError):
            review.with_user(self.user_hr).write({"minutes": "<p>later</p>"})
        # archived, never deleted
        with self.assertRaises(AccessError):
            review.with_user(self.user_hr).unlink()
        review.with_user(self.user_hr).action_archive()
        self.assertFalse(review.active)

    def test_other_company_hidden(self):
        review = self.make_review()
        other_hr = new_test_user(self.env, login="erm_hr_other", groups="erm_verzuim.group_erm_hr",
                                 company_id=self.company_2.id,
                                 company_ids=[(6, 0, self.company_2.ids)])
        self.assertFalse(self.Review.with_user(other_hr).search([("id", "=", review.id)]))

    # ------------------------------------------------------------------ bad input
    def test_one_review_per_quarter(self):
        self.make_review()
        with self.assertRaises(ValidationError) as error:
            self.make_review()
        self.assertIn("already has a quarterly review", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self.Review.with_context(lang="nl_NL").create({
                "company_id": self.company.id, "date_quarter_start": Q4,
            })
        self.assertIn("heeft al een kwartaaloverleg", str(error.exception))
        with self.assertRaises(ValidationError):
            self.make_review(date(2026, 11, 1))

    def test_approve_before_held(self):
        review = self.make_review()
        with self.assertRaises(UserError) as error:
            review.with_user(self.user_board).with_context(lang="nl_NL").action_approve()
        self.assertIn("pas goedgekeurd", str(error.exception))
        with self.assertRaises(UserError):
            review.with_user(self.user_hr).write({"state": "approved"})


@tagged("post_install", "-at_install", "erm_review")
class TestStakeholderReviewConcurrency(TransactionCase):
    """Two workers run the scheduled action at the same moment, on committed data: one
    review per company and quarter."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            company = env["res.company"].create({"name": "Race Overleg B.V."})
            employee = env["hr.employee"].create({"name": "Race Medewerker",
                                                  "company_id": company.id})
            self.ids = {"company": company.id, "employee": employee.id}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            reviews = env["erm.stakeholder.review"].search(
                [("company_id", "=", self.ids["company"])])
            env["mail.activity"].search([("res_model", "=", "erm.stakeholder.review"),
                                         ("res_id", "in", reviews.ids)]).unlink()
            reviews.unlink()
            env["hr.employee"].browse(self.ids["employee"]).unlink()
            cr.execute("DELETE FROM res_company WHERE id = %s", [self.ids["company"]])

    def count(self, cr):
        cr.execute("SELECT count(*) FROM erm_stakeholder_review WHERE company_id = %s",
                   [self.ids["company"]])
        return cr.fetchone()[0]

    def test_two_workers(self):
        cr_a = self.registry.cursor()
        cr_b = self.registry.cursor()
        try:
            env_a = api.Environment(cr_a, SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {})
            worker_a, worker_b = env_a["erm.stakeholder.review"], env_b["erm.stakeholder.review"]
            company_a = env_a["res.company"].browse(self.ids["company"])
            company_b = env_b["res.company"].browse(self.ids["company"])
            # B's snapshot predates A's commit (REPEATABLE READ): it sees no review
            cr_b.execute("SELECT 1")
            created_a = worker_a._erm_create_due_reviews(TODAY, company_a)
            self.assertEqual(created_a.company_id.ids.count(self.ids["company"]), 1)
            cr_a.commit()
            # B tries the same review: the unique constraint refuses it, B goes on
            created_b = worker_b._erm_create_due_reviews(TODAY, company_b)
            self.assertNotIn(self.ids["company"], created_b.company_id.ids)
            cr_b.commit()
            # and a later run of B on a fresh snapshot finds it
            self.assertFalse(worker_b._erm_create_due_reviews(TODAY, company_b).filtered(
                lambda r: r.company_id.id == self.ids["company"]))
            cr_b.commit()
            self.assertEqual(self.count(cr_a), 1)
        finally:
            for cr in (cr_a, cr_b):
                cr.rollback()
                cr.close()
