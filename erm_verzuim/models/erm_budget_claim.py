# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The anonymous employability budget (inzetbaarheidsbudget, domain.md §5).

An employee spends a yearly budget on services for his employability and claims the invoice.
Who claimed what is known ONLY to the employee himself and the budget administrator (group
"Verzuim: Budgetbeheerder", e.g. payroll; not the manager, not HR): the ACLs and record rules
in security/erm_budget_security.xml enforce it for every channel (views, search, read_group,
export, RPC), and the chatter and attachments follow the claim's access. Notifications go to
the employee only. Everyone else sees aggregates of at least the minimum group size
(erm.budget.usage). The arithmetic is in engine/budget.py.
"""

from datetime import date

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from ..engine import budget as budget_engine
from .erm_provider import PROVIDER_KINDS

BUDGET_ADMIN = "erm_verzuim.group_erm_budget_admin"
# the claims that hold budget: a draft or rejected claim does not
SPENDING_STATES = ("submitted", "approved", "paid")
# fields only the budget administrator sets (the owner goes through the actions)
ADMIN_FIELDS = {"state", "reject_reason", "employee_id", "company_id"}
# the owner edits his claim while it is a draft
OWNER_FIELDS = {"amount", "date", "provider_id", "provider_name", "service_id",
                "description", "invoice_file", "invoice_filename"}
CARRY_YEARS = 3  # how far back the carry-over chain is followed (it never exceeds one year)


class ErmBudgetClaim(models.Model):
    _name = "erm.budget.claim"
    _description = "Employability Budget Claim"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["description", "provider_name", "service_id"]
    # the employee comments on his submitted claim (which he may no longer write)
    _mail_post_access = "read"

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="restrict", check_company=True,
        default=lambda self: self._default_employee(),
    )
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, precompute=True,
        index=True, readonly=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(required=True, tracking=True, currency_field="currency_id")
    date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True,
        help="The date of the invoice; the claim counts against the budget of its year.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("approved", "Approved"),
         ("rejected", "Rejected"), ("paid", "Paid")],
        required=True, default="draft", tracking=True, index=True,
    )
    provider_id = fields.Many2one(
        "erm.provider", check_company=True,
        compute="_compute_provider_id", store=True, readonly=False, precompute=True,
        help="A provider of the organisation's network; or name another one below.",
    )
    provider_name = fields.Char(string="Other provider")
    service_id = fields.Many2one(
        "erm.provider.service", check_company=True,
        domain="[('phase', '=', 'prevention')]",
        help="A prevention service of the provider catalogue.",
    )
    description = fields.Char(help="What the service was, when it is not in the catalogue.")
    service_kind = fields.Selection(
        PROVIDER_KINDS, compute="_compute_service_kind", store=True, string="Kind of service",
        help="The kind of provider; what the aggregates are grouped by.",
    )
    invoice_file = fields.Binary(string="Invoice", attachment=True)
    invoice_filename = fields.Char()
    reject_reason = fields.Text(tracking=True)

    _sql_constraints = [
        ("amount_positive", "CHECK (amount > 0)", "The amount of a claim must be positive."),
    ]

    # ------------------------------------------------------------------ defaults, computes
    @api.model
    def _default_employee(self):
        return self.env["hr.employee"]._erm_own_employee().id

    def _sudo_employee(self):
        """The claim's employee as superuser."""
        self.ensure_one()
        # sudo: his company and user as identities (to check and notify him); a portal user
        # may not read hr.employee
        return self.employee_id.sudo()

    @api.depends("employee_id")
    def _compute_company_id(self):
        for claim in self:
            claim.company_id = claim._sudo_employee().company_id

    @api.depends("service_id.provider_kind", "provider_id.kind")
    def _compute_service_kind(self):
        for claim in self:
            claim.service_kind = (claim.service_id.provider_kind or claim.provider_id.kind
                                  or "other")

    @api.depends("service_id")
    def _compute_provider_id(self):
        # a catalogue service names its provider, on every channel (the portal too)
        for claim in self:
            claim.provider_id = claim.service_id.provider_id or claim.provider_id

    @api.depends("date", "service_id", "description")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for claim in self:
            what = claim.service_id.display_name or claim.description or claim.provider_name
            day = claim.date and format_date(self.env, claim.date)
            claim.display_name = " - ".join(
                part for part in (what, day) if part
            ) or self.env._("New claim")

    # ------------------------------------------------------------------ rules
    @api.constrains("service_id", "provider_id", "provider_name", "description", "company_id")
    def _check_qualifying_service(self):
        for claim in self:
            if claim.service_id and claim.service_id.phase != "prevention":
                raise ValidationError(self.env._(
                    "Only prevention services of the catalogue qualify for the "
                    "employability budget."
                ))
            if claim.company_id.erm_budget_services == "catalogue":
                if not claim.service_id:
                    raise ValidationError(self.env._(
                        "Choose a prevention service of the provider catalogue: your "
                        "organisation pays the employability budget for those only."
                    ))
            elif not claim.service_id and not (
                (claim.provider_id or claim.provider_name) and claim.description
            ):
                raise ValidationError(self.env._(
                    "Choose a prevention service of the catalogue, or name the provider "
                    "and describe the service."
                ))

    def _is_budget_admin(self):
        return self.env.su or self.env.user.has_group(BUDGET_ADMIN)

    @api.model_create_multi
    def create(self, vals_list):
        if not self._is_budget_admin():
            for vals in vals_list:
                if vals.get("state", "draft") != "draft" or vals.get("reject_reason"):
                    raise AccessError(self.env._(
                        "A claim starts as a draft; submit it to the budget administrator."
                    ))
        for vals in vals_list:
            if vals.get("service_id") and not vals.get("provider_id"):
                vals.pop("provider_id", None)  # the service's provider (_compute_provider_id)
        claims = super().create(vals_list)
        # the employee follows his own claim (and only he: the chatter is between him and
        # the budget administrator)
        for claim in claims:
            partner = claim._sudo_employee().user_id.partner_id
            if partner:
                claim.message_subscribe(partner_ids=partner.ids)
        return claims

    def write(self, vals):
        if not self._is_budget_admin() and not self.env.context.get("erm_budget_transition"):
            if ADMIN_FIELDS & set(vals):
                raise AccessError(self.env._(
                    "Only the budget administrator approves, rejects or pays a claim."
                ))
            if set(vals) & OWNER_FIELDS and any(c.state != "draft" for c in self):
                raise UserError(self.env._("A submitted claim can no longer be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if not self.env.su and any(claim.state != "draft" for claim in self):
            raise UserError(self.env._("Only a draft claim can be deleted."))

    # ------------------------------------------------------------------ balance
    @api.model
    def _erm_part_time_factor(self, employee):
        """Contracted weekly hours / the company's full-time hours (domain.md §4), from the
        working schedules; 1.0 when unknown. `employee` is read as superuser."""
        def weekly(calendar):
            hours = sum(calendar.attendance_ids.mapped("duration_hours"))
            return hours / 2 if calendar.two_weeks_calendar else hours

        calendar = employee.resource_calendar_id
        company_calendar = employee.company_id.resource_calendar_id
        full_time = company_calendar.full_time_required_hours or (
            weekly(company_calendar) if company_calendar else 0.0) or 40.0
        return weekly(calendar) / full_time if calendar else 1.0

    @api.model
    def _erm_budget_balance(self, employee, year=None):
        """The employee's budget for `year` (default this year), see engine.budget.balance.

        Callable by the employee himself and the budget administrator only. The employee's
        schedule and dates are read as superuser (a portal user may not read hr.employee);
        the claims are summed as superuser too, but only this employee's."""
        year = year or fields.Date.context_today(self).year
        # sudo: his schedule and dates (a portal user may not read hr.employee)
        employee = employee.sudo()
        if not self._is_budget_admin() and employee.user_id != self.env.user:
            raise AccessError(self.env._("You can only see your own employability budget."))
        company = employee.company_id
        # the start of employment is known with contracts (hr_contract); without it the
        # employee counts as employed the whole year (his record's date is no hire date)
        date_start = ("first_contract_date" in employee._fields
                      and employee.first_contract_date) or None
        factor = self._erm_part_time_factor(employee) if company.erm_budget_prorate else 1.0
        years = range(year - CARRY_YEARS, year + 1)
        entitlements = {
            y: budget_engine.entitlement(
                y, company.erm_budget_amount, company.erm_budget_prorate, factor,
                date_start, employee.departure_date or None,
            )
            for y in years
        }
        spent = {
            claim_year.year: total
            # as superuser (employee.env): the employee's balance, sums of his claims only
            for claim_year, total in self.with_env(employee.env)._read_group(
                [("employee_id", "=", employee.id), ("state", "in", SPENDING_STATES),
                 ("date", ">=", date(years[0], 1, 1)), ("date", "<=", date(year, 12, 31))],
                ["date:year"], ["amount:sum"],
            )
        }
        result = budget_engine.balance(year, entitlements, spent,
                                       company.erm_budget_carry_over)
        result["currency"] = company.currency_id
        return result

    # ------------------------------------------------------------------ actions
    def _erm_check_owner_or_admin(self):
        if self._is_budget_admin():
            return
        if any(claim._sudo_employee().user_id != self.env.user for claim in self):
            raise AccessError(self.env._("You can only submit your own claims."))

    def _erm_check_admin(self):
        if not self._is_budget_admin():
            raise AccessError(self.env._(
                "Only the budget administrator approves, rejects or pays a claim."
            ))

    def action_submit(self):
        self._erm_check_owner_or_admin()
        for claim in self:
            if claim.state != "draft":
                raise UserError(self.env._("Only a draft claim can be submitted."))
            result = self._erm_budget_balance(claim.employee_id, claim.date.year)
            if claim.amount > result["available"]:
                currency = result["currency"]
                raise UserError(self.env._(
                    "This claim of %(amount)s is above your remaining employability budget "
                    "for %(year)s (%(available)s). Lower the amount or ask the budget "
                    "administrator.",
                    amount=currency.format(claim.amount), year=claim.date.year,
                    available=currency.format(result["available"]),
                ))
            claim.with_context(erm_budget_transition=True).write({"state": "submitted"})
        return True

    def action_approve(self):
        self._erm_check_admin()
        if any(claim.state != "submitted" for claim in self):
            raise UserError(self.env._("Only a submitted claim can be approved."))
        self.write({"state": "approved", "reject_reason": False})
        self._erm_notify_employee(self.env._("Your claim has been approved."))
        return True

    def action_reject(self):
        self._erm_check_admin()
        for claim in self:
            if claim.state != "submitted":
                raise UserError(self.env._("Only a submitted claim can be rejected."))
            if not (claim.reject_reason or "").strip():
                raise UserError(self.env._(
                    "Give the reason for the rejection: the employee reads it."
                ))
        self.write({"state": "rejected"})
        for claim in self:
            claim._erm_notify_employee(self.env._(
                "Your claim has been rejected: %(reason)s", reason=claim.reject_reason,
            ))
        return True

    def action_paid(self):
        self._erm_check_admin()
        if any(claim.state != "approved" for claim in self):
            raise UserError(self.env._("Only an approved claim can be marked as paid."))
        self.write({"state": "paid"})
        self._erm_notify_employee(self.env._("Your claim has been paid."))
        return True

    def _erm_notify_employee(self, body):
        """A message to the employee: he is the explicit recipient; the only other
        possible follower is the budget administrator (nobody else can follow a claim,
        as following needs access to it)."""
        for claim in self:
            # the employee's partner, to notify him of his claim
            partner = claim._sudo_employee().user_id.partner_id
            claim.message_post(
                body=body, message_type="comment", subtype_xmlid="mail.mt_comment",
                partner_ids=partner.ids,
            )
