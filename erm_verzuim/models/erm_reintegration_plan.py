# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

# What the employee writes on his own plans and evaluations.
EMPLOYEE_FIELDS = {"view_employee"}

NO_MEDICAL = (
    "Work, agreements and views only: no diagnosis, complaints or treatment."
)


class ErmReintegrationPlan(models.Model):
    """Plan van aanpak and its evaluations. Since 1 July 2023 the employer's view and the
    employee's view are recorded separately (Regeling procesgang eerste en tweede ziektejaar)."""

    _name = "erm.reintegration.plan"
    _description = "Plan of Action / Evaluation"
    _inherit = ["mail.thread", "mail.activity.mixin", "erm.access.logged.mixin"]
    _order = "case_id, date_done desc, id desc"
    _rec_names_search = ["case_id", "employee_id"]

    # Computed in the reader's language (kind label and date format), hence not stored.
    name = fields.Char(compute="_compute_name", compute_sudo=True, search="_search_name")
    case_id = fields.Many2one(
        "erm.absence.case", string="Absence case", required=True, index=True, ondelete="cascade",
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    employee_id = fields.Many2one(related="case_id.employee_id", store=True)
    kind = fields.Selection(
        [("plan_van_aanpak", "Plan of action"), ("evaluatie", "Evaluation"),
         ("eerstejaars", "First-year evaluation"), ("eindevaluatie", "Final evaluation")],
        required=True, default="plan_van_aanpak", tracking=True,
    )
    casemanager_id = fields.Many2one(
        "res.users", tracking=True, domain=[("share", "=", False)],
        help="The casemanager named in the plan of action.",
    )
    goal = fields.Selection(
        [("own_work", "Return to own work"), ("adapted_work", "Adapted or other work here"),
         ("second_track", "Work with another employer (second track)")],
        string="Reintegration goal", tracking=True,
    )
    agreements = fields.Text(help=NO_MEDICAL)
    view_employer = fields.Text(string="Employer's view", help=NO_MEDICAL)
    view_employee = fields.Text(string="Employee's view", help=NO_MEDICAL, tracking=True)
    view_employee_refused = fields.Boolean(
        string="Employee declined to give a view", tracking=True, copy=False,
        help="Record it when the employee does not want to give his own view: the file then "
        "shows he was asked (wage-sanction check).",
    )
    # the employee signs his own view off; from then on it is locked
    view_employer_date = fields.Date(
        string="Employer's view recorded on", readonly=True, copy=False,
        help="The day the employer's view was last recorded: the employee's view is "
        "expected within a week of it.",
    )
    view_employee_signed_on = fields.Datetime(
        string="Employee's view signed on", readonly=True, copy=False, tracking=True,
    )
    view_employee_signed_by = fields.Many2one(
        "res.users", string="Employee's view signed by", readonly=True, copy=False,
    )
    date_done = fields.Date(string="Agreed on", tracking=True)
    milestone_id = fields.Many2one(
        "erm.wvp.milestone", readonly=True, copy=False, index=True,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done")], default="draft", required=True, tracking=True,
    )
    erm_is_director = fields.Boolean(
        string="I write the plan", compute="_compute_erm_user_flags",
        help="The current user directs the case or guards its process (or administers the "
        "system): he writes the plan. Others read it; the employee writes his own view.",
    )
    erm_is_own_plan = fields.Boolean(
        string="My own plan", compute="_compute_erm_user_flags",
        help="The current user is the employee of the plan: he writes his own view.",
    )

    # case_id: the form's first onchange fills non-stored computes without dependencies
    # with False, so the flags must follow the case the new plan is made for
    @api.depends("case_id")
    @api.depends_context("uid")
    def _compute_erm_user_flags(self):
        user = self.env.user
        admin = user.has_group("erm_verzuim.group_erm_admin")
        # the case's duty holders and employee compared with the reader; the flags only
        # say what the reader may do himself
        for plan in self:
            case = plan.case_id._sudo_for_flags()
            plan.erm_is_director = admin or (
                user in (case.regievoerder_user_id | case.procesbewaker_user_id)
                if case else not plan.id
            )
            plan.erm_is_own_plan = bool(case) and case.employee_id.user_id == user

    def _erm_access_log_cases(self):
        # a plain read: the log is written after the reader read these plans
        return {plan.id: plan.case_id.id for plan in self}

    def _search_name(self, operator, value):
        # the title is computed per language; its stable part is the case number
        return [("case_id.name", operator, value)]

    @api.depends("kind", "date_done", "case_id.name")
    @api.depends_context("lang")
    def _compute_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for plan in self:
            plan.name = " - ".join(
                filter(None, [labels.get(plan.kind), plan.case_id.name,
                              plan.date_done and format_date(self.env, plan.date_done)])
            )

    @api.constrains("kind", "casemanager_id", "state")
    def _check_casemanager(self):
        for plan in self:
            if plan.kind == "plan_van_aanpak" and plan.state == "done" and not plan.casemanager_id:
                raise ValidationError(_("Name the casemanager in the plan of action."))

    def action_done(self):
        """Record the plan as agreed: both views are required, and the date feeds the timeline."""
        for plan in self:
            if plan.state == "done":
                continue
            if not (plan.view_employer and plan.view_employee):
                kinds = dict(plan._fields["kind"]._description_selection(plan.env))
                raise UserError(
                    _("Record both the employer's view and the employee's view before "
                      "closing the %(kind)s.", kind=kinds[plan.kind].lower())
                )
            date_done = plan.date_done or fields.Date.context_today(plan)
            milestone = plan._open_milestone()
            plan.write({"date_done": date_done, "state": "done", "milestone_id": milestone.id})
            if milestone:
                # sudo: the agreed plan is the authorised act; its milestone may be held by the
                # process guardian (final evaluation), so it is completed as superuser.
                milestone.sudo().write({"date_done": date_done})
        self._erm_close_missing_view_signals()
        return True

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if vals.get("view_employee"):
                self._erm_check_employee_view_writer(self.env["erm.absence.case"].browse(
                    vals.get("case_id")
                ))
            if vals.get("view_employer"):
                vals.setdefault("view_employer_date", today)
        return super().create(vals_list)

    def write(self, vals):
        """The case director and the process guardian write the plan; the employee only his
        own view, until he signed it off."""
        # the superuser's system acts (anonymisation) still clear it
        if "view_employee" in vals and not self.env.su:
            changed = self.filtered(
                lambda p: (p.view_employee or "") != (vals["view_employee"] or "")
            )
            signed = changed.filtered("view_employee_signed_on")
            if signed:
                raise UserError(self.env._(
                    "The employee signed his view in %(plan)s off: it can no longer be "
                    "changed. Record new agreements in a new evaluation.",
                    plan=signed[0].display_name,
                ))
            self._erm_check_employee_view_writer(changed.case_id)
        if vals.get("view_employer"):
            vals = {"view_employer_date": fields.Date.context_today(self), **vals}
        if not self.env.su and not self.env.user.has_group("erm_verzuim.group_erm_admin"):
            # sudo: the case's duty holders and employee as identities, to see who writes what
            others = self.sudo().filtered(lambda p: self.env.uid not in (
                p.case_id.regievoerder_user_id | p.case_id.procesbewaker_user_id
            ).ids)
            if others and (set(vals) - EMPLOYEE_FIELDS or others.filtered(
                lambda p: p.employee_id.user_id.id != self.env.uid
            )):
                raise AccessError(_(
                    "Only the case director and the process guardian of %(case)s write its "
                    "plans and evaluations; the employee records his own view.",
                    case=others[0].case_id.display_name,
                ))
        return super().write(vals)

    def _erm_check_employee_view_writer(self, cases):
        """The employee's view is his own (Regeling procesgang): only he writes it, on the
        portal; the superuser and the administrator may correct it."""
        if self.env.su or self.env.user.has_group("erm_verzuim.group_erm_admin"):
            return
        # sudo: the cases' employee, an identity (only he writes his view)
        others = cases.sudo().filtered(lambda c: c.employee_id.user_id != self.env.user)
        if others:
            raise AccessError(self.env._(
                "Only %(employee)s writes his own view in the plans of %(case)s.",
                employee=others[0].employee_id.name, case=others[0].display_name,
            ))

    def action_sign_employee_view(self):
        """The employee signs his own view off: only he may, and only a written view. The
        signature locks the text (see write); the reminder about his missing view closes."""
        # sudo: the plan's employee as an identity (and the plan's name in the refusal);
        # then the sign-off fields, read-only for everyone, after the checks below
        sudo_self = self.sudo()
        for plan in sudo_self:
            if plan.employee_id.user_id != self.env.user:
                raise AccessError(self.env._(
                    "Only the employee himself signs his view in %(plan)s off.",
                    plan=plan.display_name,
                ))
        self.check_access("write")
        for plan in self:
            if plan.view_employee_signed_on:
                raise UserError(self.env._(
                    "Your view in %(plan)s is signed off already.", plan=plan.display_name,
                ))
            if not (plan.view_employee or "").strip():
                raise UserError(self.env._("Write your view before signing it off."))
        # the sign-off fields are read-only for everyone: recorded as superuser after
        # the checks above
        sudo_self.write({
            "view_employee_signed_on": fields.Datetime.now(),
            "view_employee_signed_by": self.env.uid,
        })
        self._erm_close_missing_view_signals()
        return True

    def _erm_close_missing_view_signals(self):
        """Complete the open "view missing" reminders of self (kept as done)."""
        # sudo: the reminders are the duty holders', closed by the employee's act
        activities = self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids),
            ("erm_alert_kind", "=", "missing_view"),
        ])
        if activities:
            activities.with_context(erm_alert_closing=True).action_feedback()

    def _open_milestone(self):
        self.ensure_one()
        # a plan's kind is the code of the milestone it completes when it is marked done
        code = self.kind
        return self.env["erm.wvp.milestone"].search(
            [("chain_root_id", "=", self.case_id.chain_root_id.id), ("code", "=", code),
             ("date_done", "=", False), ("state", "!=", "cancelled")],
            order="sequence, date_deadline", limit=1,
        )
