# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The absence case (verzuimdossier): the sick report, the course, the chain and the WvP
timeline, the duties of the ERM model in force, need-to-know and anonymisation
(domain.md §2-§5).

Record rules (security/) decide who sees and writes a case; the private part of the sick
report lives in erm.absence.case.private (contact data) and erm.absence.case.vangnet (the
safety net, narrower still), each with its own rules.
The pure rules are in engine/ (the WvP timeline, the ERM models' duties, Time Off dates)."""

import logging
import secrets
from collections import defaultdict
from datetime import date, timedelta

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, format_date, mute_logger

from ..engine import tbv, time_off, wvp
from .erm_absence_case_private import PRIVATE_DOSSIER_FIELDS, PRIVATE_FIELDS
from .erm_absence_case_vangnet import VANGNET_FIELDS
from .erm_absence_period import format_number
from .erm_format import fmt_date, fmt_datetime, org_env
from .erm_intervention import COMMITTED_STATES
from .erm_wvp_milestone import MILESTONE_SELECTION

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
MANAGER_GROUP = "erm_verzuim.group_erm_manager"
PORTAL_REPORT_ACTIVITY = "erm_verzuim.mail_activity_type_erm_portal_report"
# the employee's recovery report: confirmed or rejected on the case (_confirm_recovery)
REQUEST_ACTIVITY = "erm_verzuim.mail_activity_type_erm_recovery_request"
# What the employee himself gives in a sick report: the AP's list for the employer minus the
# employer's own administration (safety net, work accident, recourse, employment end).
PORTAL_SICK_FIELDS = (
    "date_start", "contact_phone", "care_street", "care_zip", "care_city",
    "expected_duration", "date_expected_return", "ongoing_work",
)
OPEN_CASE_INDEX = "erm_absence_case_open_employee_uniq"
# The UWV file (domain.md §5a). Steps its list of missing items leaves out: the end of the
# waiting time is never "done" (and a private step, the safety-net report, is listed only for
# who may know it).
NOT_A_STEP = ("einde_wachttijd",)
# The plan documents a done milestone of these codes must have in the file.
DOCUMENT_CODES = ("plan_van_aanpak", "evaluatie", "eerstejaars", "eindevaluatie")

_logger = logging.getLogger(__name__)


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
    # the contact data and the safety net: read through their own rules (one record each)
    private_ids = fields.One2many(
        "erm.absence.case.private", "case_id", string="Contact data", copy=False,
    )
    vangnet_ids = fields.One2many(
        "erm.absence.case.vangnet", "case_id", string="Safety net", copy=False,
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
        list(wvp.PHASE_LABELS.items()), string="Phase", default="ziekgemeld", required=True,
        index=True, tracking=True, readonly=True, copy=False, group_expand="_group_expand_states",
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
    # The case's duty holders in one stored field, for the record rules of the case and of
    # everything hanging off it (security/): the case director, the process guardian and the
    # casemanagers named in its plans. Recomputed when any of them changes.
    duty_user_ids = fields.Many2many(
        "res.users", "erm_absence_case_duty_user_rel", "case_id", "user_id",
        string="Duty holders", compute="_compute_duty_user_ids", store=True,
    )
    erm_policy_id = fields.Many2one(
        "erm.model.policy", string="ERM policy", compute="_compute_duty_holders", store=True,
        index="btree_not_null",
        help="The ERM model policy the duty holders were resolved from. Empty: no policy, "
        "model I.",
    )
    erm_model = fields.Selection(
        list(tbv.ERM_MODEL_LABELS.items()),
        string="ERM model", compute="_compute_duty_holders", store=True, tracking=True,
    )
    manager_user_ids = fields.Many2many(
        "res.users", "erm_absence_case_manager_user_rel", "case_id", "user_id",
        string="Managers", compute="_compute_duty_holders", store=True,
        help="The employee's managers (parent chain and department managers): they see the "
        "case (need-to-know).",
    )
    # caremanagement (engine/care.py): the employee's own manager keeps in touch
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
    # --- the employee's recovery report from the portal (self-reporting, below): a request,
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
        for case, sudo_case in zip(self, self._sudo_for_flags(), strict=True):
            case.erm_is_own_case = bool(user and sudo_case.employee_id.user_id == user)
            case.erm_is_procesbewaker = admin or sudo_case.procesbewaker_user_id == user
            case.erm_can_write = bool(case.id) and case in writable

    def _sudo_for_flags(self):
        """The cases as superuser, for flags about the reader."""
        # sudo: only the reader's own relation to cases he may read (yes/no flags: his own
        # case? a duty holder? may he log a contact?), never the values themselves
        return self.sudo()

    @api.depends("regievoerder_user_id", "procesbewaker_user_id", "plan_ids.casemanager_id")
    def _compute_duty_user_ids(self):
        for case in self:
            case.duty_user_ids = (case.regievoerder_user_id | case.procesbewaker_user_id
                                  | case.plan_ids.casemanager_id)

    @api.depends("erm_model", "regievoerder_user_id", "procesbewaker_user_id")
    def _compute_erm_tbv_html(self):
        # sudo: the names of the duty holders, employee and doctors of a case the reader
        # may open; its form names them anyway
        for case, sudo_case in zip(self, self.sudo(), strict=True):
            model = case.erm_model or "I"
            regie, proces = tbv.MODEL_DUTIES[model]
            holders = defaultdict(list)
            for role, user in ((regie, sudo_case.regievoerder_user_id),
                               (proces, sudo_case.procesbewaker_user_id)):
                if user and user.name not in holders[role]:
                    holders[role].append(user.name)
            holders["employee"] = [sudo_case.employee_id.name or ""]
            holders["doctor"] = sudo_case.company_id.erm_doctor_user_ids.mapped("name")
            case.erm_tbv_html = self.env["erm.model.policy"]._render_tbv(
                model, {key: ", ".join(names) for key, names in holders.items()},
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
        for the case's model (engine/competence.py). The competences are the manager's own HR
        data: shown to the director himself and to HR only, never to the process guardian
        or anyone else who can open the case."""
        user = self.env.user
        is_hr = user.has_group(HR_GROUP)
        self.erm_competence_warning = False
        cases = self.filtered(
            lambda c: c.erm_model in tbv.DIRECTING_MODELS and not c.date_recovered
            and c.regievoerder_user_id and (is_hr or c.regievoerder_user_id == user)
        )
        if not cases:
            return
        Employee = self.env["hr.employee"]
        skills = Employee._erm_competence_skills()
        if not skills:
            return
        progress = Employee._erm_competence_progress()
        names = Employee._erm_competence_level_names()
        directors = cases.regievoerder_user_id
        # sudo: the directors' own HR data, shown to HR and the director himself only
        employees = self.env["hr.employee"].sudo().search([("user_id", "in", directors.ids)])
        levels = employees._erm_competence_levels()
        by_user = {}
        for employee in employees:
            by_user.setdefault((employee.user_id.id, employee.company_id.id), employee)
            by_user.setdefault((employee.user_id.id, None), employee)
        for case in cases:
            director = case.regievoerder_user_id
            required = case.company_id._erm_required_competence(case.erm_model)
            if required == "none":
                continue
            employee = by_user.get((director.id, case.company_id.id)) or by_user.get(
                (director.id, None))
            held = levels[employee.id] if employee else {}
            missing = skills.filtered(lambda s, h=held, r=required: h.get(s.id, 0) < progress[r])
            if missing:
                # short: the competences themselves are on the director's competence page
                case.erm_competence_warning = self.env._(
                    "%(user)s directs this case but has not (yet) reached the required ERM "
                    "competence level (%(level)s): %(missing)s of %(total)s competences to "
                    "develop. Consider support by the absence coach.",
                    user=director.name, level=names[required], missing=len(missing),
                    total=len(skills),
                )

    # ------------------------------------------------------------------ self-reporting
    # Per company setting the employee reports himself sick and reports his recovery in the
    # portal. The report takes the manager's own code path (the sick report wizard, the
    # recovery wizard, a course line) with only what the employee may give, is logged in
    # the case's chatter as reported by the employee and asks the case's regievoerder to
    # confirm it (an activity). These narrow, checked methods write on the employee's
    # behalf as superuser; reading stays with the ORM rules.
    @api.model
    def _open_case_of(self, employee):
        """The employee's open case, if any (identity check, not for display)."""
        # sudo: whether he has an open case, an identity check
        return self.env["erm.absence.case"].sudo().search(
            [("employee_id", "=", employee.id), ("date_recovered", "=", False)], limit=1
        )

    @api.model
    def _may_report_sick(self):
        employee = self.env["hr.employee"]._erm_own_employee()
        return bool(employee and employee.company_id.erm_portal_sick_report
                    and not self._open_case_of(employee))

    def _may_report_recovery(self):
        """Whether the current user may report the recovery of `case` (his own open case)."""
        self.ensure_one()
        # sudo: identity check (a portal user may not read his employee record)
        sudo_case = self.sudo()
        return bool(sudo_case.active and not sudo_case.date_recovered
                    and sudo_case.employee_id.user_id == self.env.user
                    and sudo_case.company_id.erm_portal_recovery_report)

    @api.model
    def _portal_date(self, value):
        """A date typed in a portal form; a clear error instead of a crash on bad input."""
        try:
            return fields.Date.to_date(value)
        except ValueError as exc:
            raise UserError(self.env._("Give the dates as they are asked for.")) from exc

    @api.model
    def _report_sick(self, vals):
        """Report the current user sick, as the sick report wizard would; returns the case."""
        employee = self.env["hr.employee"]._erm_own_employee()
        if not employee:
            raise AccessError(self.env._("Only an employee can report himself sick."))
        if not employee.company_id.erm_portal_sick_report:
            raise UserError(self.env._(
                "Your employer does not take sick reports in the portal: call your manager "
                "to report sick, as your absence protocol describes."
            ))
        if self._open_case_of(employee):
            raise UserError(self.env._(
                "You are reported sick already. Report your recovery on your open case."
            ))
        wizard_vals = {name: vals[name] for name in PORTAL_SICK_FIELDS if vals.get(name)}
        if wizard_vals.get("expected_duration") not in dict(EXPECTED_DURATION):
            wizard_vals.pop("expected_duration", None)
        for name in ("date_start", "date_expected_return"):
            if name in wizard_vals:
                wizard_vals[name] = self._portal_date(wizard_vals[name])
        wizard_vals.update(employee_id=employee.id,
                           date_reported=fields.Date.context_today(employee))
        # sudo: the manager's code path: the employee may not create cases himself;
        # he does not follow his own case's chatter (notes of his duty holders)
        wizard = self.env["erm.sick.report.wizard"].sudo().with_context(
            mail_create_nosubscribe=True,
        ).create(wizard_vals)
        case = self.env["erm.absence.case"].browse(wizard.action_confirm()["res_id"])
        case._log_portal_report(self.env._("Reported sick by the employee via the portal."))
        return case

    def _report_recovery(self, date_recovered, working_pct=None):
        """Report (partial) recovery of the current user's own `case`: a request the case
        director or process guardian confirms (confirm_recovery: the recovery wizard's path for
        full recovery, a course line for partial) or rejects. Until then the case, its deadlines
        and its activities stay; a date ahead is noted as the expected return, never as an early
        close. `working_pct`: the percentage he works again from `date_recovered`; None or 100
        is full recovery."""
        self.ensure_one()
        env = self.env
        # sudo: the employee reads his case but may not write it; checked here, he writes
        # the request and his expected return only
        sudo_case = self.sudo()
        if sudo_case.employee_id.user_id != env.user:
            raise AccessError(env._("You can only report the recovery of your own absence."))
        if not sudo_case.company_id.erm_portal_recovery_report:
            raise UserError(env._(
                "Your employer does not take recovery reports in the portal: tell your "
                "manager that you are fit again."
            ))
        if sudo_case.date_recovered or not sudo_case.active:
            raise UserError(env._("This absence is closed already."))
        date_recovered = self._portal_date(date_recovered)
        if not date_recovered:
            raise UserError(env._("Give the date from which you work again."))
        if date_recovered <= sudo_case.date_start:
            raise UserError(env._(
                "The date from which you work again must come after your first sick day "
                "(%(date)s).", date=format_date(env, sudo_case.date_start),
            ))
        full = working_pct is None or working_pct >= 100
        if not full and working_pct <= 0:
            raise UserError(env._(
                "Give the percentage you work again: more than 0 and less than 100 "
                "(100 is full recovery)."
            ))
        vals = {"erm_recovery_request_date": date_recovered,
                "erm_recovery_request_pct": 100.0 if full else working_pct}
        if full and date_recovered > fields.Date.context_today(self):
            vals["date_expected_return"] = date_recovered
        # superuser: the employee may not write his case; only the request and his expected
        # return, checked above
        sudo_case.write(vals)
        if full:
            body = env._(
                "Full recovery from %(date)s reported by the employee via the portal.",
                date=format_date(env, date_recovered),
            )
        else:
            body = env._(
                "Partial recovery reported by the employee via the portal: working "
                "%(pct)s%% from %(date)s.",
                pct=format_number(env, working_pct),
                date=format_date(env, date_recovered),
            )
        body = " ".join((body, env._(
            "The case stays open until the case director or the process guardian confirms "
            "the report."
        )))
        self._log_portal_report(body, REQUEST_ACTIVITY)
        return True

    def _recovery_request_pending(self):
        return bool(self.erm_recovery_request_date and not self.date_recovered and self.active)

    def _may_decide_recovery(self):
        """The case director, the process guardian (or the administrator) decides on the
        employee's recovery report."""
        # a plain read: the caller reads the case (a compute of its form, or checked)
        user = self.env.user
        return user.has_group(ADMIN_GROUP) or user in (
            self.regievoerder_user_id | self.procesbewaker_user_id
        )

    def _check_may_decide_recovery(self):
        self.ensure_one()
        env = self.env
        self.check_access("read")
        if not self._may_decide_recovery():
            raise AccessError(env._(
                "Only the case director or the process guardian of %(case)s confirms or "
                "rejects the employee's recovery report.", case=self.display_name,
            ))
        if not self._recovery_request_pending():
            raise UserError(env._("%(case)s has no recovery report waiting for a decision.",
                                  case=self.display_name))

    def _recovery_request_text(self, env=None):
        """What the employee reported, as a phrase: "fully fit for work from 01-03-2027"."""
        self.ensure_one()
        env = env or self.env
        day = format_date(env, self.erm_recovery_request_date)
        if self.erm_recovery_request_pct >= 100:
            return env._("fully fit for work from %(date)s", date=day)
        return env._("working %(pct)s%% of the hours from %(date)s",
                     pct=format_number(env, self.erm_recovery_request_pct), date=day)

    @api.depends("erm_recovery_request_date", "erm_recovery_request_pct", "date_recovered")
    @api.depends_context("uid")
    def _compute_erm_recovery_request(self):
        """erm_recovery_request_status and erm_may_decide_recovery of the case form."""
        env = self.env
        tomorrow = fields.Date.context_today(self) + timedelta(days=1)
        for case in self:
            pending = case._recovery_request_pending()
            case.erm_may_decide_recovery = pending and case._may_decide_recovery()
            if not pending:
                case.erm_recovery_request_status = False
                continue
            status = env._("The employee reported in the portal: %(what)s.",
                           what=case._recovery_request_text())
            if case.erm_recovery_request_date > tomorrow:
                status = " ".join((status, env._(
                    "This is the expected return: confirm it from the day before onwards."
                )))
            case.erm_recovery_request_status = status

    def _close_recovery_request(self, feedback):
        """Clear the pending request of `case` and complete its activity (superuser: the
        deciding duty holder was checked, and the request fields are readonly)."""
        # sudo: readonly request fields and the duty holder's activity (decider checked)
        sudo_case = self.sudo()
        if not sudo_case.erm_recovery_request_date:
            return
        sudo_case.write({"erm_recovery_request_date": False, "erm_recovery_request_pct": 0.0})
        activities = sudo_case.env["mail.activity"].search([
            ("res_model", "=", "erm.absence.case"), ("res_id", "=", self.id),
            ("activity_type_id", "=", self.env.ref(REQUEST_ACTIVITY).id),
        ])
        if activities:
            activities.action_feedback(feedback=feedback)

    def _confirm_recovery(self):
        """Apply the employee's recovery report: full recovery through the recovery wizard (it
        closes the case, its deadlines and their activities), partial as a course line."""
        self._check_may_decide_recovery()
        env = self.env
        # sudo: the request (readonly fields) of a case the deciding duty holder reads, and
        # the message to the employee
        sudo_case = self.sudo()
        day = sudo_case.erm_recovery_request_date
        pct = sudo_case.erm_recovery_request_pct
        if day > fields.Date.context_today(self) + timedelta(days=1):
            raise UserError(env._(
                "The employee expects to work again from %(date)s. Confirm the report from the "
                "day before onwards; until then the case stays open with this expected return.",
                date=format_date(env, day),
            ))
        what = sudo_case._recovery_request_text(sudo_case._employee_env())
        self._close_recovery_request(env._("Confirmed"))
        if pct >= 100:
            # the manager's own path, as the user: the case's rules decide
            env["erm.absence.recovery.wizard"].create(
                {"case_id": self.id, "date_recovered": day}
            ).action_confirm()
        else:
            # course lines are written by the system only (the doctor's advice, this report)
            Period = sudo_case.env["erm.absence.period"]
            line = Period.search([("case_id", "=", self.id), ("date_from", "=", day)], limit=1)
            if line:
                line.write({"incapacity_pct": 100.0 - pct})
            else:
                Period.create({"case_id": self.id, "date_from": day,
                               "incapacity_pct": 100.0 - pct})
        sudo_case._tell_employee(lambda e: e._(
            "Your recovery report (%(what)s) has been confirmed by %(user)s.",
            what=what, user=env.user.name,
        ))
        return True

    def _reject_recovery(self, reason):
        """The duty holder does not confirm the report: the reason goes to the chatter and to
        the employee; the case stays as it was."""
        self._check_may_decide_recovery()
        env = self.env
        reason = (reason or "").strip()
        if not reason:
            raise UserError(env._("Give the reason: the employee reads it."))
        # sudo: the request, in the employee's language (his user read as an identity), and
        # the message to him
        sudo_case = self.sudo()
        what = sudo_case._recovery_request_text(sudo_case._employee_env())
        self._close_recovery_request(env._("Rejected: %(reason)s", reason=reason))
        sudo_case._tell_employee(lambda e: e._(
            "Your recovery report (%(what)s) has not been confirmed by %(user)s. Reason: "
            "%(reason)s. Please contact %(user)s about it.",
            what=what, user=env.user.name, reason=reason,
        ))
        return True

    def _employee_env(self):
        """The environment in the employee's language, for what he reads. Called on the
        case as superuser (his user is an identity the reader may not read)."""
        user = self.employee_id.user_id
        env = self.env
        return env(context=dict(env.context, lang=user.lang or env.lang or "en_US"))

    def _tell_employee(self, text):
        """One message in the case's chatter addressed to the employee (he does not follow
        his case): `text(env)` renders it in his language. Called on the case as superuser:
        posting on the case needs write access, which a process guardian may lack; the
        caller checked him."""
        partner = self.employee_id.user_id.partner_id
        self.message_post(
            body=text(self._employee_env()), message_type="comment",
            subtype_xmlid="mail.mt_comment", partner_ids=partner.ids,
            author_id=self.env.user.partner_id.id,
        )

    def _log_portal_report(self, body, activity_xmlid=PORTAL_REPORT_ACTIVITY):
        """The chatter line and the regievoerder's activity to confirm (superuser: the
        employee may not write on his case). A second recovery report replaces the first:
        its open activity gets the new text instead of a second one."""
        env = self.env
        activity_type = env.ref(activity_xmlid)
        # sudo: the employee may not write on his case (chatter line, activity)
        for case in self.sudo():
            case._message_log(body=body, author_id=env.user.partner_id.id)
            user = case.regievoerder_user_id or case.procesbewaker_user_id
            if not (user and user.active):
                continue
            user_env = env(context=dict(env.context, lang=user.lang or "en_US"))
            if activity_xmlid == REQUEST_ACTIVITY:
                open_activity = case.activity_ids.filtered(
                    lambda a: a.activity_type_id == activity_type)[:1]
                if open_activity:
                    open_activity.write({"note": body})
                    continue
                summary = user_env._("Confirm or reject the employee's recovery report")
            else:
                summary = user_env._("Confirm what the employee reported in the portal")
            case.activity_schedule(
                activity_type_id=activity_type.id, summary=summary, note=body, user_id=user.id,
            )

    def action_erm_view_director_competences(self):
        """The link of the competence warning: the director opens his own profile, HR the
        director's employee form (tab Resume). Nobody else sees his HR data."""
        self.ensure_one()
        user = self.env.user
        director = self.regievoerder_user_id
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
        """The last and next agreed contact (caremanagement), as the user may read the
        contacts, and whether the user may log one (the rules of erm.care.contact, in plain
        terms)."""
        user = self.env.user
        last = {}
        nxt = {}
        real = self.filtered("id")
        if real:
            contacts = self.env["erm.care.contact"].search_fetch(
                [("case_id", "in", real.ids)], ["case_id", "date", "date_next"],
                order="date desc, id desc",
            )
            for contact in contacts:
                if contact.case_id.id not in last:
                    last[contact.case_id.id] = contact.date
                    nxt[contact.case_id.id] = contact.date_next
        admin = user.has_group(ADMIN_GROUP)
        manager = user.has_group(MANAGER_GROUP)
        # who holds the case and its plans, compared with the reader (a yes/no flag)
        for case, sudo_case in zip(self, self._sudo_for_flags(), strict=True):
            case.erm_care_last_date = last.get(case.id, False)
            case.erm_care_next_date = nxt.get(case.id, False)
            holders = (sudo_case.regievoerder_user_id | sudo_case.procesbewaker_user_id
                       | sudo_case.erm_care_user_id | sudo_case.plan_ids.casemanager_id)
            case.erm_care_can_log = bool(case.id) and sudo_case.active and (
                admin or user in holders or (manager and user in sudo_case.manager_user_ids)
            )

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
        return list(wvp.PHASES)

    # ------------------------------------------------------------------ validation
    def init(self):
        super().init()
        # One open case per employee, also when two workers take the sick report at the
        # same moment: each transaction's snapshot shows no open case, so only the database
        # can refuse the second. A unique index, not an exclusion constraint: the second
        # insert waits for the first to commit and then fails, where two exclusion checks
        # can wait for each other (a deadlock).
        self.env.cr.execute(SQL("""
            SELECT 1 FROM erm_absence_case WHERE date_recovered IS NULL AND active
             GROUP BY employee_id HAVING count(*) > 1 LIMIT 1
        """))
        if self.env.cr.fetchone():
            _logger.warning("Employees with more than one open absence case: the index "
                            "%s is not created until they are merged.", OPEN_CASE_INDEX)
            return
        self.env.cr.execute(SQL(
            "CREATE UNIQUE INDEX IF NOT EXISTS %s ON erm_absence_case (employee_id) "
            "WHERE date_recovered IS NULL AND active", SQL.identifier(OPEN_CASE_INDEX),
        ))

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
        # sudo: the reported employees' company and dates, for the checks only; the
        # reporter may not read the employee's earlier cases: only their number is named,
        # so that he knows which case to ask about
        sudo_self = self.sudo()
        employees = sudo_self.env["hr.employee"].browse(
            {vals["employee_id"] for vals in vals_list if vals.get("employee_id")}
        )
        existing = sudo_self.search(
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
        # sudo: a check against the private record, which the writer may not read
        for case in self.sudo():
            if not case.date_employment_end and "employment_end" in case.vangnet_ids.mapped(
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
        private_list, vangnet_list = [], []
        for vals in vals_list:
            private_list.append({
                name: vals.pop(name) for name in PRIVATE_FIELDS if name in vals
            })
            vangnet_list.append({
                name: vals.pop(name) for name in VANGNET_FIELDS if name in vals
            })
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("erm.absence.case") or "/"
        try:
            # the unique index's refusal as a clear error (the savepoint keeps the
            # transaction usable; the failed insert is not an error for the log)
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                cases = super().create(vals_list)
        except psycopg2.errors.UniqueViolation as exc:
            if exc.diag.constraint_name != OPEN_CASE_INDEX:
                raise
            raise ValidationError(self.env._(
                "%(employee)s has just been reported sick by someone else: the open absence "
                "case exists already. Report recovery on it first, or register the new "
                "absence as a course line of that case.",
                employee=", ".join(self.env["hr.employee"].sudo().browse(
                    {vals.get("employee_id") for vals in vals_list}).mapped("name")),
            )) from None
        # Every case starts with one course line: fully unfit from the first sick day,
        # unless the caller gave the course itself.
        # sudo: the system's default course line (the degree of incapacity is otherwise
        # the company doctor's, through his advice), and which cases have their private
        # record (the reporter may not read it)
        sudo_cases = cases.sudo()
        missing = cases.filtered(lambda c: not c.period_ids)
        if missing:
            sudo_cases.env["erm.absence.period"].create([
                {"case_id": case.id, "date_from": case.date_start, "incapacity_pct": 100.0}
                for case in missing
            ])
        # Every case has its contact data, created by the reporter (rules apply): they are
        # part of the sick report ...
        self._erm_create_parts(self.env["erm.absence.case.private"], cases, private_list,
                               sudo_cases.private_ids)
        # ... and its safety-net record, created as superuser on purpose: at the sick report
        # the reporter (a manager, too) may state whether a safety net applies (domain.md
        # §5), but afterwards only HR and the case's process guardian may read it, so the
        # reporter gets no rule that lets him create (and thereby read back) the record.
        self._erm_create_parts(sudo_cases.env["erm.absence.case.vangnet"], cases,
                               vangnet_list, sudo_cases.vangnet_ids)
        cases._check_periods()
        cases._recompute_wvp()
        # the duty holders follow their cases from the start
        cases._erm_follow_duties({case.id: (self.env["res.users"],) * 2 for case in cases})
        return cases

    @api.model
    def _erm_create_parts(self, Part, cases, vals_list, existing):
        """One record of the sick report's part `Part` for each of `cases` that has none
        (`existing`), with its values from the case's create()."""
        have = set(existing.case_id.ids)
        part_vals = [dict(vals, case_id=case.id)
                     for case, vals in zip(cases, vals_list, strict=True) if case.id not in have]
        if part_vals:
            Part.with_context(erm_from_case=True, mail_create_nolog=True,
                              mail_create_nosubscribe=True, mail_notrack=True).create(part_vals)

    def write(self, vals):
        vals = dict(vals)
        private_vals = {name: vals.pop(name) for name in PRIVATE_FIELDS if name in vals}
        vangnet_vals = {name: vals.pop(name) for name in VANGNET_FIELDS if name in vals}
        self._erm_check_process_fields(vals)
        pending = bool(vangnet_vals) and "date_employment_end" in vals
        res = super(ErmAbsenceCase, self.with_context(erm_private_pending=pending)).write(vals)
        if private_vals:
            self._erm_write_private(private_vals)
        if vangnet_vals:
            self._erm_write_vangnet(vangnet_vals)
        if WVP_FIELDS & set(vals) or vangnet_vals or "wazo_bridge" in private_vals:
            if {"date_start", "date_recovered"} & set(vals):
                self._check_periods()
            self._recompute_wvp()
        if {"active", "date_recovered"} & set(vals):
            # deadline activities of a closed case are closed at commit, in one batch
            # sudo: every milestone, the private ones too, for the alert job (ids only)
            milestones = self.env["erm.wvp.milestone"].sudo().search([("case_id", "in", self.ids)])
            self.env["erm.alert.manager"]._schedule_sync(milestones.ids)
            # a closed case has no file left to check: its wage-sanction signal lapses
            self.filtered(lambda c: c.date_recovered or not c.active)._erm_close_alerts(
                ("sanction_risk",))
        return res

    def _erm_check_process_fields(self, vals):
        """The process fields are written by the process guardian (and the administrator)
        only: a rule per field is what record rules cannot express."""
        names = PROCESS_FIELDS & set(vals)
        if not names or self.env.su or self.env.user.has_group(ADMIN_GROUP):
            return
        # a plain read: the writer reads the cases he writes
        others = self.filtered(lambda c: c.procesbewaker_user_id.id != self.env.uid)
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
        # sudo: which private records exist; they are written with their own rules below
        existing = self.sudo().private_ids
        missing = self - existing.case_id
        if existing:
            existing.with_env(Private.env).write(private_vals)
        if missing:
            Private.with_context(
                mail_create_nolog=True, mail_create_nosubscribe=True,
            ).create([dict(private_vals, case_id=case.id) for case in missing])

    def _erm_write_vangnet(self, vangnet_vals):
        """Write the safety net of self as the current user: its rules decide (HR and the
        process guardian; anyone else gets an AccessError, never a silent no-op)."""
        Vangnet = self.env["erm.absence.case.vangnet"].with_context(erm_from_case=True)
        existing = self.sudo().vangnet_ids
        missing = self - existing.case_id
        if existing:
            existing.with_env(Vangnet.env).write(vangnet_vals)
        if missing:
            Vangnet.with_context(
                mail_create_nolog=True, mail_create_nosubscribe=True,
            ).create([dict(vangnet_vals, case_id=case.id) for case in missing])

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
            # sudo: the chain is bookkeeping, the statement itself is private
            if following and following.sudo().private_ids.wazo_bridge:
                bridging.append(interval)
        return tuple(bridging)

    def _wazo_intervals(self, employees):
        """Validated WAZO leave per employee, as engine intervals (read as superuser:
        leave records of other employees are not readable by every role)."""
        if not employees:
            return {}
        # sudo: other employees' leave is not readable by every role (dates only)
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
        # sudo: derived bookkeeping (see above)
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
        """Bring the cases' Time Off in line with their course, in batch: while a case is
        open the employee is absent in Time Off and calendars under the neutral type
        "Absent" (colleagues never read that someone is sick). Partial incapacity becomes
        one leave per working day for the unfit share of that day's hours, so Time Off
        reports the hours faithfully. Leaves that no longer fit the course are cancelled
        (kept, with a note), never deleted."""
        env = self.env
        absent_type = env.ref("erm_verzuim.leave_type_erm_absence", raise_if_not_found=False)
        # sudo: the leaves are bookkeeping derived from the case, not the user's own
        cases = self.sudo().filtered(lambda c: c.employee_id)
        if not cases or not absent_type or env.context.get("erm_skip_time_off"):
            return
        today = fields.Date.context_today(cases)
        Leave = cases.env["hr.leave"].with_context(
            tracking_disable=True, mail_activity_automation_skip=True, leave_fast_create=True,
            leave_skip_state_check=True, mail_notrack=True,
        )
        first = min(cases.mapped("date_start"))
        leaves = Leave.search([
            ("employee_id", "in", cases.employee_id.ids),
            ("state", "not in", ("cancel", "refuse")),
            ("request_date_to", ">=", first),
        ])
        own = defaultdict(lambda: Leave.browse())
        busy_by_employee = defaultdict(set)
        for leave in leaves:
            if leave.erm_case_id:
                own[leave.erm_case_id.id] |= leave
                continue
            # other time off (holidays, WAZO…) keeps its days
            day = leave.request_date_from
            while day <= leave.request_date_to:
                busy_by_employee[leave.employee_id.id].add(day)
                day += timedelta(days=1)
        to_create, to_cancel = [], Leave.browse()
        for case in cases:
            desired = case._desired_leaves(today, busy_by_employee, absent_type)
            for leave in own[case.id]:
                key = (
                    leave.request_date_from, leave.request_date_to, leave.request_unit_hours,
                    leave.request_unit_hours and leave.request_hour_from or 0.0,
                    leave.request_unit_hours and round(leave.request_hour_to, 2) or 0.0,
                )
                if desired.pop(key, None) is None:
                    to_cancel |= leave
            to_create.extend(desired.values())
        if to_cancel:
            to_cancel._force_cancel(
                env._("The absence case changed; this time off no longer applies."),
                "mail.mt_note", notify_responsibles=False,
            )
        if to_create:
            created = Leave.create(to_create)
            created._validate_leave_request()

    @api.model
    def _day_hours(self, calendar, day):
        """(first hour, working hours) of `day` in the employee's working schedule."""
        attendances = [
            a for a in calendar.attendance_ids
            if int(a.dayofweek) == day.weekday() and a.day_period != "lunch"
            and not a.week_type and not a.date_from
        ]
        if not attendances:
            return None, 0.0
        return min(a.hour_from for a in attendances), sum(
            a.hour_to - a.hour_from for a in attendances
        )

    def _desired_leaves(self, today, busy_by_employee, absent_type):
        """{key: vals} of the leaves the case should have; key identifies a leave."""
        self.ensure_one()
        window = time_off.window(self.date_start, self.date_recovered, self.active, today)
        if not window:
            return {}
        first, last = window
        employee = self.employee_id
        calendar = employee.resource_calendar_id or self.company_id.resource_calendar_id
        busy = busy_by_employee.get(employee.id, set())
        periods = self.period_ids.sorted("date_from")
        desired = {}
        for index, period in enumerate(periods):
            p_first = max(first, period.date_from)
            p_last = last
            if index + 1 < len(periods):
                p_last = min(last, periods[index + 1].date_from - timedelta(days=1))
            if p_first > p_last:
                continue
            base = {
                "employee_id": employee.id, "holiday_status_id": absent_type.id,
                "erm_case_id": self.id, "state": "validate",
            }
            if period.incapacity_pct >= 100:
                for run_first, run_last in time_off.remove_days(p_first, p_last, busy):
                    for c_first, c_last in time_off.week_chunks(run_first, run_last):
                        desired[(c_first, c_last, False, 0.0, 0.0)] = dict(
                            base, request_date_from=c_first, request_date_to=c_last,
                        )
                continue
            day = p_first
            while day <= p_last:
                hour_from, hours = self._day_hours(calendar, day) if calendar else (None, 0)
                if hours and day not in busy:
                    unfit = round(hours * period.incapacity_pct / 100 * 4) / 4  # quarter hours
                    if unfit > 0:
                        key = (day, day, True, hour_from, round(hour_from + unfit, 2))
                        desired[key] = dict(
                            base, request_date_from=day, request_date_to=day,
                            request_unit_hours=True, request_hour_from=hour_from,
                            request_hour_to=key[4],
                        )
                day += timedelta(days=1)
        return desired

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
            # sudo: the duty holders as identities, before and after a change
            for case in self.sudo()
        }

    def _erm_refresh_duties(self, snapshot=None):
        """Resolve the duty holders of self again (after a policy or org-chart change) and
        let the open milestones, the case's activities and the followers follow them."""
        # sudo: derived bookkeeping after a policy or org-chart change
        cases = self.sudo().exists()
        if not cases:
            return
        if snapshot is None:
            snapshot = cases._erm_duty_snapshot()
        # duty_user_ids last: a field recomputed here does not mark its dependents
        fnames = ["regievoerder_user_id", "procesbewaker_user_id", "erm_policy_id",
                  "erm_model", "manager_user_ids", "erm_care_user_id", "duty_user_ids"]
        for fname in fnames:
            self.env.add_to_compute(cases._fields[fname], cases)
        cases._recompute_recordset(fnames)
        cases._erm_follow_duties(snapshot)

    def _erm_follow_duties(self, snapshot):
        """Let the open milestones, the case's own activities and the followers follow the
        duty holders that changed since `snapshot` ({case id: (regie, proces)}) (domain.md
        §2: a policy or org-chart change)."""
        # sudo: milestones, activities and followers follow the duties, whoever changed them
        env = self.sudo().env
        cases = self
        changed = cases.filtered(lambda c: c.id in snapshot and snapshot[c.id] != (
            c.regievoerder_user_id, c.procesbewaker_user_id))
        if not changed:
            return
        # 1. open milestones go to the new holder of their duty (the alert job moves their
        #    deadline activities along with the responsible user)
        milestones = env["erm.wvp.milestone"].search([
            ("case_id", "in", changed.ids), ("date_done", "=", False),
            ("state", "!=", "cancelled"),
        ])
        by_user = defaultdict(lambda: env["erm.wvp.milestone"])
        for milestone in milestones:
            case = milestone.case_id
            holder = (case.regievoerder_user_id if milestone.responsible_role == "regievoerder"
                      else case.procesbewaker_user_id)
            if milestone.responsible_user_id != holder:
                by_user[holder.id] |= milestone
        for user_id, group in by_user.items():
            group.write({"responsible_user_id": user_id or False})
        # 2. the case's own activities held by someone who lost his duty
        Activity = env["mail.activity"]
        domain = [("res_model", "=", cases._name), ("res_id", "in", changed.ids)]
        if "erm_milestone_id" in Activity._fields:
            domain.append(("erm_milestone_id", "=", False))
            # caremanagement reminders follow the employee's manager, not the duties (the
            # alert job reassigns them)
            domain.append(("erm_alert_kind", "!=", "care_rhythm"))
        acts_by_user = defaultdict(lambda: Activity.browse())
        for activity in Activity.search(domain):
            case = changed.browse(activity.res_id)
            old_regie, old_proces = snapshot[case.id]
            if activity.user_id in (case.regievoerder_user_id | case.procesbewaker_user_id):
                continue
            if activity.user_id == old_proces and case.procesbewaker_user_id:
                acts_by_user[case.procesbewaker_user_id.id] |= activity
            elif activity.user_id == old_regie and case.regievoerder_user_id:
                acts_by_user[case.regievoerder_user_id.id] |= activity
        for user_id, group in acts_by_user.items():
            group.write({"user_id": user_id})
        # 3. followers: the new holders follow, who lost every duty no longer does
        moves = defaultdict(lambda: cases.browse())
        for case in changed:
            old = snapshot[case.id][0] | snapshot[case.id][1]
            new = case.regievoerder_user_id | case.procesbewaker_user_id
            key = (tuple(sorted((old - new).partner_id.ids)),
                   tuple(sorted((new - old).partner_id.ids)))
            moves[key] |= case
        for (lost, gained), group in moves.items():
            group = group.with_env(env)
            if lost:
                group.message_unsubscribe(partner_ids=list(lost))
            if gained:
                group.message_subscribe(partner_ids=list(gained))

    def _duty_contacts(self):
        """Who directs and who guides the process of the case, and how to reach them at
        work, for the employee's own case page in the portal (/my/verzuim):
        [{"roles": [label], "name", "phone", "email"}], one entry per person.

        A portal user may not read hr.employee, where the work phone and e-mail live; the
        user may read the case (checked first), so he may learn how to reach its duty
        holders. Only their names and work contact details leave this method."""
        self.ensure_one()
        self.check_access("read")
        env = self.env
        # sudo: the duty holders' work contact details (checked above: he reads the case)
        sudo_case = self.sudo()
        users = sudo_case.regievoerder_user_id | sudo_case.procesbewaker_user_id
        employees = sudo_case.env["hr.employee"].search([("user_id", "in", users.ids)],
                                                        order="id")
        by_user = {}
        for employee in employees:
            # a user with employees in several companies: the case's company first
            if employee.user_id.id not in by_user or employee.company_id == sudo_case.company_id:
                by_user[employee.user_id.id] = employee
        contacts = {}
        for fname in ("regievoerder_user_id", "procesbewaker_user_id"):
            user = sudo_case[fname]
            if not user:
                continue
            label = self._fields[fname]._description_string(env)
            if user.id in contacts:
                contacts[user.id]["roles"].append(label)
                continue
            employee = by_user.get(user.id)
            contacts[user.id] = {
                "roles": [label],
                "name": user.name,
                "phone": (employee and (employee.work_phone or employee.mobile_phone))
                or user.partner_id.phone or "",
                "email": (employee and employee.work_email) or user.email or "",
            }
        return list(contacts.values())

    @api.model
    def _erm_cases_of_subtree(self, employees):
        """The cases of `employees` and of everyone reporting to them, at any depth."""
        if not employees:
            return self.browse()
        # sudo: the org chart and the cases in it, as ids for the caller's own domain
        sudo_self = self.sudo().with_context(active_test=False)
        subtree = sudo_self.env["hr.employee"].search([("id", "child_of", employees.ids)])
        return sudo_self.search(
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
        # the employee's id only (read above: the case is his or he is the administrator)
        action["domain"] = [("employee_id", "=", self.employee_id.id)]
        action["context"] = {"create": False}
        action["name"] = self.env._("Who read my absence cases")
        return action

    def _erm_access_overview_lines(self):
        """The access log of the employee's cases, as the current user may read it."""
        self.ensure_one()
        return self.env["erm.access.log"].search(
            [("employee_id", "=", self.employee_id.id)], order="date desc, id desc",
        )

    # ------------------------------------------------------------------ anonymisation
    def _erm_anonymize(self, level, review=None):
        """Anonymise after a confirmed retention review. 'dossier' clears the re-integration
        dossier (contact data, plans' texts, the doctor's functional advice, documents,
        chatter contents); 'full' also replaces the employee by a pseudonym. Dates, course,
        chain, milestones and flags stay for the statistics."""
        if level not in ("dossier", "full"):
            raise UserError(self.env._("Unknown anonymisation level: %(level)s.", level=level))
        # sudo: anonymisation clears what no role may write (confirmed review)
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
        # sudo: anonymisation empties messages of any author
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
        # sudo: anonymisation makes the pseudonym employees, HR or not
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
            Employee.env["hr.leave"].search(
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
        self._confirm_recovery()
        return True

    def action_erm_reject_recovery(self):
        self.ensure_one()
        self._check_may_decide_recovery()
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
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a contact"),
            "res_model": "erm.care.contact",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_case_id": self.id, "default_user_id": self.env.uid},
        }

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
        # sudo: the duty holders as identities, so that who holds no duty hears why; then
        # the decision's two fields only, for a duty holder checked here who may lack
        # write access (the process guardian of another role)
        sudo_self = self.sudo()
        for case in sudo_self:
            if not is_hr and user not in (case.regievoerder_user_id | case.procesbewaker_user_id):
                raise UserError(self.env._(
                    "Only the case director, the process guardian or HR record that %(case)s "
                    "needs no intervention.", case=case.display_name,
                ))
        self.check_access("read")
        sudo_self.write({
            "erm_no_intervention_date": fields.Date.context_today(self),
            "erm_no_intervention_user_id": user.id,
        })
        self._erm_close_late_intervention_signals()
        return True

    def _erm_close_late_intervention_signals(self):
        """An approved intervention or a recorded decision answers the signal."""
        self._erm_close_alerts(("late_intervention",))

    def _erm_close_alerts(self, kinds):
        """Mark the open alert activities of these kinds on self done: what they signalled
        is answered (or the case is closed)."""
        if not self:
            return
        # sudo: the signals are the duty holders' activities, closed by what answers them
        activities = self.env["mail.activity"].sudo().search([
            ("res_model", "=", "erm.absence.case"), ("res_id", "in", self.ids),
            ("erm_alert_kind", "in", list(kinds)),
        ])
        if activities:
            activities.with_context(erm_alert_closing=True).action_feedback()

    # ------------------------------------------------------------------ the UWV file
    # Who prints the re-integration report (RIV) and the 42nd-week notification sheet, the
    # filing of that notification, the titles of the file's documents and what it lacks.
    erm_may_print_uwv_file = fields.Boolean(
        string="I print the UWV file", compute="_compute_erm_uwv_file_flags",
        help="HR and the case's process guardian print the re-integration report and the "
        "42nd-week notification.",
    )
    erm_uwv42_date_deadline = fields.Date(
        string="42nd-week notification due", compute="_compute_erm_uwv42",
        help="The first working day after week 42: the day by which the employer notifies "
        "UWV through its employer portal.",
    )
    erm_uwv42_date_filed = fields.Date(
        string="42nd-week notification filed on", compute="_compute_erm_uwv42",
        inverse="_inverse_erm_uwv42_date_filed",
        help="The day the process guardian filed the notification with UWV: it completes "
        "the step in the timeline.",
    )

    # ------------------------------------------------------------------ who may
    @api.depends_context("uid")
    def _compute_erm_uwv_file_flags(self):
        for case in self:
            case.erm_may_print_uwv_file = case._erm_may_print_uwv_file()

    def _erm_may_print_uwv_file(self):
        """HR, the administrator and the case's process guardian print the file."""
        self.ensure_one()
        user = self.env.user
        return user.has_group(HR_GROUP) or self.procesbewaker_user_id == user

    def _erm_may_know_vangnet(self):
        """Whether the reader may know if a safety net applies: HR, the administrator and
        the case's process guardian (privacy.md), whatever the private record lets others
        read."""
        self.ensure_one()
        user = self.env.user
        return self.env.su or user.has_group(HR_GROUP) or self.procesbewaker_user_id == user

    def _erm_check_may_print_uwv_file(self, own_copy=True):
        """HR and the process guardian print the file; with `own_copy` the employee too
        (his copy of the re-integration report, in the portal)."""
        for case in self:
            case.check_access("read")
            if case.env.su or (own_copy and case.erm_is_own_case) or (
                case._erm_may_print_uwv_file()
            ):
                continue
            raise AccessError(self.env._(
                "Only HR and the process guardian of %(case)s print its UWV file.",
                case=case.display_name,
            ))

    # ------------------------------------------------------------------ 42nd week
    def _erm_uwv42_milestones(self):
        """{chain root id: the chain's 42nd-week milestone}, as superuser: the timeline of a
        case the reader may read (bookkeeping; the caller shows the reader's own case)."""
        milestones = self.env["erm.wvp.milestone"].sudo().search([
            ("chain_root_id", "in", self.chain_root_id.ids), ("code", "=", "uwv_42"),
            ("state", "!=", "cancelled"),
        ])
        return {milestone.chain_root_id.id: milestone for milestone in milestones}

    @api.depends("chain_root_id")
    def _compute_erm_uwv42(self):
        milestones = self._erm_uwv42_milestones()
        for case in self:
            milestone = milestones.get(case.chain_root_id.id)
            case.erm_uwv42_date_deadline = milestone.date_deadline if milestone else False
            case.erm_uwv42_date_filed = milestone.date_done if milestone else False

    def _inverse_erm_uwv42_date_filed(self):
        """Recording the filing completes the 42nd-week step, with a note in the chatter."""
        milestones = self._erm_uwv42_milestones()
        today = fields.Date.context_today(self)
        for case in self:
            user = self.env.user
            if not (self.env.su or user.has_group(ADMIN_GROUP)
                    or case.procesbewaker_user_id == user):
                raise AccessError(self.env._(
                    "Only the process guardian of %(case)s records the 42nd-week "
                    "notification to UWV.", case=case.display_name,
                ))
            milestone = milestones.get(case.chain_root_id.id)
            if not milestone:
                raise UserError(self.env._(
                    "%(case)s has no 42nd-week notification to file.", case=case.display_name,
                ))
            day = case.erm_uwv42_date_filed
            if day and day > today:
                raise ValidationError(self.env._(
                    "The notification is recorded once it was filed: its date (%(date)s) "
                    "cannot lie in the future.", date=fmt_date(self.env, day),
                ))
            if milestone.date_done == day:
                continue
            # superuser (the milestones come from _erm_uwv42_milestones): the process
            # guardian's own step, checked above, as a plan's agreement completes its step
            milestone.write({"date_done": day or False})
            text_env = org_env(self.env, case.company_id)
            if day:
                body = text_env._(
                    "42nd-week notification filed with UWV on %(date)s (due %(due)s).",
                    date=fmt_date(text_env, day), due=fmt_date(text_env, milestone.date_deadline),
                )
            else:
                body = text_env._("Filing date of the 42nd-week notification to UWV removed.")
            case.sudo()._message_log(body=body, author_id=user.partner_id.id)

    # ------------------------------------------------------------------ actions
    def action_erm_print_riv(self):
        self.ensure_one()
        self._erm_check_may_print_uwv_file()
        return self.env.ref("erm_verzuim.action_report_erm_riv").report_action(self)

    def action_erm_print_uwv42(self):
        self.ensure_one()
        self._erm_check_may_print_uwv_file(own_copy=False)
        return self.env.ref("erm_verzuim.action_report_erm_uwv42").report_action(self)

    # ------------------------------------------------------------------ the file's documents
    def _erm_uwv_file_plans(self):
        """The plans and evaluations of the case's chain, in the file's order, as the reader
        may read them."""
        self.ensure_one()
        Plan = self.env["erm.reintegration.plan"]
        order = {"plan_van_aanpak": 0, "evaluatie": 1, "eerstejaars": 2, "eindevaluatie": 3}
        plans = Plan.search([("case_id", "in", self.chain_case_ids.ids)])
        return plans.sorted(lambda p: (order[p.kind], p.date_done or date.max, p.id))

    def _erm_uwv_file_titles(self, plans):
        """{plan id: its title in the file}: the first plan of action, then its adjustments
        (bijstellingen) and the evaluations numbered in order."""
        titles, counters = {}, {}
        for plan in plans:
            number = counters[plan.kind] = counters.get(plan.kind, 0) + 1
            if plan.kind == "plan_van_aanpak":
                titles[plan.id] = self.env._("Plan of action") if number == 1 else self.env._(
                    "Adjustment %(number)s of the plan of action", number=number - 1)
            elif plan.kind == "evaluatie":
                titles[plan.id] = self.env._("Evaluation %(number)s", number=number)
            elif plan.kind == "eerstejaars":
                titles[plan.id] = self.env._("First-year evaluation")
            else:
                titles[plan.id] = self.env._("Final evaluation")
        return titles

    def _erm_uwv_file_signatures(self, plans):
        """{plan id: (employer line, employee line)}: who agreed the plan for the employer
        and when, and the employee's own sign-off in the portal (or that it is missing)."""
        result = {}
        # sudo: the names of the duty holder and the employee of a plan the reader reads
        for plan, sudo_plan in zip(plans, plans.sudo(), strict=True):
            director = sudo_plan.case_id.regievoerder_user_id.name or ""
            if plan.state == "done" and plan.date_done:
                employer = self.env._(
                    "Agreed for the employer by %(name)s on %(date)s.",
                    name=director, date=fmt_date(self.env, plan.date_done))
            else:
                employer = self.env._("Not yet agreed: this is a draft.")
            if plan.view_employee_signed_on:
                employee = self.env._(
                    "Signed by %(name)s on %(date)s in the employee portal.",
                    name=sudo_plan.view_employee_signed_by.name,
                    date=fmt_datetime(self.env, plan.view_employee_signed_on))
            else:
                employee = self.env._("The employee has not signed his view off yet.")
            result[plan.id] = (employer, employee)
        return result

    def _erm_riv_missing_items(self):
        """What the UWV file of the case still lacks, as plain sentences for the re-integration
        report: steps past their deadline without a done date, done steps without their
        document, plans without a view or the employee's signature. A simple first check;
        the wage-sanction risk check may replace it."""
        self.ensure_one()
        env = self.env
        today = fields.Date.context_today(self)
        may_know_vangnet = self._erm_may_know_vangnet()
        # sudo: the chain's timeline and its issued advice, for a case the reader may read:
        # which steps are done and documented (dates and titles only)
        self.check_access("read")
        sudo_env = self.sudo().env
        milestones = sudo_env["erm.wvp.milestone"].search([
            ("chain_root_id", "=", self.chain_root_id.id), ("state", "!=", "cancelled"),
        ], order="date_deadline, sequence, id")
        plans = self._erm_uwv_file_plans()
        titles = self._erm_uwv_file_titles(plans)
        documented = set(plans.filtered(lambda p: p.state == "done").milestone_id.ids)
        advices = sudo_env["erm.ba.advice"].search([
            ("case_id", "in", self.chain_case_ids.ids), ("state", "=", "issued"),
        ])
        documented |= set(advices.milestone_id.ids)
        missing = []
        for milestone in milestones:
            if milestone.code in NOT_A_STEP or (
                milestone.is_private and not may_know_vangnet
            ):
                continue
            if not milestone.date_done:
                if milestone.date_deadline < today:
                    missing.append(env._("%(step)s: not done (due %(date)s).",
                                         step=milestone.name,
                                         date=fmt_date(env, milestone.date_deadline)))
            elif milestone.code in DOCUMENT_CODES + ("probleemanalyse",) and (
                milestone.id not in documented
            ):
                missing.append(env._(
                    "%(step)s: done on %(date)s, but the document is not in the file.",
                    step=milestone.name, date=fmt_date(env, milestone.date_done)))
        for plan in plans:
            title = titles[plan.id]
            if plan.state != "done":
                missing.append(env._("%(document)s: still a draft.", document=title))
            if not (plan.view_employer or "").strip():
                missing.append(env._("%(document)s: the employer's view is missing.",
                                     document=title))
            if not (plan.view_employee or "").strip():
                missing.append(env._("%(document)s: the employee's own view is missing.",
                                     document=title))
            elif not plan.view_employee_signed_on:
                missing.append(env._("%(document)s: the employee has not signed his view.",
                                     document=title))
        if not advices:
            missing.append(env._("No issued advice of the company doctor in the file."))
        return missing
