# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

ORG_FIELDS = {"manager_id", "parent_id"}


class HrDepartment(models.Model):
    _inherit = "hr.department"

    @api.model_create_multi
    def create(self, vals_list):
        departments = super().create(vals_list)
        if any(ORG_FIELDS & set(vals) for vals in vals_list):
            # the analysis rules of managers read their departments (cached per user)
            self.env.registry.clear_cache()
        return departments

    def write(self, vals):
        res = super().write(vals)
        if ORG_FIELDS & set(vals):
            self.env.registry.clear_cache()
        return res
