# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    erm_managed_department_ids = fields.Many2many(
        "hr.department", string="Managed departments",
        compute="_compute_erm_managed_department_ids", compute_sudo=True,
        help="The departments the user manages, with their sub-departments: the record "
        "rules of the absence analysis give a manager these.",
    )

    def _compute_erm_managed_department_ids(self):
        departments = self.env["hr.department"].with_context(active_test=False)
        for user in self:
            managed = departments.search([("manager_id.user_id", "=", user.id)])
            user.erm_managed_department_ids = (
                departments.search([("id", "child_of", managed.ids)]) if managed else managed
            )

    def _erm_board_start_action(self):
        """The board steers on the figures: its Verzuim app opens on the dashboard."""
        return self.env["ir.actions.actions"]._for_xml_id("erm_reports.erm_dashboard_action")
