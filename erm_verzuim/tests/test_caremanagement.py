# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Caremanagement (domain.md §7): the contact log on the case with the case's
need-to-know, the rhythm (default every 7 days in weeks 1-6, then every 14) and the
activity of the alert job when it is not kept, once per missed period, also in model IV
where the coach directs and the manager only keeps in touch."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from ..engine import care as erm_care
from .common import ErmTestCommon

TODAY = date(2026, 11, 22)  # a Sunday


@tagged("post_install", "-at_install", "erm_care")
@freeze_time("2026-11-22 10:00:00")
class TestCaremanagement(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Contact = cls.env["erm.care.contact"]
        cls.Activity = cls.env["mail.activity"].with_context(active_test=False)
        cls.Alerts = cls.env["erm.alert.manager"]
        cls.company.erm_doctor_user_ids = cls.user_doctor
        cls.company.resource_calendar_id.tz = "Europe/Amsterdam"

    def case(self, start=date(2026, 11, 2), employee=None):
        return self.make_case(employee, start=start, date_reported=start)

    def log(self, case, user, day=TODAY, **vals):
        return self.Contact.with_env(case.env).with_user(user).create(dict(
            vals, case_id=case.id, date=day, kind=vals.get("kind", "phone"),
        ))

    def test_new_contact_from_the_menu_offers_the_case(self):
        """Zorgcontacten > Nieuw: the case field offers the manager his team's case (the
        company follows from the case; a company check on an empty form found none)."""
        case = self.case()
        description = self.Contact.with_user(self.user_manager).fields_get(
            ["case_id"])["case_id"]
        domain = safe_eval(str(description.get("domain") or "[]"),
                           {"company_id": False, "uid": self.user_manager.id})
        offered = self.Case.with_user(self.user_manager).name_search("", domain, limit=None)
        self.assertIn(case.id, [case_id for case_id, _name in offered])

    def reminders(self, case):
        return self.Activity.search([
            ("res_model", "=", "erm.absence.case"), ("res_id", "=", case.id),
            ("erm_alert_kind", "=", "care_rhythm"),
        ])

    def run_alerts(self):
        self.env.flush_all()
        return self.Alerts._run_deadline_alerts()

    def set_model(self, model, department=None):
        return self.env["erm.model.policy"].create({
            "company_id": self.company.id, "erm_model": model,
            "department_id": (department or self.department).id, "date_from": date(2026, 1, 1),
            "coach_user_ids": [(6, 0, self.user_coach.ids)],
            "hr_user_ids": [(6, 0, self.user_hr.ids)],
        })

    # ------------------------------------------------------------------ the rhythm
    def test_missed_due_date(self):
        start = date(2026, 11, 2)
        due = erm_care.missed_due_date
        self.assertIsNone(due(start, start, date(2026, 11, 9), 6, 7, 14))  # due today
        self.assertEqual(due(start, start, date(2026, 11, 10), 6, 7, 14), date(2026, 11, 9))
        self.assertEqual(due(start, start, TODAY, 6, 7, 14), date(2026, 11, 16))
        # after week 6 the interval is 14 days
        self.assertIsNone(due(start, date(2026, 12, 20), date(2027, 1, 3), 6, 7, 14))
        self.assertEqual(due(start, date(2026, 12, 20), date(2027, 1, 4), 6, 7, 14),
                         date(2027, 1, 3))
        self.assertEqual(erm_care.rhythm_start(start, date(2026, 11, 5)), date(2026, 11, 5))

    def test_rhythm_activity_once(self):
        case = self.case()
        self.assertEqual(case.erm_care_user_id, self.user_manager)
        self.run_alerts()
        self.run_alerts()
        reminder = self.reminders(case)
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.user_id, self.user_manager)
        self.assertEqual(reminder.erm_care_due_date, date(2026, 11, 16))
        self.assertEqual(reminder.activity_type_id,
                         self.env.ref("erm_verzuim.mail_activity_type_erm_care_rhythm"))
        self.assertIn("contact", reminder.summary.lower())
        # completed without a contact: no second reminder for the same missed period
        reminder.action_feedback(feedback="Gebeld, geen gehoor")
        self.run_alerts()
        self.assertEqual(len(self.reminders(case)), 1)
        # the next period passes as well: a new reminder
        with freeze_time("2026-11-24 10:00:00"):
            self.run_alerts()
        reminders = self.reminders(case)
        self.assertEqual(len(reminders), 2)
        self.assertEqual(set(reminders.mapped("erm_care_due_date")),
                         {date(2026, 11, 16), date(2026, 11, 23)})

    def test_logging_a_contact_completes_the_reminder(self):
        case = self.case()
        self.run_alerts()
        reminder = self.reminders(case)
        self.assertTrue(reminder.active)
        contact = self.log(case, self.user_manager, date(2026, 11, 21), note="Gebeld",
                           date_next=date(2026, 11, 28))
        self.assertFalse(reminder.active)
        self.assertEqual(reminder.date_done, TODAY)
        self.run_alerts()
        self.assertEqual(self.reminders(case), reminder)
        self.env.invalidate_all()
        case_as_manager = case.with_user(self.user_manager)
        self.assertEqual(case_as_manager.erm_care_last_date, contact.date)
        self.assertEqual(case_as_manager.erm_care_next_date, date(2026, 11, 28))

    def test_no_reminder_when_the_rhythm_is_kept(self):
        case = self.case()
        self.log(case, self.user_manager, date(2026, 11, 9))
        self.log(case, self.user_manager, date(2026, 11, 16))
        self.run_alerts()
        self.assertFalse(self.reminders(case))
        # reported only today: nothing was missed yet
        late = self.make_case(self.colleague, start=date(2026, 10, 1))
        self.run_alerts()
        self.assertFalse(self.reminders(late))

    def test_closed_case_reminder_lapses(self):
        case = self.case()
        self.run_alerts()
        reminder = self.reminders(case)
        case.date_recovered = date(2026, 11, 20)
        self.run_alerts()
        self.assertFalse(reminder.active)

    def test_model_iv_the_manager_keeps_in_touch(self):
        """The coach directs and guards, the manager keeps in touch: the reminder goes to
        him and he can open the case and log the contact."""
        self.set_model("IV")
        case = self.case()
        self.assertEqual(case.regievoerder_user_id, self.user_coach)
        self.assertEqual(case.erm_care_user_id, self.user_manager)
        self.run_alerts()
        self.assertEqual(self.reminders(case).user_id, self.user_manager)
        self.assertTrue(case.with_user(self.user_manager).erm_care_can_log)
        action = case.with_user(self.user_manager).action_erm_log_care_contact()
        self.assertEqual(action["res_model"], "erm.care.contact")
        self.log(case, self.user_manager, note="Langs geweest")
        self.assertFalse(self.reminders(case).active)
        # the coach, who directs, logs too
        self.log(case, self.user_coach, kind="video")

    def test_reminder_stays_with_the_manager_when_the_model_changes(self):
        case = self.case()
        self.run_alerts()
        reminder = self.reminders(case)
        self.assertEqual(reminder.user_id, self.user_manager)
        self.set_model("IV")  # the coach now directs: the deadlines move, the care does not
        self.assertEqual(case.regievoerder_user_id, self.user_coach)
        self.assertEqual(reminder.user_id, self.user_manager)
        self.run_alerts()
        self.assertEqual(self.reminders(case), reminder)

    def test_department_head_without_the_manager_role(self):
        """A department head without the Leidinggevende group still keeps in touch in model
        IV: he reads the case (not writes it) and logs contacts; nobody else gains access."""
        head_user = new_test_user(self.env, login="erm_head", groups="base.group_user",
                                  company_id=self.company.id, name="Erm Head")
        head = self.env["hr.employee"].create({
            "name": "Erm Head", "company_id": self.company.id, "user_id": head_user.id,
        })
        facilitair = self.env["hr.department"].create({
            "name": "Facilitair", "company_id": self.company.id, "manager_id": head.id,
        })
        worker = self.env["hr.employee"].create({
            "name": "Piet Schoonmaak", "company_id": self.company.id,
            "department_id": facilitair.id, "parent_id": head.id,
        })
        self.set_model("IV", facilitair)
        case = self.case(employee=worker)
        self.assertEqual(case.erm_care_user_id, head_user)
        self.assertEqual(self.Case.with_user(head_user).search([("id", "=", case.id)]), case)
        with self.assertRaises(AccessError):
            case.with_user(head_user).write({"expected_duration": "long"})
        self.log(case, head_user, note="Gebeld")
        # another employee of the team (no duty) neither reads the case nor its contacts
        other = new_test_user(self.env, login="erm_other", groups="base.group_user",
                              company_id=self.company.id)
        self.assertFalse(self.Case.with_user(other).search([("id", "=", case.id)]))
        self.assertFalse(self.Contact.with_user(other).search([("case_id", "=", case.id)]))

    # ------------------------------------------------------------------ access
    def test_contacts_follow_the_case(self):
        case = self.case()
        contact = self.log(case.with_context(tracking_disable=False), self.user_manager,
                           note="Gebeld, bijgepraat over het team")
        self.assertEqual(contact.user_id, self.user_manager)
        contact.with_user(self.user_manager).write({"kind": "visit"})
        with self.assertRaises(AccessError):
            contact.with_user(self.user_manager).unlink()
        readers = {
            self.user_manager: True, self.user_employee: True, self.user_hr: True,
            self.user_admin: True, self.user_coach: False, self.user_doctor: False,
            self.user_board: False,
        }
        for user, reads in readers.items():
            with self.subTest(user=user.login):
                found = self.Contact.with_user(user).search([("case_id", "=", case.id)])
                self.assertEqual(bool(found), reads)
        # reading is not logging: the employee, HR (no duty here) and the doctor do not log
        for user in (self.user_employee, self.user_hr, self.user_doctor, self.user_coach):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.log(case, user)
        self.assertFalse(case.with_user(self.user_hr).erm_care_can_log)
        self.assertTrue(case.with_user(self.user_manager).erm_care_can_log)
        # tracked in the contact's own chatter
        self.assertTrue(contact.message_ids)
        self.Contact.browse(contact.id).unlink()  # the administrator (superuser) may

    def test_bad_input(self):
        case = self.case()
        with self.assertRaises(ValidationError) as caught:
            self.Contact.with_user(self.user_manager).with_context(lang="nl_NL").create({
                "case_id": case.id, "date": date(2026, 11, 23), "kind": "phone",
            })
        self.assertIn("kan niet in de toekomst liggen", str(caught.exception))
        with self.assertRaises(ValidationError):
            self.log(case, self.user_manager, date(2026, 11, 20), date_next=date(2026, 11, 19))
        with self.assertRaises(ValidationError):
            self.company.erm_care_interval_early = 0

    def test_settings(self):
        settings = self.env["res.config.settings"].with_user(self.user_admin).with_context(
            allowed_company_ids=self.company.ids)
        self.user_admin.groups_id |= self.env.ref("base.group_system")
        form = settings.create({"erm_care_interval_late": 21, "erm_competence_level_iii": "expert"})
        form.execute()
        self.assertEqual(self.company.erm_care_interval_late, 21)
        self.assertEqual(self.company.erm_competence_level_iii, "expert")
        case = self.case(start=date(2026, 9, 1))
        self.log(case, self.user_manager, date(2026, 11, 2))
        self.run_alerts()
        self.assertFalse(self.reminders(case))  # 2 Nov + 21 days is still to come
