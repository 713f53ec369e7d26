# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Interventions on a case (domain.md §7): a service of the provider network, who advised
it, who approved it and at what cost, and its outcome from a closed list (no medical text).

Approval follows the company's limits (res.company.erm_intervention_limit_*): up to the
manager's limit the case director approves when he is one of the employee's managers;
above it HR (an HR adviser of the company); above HR's limit the board decides. Board
members never open a case (domain.md §5), so the board's decision is recorded on the
intervention by HR (who decided and when), and HR then approves it: every approval
activity goes to a user who can open the intervention and its case. The same need-to-know
rules as the case apply (security/erm_verzuim_security.xml)."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import formatLang

HR_GROUP = "erm_verzuim.group_erm_hr"
BOARD_GROUP = "erm_verzuim.group_erm_board"
# Interventions that count as "in place" (cost of absence, the too-late signal)
COMMITTED_STATES = ("approved", "running", "done")

ADVISED_BY = [
    ("ba", "Company doctor's advice"),
    ("regievoerder", "Case director"),
    ("procesbewaker", "Process guardian"),
    ("hr", "HR adviser"),
    ("employee", "Employee"),
]

OUTCOMES = [
    ("own_work", "Back in own work"),
    ("adapted_work", "Back in adapted work"),
    ("capacity_up", "More work possible"),
    ("other_employer", "Work with another employer"),
    ("no_change", "No change in work possibilities"),
    ("stopped", "Stopped early"),
]


class ErmIntervention(models.Model):
    _name = "erm.intervention"
    _description = "Intervention"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "case_id, id desc"
    _check_company_auto = True
    _rec_names_search = ["case_id", "service_id"]

    # No check_company: the company follows from the case, and its domain would offer
    # only cases without a company (none) on a new intervention.
    case_id = fields.Many2one(
        "erm.absence.case", string="Absence case", required=True, index=True,
        ondelete="cascade", tracking=True, domain=lambda self: self._erm_case_domain(),
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    employee_id = fields.Many2one(related="case_id.employee_id", store=True, index=True)
    service_id = fields.Many2one(
        "erm.provider.service", required=True, index=True,
        check_company=True, tracking=True, ondelete="restrict",
    )
    provider_id = fields.Many2one(
        related="service_id.provider_id", store=True, index=True,
    )
    phase = fields.Selection(related="service_id.phase", string="Phase")
    advised_by = fields.Selection(
        ADVISED_BY, string="Advised by", required=True, default="regievoerder", tracking=True,
    )
    ba_advice_id = fields.Many2one(
        "erm.ba.advice", string="Company doctor's advice", index="btree_not_null",
        check_company=True, domain="[('case_id', '=', case_id), ('state', '=', 'issued')]",
    )
    requested_by_id = fields.Many2one(
        "res.users", string="Requested by", readonly=True, default=lambda self: self.env.user,
    )
    approver_user_id = fields.Many2one(
        "res.users", string="Awaiting approval of", readonly=True, copy=False,
        help="Who may approve the intervention at its cost (the company's approval limits).",
    )
    approval_role = fields.Selection(
        [("manager", "Manager"), ("hr", "HR"), ("board", "Board")],
        string="Approval by", readonly=True, copy=False,
    )
    board_user_id = fields.Many2one(
        "res.users", string="Board decision by", tracking=True, copy=False,
        domain=lambda self: [("groups_id", "in", self.env.ref(BOARD_GROUP).ids)],
        help="Above HR's limit the board decides; HR records who decided, and when, "
        "before approving.",
    )
    board_decision_date = fields.Date(string="Board decision on", tracking=True, copy=False)
    approved_by_id = fields.Many2one(
        "res.users", string="Approved by", readonly=True, copy=False, tracking=True,
    )
    date_approved = fields.Date(string="Approved on", readonly=True, copy=False, index=True)
    date_start = fields.Date(string="Start", tracking=True)
    date_end = fields.Date(string="End", tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    cost = fields.Monetary(currency_field="currency_id", tracking=True)
    # The list's total: only what is committed (a proposal or a cancelled one costs nothing)
    committed_cost = fields.Monetary(
        string="Committed cost", currency_field="currency_id",
        compute="_compute_committed_cost", store=True,
        help="The cost of an approved, running or finished intervention; 0 while proposed "
        "or when cancelled.",
    )
    state = fields.Selection(
        [("proposed", "Proposed"), ("approved", "Approved"), ("running", "Running"),
         ("done", "Done"), ("cancelled", "Cancelled")],
        default="proposed", required=True, readonly=True, tracking=True, index=True,
        copy=False,
    )
    outcome = fields.Selection(OUTCOMES, tracking=True, copy=False)
    decline_reason = fields.Char(
        string="Reason not started", tracking=True, copy=False,
        help="Why an intervention the company doctor advised is not started (the "
        "wage-sanction check accepts a cancelled advice with a reason). No medical details.",
    )
    erm_may_approve = fields.Boolean(
        string="I may approve", compute="_compute_erm_may_approve",
    )

    @api.model
    def _erm_case_domain(self):
        """The cases a new intervention offers the current user: the open ones he may
        propose on, as the record rules of interventions say (HR: every case of his
        companies; the others: the cases they hold a duty on)."""
        domain = [("date_recovered", "=", False)]
        if self.env.su or self.env.user.has_group(HR_GROUP):
            return domain
        uid = self.env.uid
        return domain + [
            "|", "|", ("regievoerder_user_id", "=", uid), ("procesbewaker_user_id", "=", uid),
            ("plan_ids.casemanager_id", "=", uid),
        ]

    @api.depends("case_id.name", "service_id.name")
    def _compute_display_name(self):
        for intervention in self:
            intervention.display_name = " - ".join(filter(None, [
                intervention.service_id.name, intervention.case_id.name,
            ]))

    @api.depends("state", "cost")
    def _compute_committed_cost(self):
        for intervention in self:
            intervention.committed_cost = (
                intervention.cost if intervention.state in COMMITTED_STATES else 0.0
            )

    @api.depends_context("uid")
    @api.depends("state", "cost", "board_decision_date", "board_user_id")
    def _compute_erm_may_approve(self):
        for intervention in self:
            intervention.erm_may_approve = (
                intervention.state == "proposed" and not intervention._erm_approval_error()
            )

    # ------------------------------------------------------------------ constraints
    @api.constrains("cost")
    def _check_cost(self):
        for intervention in self:
            if intervention.cost < 0:
                raise ValidationError(self.env._(
                    "The cost of an intervention cannot be negative (%(cost)s).",
                    cost=intervention._erm_amount(intervention.cost),
                ))

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for intervention in self:
            if (intervention.date_start and intervention.date_end
                    and intervention.date_end < intervention.date_start):
                raise ValidationError(self.env._(
                    "An intervention cannot end before it starts."
                ))

    def _sudo_case(self):
        # sudo: the case as an identity (closed? directed by whom?), for a user who may lack
        # read access to it
        return self.sudo().case_id

    def _erm_check_case_open(self):
        closed = self._sudo_case().filtered(lambda c: c.date_recovered or not c.active)
        if closed:
            raise UserError(self.env._(
                "%(case)s is closed (recovered or archived): no intervention can be "
                "proposed or started on it.", case=closed[0].display_name,
            ))

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        interventions = super().create(vals_list)
        interventions._erm_check_case_open()
        interventions.filtered(lambda i: i.state == "proposed")._erm_request_approval()
        return interventions

    def write(self, vals):
        if "cost" in vals and not self.env.su and self.filtered(
            lambda i: i.state != "proposed"
        ):
            raise UserError(self.env._(
                "The cost of an approved intervention cannot change: cancel it and propose "
                "a new one."
            ))
        res = super().write(vals)
        if {"cost", "case_id"} & set(vals):
            self.filtered(lambda i: i.state == "proposed")._erm_request_approval()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._(
                "Interventions are never deleted: cancel the intervention instead."
            ))

    # ------------------------------------------------------------------ approval
    def _erm_amount(self, amount):
        return formatLang(self.env, amount, currency_obj=self.company_id.currency_id
                          or self.env.company.currency_id)

    def _erm_required_role(self):
        """manager / hr / board: who approves this cost under the company's limits."""
        self.ensure_one()
        company = self.company_id
        if self.cost <= company.erm_intervention_limit_manager:
            return "manager"
        if self.cost <= company.erm_intervention_limit_hr:
            return "hr"
        return "board"

    def _erm_is_director_manager(self, user):
        """The case director, as one of the employee's managers (not an absence coach)."""
        case = self._sudo_case()  # the director as an identity, to pick the approval route
        return case.regievoerder_user_id == user and user in case.manager_user_ids

    def _erm_approval_error(self, user=None):
        """Why `user` (default: the current user) may not approve self at its cost, or ''."""
        self.ensure_one()
        if self.env.su and user is None:
            return ""
        user = user or self.env.user
        company = self.company_id
        role = self._erm_required_role()
        is_hr = user.has_group(HR_GROUP)
        board_limit = company.erm_intervention_limit_board
        if board_limit and self.cost > board_limit:
            return self.env._(
                "This intervention costs %(cost)s, more than the board's limit of "
                "%(limit)s: it cannot be approved.",
                cost=self._erm_amount(self.cost), limit=self._erm_amount(board_limit),
            )
        if role == "manager" and (is_hr or self._erm_is_director_manager(user)):
            return ""
        if role == "hr" and is_hr:
            return ""
        if role == "board" and is_hr:
            if self.board_user_id and self.board_decision_date:
                return ""
            return self.env._(
                "Above %(limit)s the board decides: record who of the board decided and "
                "when before approving this intervention of %(cost)s.",
                limit=self._erm_amount(company.erm_intervention_limit_hr),
                cost=self._erm_amount(self.cost),
            )
        if self._erm_is_director_manager(user):
            return self.env._(
                "Approval above your limit: you may approve interventions up to %(limit)s, "
                "this one costs %(cost)s. HR approves it.",
                limit=self._erm_amount(company.erm_intervention_limit_manager),
                cost=self._erm_amount(self.cost),
            )
        return self.env._(
            "You may not approve this intervention: the case director approves up to "
            "%(limit)s, HR above.",
            limit=self._erm_amount(company.erm_intervention_limit_manager),
        )

    def _erm_hr_approvers(self, companies):
        """{company id: HR user} who approves above the manager's limit: an active HR
        adviser of the company who is no administrator, else an administrator. One search."""
        hr = self.env.ref(HR_GROUP)
        admin = self.env.ref("erm_verzuim.group_erm_admin")
        # sudo: the HR advisers of the companies as identities, to ask their approval
        users = self.env["res.users"].sudo().search([
            ("groups_id", "in", hr.ids), ("share", "=", False),
            ("company_ids", "in", companies.ids),
        ], order="id")
        result = {}
        for company in companies:
            members = users.filtered(lambda u, c=company: c in u.company_ids)
            preferred = members.filtered(lambda u: admin not in u.groups_id)
            result[company.id] = (preferred or members)[:1]
        return result

    def _erm_approver(self, hr_users):
        """(user, role) of who is asked to approve self. Called on the intervention as
        superuser (the case's duty holders as identities, to pick the approver)."""
        self.ensure_one()
        case = self.case_id
        role = self._erm_required_role()
        director = case.regievoerder_user_id
        if role == "manager" and director.active and director in case.manager_user_ids:
            return director, "manager"
        guardian = case.procesbewaker_user_id
        policy_hr = case.erm_policy_id.hr_user_ids.filtered("active")
        if guardian.active and guardian.has_group(HR_GROUP):
            user = guardian
        elif policy_hr:
            user = policy_hr[0]
        else:
            user = hr_users.get(case.company_id.id) or self.env["res.users"]
        return user, role if role != "manager" else "hr"

    def _erm_request_approval(self):
        """Route each proposed intervention to its approver: one activity for him (an
        earlier request is withdrawn when the cost moved it to someone else)."""
        if not self:
            return
        activity_type = self.env.ref("erm_verzuim.mail_activity_type_erm_intervention_approval")
        # sudo: the approval activity is the approver's, scheduled by whoever proposes
        sudo_self = self.sudo()
        hr_users = self._erm_hr_approvers(sudo_self.company_id)
        stale = sudo_self.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        for intervention, sudo_intervention in zip(self, sudo_self, strict=True):
            user, role = sudo_intervention._erm_approver(hr_users)
            sudo_intervention.write({"approver_user_id": user.id, "approval_role": role})
            mine = stale.filtered(lambda a, i=sudo_intervention: a.res_id == i.id)
            keep = mine.filtered(lambda a, u=user: a.user_id == u)
            (mine - keep).unlink()
            if keep or not user:
                continue
            text = intervention.with_context(lang=user.lang or "en_US").env
            summary = text._(
                "Approve intervention: %(service)s (%(cost)s)",
                service=intervention.service_id.display_name,
                cost=intervention._erm_amount(intervention.cost),
            )
            note = text._(
                "The board decides on this amount: record its decision on the "
                "intervention, then approve it."
            ) if role == "board" else ""
            sudo_intervention.activity_schedule(
                activity_type_id=activity_type.id, user_id=user.id, summary=summary,
                note=note,
            )

    def action_approve(self):
        self._erm_check_case_open()
        for intervention in self:
            if intervention.state != "proposed":
                raise UserError(self.env._("Only a proposed intervention can be approved."))
            error = intervention._erm_approval_error()
            if error:
                raise UserError(error)
        today = fields.Date.context_today(self)
        # nobody is awaited any more: approved_by_id says who decided
        self.write({
            "state": "approved", "approved_by_id": self.env.user.id, "date_approved": today,
            "approver_user_id": False,
        })
        self._erm_close_approval_activities()
        self.case_id._erm_close_late_intervention_signals()
        return True

    def action_start(self):
        self._erm_check_case_open()
        if self.filtered(lambda i: i.state != "approved"):
            raise UserError(self.env._("Only an approved intervention can start."))
        today = fields.Date.context_today(self)
        for intervention in self:
            intervention.write({"state": "running", "date_start": intervention.date_start or today})
        return True

    def action_done(self):
        if self.filtered(lambda i: i.state not in ("approved", "running")):
            raise UserError(self.env._("Only an approved or running intervention can be done."))
        if self.filtered(lambda i: not i.outcome):
            raise UserError(self.env._("Record the outcome of the intervention first."))
        today = fields.Date.context_today(self)
        for intervention in self:
            intervention.write({"state": "done", "date_end": intervention.date_end or today})
        return True

    def action_cancel(self):
        if self.filtered(lambda i: i.state == "done"):
            raise UserError(self.env._("A finished intervention cannot be cancelled."))
        self.write({"state": "cancelled", "approver_user_id": False})
        self._erm_close_approval_activities(unlink=True)
        return True

    def _erm_close_approval_activities(self, unlink=False):
        activity_type = self.env.ref("erm_verzuim.mail_activity_type_erm_intervention_approval")
        # sudo: the approval activities are the approvers', closed by the decision
        activities = self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        if unlink:
            activities.unlink()
        elif activities:
            activities.action_feedback(feedback=self.env._("Approved."))
