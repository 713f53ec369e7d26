# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ErmStakeholderReviewScope(models.Model):
    """A group that holds its own quarterly review instead of (or beside) one review per
    company: several companies of a group that meet together, or a set of departments of
    one company (regions, a large division). The scheduled action plans one review per
    active group and quarter; a group that replaces the company reviews takes its
    companies out of the per-company planning."""

    _name = "erm.stakeholder.review.scope"
    _description = "Quarterly Review Group"
    _inherit = ["mail.thread"]
    _order = "company_id, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", string="Main company", required=True, index=True,
        default=lambda self: self.env.company, tracking=True,
        help="The company that holds the review: its participants need access to it.",
    )
    kind = fields.Selection(
        [("companies", "Several companies"), ("departments", "Departments of one company")],
        required=True, default="departments", tracking=True,
    )
    company_ids = fields.Many2many(
        "res.company", "erm_review_scope_company_rel", "scope_id", "company_id",
        string="Companies",
        help="The companies reviewed together (the main company included).",
    )
    department_ids = fields.Many2many(
        "hr.department", "erm_review_scope_department_rel", "scope_id", "department_id",
        string="Departments", check_company=True,
        help="The departments reviewed together, each with its sub-departments.",
    )
    replaces_company_reviews = fields.Boolean(
        string="Replaces the company reviews", default=True, tracking=True,
        help="The companies of this group get no review of their own: this group's review "
        "is their quarterly review.",
    )
    organiser_id = fields.Many2one(
        "res.users", tracking=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="Organises the group's reviews; empty: the main company's organiser.",
    )

    @api.constrains("kind", "company_id", "company_ids", "department_ids")
    def _check_members(self):
        for scope in self:
            if scope.kind == "companies" and len(scope.company_ids | scope.company_id) < 2:
                raise ValidationError(self.env._(
                    "A review group of several companies names at least two companies."
                ))
            if scope.kind == "departments" and not scope.department_ids:
                raise ValidationError(self.env._(
                    "A review group of departments names at least one department."
                ))

    @api.model_create_multi
    def create(self, vals_list):
        scopes = super().create(vals_list)
        scopes._erm_normalise()
        return scopes

    def write(self, vals):
        res = super().write(vals)
        if {"kind", "company_id", "company_ids", "department_ids"} & set(vals):
            self._erm_normalise()
        return res

    def _erm_normalise(self):
        """Keep only the members of the group's kind, the main company among them."""
        for scope in self:
            if scope.kind == "companies":
                values = {}
                if scope.company_id not in scope.company_ids:
                    values["company_ids"] = [(4, scope.company_id.id)]
                if scope.department_ids:
                    values["department_ids"] = [(5, 0, 0)]
            else:
                values = {"company_ids": [(6, 0, scope.company_id.ids)]} \
                    if scope.company_ids != scope.company_id else {}
            if values:
                scope.write(values)  # once more at most: then nothing is left to fix

    def _erm_companies(self):
        """The companies whose figures the group's review discusses."""
        self.ensure_one()
        return self.company_ids | self.company_id if self.kind == "companies" \
            else self.company_id

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._(
                "A review group is never deleted: archive it instead."
            ))
