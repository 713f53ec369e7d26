# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The quarterly stakeholder review (domain.md §7; the factsheet's precondition "at least
once per quarter around the table"): one review per company and quarter, with its
participants, a calendar meeting, an agenda whose figures are frozen when it is made, the
minutes, decisions and follow-up actions (activities on the review, carried over to the
next review while open). A configured review group (``erm.stakeholder.review.scope``: several
companies, or departments of one company) has its own series of reviews instead; its agenda
holds the sections of each member (company or department, with its sub-departments).

The agenda's figures are a *snapshot*: a plain dict of sections made by
``_erm_snapshot_data(company, quarter_start)``, stored as JSON and rendered to HTML once.
The hooks read the department of the
member in the context key ``erm_review_department_id`` (absent: the whole company).
A section is ``{"sequence": int, "title": str, "columns": [str], "rows": [[label, value,
...]], "note": str}``; values are numbers, text or None. erm_verzuim fills what it knows
(open cases per phase, overdue milestones per role); erm_reports adds the management
figures of the quarter, the previous quarter and the same quarter a year earlier, and
blanks everything for a company below its minimum group size. The hooks
``_erm_snapshot_interventions`` and ``_erm_snapshot_preconditions`` add the interventions
and their cost and the preconditions whose review date passed (filled by those features).

Access (record rules): every participant and the organiser read; the organiser and HR
write; the board reads the reviews of its companies and approves the minutes."""

import logging
from datetime import timedelta

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_date, format_datetime, formatLang, mute_logger

from ..engine.wvp import PHASES

_logger = logging.getLogger(__name__)

HR_GROUP = "erm_verzuim.group_erm_hr"
BOARD_GROUP = "erm_verzuim.group_erm_board"
ACTION_TYPE = "erm_verzuim.mail_activity_type_erm_review_action"
PLAN_TYPE = "erm_verzuim.mail_activity_type_erm_review_plan"
ESCALATION_TYPE = "erm_verzuim.mail_activity_type_erm_review_escalation"
SNAPSHOT_FIELDS = ("snapshot", "snapshot_html", "date_snapshot")
# Agenda sections about a whole company (not about a department of it): a group's agenda
# shows them once per company.
COMPANY_SECTIONS = ("preconditions", "spreekuur", "budget")


def quarter_start(day):
    """The first day of the quarter of `day`."""
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


def quarter_label(start):
    return f"Q{(start.month - 1) // 3 + 1} {start.year}"


class ErmStakeholderReview(models.Model):
    _name = "erm.stakeholder.review"
    _description = "Quarterly Stakeholder Review"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_quarter_start desc, company_id, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company,
    )
    scope_id = fields.Many2one(
        "erm.stakeholder.review.scope", string="Review group", index="btree_not_null",
        check_company=True, tracking=True,
        help="Empty: the company's own review. Otherwise the review of a configured group "
        "of companies or departments.",
    )
    date_quarter_start = fields.Date(
        string="Quarter", required=True, index=True,
        default=lambda self: quarter_start(fields.Date.context_today(self)),
        help="The first day of the quarter in which the stakeholders meet.",
    )
    date_quarter_end = fields.Date(
        string="Quarter ends", compute="_compute_quarter_end", store=True,
    )
    date_report_start = fields.Date(
        string="Figures from", compute="_compute_quarter",
        help="The agenda discusses the figures of the last full quarter before the meeting's "
        "quarter.",
    )
    date_report_end = fields.Date(string="Figures until", compute="_compute_quarter")
    state = fields.Selection(
        [("planned", "Planned"), ("held", "Held"), ("approved", "Minutes approved")],
        default="planned", required=True, readonly=True, tracking=True, index=True,
    )
    organiser_id = fields.Many2one(
        "res.users", required=True, index=True, tracking=True,
        default=lambda self: self._default_organiser(self.env.company),
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="Plans the meeting, prepares the agenda and writes the minutes.",
    )
    participant_user_ids = fields.Many2many(
        "res.users", "erm_stakeholder_review_user_rel", "review_id", "user_id",
        string="Participants", domain="[('share', '=', False)]",
        help="Board, HR, coaches, managers, the company doctor: they receive the invitation "
        "and read the review.",
    )
    participant_partner_ids = fields.Many2many(
        "res.partner", "erm_stakeholder_review_partner_rel", "review_id", "partner_id",
        string="External participants",
        help="Contacts outside the organisation (arbeidsdeskundige, key providers): they "
        "receive the invitation and the agenda, and have no access to the system.",
    )
    date_meeting = fields.Datetime(string="Meeting", tracking=True)
    meeting_duration = fields.Float(string="Duration (hours)", default=2.0)
    meeting_location = fields.Char(string="Location")
    calendar_event_id = fields.Many2one(
        "calendar.event", string="Calendar event", readonly=True, copy=False,
        index="btree_not_null",
    )
    snapshot = fields.Json(string="Agenda figures (data)", readonly=True, copy=False)
    snapshot_html = fields.Html(
        string="Agenda", readonly=True, copy=False, sanitize_attributes=False,
    )
    date_snapshot = fields.Datetime(string="Agenda made on", readonly=True, copy=False)
    minutes = fields.Html(copy=False)
    decision_ids = fields.One2many(
        "erm.stakeholder.review.decision", "review_id", string="Decisions", copy=False,
    )
    action_activity_ids = fields.Many2many(
        "mail.activity", string="Follow-up actions", compute="_compute_action_activities",
        context={"active_test": False},  # the done ones (archived) too
    )
    carried_activity_ids = fields.Many2many(
        "mail.activity", string="Open actions of earlier reviews",
        compute="_compute_action_activities",
    )
    date_held = fields.Date(string="Held on", readonly=True, copy=False, tracking=True)
    approved_user_id = fields.Many2one(
        "res.users", string="Minutes approved by", readonly=True, copy=False, tracking=True,
    )
    date_approved = fields.Datetime(string="Minutes approved on", readonly=True, copy=False)
    erm_can_manage = fields.Boolean(
        string="Manages the review", compute="_compute_erm_can_manage",
        help="Whether the user manages this review (its organiser or an HR adviser).",
    )
    date_escalated = fields.Date(
        string="Escalated on", readonly=True, copy=False,
        help="The quarter ended without a held review: the board was told (once).",
    )

    def init(self):
        # One review per quarter of a company (without group) and of a group. Partial unique
        # indexes, as a NULL group would not collide in a plain unique constraint; they also
        # hold against two workers of the scheduled action. The first release had a plain
        # (company, quarter) constraint: it would refuse a group's review, hence dropped.
        self.env.cr.execute(SQL("""
            ALTER TABLE erm_stakeholder_review
                DROP CONSTRAINT IF EXISTS erm_stakeholder_review_company_quarter_uniq;
            CREATE UNIQUE INDEX IF NOT EXISTS erm_stakeholder_review_company_quarter_uniq_idx
                ON erm_stakeholder_review (company_id, date_quarter_start)
                WHERE scope_id IS NULL;
            CREATE UNIQUE INDEX IF NOT EXISTS erm_stakeholder_review_scope_quarter_uniq_idx
                ON erm_stakeholder_review (scope_id, date_quarter_start)
                WHERE scope_id IS NOT NULL;
        """))

    # ------------------------------------------------------------------ defaults
    @api.model
    def _contacts_env(self):
        """The environment in which the defaults find whom to invite."""
        # sudo: the previous circle, the board, the policy's and the company's contacts, as
        # identities to name an organiser, invite participants and escalate to
        return self.sudo().env

    @api.model
    def _default_organiser(self, company, scope=None):
        """The group's organiser, else the company's configured organiser, else its first
        HR adviser."""
        if scope and scope.organiser_id:
            return scope.organiser_id
        if company.erm_review_organiser_id:
            return company.erm_review_organiser_id
        fallback = self._contacts_env()["erm.alert.manager"]._company_fallback_users()
        return self.env["res.users"].browse(fallback.get(company.id)) or self.env.user

    @api.model
    def _board_users(self, company):
        board = self._contacts_env().ref(BOARD_GROUP)
        return board.users.filtered(
            lambda u: u.active and not u.share and company in u.company_ids
        )

    @api.model
    def _default_participants(self, company, organiser, scope=None):
        """The previous review's circle (of the same company or group), else organiser,
        board, company doctors and the coaches and HR advisers of the company's ERM policy;
        only users with access to the company."""
        sudo_self = self.with_env(self._contacts_env())
        previous = sudo_self.with_context(active_test=False).search(
            self._erm_series_domain(company, scope), order="date_quarter_start desc", limit=1,
        )
        if previous:
            return previous.participant_user_ids | organiser, previous.participant_partner_ids
        policy = sudo_self.env["erm.model.policy"]._company_default(
            company, fields.Date.context_today(self)
        )
        users = (organiser | self._board_users(company)
                 | company.with_env(sudo_self.env).erm_doctor_user_ids
                 | policy.coach_user_ids | policy.hr_user_ids)
        return users.filtered(
            lambda u: u.active and not u.share and company in u.company_ids
        ), self.env["res.partner"]

    @api.model
    def _erm_series_domain(self, company, scope=None):
        """The reviews of one series: a group's, or a company's own (without group)."""
        if scope:
            return [("scope_id", "=", scope.id)]
        return [("company_id", "=", company.id), ("scope_id", "=", False)]

    # ------------------------------------------------------------------ computes
    @api.depends("date_quarter_start", "company_id.name", "scope_id.name")
    def _compute_name(self):
        # stored: in the review's language, not in that of whoever (or the scheduler, in
        # English) happened to create it
        _ = self.with_context(lang=self._erm_lang()).env._
        for review in self:
            review.name = _(
                "Quarterly review %(quarter)s - %(company)s",
                quarter=quarter_label(review.date_quarter_start)
                if review.date_quarter_start else "",
                company=review._erm_circle_name(),
            )

    def _erm_circle_name(self):
        """Who meets: the group's name, else the company's."""
        self.ensure_one()
        return self._group().name or self.company_id.name or ""

    def _group(self):
        """The review's group (scope), as superuser."""
        self.ensure_one()
        # sudo: the group's name and members, as identities for the review's title, agenda
        # and one-per-quarter check; the group's company rule may hide it from a participant
        return self.sudo().scope_id

    @api.depends("date_quarter_start")
    def _compute_quarter_end(self):
        for review in self:
            start = review.date_quarter_start
            review.date_quarter_end = start and start + relativedelta(months=3, days=-1)

    @api.depends("date_quarter_start")
    def _compute_quarter(self):
        for review in self:
            start = review.date_quarter_start
            review.date_report_start = start and start - relativedelta(months=3)
            review.date_report_end = start and start - timedelta(days=1)

    @api.depends_context("uid")
    @api.depends("organiser_id")
    def _compute_erm_can_manage(self):
        hr = self.env.su or self.env.user.has_group(HR_GROUP)
        for review in self:
            review.erm_can_manage = hr or review.organiser_id == self.env.user

    @api.depends("activity_ids")
    def _compute_action_activities(self):
        """Own follow-up actions (done ones stay, archived, as the activity type keeps
        them) and the still open ones of the company's earlier reviews, as far as the user
        may read those reviews (mail.activity follows the document's access)."""
        action_type = self.env.ref(ACTION_TYPE)
        Activity = self.env["mail.activity"].with_context(active_test=False)
        reviews = self.filtered("id")
        own = Activity.search([
            ("res_model", "=", self._name), ("res_id", "in", reviews.ids),
            ("activity_type_id", "=", action_type.id),
        ], order="date_deadline, id") if reviews else Activity
        earlier = self.browse()
        if reviews:
            earlier = self.search([
                ("company_id", "in", reviews.company_id.ids),
                ("date_quarter_start", "<", max(reviews.mapped("date_quarter_start"))),
            ])
        carried = Activity.search([
            ("res_model", "=", self._name), ("res_id", "in", earlier.ids),
            ("activity_type_id", "=", action_type.id), ("active", "=", True),
        ], order="date_deadline, id") if earlier else Activity
        review_of = {review.id: review for review in earlier}
        for review in self:
            review.action_activity_ids = own.filtered(lambda a, r=review: a.res_id == r.id)
            review.carried_activity_ids = carried.filtered(
                lambda a, r=review: (
                    review_of[a.res_id].company_id == r.company_id
                    and review_of[a.res_id].scope_id == r.scope_id
                    and review_of[a.res_id].date_quarter_start < r.date_quarter_start
                )
            )

    # ------------------------------------------------------------------ constraints
    @api.constrains("date_quarter_start")
    def _check_quarter_start(self):
        for review in self:
            if review.date_quarter_start != quarter_start(review.date_quarter_start):
                raise ValidationError(self.env._(
                    "A quarterly review starts on the first day of a quarter (1 January, "
                    "1 April, 1 July or 1 October)."
                ))

    @api.model
    def _erm_check_free_quarters(self, keys, exclude=()):
        """Refuse a second review of a company (or group) and quarter with a clear
        message, before the database's unique index (which also holds against concurrent
        workers) refuses it with a technical one. `keys`: [(company, group, quarter start)]."""
        keys = [(company, scope, fields.Date.to_date(start)) for company, scope, start in keys]
        # sudo: other reviews of the quarter, counted to keep one per quarter
        others = self.sudo().with_context(active_test=False).search([
            ("company_id", "in", [company.id for company, _scope, _start in keys]),
            ("date_quarter_start", "in", [start for _company, _scope, start in keys]),
            ("id", "not in", list(exclude)),
        ])
        taken = {(r.company_id.id, r.scope_id.id, r.date_quarter_start) for r in others}
        for company, scope, start in keys:
            if (company.id, scope.id, start) in taken:
                raise ValidationError(self.env._(
                    "%(company)s already has a quarterly review for %(quarter)s.",
                    company=scope.name or company.name, quarter=quarter_label(start),
                ))
            taken.add((company.id, scope.id, start))

    @api.constrains("company_id", "scope_id", "date_quarter_start")
    def _check_one_per_quarter(self):
        self._erm_check_free_quarters(
            [(r.company_id, r._group(), r.date_quarter_start) for r in self],
            exclude=self.ids,
        )

    @api.constrains("company_id", "organiser_id", "participant_user_ids")
    def _check_participant_companies(self):
        """Participants and organiser read the review in its company: a user without
        access to that company could not open what he is invited to."""
        for review in self:
            # sudo: the users' companies, identities for the check
            outside = (review.organiser_id | review.participant_user_ids).filtered(
                lambda u, company=review.company_id: company not in u.sudo().company_ids
            )
            if outside:
                raise ValidationError(self.env._(
                    "%(users)s have no access to %(company)s and cannot take part in its "
                    "quarterly review. Give them access to the company or invite them as "
                    "external participants.",
                    users=", ".join(outside.mapped("name")), company=review.company_id.name,
                ))

    @api.constrains("meeting_duration")
    def _check_duration(self):
        if any(review.meeting_duration <= 0 for review in self):
            raise ValidationError(self.env._("A meeting lasts longer than zero hours."))

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        keys = []
        for vals in vals_list:
            # sudo: the group's settings, to fill in a new review
            scope = self.env["erm.stakeholder.review.scope"].sudo().browse(vals.get("scope_id"))
            if scope:
                vals["company_id"] = scope.company_id.id  # the group's main company holds it
            company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
            vals.setdefault("date_quarter_start", fields.Date.to_string(
                quarter_start(fields.Date.context_today(self))))
            keys.append((company, scope, vals["date_quarter_start"]))
            if not vals.get("organiser_id"):
                vals["organiser_id"] = self._default_organiser(company, scope).id
            if "participant_user_ids" not in vals:
                organiser = self.env["res.users"].browse(vals["organiser_id"])
                users, partners = self._default_participants(company, organiser, scope)
                vals["participant_user_ids"] = [(6, 0, users.ids)]
                vals.setdefault("participant_partner_ids", [(6, 0, partners.ids)])
        self._erm_check_free_quarters(keys)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and not self.env.context.get("erm_review_transition"):
            if "state" in vals:
                raise UserError(self.env._(
                    "Change the state of a quarterly review with its buttons."
                ))
            if {"company_id", "scope_id"} & set(vals):
                raise UserError(self.env._(
                    "A quarterly review keeps its company and group: archive it and create "
                    "a new one instead."
                ))
            if set(SNAPSHOT_FIELDS) & set(vals):
                raise UserError(self.env._(
                    "The agenda's figures are a snapshot: make the agenda again instead."
                ))
            if ("minutes" in vals or "decision_ids" in vals) and any(
                review.state == "approved" for review in self
            ):
                raise UserError(self.env._(
                    "The minutes are approved and can no longer be changed."
                ))
        res = super().write(vals)
        if {"participant_user_ids", "participant_partner_ids", "organiser_id"} & set(vals):
            self._erm_sync_attendees()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._(
                "Quarterly reviews are never deleted: archive the review instead."
            ))

    # ------------------------------------------------------------------ access helpers
    def _erm_check_organiser(self):
        """Only the organiser and HR change the review (the record rules say the same;
        this gives the clear message for the buttons)."""
        if self.env.su or self.env.user.has_group(HR_GROUP):
            return
        if any(review.organiser_id != self.env.user for review in self):
            raise AccessError(self.env._(
                "Only the organiser and HR advisers manage a quarterly review."
            ))

    @api.model
    def _erm_lang(self):
        """The review's language for the agenda, the invitation and the PDF: Dutch when
        installed (the organisation's working language)."""
        if self.env["res.lang"]._lang_get("nl_NL"):
            return "nl_NL"
        return self.env.lang or "en_US"

    # ------------------------------------------------------------------ meeting
    def _erm_attendee_partners(self):
        self.ensure_one()
        return (self.organiser_id | self.participant_user_ids).partner_id \
            | self.participant_partner_ids

    def _erm_event_values(self):
        self.ensure_one()
        _ = self.with_context(lang=self._erm_lang()).env._
        start = self.date_meeting
        return {
            "name": _("Quarterly absence review %(quarter)s - %(company)s",
                      quarter=quarter_label(self.date_quarter_start),
                      company=self._erm_circle_name()),
            "start": start,
            "stop": start + timedelta(hours=self.meeting_duration),
            "user_id": self.organiser_id.id,
            "location": self.meeting_location or False,
            "description": _(
                "Quarterly review of absence and re-integration with the stakeholders: the "
                "figures of %(quarter)s, the follow-up actions and the agreements for the "
                "coming quarter. The agenda follows with the figures.",
                quarter=quarter_label(self.date_quarter_start - relativedelta(months=3)),
            ),
            "partner_ids": [(6, 0, self._erm_attendee_partners().ids)],
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
        }

    def action_schedule_meeting(self):
        """Create (or move) the calendar meeting with the participants as attendees; Odoo's
        calendar sends the invitation, in each attendee's language."""
        self._erm_check_organiser()
        # sudo: the meeting is the organiser's calendar event, written for the participants
        su_env = self.sudo().env
        for review in self:
            if review.state != "planned":
                raise UserError(self.env._("Only a planned review's meeting can be scheduled."))
            if not review.date_meeting:
                raise UserError(self.env._("Set the date and time of the meeting first."))
            values = review._erm_event_values()
            Event = su_env["calendar.event"].with_context(
                lang=self._erm_lang(), mail_create_nosubscribe=True, mail_create_nolog=True,
            )
            if review.calendar_event_id:
                review.calendar_event_id.with_env(su_env).with_context(
                    lang=self._erm_lang()
                ).write({
                    key: values[key]
                    for key in ("start", "stop", "location", "partner_ids")
                })
            else:
                event = Event.create(values)
                review.with_env(su_env).calendar_event_id = event
            plans = review.activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref(PLAN_TYPE)
            )
            plans.with_env(su_env).action_feedback(feedback=self.env._("Meeting scheduled."))
        return True

    def _erm_sync_attendees(self):
        for review in self.filtered(lambda r: r.calendar_event_id and r.state == "planned"):
            partners = review._erm_attendee_partners()
            # sudo: the organiser's calendar event, whose attendees follow the participants
            event = review.sudo().calendar_event_id
            if event.partner_ids != partners:
                event.write({"partner_ids": [(6, 0, partners.ids)]})

    # ------------------------------------------------------------------ agenda
    def action_make_agenda(self):
        """Freeze the figures of the reported quarter in the agenda (again, while planned)."""
        self._erm_check_organiser()
        if any(review.state != "planned" for review in self):
            raise UserError(self.env._(
                "The agenda of a held review is frozen: it shows what the meeting discussed."
            ))
        self._erm_make_agenda()
        return True

    def _erm_make_agenda(self):
        lang = self._erm_lang()
        for review in self:
            review = review.with_context(lang=lang)
            sections = review._erm_snapshot_sections()
            open_actions = review._erm_snapshot_open_actions()
            if open_actions:
                sections["open_actions"] = dict(open_actions, sequence=10**6)
            snapshot = {
                "version": 1,
                "company": review._erm_circle_name(),
                "quarter": quarter_label(review.date_quarter_start),
                "report_quarter": quarter_label(review.date_report_start),
                "date_from": fields.Date.to_string(review.date_report_start),
                "date_to": fields.Date.to_string(review.date_report_end),
                "made_on": fields.Datetime.to_string(fields.Datetime.now()),
                "sections": sections,
            }
            # the frozen agenda, written by the review's own transition only
            review._write_transition({
                "snapshot": snapshot,
                "snapshot_html": review._erm_render_snapshot(snapshot),
                "date_snapshot": fields.Datetime.now(),
            })
            # chatter notes in the language of the agenda (the company's), like the agenda
            review._message_log(body=review.env._(
                "Agenda made with the figures of %(quarter)s.",
                quarter=snapshot["report_quarter"],
            ))

    def _erm_units(self):
        """[(company, department or empty)]: whose figures the agenda discusses."""
        self.ensure_one()
        scope = self._group()
        if not scope:
            return [(self.company_id, self.env["hr.department"])]
        if scope.kind == "companies":
            return [(company, self.env["hr.department"])
                    for company in scope._erm_companies().sorted("name")]
        return [(scope.company_id, department)
                for department in scope.department_ids.sorted("complete_name")]

    def _erm_snapshot_sections(self):
        """The sections of the agenda: the company's, or for a group each member's (its
        title naming the member) with the company-wide sections once per company."""
        self.ensure_one()
        units = self._erm_units()
        if len(units) == 1 and not units[0][1]:
            return self._erm_snapshot_data(self.company_id, self.date_report_start)
        sections, seen = {}, set()
        for index, (company, department) in enumerate(units, start=1):
            data = self.with_context(
                erm_review_department_id=department.id or False,
            )._erm_snapshot_data(company, self.date_report_start)
            for key, section in data.items():
                if not section:
                    continue
                if key in COMPANY_SECTIONS:
                    if (company.id, key) in seen:
                        continue
                    seen.add((company.id, key))
                    member, offset = company.name, 10**5 * index
                else:
                    member, offset = department.name or company.name, 1000 * index
                sections[f"{key}@{index}"] = dict(
                    section, title=f"{section.get('title', '')} - {member}",
                    sequence=offset + section.get("sequence", 100),
                )
        return sections

    @api.model
    def _erm_department_domain(self, path="department_id"):
        """The agenda's restriction to the department (with its sub-departments) of the
        group member being computed; none for a whole company."""
        department_id = self.env.context.get("erm_review_department_id")
        return [(path, "child_of", department_id)] if department_id else []

    @api.model
    def _erm_snapshot_data(self, company, quarter_start):
        """{key: section} of the quarter starting on `quarter_start` (see the module's
        docstring): what erm_verzuim can count itself. Aggregates only."""
        start = quarter_start
        end = start + relativedelta(months=3, days=-1)
        sections = {
            "cases": self._erm_snapshot_cases(company),
            "milestones": self._erm_snapshot_milestones(company),
        }
        interventions = self._erm_snapshot_interventions(company, start, end)
        if interventions:
            sections["interventions"] = interventions
        preconditions = self._erm_snapshot_preconditions(company)
        if preconditions:
            sections["preconditions"] = preconditions
        sections["sanction_risk"] = self._erm_snapshot_sanction_risk(company)
        # every participant reads the agenda, the board too: counts of a group the guard
        # hides from a reader of aggregates are not shown, with or without erm_reports
        department = self._aggregate_env()["hr.department"].browse(
            self.env.context.get("erm_review_department_id") or []
        )
        if self.env["erm.aggregate.guard"].group_hidden(
            company, department or None, [(start, end + timedelta(days=1))], as_board=True,
        )[0]:
            sections = self._erm_suppressed_sections(sections, company, department)
        # the budget section has its own guard (groups below the minimum left out)
        budget = self._erm_snapshot_budget(company, quarter_start)
        if budget:
            sections["budget"] = budget
        return sections

    @api.model
    def _erm_suppressed_sections(self, sections, company, department):
        """``sections`` without their rows, with the note why (a group too small to show)."""
        minimum = self.env["erm.aggregate.guard"].minimum(company)
        note = self.env._(
            "Not shown: the company had fewer than %(minimum)s employees in the quarter.",
            minimum=minimum,
        ) if not department else self.env._(
            "Not shown: the department had fewer than %(minimum)s employees in the "
            "quarter, or its figures would reveal a smaller group.", minimum=minimum,
        )
        return {key: dict(section, rows=[], suppressed=True, note=note)
                for key, section in sections.items()}

    @api.model
    def _aggregate_env(self):
        """The environment of the agenda's figures."""
        # sudo: counts and sums only (aggregates, hidden below the minimum group size)
        return self.sudo().env

    def _erm_snapshot_cases(self, company):
        Case = self._aggregate_env()["erm.absence.case"]
        counts = dict(Case._read_group(
            [("company_id", "=", company.id), ("state", "!=", "hersteld")]
            + self._erm_department_domain(),
            ["state"], ["__count"],
        ))
        labels = dict(Case._fields["state"]._description_selection(self.env))
        rows = [[labels[code], counts.get(code, 0)] for code in PHASES
                if code != "hersteld"]
        rows.append([self.env._("Total"), sum(counts.values())])
        return {
            "sequence": 50,
            "title": self.env._("Open absence cases per phase"),
            "columns": [self.env._("Phase"), self.env._("Open cases")],
            "rows": rows,
            "note": self.env._("On the day the agenda was made."),
        }

    @api.model
    def _erm_snapshot_sanction_risk(self, company):
        """The open cases per level of the wage-sanction check (counts only; the guard above
        hides them for a group too small to show)."""
        Risk = self.env["erm.sanction.risk"].sudo()
        counts = dict(Risk._read_group(
            [("company_id", "=", company.id), ("case_id.date_recovered", "=", False),
             ("case_id.active", "=", True)]
            + self._erm_department_domain("case_id.department_id"),
            ["level"], ["__count"],
        ))
        labels = dict(Risk._fields["level"]._description_selection(self.env))
        rows = [[labels[level], counts.get(level, 0)] for level in ("rood", "oranje", "groen")]
        return {
            "sequence": 65,
            "title": self.env._("Cases per wage-sanction risk level"),
            "columns": [self.env._("Level"), self.env._("Open cases")],
            "rows": rows,
            "note": self.env._("The last check of each open case (daily)."),
        }

    @api.model
    def _erm_snapshot_milestones(self, company):
        Milestone = self._aggregate_env()["erm.wvp.milestone"]
        today = fields.Date.context_today(self)
        department = self._erm_department_domain()
        groups = Milestone._read_group(
            [("company_id", "=", company.id), ("state", "not in", ("done", "cancelled")),
             ("case_id.state", "!=", "hersteld")] + department,
            ["responsible_role"], ["__count"],
        )
        overdue = dict(Milestone._read_group(
            [("company_id", "=", company.id), ("state", "not in", ("done", "cancelled")),
             ("case_id.state", "!=", "hersteld"), ("date_deadline", "<", today)] + department,
            ["responsible_role"], ["__count"],
        ))
        labels = dict(Milestone._fields["responsible_role"]._description_selection(self.env))
        rows = [[labels.get(role, self.env._("Not assigned")), count, overdue.get(role, 0)]
                for role, count in groups]
        return {
            "sequence": 60,
            "title": self.env._("Open WvP milestones per role"),
            "columns": [self.env._("Role"), self.env._("Open"), self.env._("Overdue")],
            "rows": rows,
            "note": self.env._("On the day the agenda was made."),
        }

    @api.model
    def _erm_snapshot_interventions(self, company, start, end):
        """The interventions of the quarter per state and their cost (a section), or {}:
        proposed in the quarter, or approved/started in it. Counts and sums only."""
        Intervention = self._aggregate_env()["erm.intervention"].with_context(active_test=False)
        groups = Intervention._read_group(
            [("company_id", "=", company.id)]
            + self._erm_department_domain("case_id.department_id")
            + ["|", "|",
             "&", ("create_date", ">=", start), ("create_date", "<", end + timedelta(days=1)),
             "&", ("date_approved", ">=", start), ("date_approved", "<=", end),
             "&", ("date_start", ">=", start), ("date_start", "<=", end)],
            ["state"], ["__count", "cost:sum"],
        )
        if not groups:
            return {}
        labels = dict(Intervention._fields["state"]._description_selection(self.env))
        money = lambda amount: formatLang(  # noqa: E731
            self.env, amount or 0.0, currency_obj=company.currency_id)
        rows = [[labels.get(state, state), count, money(cost)] for state, count, cost in groups]
        rows.append([self.env._("Total"), sum(g[1] for g in groups),
                     money(sum(g[2] or 0.0 for g in groups))])
        return {
            "sequence": 70,
            "title": self.env._("Interventions of the quarter and their cost"),
            "columns": [self.env._("Status"), self.env._("Interventions"),
                        self.env._("Cost")],
            "rows": rows,
            "note": self.env._("Proposed, approved or started in the quarter."),
        }

    @api.model
    def _erm_snapshot_preconditions(self, company):
        """The preconditions whose review date passed (a section), or {}."""
        # sudo: the company's checklist, whose review dates the agenda lists
        Precondition = self.env["erm.precondition"].sudo()
        lines = Precondition.search([
            ("company_id", "=", company.id), ("date_review", "<", fields.Date.context_today(self)),
        ], order="sequence, id")
        if not lines:
            return {}
        states = dict(Precondition._fields["state"]._description_selection(self.env))
        return {
            "sequence": 80,
            "title": self.env._("Preconditions due for review"),
            "columns": [self.env._("Precondition"), self.env._("Status"), self.env._("Owner"),
                        self.env._("Review date")],
            "rows": [[line.name, states.get(line.state, ""), line.owner_id.name or "",
                      format_date(self.env, line.date_review)] for line in lines],
            "note": "",
        }

    def _erm_snapshot_open_actions(self):
        """The still open follow-up actions of the company's earlier reviews."""
        self.ensure_one()
        # sudo: the actions carried to this review, listed on its agenda for every participant
        sudo_self = self.sudo()
        activities = sudo_self.carried_activity_ids
        if not activities:
            return {}
        reviews = {r.id: r for r in sudo_self.browse(activities.mapped("res_id"))}
        return {
            "sequence": 90,
            "title": self.env._("Open follow-up actions of earlier reviews"),
            "columns": [self.env._("Action"), self.env._("Owner"), self.env._("Deadline"),
                        self.env._("Review")],
            "rows": [[a.summary or a.activity_type_id.name, a.user_id.name,
                      format_date(self.env, a.date_deadline),
                      quarter_label(reviews[a.res_id].date_quarter_start)]
                     for a in activities],
            "note": "",
        }

    def _erm_render_snapshot(self, snapshot):
        sections = sorted(
            (section for section in snapshot["sections"].values() if section),
            key=lambda section: section.get("sequence", 100),
        )
        prepared = [dict(section, rows=[
            [self._erm_format_cell(cell) for cell in row] for row in section.get("rows", [])
        ]) for section in sections]
        return self.env["ir.qweb"]._render(
            "erm_verzuim.erm_stakeholder_review_snapshot",
            {"snapshot": snapshot, "sections": prepared,
             # the period as people read it (the data keeps ISO dates)
             "date_from": format_date(self.env, snapshot.get("date_from")),
             "date_to": format_date(self.env, snapshot.get("date_to"))},
        )

    def _erm_format_cell(self, value):
        if value is None:
            return "-"
        if isinstance(value, bool):
            return self.env._("yes") if value else self.env._("no")
        if isinstance(value, float):
            return formatLang(self.env, value, digits=1)
        if isinstance(value, int):
            return formatLang(self.env, value, digits=0)
        return str(value)

    # ------------------------------------------------------------------ states
    def _write_transition(self, vals):
        """Write what only the review's own transitions write (state, agenda, approval):
        the caller checked the organiser or the board."""
        # sudo: these fields are read-only for everyone; the organiser may lack write access
        return self.with_context(erm_review_transition=True).sudo().write(vals)

    def action_mark_held(self):
        self._erm_check_organiser()
        for review in self:
            if review.state != "planned":
                raise UserError(self.env._("Only a planned review can be marked as held."))
            if not review.date_snapshot:
                review._erm_make_agenda()
        # the state of the review, written by its own transition only (checked above)
        self._write_transition({
            "state": "held", "date_held": fields.Date.context_today(self),
        })
        return True

    def action_approve(self):
        """The board approves the minutes, after the meeting was held."""
        if not self.env.su and not self.env.user.has_group(BOARD_GROUP):
            raise AccessError(self.env._("Only the board approves the minutes."))
        self.check_access("read")
        for review in self:
            if review.state != "held":
                raise UserError(self.env._(
                    "The minutes of %(review)s can be approved only after the meeting was "
                    "held.", review=review.name,
                ))
        # the approval, written by its own transition only (checked above)
        self._write_transition({
            "state": "approved", "approved_user_id": self.env.uid,
            "date_approved": fields.Datetime.now(),
        })
        return True

    def action_add_action(self):
        """The form of a new follow-up action (an activity on the review)."""
        self.ensure_one()
        self._erm_check_organiser()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Follow-up action"),
            "res_model": "mail.activity",
            "view_mode": "form",
            "views": [(self.env.ref("mail.mail_activity_view_form_popup").id, "form")],
            "target": "new",
            "context": {
                "default_res_model_id": self.env["ir.model"]._get_id(self._name),
                "default_res_id": self.id,
                "default_activity_type_id": self.env.ref(ACTION_TYPE).id,
            },
        }

    def action_send_agenda(self):
        """The mail composer with the PDF for the external participants."""
        self.ensure_one()
        self._erm_check_organiser()
        template = self.env.ref("erm_verzuim.mail_template_erm_stakeholder_review")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "force_email": True,
            },
        }

    def _erm_add_action(self, summary, user, deadline, note=False):
        """Schedule a follow-up action for `user` (used by the demo and tests)."""
        self.ensure_one()
        return self.activity_schedule(
            ACTION_TYPE, date_deadline=deadline, summary=summary, note=note,
            user_id=user.id,
        )

    @api.model
    def _erm_precondition_evidence(self, companies):
        """{company id: evidence text} for the precondition "at least once per quarter
        around the table": the companies whose review of the current or the previous
        quarter was held. For the preconditions checklist to use."""
        today = fields.Date.context_today(self)
        since = quarter_start(today) - relativedelta(months=3)
        # sudo: whether reviews took place (dates), as evidence of the precondition
        reviews = self.sudo().search([
            "|", ("company_id", "in", companies.ids),
            ("scope_id.company_ids", "in", companies.ids),
            ("state", "in", ("held", "approved")), ("date_quarter_start", ">=", since),
        ], order="date_quarter_start desc")
        evidence = {}
        for review in reviews:
            # a group of companies meets for each of them
            members = review.scope_id._erm_companies() if review.scope_id else review.company_id
            for company in members & companies:
                evidence.setdefault(company.id, self.env._(
                    "%(review)s held on %(date)s.", review=review.name,
                    date=format_date(self.env, review.date_held) if review.date_held else "",
                ))
        return evidence

    # ------------------------------------------------------------------ scheduled
    @api.model
    def _cron_plan_reviews(self, today=None):
        """Daily: a review for the current quarter of every company with employees (when
        missing) and for the next quarter from the configured number of weeks before it
        starts, each with an activity for its organiser to plan the meeting; and the one
        escalation to the board of a quarter that ended without a held review. Idempotent,
        also when two workers run it: the unique constraint refuses the second review."""
        today = today or fields.Date.context_today(self)
        created = self._erm_create_due_reviews(today)
        self._erm_escalate_overdue(today)
        return created

    @api.model
    def _erm_create_due_reviews(self, today, companies=None):
        """The missing reviews of the current and (within the lead time) the next quarter:
        one per active review group of the companies, and one per company with employees
        that no group replaces."""
        # sudo: the scheduled job plans the reviews of every company
        sudo_self = self.sudo()
        Review = sudo_self.with_context(active_test=False, mail_create_nosubscribe=True)
        domain = [("company_id", "in", companies.ids)] if companies is not None else []
        companies = sudo_self.env["res.company"].browse([
            company.id for company, in sudo_self.env["hr.employee"]._read_group(
                domain, ["company_id"],
            ) if company
        ])
        scopes = sudo_self.env["erm.stakeholder.review.scope"].search(
            [("company_id", "in", companies.ids)]
        )
        replaced = scopes.filtered("replaces_company_reviews").company_ids
        current = quarter_start(today)
        upcoming = current + relativedelta(months=3)
        wanted = []  # (company, group, quarters)
        for company, scope in [(c, scopes.browse()) for c in companies - replaced] + [
            (s.company_id, s) for s in scopes
        ]:
            quarters = [current]
            if (upcoming - today).days <= 7 * company.erm_review_lead_weeks:
                quarters.append(upcoming)
            wanted.append((company, scope, quarters))
        existing = {
            (r.company_id.id, r.scope_id.id, r.date_quarter_start) for r in Review.search([
                ("company_id", "in", companies.ids),
                ("date_quarter_start", "in", [current, upcoming]),
            ])
        }
        created = Review.browse()
        for company, scope, quarters in wanted:
            for start in quarters:
                if (company.id, scope.id, start) in existing:
                    continue
                try:
                    with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                        review = Review.create({
                            "company_id": company.id, "scope_id": scope.id,
                            "date_quarter_start": start,
                        })
                        review._erm_plan_activity(today)
                except psycopg2.errors.UniqueViolation:
                    _logger.info("Quarterly review %s %s: created by another worker.",
                                 scope.name or company.name, start)
                    continue
                created |= review
        return created

    def _erm_plan_activity(self, today):
        for review in self:
            deadline = max(review.date_quarter_start, today + timedelta(days=7))
            review.activity_schedule(
                PLAN_TYPE, date_deadline=deadline, user_id=review.organiser_id.id,
                summary=self.env._("Plan the meeting of %(review)s", review=review.name),
            )

    @api.model
    def _erm_escalate_overdue(self, today):
        # sudo: the scheduled job escalates the overdue reviews of every company
        overdue = self.sudo().search([
            ("state", "=", "planned"), ("date_quarter_end", "<", today),
            ("date_escalated", "=", False),
        ])
        for review in overdue:
            board = self._board_users(review.company_id) or review.organiser_id
            for user in board:
                review.activity_schedule(
                    ESCALATION_TYPE, date_deadline=today, user_id=user.id,
                    summary=self.env._("%(review)s was not held", review=review.name),
                    note=self.env._(
                        "The quarter ended without a held stakeholder review. The factsheet's "
                        "precondition asks for one at least every quarter."
                    ),
                )
        overdue.with_context(erm_review_transition=True).write({"date_escalated": today})
        return overdue

    # ------------------------------------------------------------------ report
    def _erm_report_time(self):
        """The meeting's local date and time for the PDF."""
        self.ensure_one()
        if not self.date_meeting:
            return ""
        tz = self.organiser_id.tz or self.env.user.tz or "Europe/Amsterdam"
        return format_datetime(self.env, self.date_meeting, tz=tz, dt_format="short")

    # The employability budget on the quarterly review's agenda: spend and uptake of the
    # quarter per kind of service, aggregates only (erm.budget.usage: groups below the company's
    # minimum group size are left out, and the total only when no group is).
    @api.model
    def _erm_snapshot_budget(self, company, quarter_start):
        """{section} of the quarter's budget use, or {} without any claim."""
        # sudo: spend and uptake per kind of service, aggregates only (a group below the
        # minimum size is left out, the total then too)
        Claim = self.env["erm.budget.claim"].sudo()
        domain = [("company_id", "=", company.id), ("state", "in", ("approved", "paid")),
                  ("date", ">=", quarter_start),
                  ("date", "<", quarter_start + relativedelta(months=3))]
        if not Claim.search_count(domain, limit=1):
            return {}
        rows = Claim.env["erm.budget.usage"]._read_group(
            [("company_id", "=", company.id), ("date_quarter", "=", quarter_start)],
            ["service_kind"], ["amount:sum", "employee_count:max"],
        )
        labels = dict(Claim._fields["service_kind"]._description_selection(self.env))
        money = lambda amount: formatLang(  # noqa: E731
            self.env, amount or 0.0, currency_obj=company.currency_id)
        lines = [[labels.get(kind, kind), money(amount), employees]
                 for kind, amount, employees in rows]
        # a total next to a suppressed group would give that group away by difference:
        # only when every group is shown
        groups = Claim._read_group(domain, ["service_kind"], ["employee_id:count_distinct"])
        minimum = self.env["erm.aggregate.guard"].minimum(company)
        if all(employees >= minimum for _kind, employees in groups):
            total = Claim._read_group(domain, [], ["amount:sum", "employee_id:count_distinct"])
            amount, employees = total[0]
            lines.append([self.env._("Total"), money(amount), employees])
        return {
            "sequence": 75,
            "title": self.env._("Employability budget: spend and uptake"),
            "columns": [self.env._("Kind of service"), self.env._("Spent"),
                        self.env._("Employees")],
            "rows": lines,
            "note": self.env._(
                "Approved and paid claims of the quarter. Groups of fewer than %(minimum)s "
                "employees are not shown: who used the budget stays anonymous.",
                minimum=minimum,
            ),
        }
