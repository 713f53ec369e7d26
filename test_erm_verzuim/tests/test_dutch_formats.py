# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a Dutch organisation reads is Dutch, the Dutch way: no ISO date (2026-12-01) and no
English fragment of Odoo's or our own texts in the case's chatter after the daily work
(a care contact logged, the company doctor's advice issued with its course line, a
deadline completed by someone else than its assignee), in the messages of a refused
contact, and on the settings page (Managementinformatie)."""

import re
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import html2plaintext

from odoo.addons.erm_verzuim.tests.common import ErmTestCommon

from .tour_common import ErmTourCase

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# Odoo's own texts around a completed activity, and ours, as they read in English ("Feedback:"
# is Odoo's Dutch as well)
ENGLISH = (
    "Care contact done", " done", "Original note:", "Company doctor's advice issued",
    "Course line added", "WvP deadline done", "originally assigned to", "Review the precondition",
    "Contact logged on", "Milestone done on",
)


def assert_dutch(test, text, where):
    """`text` (HTML or plain) has no ISO date and none of the English fragments."""
    plain = html2plaintext(text or "")
    test.assertFalse(ISO_DATE.search(plain), f"{where}: an ISO date in {plain!r}")
    for fragment in ENGLISH:
        test.assertNotIn(fragment, plain, f"{where}: English in {plain!r}")


@tagged("post_install", "-at_install", "erm_locale")
@freeze_time("2026-06-01 10:00:00")
class TestDutchChatter(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("nl_NL")
        (cls.user_employee | cls.user_manager | cls.user_hr | cls.user_coach | cls.user_doctor
         | cls.user_board | cls.user_admin).lang = "nl_NL"
        (cls.company | cls.company_2).partner_id.lang = "nl_NL"
        cls.company.erm_doctor_user_ids = cls.user_doctor
        # the chatter as in production (the common set-up switches tracking off)
        cls.env = cls.env(context={})

    def as_user(self, user, model):
        """`model` as the web client gives it to `user`: his language in the context."""
        return self.env[model].with_user(user).with_context(lang=user.lang)

    def test_chatter_after_daily_work(self):
        case = self.make_case(start=date(2026, 5, 4))
        self.env.flush_all()
        self.env["erm.alert.manager"]._run_deadline_alerts()  # the job runs without a language
        deadline = self.env["mail.activity"].search([
            ("res_model", "=", case._name), ("res_id", "=", case.id),
            ("erm_alert_kind", "=", "deadline"), ("active", "=", True),
        ])
        self.assertTrue(deadline, "the problem analysis is due: its activity exists")
        # a missed care contact, with a note (Odoo repeats it as "Original note")
        care = self.env["mail.activity"].create({
            "res_model_id": self.env["ir.model"]._get_id(case._name), "res_id": case.id,
            "activity_type_id": self.env.ref("erm_verzuim.mail_activity_type_erm_care_rhythm").id,
            "user_id": self.user_manager.id, "summary": "Contact", "note": "<p>Bellen</p>",
            "erm_alert_kind": "care_rhythm", "erm_care_due_date": date(2026, 5, 25),
            "date_deadline": date(2026, 5, 25),
        })
        self.as_user(self.user_manager, "erm.care.contact").create({
            "case_id": case.id, "date": date(2026, 5, 29), "kind": "phone",
            "date_next": date(2026, 6, 5),
        })
        self.assertFalse(care.exists().active, "done (Odoo drops a done to-do)")
        # the company doctor issues the problem analysis with a degree of incapacity: the
        # advice, its course line and the deadline (assigned to another) in the chatter
        advice = self.as_user(self.user_doctor, "erm.ba.advice").create({
            "case_id": case.id, "doctor_user_id": self.user_doctor.id,
            "advice_type": "probleemanalyse", "date_advice": date(2026, 5, 28),
            "incapacity_pct": 50.0, "incapacity_date_from": date(2026, 5, 28),
        })
        advice.action_issue()
        self.assertFalse(deadline.active)
        # a system path without a language (a job, the demo): a deadline marked done
        other = self.make_case(self.colleague, start=date(2026, 5, 4))
        self.env.flush_all()
        self.env["erm.alert.manager"]._run_deadline_alerts()
        other.milestone_ids.filtered(lambda m: m.code == "probleemanalyse").write(
            {"date_done": date(2026, 5, 30)})
        self.env.cr.flush()  # the precommit hooks: what happens when the request commits
        self.assertIn("Mijlpaal afgerond op 30-05-2026",
                      "\n".join(other.message_ids.mapped("body")))
        messages = case.message_ids | other.message_ids
        bodies = "\n".join(messages.mapped("body"))
        self.assertIn("Advies bedrijfsarts uitgebracht", bodies)
        self.assertIn("Verloopregel toegevoegd", bodies)
        self.assertIn("28-05-2026", bodies)
        for message in messages:
            assert_dutch(self, message.body, f"message {message.id}")

    def test_refused_contact_dates(self):
        case = self.make_case(start=date(2026, 5, 4))
        Contact = self.as_user(self.user_manager, "erm.care.contact")
        with self.assertRaises(ValidationError) as caught:
            Contact.create({"case_id": case.id, "date": date(2026, 6, 20), "kind": "phone"})
        self.assertIn("(20-06-2026)", str(caught.exception))
        assert_dutch(self, str(caught.exception), "future contact")
        with self.assertRaises(ValidationError) as caught:
            Contact.create({"case_id": case.id, "date": date(2026, 5, 29), "kind": "phone",
                            "date_next": date(2026, 5, 20)})
        self.assertIn("(20-05-2026)", str(caught.exception))
        assert_dutch(self, str(caught.exception), "next contact before the contact")
        contact = Contact.create({"case_id": case.id, "date": date(2026, 5, 29),
                                  "kind": "phone"})
        self.assertEqual(contact.display_name, f"{case.name} - 29-05-2026")

    def test_precondition_review_reminder_in_owners_language(self):
        self.env["erm.precondition"]._erm_ensure_lines(self.company)
        line = self.env["erm.precondition"].search(
            [("company_id", "=", self.company.id)], limit=1)
        line.write({"owner_id": self.user_hr.id, "date_review": date(2026, 5, 1)})
        self.env["erm.precondition"]._cron_review_activities()  # without a language
        activity = line.activity_ids
        self.assertEqual(len(activity), 1)
        assert_dutch(self, activity.summary, "precondition reminder")


@tagged("post_install", "-at_install", "erm_tour", "erm_locale")
class TestDutchSettingsTour(ErmTourCase):
    def test_management_information_settings(self):
        admin = self.env.ref("base.user_admin")
        admin.password = "admin"
        self.start_tour("/odoo/settings", "erm_dutch_settings", login="admin", timeout=120)
