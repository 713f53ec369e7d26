# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# Fields whose change moves who directs, guards and sees the cases of the department.
ORG_CHART_FIELDS = {"manager_id", "parent_id", "company_id", "active"}


class HrDepartment(models.Model):
    _inherit = "hr.department"

    def init(self):
        # Indexed: the departments a user manages are looked up on every menu load and every
        # change of an employee (hr's related and computed fields through manager_id). An
        # index, not a redefined field: the field keeps hr's label and its translation.
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS hr_department__erm_manager_id_index "
            "ON hr_department (manager_id) WHERE manager_id IS NOT NULL"
        )

    def write(self, vals):
        """A new manager or place in the tree moves the duties and the need-to-know of the
        cases in the department and its sub-departments."""
        if not ORG_CHART_FIELDS & set(vals):
            return super().write(vals)
        cases = self._erm_cases()
        snapshot = cases._erm_duty_snapshot()
        res = super().write(vals)
        (cases | self._erm_cases())._erm_refresh_duties(snapshot)
        return res

    def _erm_cases(self):
        # sudo: the department tree as ids, for the caller's own domain
        departments = self.sudo().with_context(active_test=False).search(
            [("id", "child_of", self.ids)]
        )
        employees = departments.env["hr.employee"].search(
            [("department_id", "in", departments.ids)]
        )
        return self.env["erm.absence.case"]._erm_cases_of_subtree(employees)
