# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The absence case (verzuimdossier): the sick report, the course, the chain and the WvP
timeline, the duties of the ERM model in force, need-to-know and anonymisation
(domain.md §2-§5).

Record rules (security/) decide who sees and writes a case; the private part of the sick
report (contact data, safety net) lives in erm.absence.case.private with its own rules.
Time Off synchronisation and duty following are plain functions in helper modules."""

import secrets
from collections import defaultdict
from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import format_date

from ..engine import wvp
from . import erm_absence_case_duties as duties
from . import erm_absence_case_time_off as time_off
from . import erm_care as care
from . import erm_competence as competence
from . import erm_self_report as self_report
from . import tbv
from .erm_absence_case_private import PRIVATE_DOSSIER_FIELDS, PRIVATE_FIELDS
from .erm_format import fmt_date
from .erm_intervention import COMMITTED_STATES
from .erm_wvp_milestone import MILESTONE_SELECTION

PHASES = [
    ("ziekgemeld", "Reported sick"),
    ("probleemanalyse", "Problem analysis"),
    ("plan_van_aanpak", "Plan of action"),
    ("re_integratie", "Reintegration"),
    ("eerstejaars", "First-year evaluation"),
    ("tweede_spoor", "Second track"),
    ("wia_aanvraag", "WIA application"),
    ("hersteld", "Recovered"),
]

EXPECTED_DURATION = [
    ("short", "Up to one week"),
    ("medium", "One to six weeks"),
    ("long", "More than six weeks"),
    ("unknown", "Not known yet"),
]

# Written by the process guardian (and the administrator) only; the private record has
# its own (PRIVATE_PROCESS_FIELDS).
PROCESS_FIELDS = frozenset({
    "employee_id", "date_start", "date_reported", "date_employment_end", "work_accident",
    "active",
})
# Cleared when the re-integration dossier is anonymised; dates and flags for the statistics
# stay (domain.md §4-§5).
DOSSIER_FIELDS = ("ongoing_work", "date_expected_return")
# Changes that move the chain, the timeline or the Time Off of a case.
WVP_FIELDS = frozenset({
    "date_start", "date_recovered", "employee_id", "active", "date_employment_end",
})
HR_GROUP = "erm_verzuim.group_erm_hr"
ADMIN_GROUP = "erm_verzuim.group_erm_admin"


class ErmAbsenceCase(models.Model):
    _name = "erm.absence.case"
    _description = "Absence Case"
    _inherit = ["mail.thread", "mail.activity.mixin", "erm.access.logged.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "employee_id"]

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, index="trigram",
        default=lambda self: _("New"),
    )
    active = fields.Boolean(default=True, tracking=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True,
        check_company=True, ondelete="restrict",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True,
        compute="_compute_from_employee", store=True, readonly=False, precompute=True,
    )
    department_id = fields.Many2one(
        "hr.department", index=True,
        compute="_compute_from_employee", store=True, precompute=True,
    )
    # --- the sick report: only what the AP allows the employer to register (domain.md §5)
    date_reported = fields.Date(
        string="Reported on", required=True, default=fields.Date.context_today, tracking=True,
    )
    date_start = fields.Date(
        string="First sick day", required=True, index=True, tracking=True,
        default=fields.Date.context_today,
    )
    date_recovered = fields.Date(
        string="Recovered on", index=True, tracking=True,
        help="The first day the employee is fully fit for work again. Empty while the case "
        "is open; partial recovery is recorded as a course line, not here.",
    )
    expected_duration = fields.Selection(
        EXPECTED_DURATION, string="Expected duration", default="unknown", tracking=True,
    )
    date_expected_return = fields.Date(string="Expected return", tracking=True)
    ongoing_work = fields.Text(
        string="Ongoing appointments and work",
        help="Appointments and work that colleagues must take over. Work only: no "
        "information about the illness.",
    )
    date_employment_end = fields.Date(
        string="Last working day",
        help="Needed when the employment ends during the absence: UWV must then be "
        "informed on the last working day.",
    )
    # the contact data and the safety net: read through their own rules (one record)
    private_ids = fields.One2many(
        "erm.absence.case.private", "case_id", string="Contact data and safety net",
        copy=False,
    )
    work_accident = fields.Boolean(string="Work accident", tracking=True)
    # --- course, chain and timeline
    period_ids = fields.One2many("erm.absence.period", "case_id", string="Course", copy=False)
    incapacity_pct = fields.Float(
        string="Incapacity (%)", compute="_compute_incapacity", store=True,
        aggregator="avg", digits=(5, 1),
    )
    chain_root_id = fields.Many2one(
        "erm.absence.case", string="Chain", index=True, readonly=True, copy=False,
        help="The first case of the chain (art. 7:629 lid 10 BW) this case belongs to.",
    )
    chain_sequence = fields.Integer(string="Case in chain", readonly=True, copy=False, default=1)
    chain_case_ids = fields.Many2many(
        "erm.absence.case", string="Cases of the chain", compute="_compute_chain_case_ids",
    )
    chain_date_start = fields.Date(
        string="Chain's first sick day", related="chain_root_id.date_start", store=True,
    )
    milestone_ids = fields.Many2many(
        "erm.wvp.milestone", string="Milestones", compute="_compute_milestone_ids",
    )
    extension_ids = fields.One2many(
        "erm.wachttijd.extension", "case_id", string="Extensions", copy=False,
    )
    plan_ids = fields.One2many("erm.reintegration.plan", "case_id", string="Plans", copy=False)
    date_wachttijd_end = fields.Date(
        string="End of waiting time", readonly=True, copy=False, tracking=True,
        help="End of week 104 of the chain, moved by a wage sanction or a voluntary "
        "extension. Computed by the WvP timeline.",
    )
    state = fields.Selection(
        PHASES, string="Phase", default="ziekgemeld", required=True, index=True,
        tracking=True, readonly=True, copy=False, group_expand="_group_expand_states",
    )
    sick_day_number = fields.Integer(
        string="Sick day", compute="_compute_sick_day_number",
        help="Today's sick day of the chain (day 1 is the first sick day).",
    )
    frequent_absence = fields.Boolean(
        string="Frequent absence", readonly=True, copy=False, index=True,
        help="The employee reported sick at least the configured number of times in the "
        "rolling window. A signal for a conversation, never a sanction.",
    )
    erm_frequent_signal_date = fields.Date(
        string="Frequent-absence signal raised on", readonly=True, copy=False,
        help="The day the deadline-alert job asked the case director for a conversation "
        "about frequent absence: once per employee per rolling window.",
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue",
    )
    next_deadline = fields.Date(string="Next deadline", readonly=True, copy=False, index=True)
    next_milestone_code = fields.Selection(
        MILESTONE_SELECTION,
        string="Next milestone", readonly=True, copy=False,
    )
    wvp_refresh_date = fields.Date(
        string="Timeline refreshed on", readonly=True, copy=False, index=True,
    )
    leave_ids = fields.One2many(
        "hr.leave", "erm_case_id", string="Time Off", readonly=True,
        groups="hr_holidays.group_hr_holidays_user",
    )
    # --- duty holders (domain.md §2): who directs the case and who guards the process
    regievoerder_user_id = fields.Many2one(
        "res.users", string="Case director", compute="_compute_duty_holders", store=True,
        index=True, tracking=True,
    )
    procesbewaker_user_id = fields.Many2one(
        "res.users", string="Process guardian", compute="_compute_duty_holders", store=True,
        index=True, tracking=True,
    )
    erm_policy_id = fields.Many2one(
        "erm.model.policy", string="ERM policy", compute="_compute_duty_holders", store=True,
        index="btree_not_null",
        help="The ERM model policy the duty holders were resolved from. Empty: no policy, "
        "model I.",
    )
    erm_model = fields.Selection(
        tbv.ERM_MODELS,
        string="ERM model", compute="_compute_duty_holders", store=True, tracking=True,
    )
    manager_user_ids = fields.Many2many(
        "res.users", "erm_absence_case_manager_user_rel", "case_id", "user_id",
        string="Managers", compute="_compute_duty_holders", store=True,
        help="The employee's managers (parent chain and department managers): they see the "
        "case (need-to-know).",
    )
    # caremanagement (erm_care.py): the employee's own manager keeps in touch
    # in every model, also in model IV where the coach directs
    erm_care_user_id = fields.Many2one(
        "res.users", string="Manager for care and attention", compute="_compute_duty_holders",
        store=True, index="btree_not_null",
        help="The employee's nearest manager: he keeps in touch with the absent employee in "
        "every ERM model and can open the case to log his contacts.",
    )
    erm_care_contact_ids = fields.One2many(
        "erm.care.contact", "case_id", string="Care contacts", copy=False,
    )
    erm_care_last_date = fields.Date(
        string="Last contact", compute="_compute_erm_care_dates",
    )
    erm_care_next_date = fields.Date(
        string="Next agreed contact", compute="_compute_erm_care_dates",
    )
    erm_care_can_log = fields.Boolean(
        string="I may log a contact", compute="_compute_erm_care_dates",
    )
    erm_no_responsible = fields.Boolean(
        string="No responsible", compute="_compute_erm_no_responsible", store=True,
        index=True,
        help="An open case whose case director or process guardian cannot be resolved "
        "(missing, or an archived user). Its deadlines go to the company's fallback.",
    )
    ba_advice_ids = fields.One2many(
        "erm.ba.advice", "case_id", string="Company doctor's advice", copy=False,
    )
    # --- what the current user may do and see (form and kanban)
    erm_is_own_case = fields.Boolean(string="Own case", compute="_compute_erm_user_flags")
    erm_is_procesbewaker = fields.Boolean(
        string="I may edit the process", compute="_compute_erm_user_flags",
        help="The current user guards the process of this case, or administers the system.",
    )
    erm_can_write = fields.Boolean(
        string="I may work on this case", compute="_compute_erm_user_flags",
    )
    erm_tbv_html = fields.Html(
        string="Tasks, authorities and responsibilities", compute="_compute_erm_tbv_html",
        sanitize=False,
    )
    erm_duty_warning = fields.Char(string="Duty warning", compute="_compute_erm_warnings")
    erm_competence_warning = fields.Char(
        string="Competence warning", compute="_compute_erm_competence_warning",
    )
    erm_calendar_title = fields.Char(
        string="Calendar title", compute="_compute_erm_calendar_title",
    )
    erm_anonymized = fields.Selection(
        [("dossier", "Re-integration dossier"), ("full", "Fully anonymised")],
        string="Anonymised", readonly=True, copy=False, index=True,
        help="Set by a confirmed retention review. Dates, course and flags stay for the "
        "statistics.",
    )
    erm_anonymized_date = fields.Date(string="Anonymised on", readonly=True, copy=False)
    # --- the employee's recovery report from the portal (erm_self_report.py): a request,
    # the case stays open until its case director or process guardian decides
    erm_recovery_request_date = fields.Date(
        string="Recovery reported from", readonly=True, copy=False,
        help="The day from which the employee reported in the portal that he works again, "
        "waiting for the case director's confirmation.",
    )
    erm_recovery_request_pct = fields.Float(
        string="Reported working percentage", readonly=True, copy=False, digits=(5, 1),
        help="The part of his working hours the employee reported to work again; 100 is "
        "full recovery.",
    )
    erm_recovery_request_status = fields.Char(
        string="Recovery report", compute="_compute_erm_recovery_request",
    )
    erm_may_decide_recovery = fields.Boolean(
        string="I decide on the recovery report", compute="_compute_erm_recovery_request",
    )

    # ------------------------------------------------------------------ computes
    @api.depends("employee_id")
    def _compute_from_employee(self):
        for case in self:
            case.company_id = case.employee_id.company_id or case.company_id or self.env.company
            case.department_id = case.employee_id.department_id

    @api.depends(
        "employee_id", "date_recovered", "company_id", "employee_id.user_id",
        "employee_id.parent_id.user_id", "employee_id.department_id.manager_id.user_id",
        "employee_id.department_id.parent_id",
    )
    def _compute_duty_holders(self):
        """Duties per the ERM model in force (erm.model.policy, domain.md §2): from the
        employee's department and today for an open case; a closed case keeps its holders.
        Deeper org-chart changes and policy changes refresh in batch (_erm_refresh_duties)."""
        resolved = self.env["erm.model.policy"]._resolve(self)
        for case in self:
            values = resolved[case.id]
            case.manager_user_ids = [(6, 0, values["manager_user_ids"])]
            case.erm_care_user_id = next(iter(values["manager_user_ids"]), False)
            if case.date_recovered and (
                case.regievoerder_user_id or case.procesbewaker_user_id
            ) and case.erm_model:
                continue  # closed cases keep who held the duties
            case.erm_policy_id = values["erm_policy_id"]
            case.erm_model = values["erm_model"]
            case.regievoerder_user_id = values["regievoerder_user_id"]
            case.procesbewaker_user_id = values["procesbewaker_user_id"]

    @api.depends(
        "date_recovered", "active", "regievoerder_user_id.active",
        "procesbewaker_user_id.active",
    )
    def _compute_erm_no_responsible(self):
        for case in self:
            case.erm_no_responsible = bool(
                case.active and not case.date_recovered and not (
                    case.regievoerder_user_id.active and case.procesbewaker_user_id.active
                )
            )

    @api.depends_context("uid")
    def _compute_erm_user_flags(self):
        user = self.env.user
        admin = user.has_group(ADMIN_GROUP)
        writable = self._filtered_access("write")
        # sudo: only the reader's own relation to a case he may read (yes/no flags)
        for case, sudo_case in zip(self, self.sudo(), strict=True):
            case.erm_is_own_case = bool(user and sudo_case.employee_id.user_id == user)
            case.erm_is_procesbewaker = admin or sudo_case.procesbewaker_user_id == user
            case.erm_can_write = bool(case.id) and case in writable

    @api.depends("erm_model", "regievoerder_user_id", "procesbewaker_user_id")
    def _compute_erm_tbv_html(self):
        # sudo: the names of the duty holders, employee and doctors of a case the reader
        # may open; its form names them anyway
        for case, sudo_case in zip(self, self.sudo(), strict=True):
            model = case.erm_model or "I"
            regie, proces = tbv.DUTY_ROLES[model]
            holders = defaultdict(list)
            for role, user in ((regie, sudo_case.regievoerder_user_id),
                               (proces, sudo_case.procesbewaker_user_id)):
                if user and user.name not in holders[role]:
                    holders[role].append(user.name)
            holders["employee"] = [sudo_case.employee_id.name or ""]
            holders["doctor"] = sudo_case.company_id.erm_doctor_user_ids.mapped("name")
            case.erm_tbv_html = tbv.render(
                self.env, model, {key: ", ".join(names) for key, names in holders.items()},
            )

    @api.depends_context("uid")
    def _compute_erm_warnings(self):
        """Missing duty holders: shown to HR and the duty holders of the case."""
        user = self.env.user
        is_hr = user.has_group(HR_GROUP)
        for case in self:
            involved = is_hr or user in (case.regievoerder_user_id | case.procesbewaker_user_id)
            case.erm_duty_warning = False
            if involved and not case.date_recovered and not (
                case.regievoerder_user_id and case.procesbewaker_user_id
            ):
                case.erm_duty_warning = self.env._(
                    "Not every duty of this case has a holder: set the employee's manager, "
                    "or the absence coaches or HR advisers of the ERM policy."
                )

    @api.depends_context("uid")
    def _compute_erm_competence_warning(self):
        """A case directed by a manager below the ERM competence level his company requires
        for the case's model (erm_competence.py). The competences are the manager's own HR
        data: shown to the director himself and to HR only, never to the process guardian
        or anyone else who can open the case."""
        user = self.env.user
        is_hr = user.has_group(HR_GROUP)
        self.erm_competence_warning = False
        cases = self.filtered(
            lambda c: c.erm_model in competence.DIRECTING_MODELS and not c.date_recovered
            and c.regievoerder_user_id and (is_hr or c.regievoerder_user_id == user)
        )
        stype = competence.skill_type(self.env)
        if not cases or not stype or not stype.sudo().skill_ids:
            return
        skills = stype.sudo().skill_ids
        progress = competence.level_progress(self.env)
        names = competence.level_names(self.env)
        directors = cases.sudo().regievoerder_user_id
        employees = self.env["hr.employee"].sudo().search([("user_id", "in", directors.ids)])
        levels = competence.employee_levels(self.env, employees)
        by_user = {}
        for employee in employees:
            by_user.setdefault((employee.user_id.id, employee.company_id.id), employee)
            by_user.setdefault((employee.user_id.id, None), employee)
        for case in cases:
            director = case.sudo().regievoerder_user_id
            required = competence.required_level(case.company_id, case.erm_model)
            if required == "none":
                continue
            employee = by_user.get((director.id, case.company_id.id)) or by_user.get(
                (director.id, None))
            missing = competence.gaps(
                skills, levels[employee.id] if employee else {}, progress[required],
            )
            if missing:
                # short: the competences themselves are on the director's competence page
                case.erm_competence_warning = self.env._(
                    "%(user)s directs this case but has not (yet) reached the required ERM "
                    "competence level (%(level)s): %(missing)s of %(total)s competences to "
                    "develop. Consider support by the absence coach.",
                    user=director.name, level=names[required], missing=len(missing),
                    total=len(skills),
                )

    @api.depends("erm_recovery_request_date", "erm_recovery_request_pct", "date_recovered")
    @api.depends_context("uid")
    def _compute_erm_recovery_request(self):
        self_report.compute_request_status(self)

    def action_erm_view_director_competences(self):
        """The link of the competence warning: the director opens his own profile, HR the
        director's employee form (tab Resume). Nobody else sees his HR data."""
        self.ensure_one()
        user = self.env.user
        director = self.sudo().regievoerder_user_id
        if director == user:
            return dict(user.action_get(), res_id=user.id)
        if not user.has_group(HR_GROUP):
            raise AccessError(self.env._(
                "Only HR and the case director himself see the director's competences."
            ))
        employees = self.env["hr.employee"].search([("user_id", "=", director.id)])
        employee = employees.filtered(lambda e: e.company_id == self.company_id)[:1] or (
            employees[:1])
        if not employee:
            raise UserError(self.env._(
                "%(user)s has no employee record: record his competences there first.",
                user=director.name,
            ))
        return {
            "type": "ir.actions.act_window", "res_model": "hr.employee",
            "res_id": employee.id, "views": [(False, "form")], "target": "current",
        }

    @api.depends_context("uid")
    def _compute_erm_care_dates(self):
        care.compute_case_dates(self)

    @api.depends("employee_id", "next_milestone_code", "name")
    def _compute_erm_calendar_title(self):
        labels = dict(self._fields["next_milestone_code"]._description_selection(self.env))
        for case in self:
            parts = [case.employee_id.name or case.name or ""]
            if case.next_milestone_code:
                parts.append(labels.get(case.next_milestone_code, ""))
            case.erm_calendar_title = " - ".join(part for part in parts if part)

    @api.depends("period_ids.incapacity_pct", "period_ids.date_from", "date_recovered")
    def _compute_incapacity(self):
        for case in self:
            last = case.period_ids.sorted("date_from")[-1:]
            case.incapacity_pct = 0.0 if case.date_recovered else last.incapacity_pct

    def _compute_chain_case_ids(self):
        roots = self.chain_root_id
        by_root = defaultdict(lambda: self.browse())
        if roots:
            for case in self.search([("chain_root_id", "in", roots.ids)], order="date_start"):
                by_root[case.chain_root_id.id] |= case
        for case in self:
            case.chain_case_ids = by_root[case.chain_root_id.id] or case

    def _compute_milestone_ids(self):
        roots = self.chain_root_id
        by_root = defaultdict(lambda: self.env["erm.wvp.milestone"])
        if roots:
            milestones = self.env["erm.wvp.milestone"].search(
                [("chain_root_id", "in", roots.ids), ("state", "!=", "cancelled")],
                order="date_deadline, sequence, id",
            )
            for milestone in milestones:
                by_root[milestone.chain_root_id.id] |= milestone
        for case in self:
            case.milestone_ids = by_root[case.chain_root_id.id]

    def _compute_sick_day_number(self):
        today = fields.Date.context_today(self)
        chains = self._wvp_chains()
        for case in self:
            chain = chains.get(case.chain_root_id.id)
            case.sick_day_number = (chain and chain.sick_day_number(today)) or 0

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for case in self:
            case.is_overdue = bool(case.next_deadline and case.next_deadline < today)

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on overdue cases."))
        today = fields.Date.context_today(self)
        positive = (operator == "=") == value
        domain = [("next_deadline", "<", today)]
        return domain if positive else ["|", ("next_deadline", "=", False)] + [
            ("next_deadline", ">=", today)
        ]

    @api.model
    def _group_expand_states(self, states, domain):
        return [key for key, _label in PHASES]

    # ------------------------------------------------------------------ validation
    @api.constrains("date_start", "date_reported")
    def _check_date_start(self):
        tomorrow = fields.Date.context_today(self) + timedelta(days=1)
        for case in self:
            if case.date_start > tomorrow:
                raise ValidationError(
                    _("The first sick day of %(case)s lies in the future: a sick report can "
                      "be made at most one day ahead.", case=case.display_name)
                )

    @api.constrains("date_start", "date_expected_return")
    def _check_expected_return(self):
        for case in self:
            if case.date_expected_return and case.date_expected_return <= case.date_start:
                raise ValidationError(self.env._(
                    "The expected return of %(case)s (%(date)s) must come after the first "
                    "sick day (%(start)s).", case=case.display_name,
                    date=format_date(self.env, case.date_expected_return),
                    start=format_date(self.env, case.date_start),
                ))

    @api.model
    def _erm_check_report(self, vals_list):
        """The checks of a sick report that need no case yet, run before the case number is
        taken: a refused report neither names nor consumes a number that never exists."""
        tomorrow = fields.Date.context_today(self) + timedelta(days=1)
        employees = self.env["hr.employee"].sudo().browse(
            {vals["employee_id"] for vals in vals_list if vals.get("employee_id")}
        )
        # sudo: the reporter may not read the employee's earlier cases; only their number
        # is named, so that he knows which case to ask about
        existing = self.sudo().search(
            [("employee_id", "in", employees.ids)], order="date_start desc"
        ) if employees else self.browse()
        for vals in vals_list:
            start = fields.Date.to_date(vals.get("date_start"))
            if not start or not vals.get("employee_id"):
                continue
            employee = employees.browse(vals["employee_id"])
            if start > tomorrow:
                raise ValidationError(self.env._(
                    "The first sick day of %(employee)s (%(date)s) lies in the future: a "
                    "sick report can be made at most one day ahead.",
                    employee=employee.name, date=format_date(self.env, start),
                ))
            expected = fields.Date.to_date(vals.get("date_expected_return"))
            if expected and expected <= start:
                raise ValidationError(self.env._(
                    "The expected return (%(date)s) must come after the first sick day "
                    "(%(start)s).", date=format_date(self.env, expected),
                    start=format_date(self.env, start),
                ))
            # the same rule as _check_no_overlap: periods [first day, recovery) may not
            # overlap; an open case runs on
            end = fields.Date.to_date(vals.get("date_recovered")) or date.max
            for case in existing.filtered(lambda c, e=employee: c.employee_id == e):
                if not (start < (case.date_recovered or date.max) and case.date_start < end):
                    continue
                if not case.date_recovered:
                    raise ValidationError(self.env._(
                        "%(employee)s already has an open absence case (%(case)s). Report "
                        "recovery on it first, or register the new absence as a course "
                        "line of that case.", employee=employee.name, case=case.name,
                    ))
                raise ValidationError(self.env._(
                    "%(employee)s was absent from %(start)s until %(recovered)s (case "
                    "%(case)s): the new absence may not overlap it.",
                    employee=employee.name, case=case.name,
                    start=format_date(self.env, case.date_start),
                    recovered=format_date(self.env, case.date_recovered),
                ))

    @api.constrains("date_start", "date_recovered")
    def _check_recovery_after_start(self):
        for case in self:
            if case.date_recovered and case.date_recovered <= case.date_start:
                raise ValidationError(
                    _("The recovery date of %(case)s (%(recovered)s) must come after the first "
                      "sick day (%(start)s).", case=case.name,
                      recovered=fmt_date(self.env, case.date_recovered),
                      start=fmt_date(self.env, case.date_start))
                )

    @api.constrains("date_start", "date_recovered", "employee_id", "active")
    def _check_no_overlap(self):
        """One employee never has two cases at once (batch: one search for all)."""
        employees = self.employee_id
        cases = self.search(
            [("employee_id", "in", employees.ids)], order="employee_id, date_start, id"
        )
        by_employee = defaultdict(list)
        for case in cases:
            by_employee[case.employee_id.id].append(case)
        for employee_cases in by_employee.values():
            open_cases = [c for c in employee_cases if not c.date_recovered]
            if len(open_cases) > 1:
                raise ValidationError(
                    _("%(employee)s already has an open absence case (%(case)s). Report "
                      "recovery on it first, or register the new absence as a course "
                      "line of that case.", employee=open_cases[0].employee_id.name,
                      case=open_cases[0].name)
                )
            for prev, nxt in zip(employee_cases, employee_cases[1:], strict=False):
                if not prev.date_recovered or prev.date_recovered > nxt.date_start:
                    raise ValidationError(
                        _("The absence cases %(first)s and %(second)s of %(employee)s "
                          "overlap. A new case can only start on or after the recovery "
                          "date of the previous one.", first=prev.name, second=nxt.name,
                          employee=prev.employee_id.name)
                    )

    @api.constrains("date_employment_end")
    def _check_employment_end(self):
        if self.env.context.get("erm_private_pending"):
            return  # the private record is written next and checks this itself
        for case in self.sudo():
            if not case.date_employment_end and "employment_end" in case.private_ids.mapped(
                "vangnet_regime"
            ):
                raise ValidationError(
                    _("Enter the last working day: UWV must be informed on that day.")
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        self._erm_check_report(vals_list)
        private_list = []
        for vals in vals_list:
            private_list.append({
                name: vals.pop(name) for name in PRIVATE_FIELDS if name in vals
            })
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("erm.absence.case") or "/"
        cases = super().create(vals_list)
        # Every case starts with one course line: fully unfit from the first sick day,
        # unless the caller gave the course itself.
        missing = cases.filtered(lambda c: not c.period_ids)
        if missing:
            # the system's default course line: created as superuser (the degree of
            # incapacity is otherwise the company doctor's, through his advice)
            self.env["erm.absence.period"].sudo().create([
                {"case_id": case.id, "date_from": case.date_start, "incapacity_pct": 100.0}
                for case in missing
            ])
        # Every case has its private record, created by the reporter (rules apply): the
        # contact data are part of the sick report.
        without = {case.id for case in cases.sudo() if not case.private_ids}
        private_vals = [
            dict(pvals, case_id=case.id)
            for case, pvals in zip(cases, private_list, strict=True) if case.id in without
        ]
        if private_vals:
            self.env["erm.absence.case.private"].with_context(
                erm_from_case=True, mail_create_nolog=True, mail_create_nosubscribe=True,
                mail_notrack=True,
            ).create(private_vals)
        cases._check_periods()
        cases._recompute_wvp()
        # the duty holders follow their cases from the start
        cases._erm_follow_duties({case.id: (self.env["res.users"],) * 2 for case in cases})
        return cases

    def write(self, vals):
        vals = dict(vals)
        private_vals = {name: vals.pop(name) for name in PRIVATE_FIELDS if name in vals}
        self._erm_check_process_fields(vals)
        pending = bool(private_vals) and "date_employment_end" in vals
        res = super(ErmAbsenceCase, self.with_context(erm_private_pending=pending)).write(vals)
        if private_vals:
            self._erm_write_private(private_vals)
        if WVP_FIELDS & set(vals) or {"vangnet", "vangnet_regime", "wazo_bridge"} & set(
            private_vals
        ):
            if {"date_start", "date_recovered"} & set(vals):
                self._check_periods()
            self._recompute_wvp()
        if {"active", "date_recovered"} & set(vals):
            # deadline activities of a closed case are closed at commit, in one batch
            milestones = self.env["erm.wvp.milestone"].sudo().search([("case_id", "in", self.ids)])
            self.env["erm.alert.manager"]._schedule_sync(milestones.ids)
        return res

    def _erm_check_process_fields(self, vals):
        """The process fields are written by the process guardian (and the administrator)
        only: a rule per field is what record rules cannot express."""
        names = PROCESS_FIELDS & set(vals)
        if not names or self.env.su or self.env.user.has_group(ADMIN_GROUP):
            return
        others = self.sudo().filtered(lambda c: c.procesbewaker_user_id.id != self.env.uid)
        if others:
            raise AccessError(self.env._(
                "Only the process guardian of %(case)s may change: %(fields)s.",
                case=others[0].display_name,
                fields=", ".join(
                    self._fields[name]._description_string(self.env) for name in sorted(names)
                ),
            ))

    def _erm_write_private(self, private_vals):
        """Write the contact data and the safety net of self as the current user: the
        private model's rules decide (a reader without access gets an AccessError, never a
        silent no-op)."""
        Private = self.env["erm.absence.case.private"].with_context(erm_from_case=True)
        existing = self.sudo().private_ids
        missing = self - existing.case_id
        if existing:
            existing.with_env(Private.env).write(private_vals)
        if missing:
            Private.with_context(
                mail_create_nolog=True, mail_create_nosubscribe=True,
            ).create([dict(private_vals, case_id=case.id) for case in missing])

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # The deadline-alert job subscribes the assignees of the activities it creates in
        # one batch (erm.alert.manager._subscribe_assignees), not once per user.
        if self.env.context.get("erm_alert_batch_subscribe"):
            return True
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(
                _("Absence cases are never deleted: archive the case instead, so that "
                  "its history is kept.")
            )

    def copy(self, default=None):  # pylint: disable=method-required-super
        raise UserError(_("An absence case cannot be duplicated: report a new absence."))

    # ------------------------------------------------------------------ course lines
    def _check_periods(self):
        """Course lines start on the first sick day and lie inside the case."""
        for case in self:
            periods = case.period_ids.sorted("date_from")
            if not periods:
                continue
            if periods[0].date_from != case.date_start:
                raise ValidationError(
                    _("The course of %(case)s must start on the first sick day "
                      "(%(date)s): a gap at the start is not allowed.",
                      case=case.name, date=fmt_date(self.env, case.date_start))
                )
            if case.date_recovered and periods[-1].date_from >= case.date_recovered:
                raise ValidationError(
                    _("A course line of %(case)s starts on or after the recovery date.",
                      case=case.name)
                )

    # ------------------------------------------------------------------ WvP engine
    def _chain_members(self):
        """All active cases of the employees of self, in one search."""
        return self.with_context(active_test=True).search(
            [("employee_id", "in", self.employee_id.ids)], order="employee_id, date_start, id"
        )

    def _assign_chains(self, wazo=None):
        """Link the employees' cases into chains by the 28-day rule (engine.chain_groups).
        `wazo`: the employees' WAZO leave when the caller has read it already."""
        cases = self._chain_members()
        by_employee = defaultdict(list)
        for case in cases:
            by_employee[case.employee_id.id].append(case)
        wazo_by_employee = wazo if wazo is not None else self._wazo_intervals(cases.employee_id)
        for employee_id, employee_cases in by_employee.items():
            spells = [wvp.Spell(c.date_start, c.date_recovered or None) for c in employee_cases]
            bridging = self._bridging_wazo(employee_cases, wazo_by_employee.get(employee_id, ()))
            try:
                groups = wvp.chain_groups(spells, wazo=bridging)
            except wvp.EngineError as exc:
                raise ValidationError(
                    _("The absence cases of %(employee)s cannot form a valid history: "
                      "%(reason)s", employee=employee_cases[0].employee_id.name,
                      reason=str(exc))
                ) from exc
            for group in groups:
                root = employee_cases[group[0]]
                for seq, index in enumerate(group, start=1):
                    case = employee_cases[index]
                    if case.chain_root_id != root or case.chain_sequence != seq:
                        case.write({"chain_root_id": root.id, "chain_sequence": seq})
        # archived cases leave their chain
        archived = self.filtered(lambda c: not c.active and c.chain_root_id)
        archived.write({"chain_root_id": False, "chain_sequence": 0})
        return cases

    @api.model
    def _bridging_wazo(self, employee_cases, intervals):
        """WAZO leave bridges a chain only when the company doctor stated that the absence
        after it has the same cause: keep the intervals followed by such a case."""
        bridging = []
        for interval in intervals:
            following = next(
                (c for c in employee_cases if c.date_start > interval.date_to), None
            )
            # read as superuser: the chain is bookkeeping, the statement itself is private
            if following and following.sudo().private_ids.wazo_bridge:
                bridging.append(interval)
        return tuple(bridging)

    def _wazo_intervals(self, employees):
        """Validated WAZO leave per employee, as engine intervals (read as superuser:
        leave records of other employees are not readable by every role)."""
        if not employees:
            return {}
        leaves = self.env["hr.leave"].sudo().search([
            ("employee_id", "in", employees.ids),
            ("holiday_status_id.erm_wazo", "=", True),
            ("state", "=", "validate"),
        ])
        result = defaultdict(list)
        for leave in leaves:
            result[leave.employee_id.id].append(
                wvp.Interval(leave.request_date_from, leave.request_date_to)
            )
        return {key: tuple(sorted(val, key=lambda i: i.date_from)) for key, val in result.items()}

    def _wvp_chains(self, members=None, wazo=None):
        """Engine chains keyed by chain root id, for the chains of self. A caller that has
        already read the chains' cases (`members`, ordered by date_start) or the WAZO leave
        of their employees passes them in, so they are not read twice."""
        roots = self.chain_root_id
        if not roots:
            return {}
        if members is None:
            members = self.with_context(active_test=True).search(
                [("chain_root_id", "in", roots.ids)], order="date_start, id"
            )
        if wazo is None:
            wazo = self._wazo_intervals(members.employee_id)
        by_root = defaultdict(list)
        for case in members:
            by_root[case.chain_root_id.id].append(case)
        chains = {}
        for root_id, cases in by_root.items():
            spells = [wvp.Spell(c.date_start, c.date_recovered or None) for c in cases]
            employee_wazo = wazo.get(cases[0].employee_id.id, ())
            chains[root_id] = wvp.Chain(spells, wazo=employee_wazo)
        return chains

    def _recompute_wvp(self):
        """Recompute chains, milestones, waiting-time end, phase and signals, in batch.
        Runs as superuser: this is derived bookkeeping, and the access of the user was
        checked on the change that triggered it (write rights follow the duties)."""
        if not self:
            return
        self = self.sudo()  # noqa: PLW0642
        # WAZO leave is read once, for every employee involved (chains never span employees)
        wazo = self._wazo_intervals(self.employee_id)
        members = self._assign_chains(wazo=wazo)
        roots = (self | members).filtered("active").chain_root_id
        chain_cases = self.with_context(active_test=True).search(
            [("chain_root_id", "in", roots.ids)], order="date_start, id"
        )
        chains = chain_cases._wvp_chains(members=chain_cases, wazo=wazo)
        self.env["erm.wvp.milestone"]._sync_chains(chain_cases, chains)
        chain_cases._update_frequent_absence()
        (self | chain_cases)._sync_time_off()
        # the chain's lists are computed from searches: drop what the cache holds
        self.invalidate_model(["milestone_ids", "chain_case_ids", "sick_day_number"])

    def _sync_time_off(self):
        time_off.sync_time_off(self)

    def _update_frequent_absence(self):
        today = fields.Date.context_today(self)
        employees = self.employee_id
        if not employees:
            return
        starts = defaultdict(list)
        for case in self.search([("employee_id", "in", employees.ids)]):
            starts[case.employee_id.id].append(case.date_start)
        for case in self:
            company = case.company_id
            flag = wvp.frequent_absence(
                starts[case.employee_id.id], max(today, case.date_start),
                threshold=company.erm_frequent_absence_threshold or 3,
                window_days=company.erm_frequent_absence_window_days or 365,
            )
            if case.frequent_absence != flag:
                case.frequent_absence = flag

    def _erm_access_log_cases(self):
        return {case_id: case_id for case_id in self._ids}

    # ------------------------------------------------------------------ duty changes
    def _erm_duty_snapshot(self):
        return {
            case.id: (case.regievoerder_user_id, case.procesbewaker_user_id)
            for case in self.sudo()
        }

    def _erm_refresh_duties(self, snapshot=None):
        """Resolve the duty holders of self again (after a policy or org-chart change) and
        let the open milestones, the case's activities and the followers follow them."""
        cases = self.sudo().exists()
        if not cases:
            return
        if snapshot is None:
            snapshot = cases._erm_duty_snapshot()
        fnames = ["regievoerder_user_id", "procesbewaker_user_id", "erm_policy_id",
                  "erm_model", "manager_user_ids", "erm_care_user_id"]
        for fname in fnames:
            self.env.add_to_compute(cases._fields[fname], cases)
        cases._recompute_recordset(fnames)
        cases._erm_follow_duties(snapshot)

    def _erm_follow_duties(self, snapshot):
        duties.follow_duties(self, snapshot)

    @api.model
    def _erm_cases_of_subtree(self, employees):
        """The cases of `employees` and of everyone reporting to them, at any depth."""
        if not employees:
            return self.browse()
        subtree = self.env["hr.employee"].sudo().with_context(active_test=False).search(
            [("id", "child_of", employees.ids)]
        )
        return self.sudo().with_context(active_test=False).search(
            [("employee_id", "in", subtree.ids)]
        )

    # ------------------------------------------------------------------ access overview
    def action_erm_access_overview(self):
        """Who read the cases of this employee: for the employee himself (his right of
        access) and the administrator."""
        self.ensure_one()
        user = self.env.user
        if not (self.erm_is_own_case or user.has_group(ADMIN_GROUP)):
            raise AccessError(self.env._(
                "Only the employee himself and the administrator see who read a case."
            ))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "erm_verzuim.erm_access_log_action"
        )
        action["domain"] = [("employee_id", "=", self.sudo().employee_id.id)]
        action["context"] = {"create": False}
        action["name"] = self.env._("Who read my absence cases")
        return action

    def _erm_access_overview_lines(self):
        """The access log of the employee's cases, as the current user may read it."""
        self.ensure_one()
        return self.env["erm.access.log"].search(
            [("employee_id", "=", self.sudo().employee_id.id)], order="date desc, id desc",
        )

    # ------------------------------------------------------------------ anonymisation
    def _erm_anonymize(self, level, review=None):
        """Anonymise after a confirmed retention review. 'dossier' clears the re-integration
        dossier (contact data, plans' texts, the doctor's functional advice, documents,
        chatter contents); 'full' also replaces the employee by a pseudonym. Dates, course,
        chain, milestones and flags stay for the statistics."""
        if level not in ("dossier", "full"):
            raise UserError(self.env._("Unknown anonymisation level: %(level)s.", level=level))
        cases = self.sudo().with_context(active_test=False, tracking_disable=True)
        today = fields.Date.context_today(self)
        plans = cases.plan_ids
        advices = cases.ba_advice_ids
        extensions = cases.extension_ids
        privates = cases.private_ids
        cases.write({name: False for name in DOSSIER_FIELDS})
        privates.write({name: False for name in PRIVATE_DOSSIER_FIELDS})
        plans.write({"agreements": False, "view_employer": False, "view_employee": False})
        care_contacts = cases.erm_care_contact_ids
        care_contacts.write({"note": False})
        # imported here: erm_ba_advice imports this module
        from .erm_ba_advice import DOSSIER_FIELDS as ADVICE_DOSSIER_FIELDS

        advices.write({name: False for name in ADVICE_DOSSIER_FIELDS})
        extensions.attachment_ids.unlink()
        self._erm_clear_chatter(cases, privates, plans, advices, extensions, care_contacts)
        cases.activity_ids.unlink()
        if level == "full":
            cases._erm_pseudonymise_employees()
        cases.write({"erm_anonymized": level, "erm_anonymized_date": today})
        body = self.env._(
            "Anonymised (%(level)s) under the retention policy, confirmed in %(review)s.",
            level=dict(self._fields["erm_anonymized"]._description_selection(self.env))[level],
            review=review.display_name if review else "-",
        )
        cases._message_log_batch(bodies=dict.fromkeys(cases.ids, body))

    @api.model
    def _erm_clear_chatter(self, *recordsets):
        """Empty the messages and tracking values of the records; the messages themselves
        stay, so the history shows that something happened and when."""
        Message = self.env["mail.message"].sudo()
        domain = []
        for records in recordsets:
            if records:
                domain = expression.OR([domain, [
                    ("model", "=", records._name), ("res_id", "in", records.ids),
                ]])
        if not domain:
            return
        messages = Message.search(domain)
        messages.tracking_value_ids.unlink()
        messages.attachment_ids.unlink()
        messages.write({"body": self.env._("(content removed under the retention policy)")})

    def _erm_pseudonymise_employees(self):
        """Move the cases to one archived pseudonym employee per original employee: the
        chain and the statistics stay, the person does not."""
        Employee = self.env["hr.employee"].sudo().with_context(
            tracking_disable=True, mail_create_nolog=True,
        )
        by_employee = defaultdict(lambda: self.browse())
        for case in self:
            by_employee[case.employee_id] |= case
        pseudonyms = Employee.create([{
            # a random reference: nothing in it points back to the person
            "name": self.env._("Anonymised %(ref)s", ref=secrets.token_hex(4)),
            "company_id": employee.company_id.id,
            "active": False,
        } for employee in by_employee])
        for (_employee, cases), pseudonym in zip(by_employee.items(), pseudonyms, strict=True):
            # the department at the time of the case stays, for the statistics
            by_department = defaultdict(lambda: self.browse())
            for case in cases:
                by_department[case.department_id.id] |= case
            cases.write({"employee_id": pseudonym.id})
            cases.flush_recordset()
            for department_id, group in by_department.items():
                group.write({"department_id": department_id})
        if "erm_case_id" in self.env["hr.leave"]._fields:
            # the neutral Time Off entries stay with the person, unlinked from the case
            self.env["hr.leave"].sudo().search(
                [("erm_case_id", "in", self.ids)]
            ).write({"erm_case_id": False})

    # ------------------------------------------------------------------ actions
    def action_report_recovery(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Report recovery"),
            "res_model": "erm.absence.recovery.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def action_erm_confirm_recovery(self):
        """The case director or process guardian confirms the employee's recovery report."""
        self.ensure_one()
        self_report.confirm_recovery(self)
        return True

    def action_erm_reject_recovery(self):
        self.ensure_one()
        self_report.check_may_decide(self)
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject recovery report"),
            "res_model": "erm.absence.recovery.wizard",
            "view_mode": "form",
            "views": [(self.env.ref(
                "erm_verzuim.erm_absence_recovery_wizard_view_form_reject").id, "form")],
            "target": "new",
            "context": {"default_case_id": self.id,
                        "default_date_recovered": self.erm_recovery_request_date},
        }

    def action_erm_log_care_contact(self):
        """Log a contact with the absent employee (caremanagement), in a dialog: also for
        the manager who may only read the case (model IV)."""
        self.ensure_one()
        return care.log_contact_action(self)

    def action_reopen(self):
        self.write({"date_recovered": False})
        return True

    def action_view_chain(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Cases of the chain"),
            "res_model": "erm.absence.case",
            "view_mode": "list,form",
            "domain": [("id", "in", self.chain_case_ids.ids)],
        }

    @api.model
    def _cron_refresh(self, batch_size=1000):
        """Daily: phases, milestone states and Time Off move with the calendar, not only
        with edits. One batch per call: the cron runner commits after each call and calls
        again while `remaining` is positive, so a crash loses at most one batch and a re-run
        continues where it stopped (wvp_refresh_date marks what is done today)."""
        today = fields.Date.context_today(self)
        domain = [("date_recovered", "=", False), "|", ("wvp_refresh_date", "=", False),
                  ("wvp_refresh_date", "<", today)]
        cases = self.search(domain, limit=batch_size, order="id")
        if cases:
            cases._recompute_wvp()
            cases.write({"wvp_refresh_date": today})
        remaining = self.search_count(domain) if len(cases) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(cases), remaining=remaining)
        return remaining

    # ------------------------------------------------------------------ wage-sanction risk
    def action_erm_sanction_risk(self):
        """Check the file now and open its wage-sanction risk (HR and the process guardian)."""
        return self.env["erm.sanction.risk"]._action_check_cases(self)

    # ------------------------------------------------------------------ interventions
    # (domain.md §7): the list, their total cost and the recorded decision that
    # no intervention is needed (which silences the "interventions too late" signal).
    intervention_ids = fields.One2many(
        "erm.intervention", "case_id", string="Interventions", copy=False,
    )
    intervention_count = fields.Integer(
        string="Interventions (count)", compute="_compute_intervention_totals",
    )
    erm_company_currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id", string="Company currency",
    )
    intervention_cost = fields.Monetary(
        string="Cost of interventions", currency_field="erm_company_currency_id",
        compute="_compute_intervention_totals",
        help="Approved, running and finished interventions.",
    )
    erm_no_intervention_date = fields.Date(
        string="No intervention needed since", readonly=True, copy=False, tracking=True,
    )
    erm_no_intervention_user_id = fields.Many2one(
        "res.users", string="No intervention needed, decided by", readonly=True, copy=False,
        tracking=True,
    )
    erm_late_intervention_signal_date = fields.Date(
        string="Late-intervention signal raised on", readonly=True, copy=False,
        help="The day the deadline-alert job asked the process guardian about "
        "interventions (week 8 without any): once per case.",
    )

    @api.depends("intervention_ids.state", "intervention_ids.cost")
    @api.depends_context("uid")
    def _compute_intervention_totals(self):
        # One grouped read for all cases, as the reader: a reader of the case who may not
        # read its interventions (e.g. the manager who only keeps the care contact) gets 0
        groups = []
        if self.env["ir.model.access"].check("erm.intervention", "read", raise_exception=False):
            groups = self.env["erm.intervention"]._read_group(
                [("case_id", "in", self.ids)], ["case_id", "state"], ["__count", "cost:sum"],
            )
        count = dict.fromkeys(self.ids, 0)
        cost = dict.fromkeys(self.ids, 0.0)
        for case, state, number, total in groups:
            count[case.id] += number
            if state in COMMITTED_STATES:
                cost[case.id] += total
        for case in self:
            case.intervention_count = count.get(case.id, 0)
            case.intervention_cost = cost.get(case.id, 0.0)

    def action_view_interventions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "erm_verzuim.erm_intervention_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action

    def action_erm_no_intervention_needed(self):
        """The duty holders (and HR) record that the case needs no intervention."""
        user = self.env.user
        is_hr = user.has_group(HR_GROUP) or user.has_group(ADMIN_GROUP)
        for case in self.sudo():
            if not is_hr and user not in (case.regievoerder_user_id | case.procesbewaker_user_id):
                raise UserError(self.env._(
                    "Only the case director, the process guardian or HR record that %(case)s "
                    "needs no intervention.", case=case.display_name,
                ))
        self.check_access("read")
        self.sudo().write({
            "erm_no_intervention_date": fields.Date.context_today(self),
            "erm_no_intervention_user_id": user.id,
        })
        self._erm_close_late_intervention_signals()
        return True

    def _erm_close_late_intervention_signals(self):
        """An approved intervention or a recorded decision answers the signal."""
        activities = self.env["mail.activity"].sudo().search([
            ("res_model", "=", "erm.absence.case"), ("res_id", "in", self.ids),
            ("erm_alert_kind", "=", "late_intervention"),
        ])
        if activities:
            activities.with_context(erm_alert_closing=True).action_feedback()
