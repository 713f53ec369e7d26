# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The contact log of caremanagement (domain.md §7): the manager's contacts with
his absent employee, whatever the ERM model. A short note without anything about the
illness; the same need-to-know as the case (security/). Logging a contact completes the
open rhythm activity of the case (the rhythm: engine/care.py)."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine.milestones import _lt
from .erm_format import fmt_date

CARE_KIND = "care_rhythm"
CARE_LOGGED_FEEDBACK = _lt("Contact logged on %(date)s.")
CARE_OBSOLETE_FEEDBACK = _lt("Lapsed: the case is closed.")

CONTACT_KINDS = [
    ("phone", "Phone call"),
    ("visit", "Visit"),
    ("video", "Video call"),
    ("message", "Message"),
]


class ErmCareContact(models.Model):
    _name = "erm.care.contact"
    _description = "Care Contact"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    case_id = fields.Many2one(
        "erm.absence.case", string="Absence case", required=True, index=True,
        ondelete="cascade",
    )  # no check_company: the company follows from the case (a new contact found none)
    company_id = fields.Many2one(
        related="case_id.company_id", store=True, index=True, precompute=True,
    )
    employee_id = fields.Many2one(related="case_id.employee_id", string="Employee")
    date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True,
    )
    kind = fields.Selection(
        CONTACT_KINDS, required=True, default="phone", tracking=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Contact by", required=True, default=lambda self: self.env.user,
        domain="[('share', '=', False)]", tracking=True,
    )
    note = fields.Char(
        tracking=True,
        help="How the employee is doing in general terms, what was agreed about work and "
        "contact. Nothing about the illness: that is for the company doctor only.",
    )
    date_next = fields.Date(string="Next agreed contact", tracking=True)

    @api.depends("case_id.name", "date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # sudo: the case number of a contact the reader may read
        for contact in self:
            contact.display_name = " - ".join(
                part for part in (contact.case_id.sudo().name,
                                  fmt_date(self.env, contact.date)) if part
            )

    @api.constrains("date", "date_next")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for contact in self:
            if contact.date > today:
                raise ValidationError(self.env._(
                    "A contact is logged once it took place: its date (%(date)s) cannot lie "
                    "in the future. Enter a coming contact as the next agreed contact.",
                    date=fmt_date(self.env, contact.date),
                ))
            if contact.date_next and contact.date_next < contact.date:
                raise ValidationError(self.env._(
                    "The next agreed contact (%(next)s) cannot come before the contact itself "
                    "(%(date)s).", next=fmt_date(self.env, contact.date_next),
                    date=fmt_date(self.env, contact.date),
                ))

    @api.model_create_multi
    def create(self, vals_list):
        contacts = super().create(vals_list)
        # the rhythm is kept again: the open reminder of the case is done
        dates = {}
        for contact in contacts:
            dates[contact.case_id.id] = max(contact.date, dates.get(contact.case_id.id,
                                                                    contact.date))
        self._close_care_activities(set(dates), dates)
        return contacts

    @api.model
    def _close_care_activities(self, case_ids, contact_dates=None):
        """Complete the open caremanagement activities of `case_ids`: a logged contact (its
        date in `contact_dates`, {case id: date}) or a closed case. Feedback in the
        assignee's language; one action_feedback per language and text."""
        if not case_ids:
            return
        # sudo: the reminders are the manager's, whoever logs the contact or closes the case;
        # the alert job's text helpers (language per assignee)
        Activity = self.env["mail.activity"].sudo()
        activities = Activity.search([
            ("res_model", "=", "erm.absence.case"), ("res_id", "in", list(case_ids)),
            ("erm_alert_kind", "=", CARE_KIND), ("active", "=", True),
        ])
        if not activities:
            return
        manager = Activity.env["erm.alert.manager"]
        langs = manager._user_langs(activities.user_id.ids)
        texts = {}
        by_feedback = defaultdict(lambda: Activity.browse())
        for activity in activities:
            text = manager._texts(langs.get(activity.user_id.id), texts)
            day = (contact_dates or {}).get(activity.res_id)
            feedback = (text.t(CARE_LOGGED_FEEDBACK, date=text.date(day)) if day
                        else text.t(CARE_OBSOLETE_FEEDBACK))
            by_feedback[text.lang, feedback] |= activity
        # Odoo's "done" message around the feedback in the same language
        for (lang, feedback), group in by_feedback.items():
            group.with_context(erm_alert_closing=True, lang=lang).action_feedback(
                feedback=feedback)
