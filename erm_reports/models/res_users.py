# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    erm_managed_department_ids = fields.Many2many(
        "hr.department", string="Managed departments",
        compute="_compute_erm_managed_department_ids", compute_sudo=True,
        help="The departments the user manages, with their sub-departments, of which he may "
        "read every case: the record rules of the absence analysis give a manager these "
        "(a row per employee is a group of one, domain.md §5).",
    )

    def _compute_erm_managed_department_ids(self):
        departments = self.env["hr.department"].with_context(active_test=False)
        Guard = self.env["erm.aggregate.guard"]
        # the departments each user heads, and their sub-departments, in two queries for
        # all users: a sub-department belongs to a user when his parent_path passes one
        # of the user's own departments
        heads = departments.search([("manager_id.user_id", "in", self.ids)])
        roots = defaultdict(set)
        for department in heads:
            roots[department.manager_id.user_id.id].add(department.id)
        subtree = departments.search([("id", "child_of", heads.ids)]) if heads else heads
        path_of = {
            department.id: {int(part) for part in department.parent_path.split("/") if part}
            for department in subtree
        }
        for user in self:
            own = roots.get(user.id)
            managed = subtree.filtered(lambda d, own=own: own and path_of[d.id] & own)
            # the case rules decide, as the user himself: a head of department whose
            # sub-departments' cases are directed by their own managers gets only his own
            known = set()
            guard = Guard.with_user(user)
            for company in managed.company_id:
                known |= guard._known_nodes(company, guard._tree(company))
            user.erm_managed_department_ids = managed.browse(
                [d.id for d in managed if d.id in known])

    def _erm_board_start_action(self):
        """The board steers on the figures: its Verzuim app opens on the dashboard."""
        return self.env["ir.actions.actions"]._for_xml_id("erm_reports.erm_dashboard_action")
