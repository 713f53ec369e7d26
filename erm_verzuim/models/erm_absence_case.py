# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import wvp
from . import tbv
from .erm_wvp_milestone import MILESTONE_CODES

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

# UWV reporting terms for safety-net (vangnet) cases. The employer may know *that* a safety
# net applies, never *which* one (AP 2016), so the choice names the reporting term only;
# each term covers several grounds.
VANGNET_REGIMES = [
    ("six_weeks", "Report within 6 weeks"),
    ("fourth_day", "Report on the 4th sick day"),
    ("employment_end", "Report on the last working day (employment ends)"),
]


class ErmAbsenceCase(models.Model):
    _name = "erm.absence.case"
    _description = "Absence Case"
    _inherit = ["mail.thread", "mail.activity.mixin"]
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
    contact_phone = fields.Char(string="Phone during absence", tracking=True)
    care_street = fields.Char(string="Care address street")
    care_zip = fields.Char(string="Care address postcode")
    care_city = fields.Char(string="Care address city")
    expected_duration = fields.Selection(
        EXPECTED_DURATION, string="Expected duration", default="unknown", tracking=True,
    )
    date_expected_return = fields.Date(string="Expected return", tracking=True)
    ongoing_work = fields.Text(
        string="Ongoing appointments and work",
        help="Appointments and work that colleagues must take over. Work only: no "
        "information about the illness.",
    )
    vangnet = fields.Boolean(
        string="Safety net (Ziektewet vangnet) applies", tracking=True,
        help="Only whether a safety net applies. Which one it is may not be registered.",
    )
    vangnet_regime = fields.Selection(
        VANGNET_REGIMES, string="UWV reporting term", tracking=True,
        help="The term within which UWV must be informed. It names the term, not the ground.",
    )
    date_employment_end = fields.Date(
        string="Last working day",
        help="Needed when the employment ends during the absence: UWV must then be "
        "informed on the last working day.",
    )
    work_accident = fields.Boolean(string="Work accident", tracking=True)
    third_party_liable = fields.Boolean(
        string="Third party liable (recourse)", tracking=True,
    )
    wazo_bridge = fields.Boolean(
        string="Same cause as before the WAZO leave",
        tracking=True,
        help="Set when the company doctor states that this absence, after pregnancy or "
        "maternity leave, has the same cause as the absence before the leave. The leave "
        "then neither counts as sick days nor breaks the chain.",
    )
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
    next_deadline = fields.Date(string="Next deadline", readonly=True, copy=False)
    next_milestone_code = fields.Selection(
        MILESTONE_CODES,
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
            if case.date_recovered and (
                case.regievoerder_user_id or case.procesbewaker_user_id
            ) and case.erm_model:
                continue  # closed cases keep who held the duties
            case.erm_policy_id = values["erm_policy_id"]
            case.erm_model = values["erm_model"]
            case.regievoerder_user_id = values["regievoerder_user_id"]
            case.procesbewaker_user_id = values["procesbewaker_user_id"]

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

    @api.constrains("date_start", "date_recovered")
    def _check_recovery_after_start(self):
        for case in self:
            if case.date_recovered and case.date_recovered <= case.date_start:
                raise ValidationError(
                    _("The recovery date of %(case)s (%(recovered)s) must come after the first "
                      "sick day (%(start)s).", case=case.name, recovered=case.date_recovered,
                      start=case.date_start)
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

    @api.constrains("vangnet", "vangnet_regime", "date_employment_end")
    def _check_vangnet(self):
        for case in self:
            if case.vangnet_regime and not case.vangnet:
                raise ValidationError(
                    _("A UWV reporting term for the safety net only applies when a safety "
                      "net applies.")
                )
            if case.vangnet_regime == "employment_end" and not case.date_employment_end:
                raise ValidationError(
                    _("Enter the last working day: UWV must be informed on that day.")
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
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
        cases._check_periods()
        cases._recompute_wvp()
        return cases

    def write(self, vals):
        res = super().write(vals)
        if {"date_start", "date_recovered", "employee_id", "active", "vangnet",
                "vangnet_regime", "date_employment_end", "wazo_bridge"} & set(vals):
            if {"date_start", "date_recovered"} & set(vals):
                self._check_periods()
            self._recompute_wvp()
        if {"active", "date_recovered"} & set(vals):
            # deadline activities of a closed case are closed at commit, in one batch
            milestones = self.env["erm.wvp.milestone"].sudo().search([("case_id", "in", self.ids)])
            self.env["erm.alert.manager"]._schedule_sync(milestones.ids)
        return res

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # The deadline-alert job subscribes the assignees of the activities it creates in
        # one batch (erm.alert.manager._subscribe_assignees), not once per user.
        if self.env.context.get("erm_alert_batch_subscribe"):
            return True
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def unlink(self):
        if not self.env.su:
            raise UserError(
                _("Absence cases are never deleted: archive the case instead, so that "
                  "its history is kept.")
            )
        return super().unlink()

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
                      case=case.name, date=case.date_start)
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
            if following and following.wazo_bridge:
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

    def action_reopen(self):
        for case in self:
            case.date_recovered = False
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
