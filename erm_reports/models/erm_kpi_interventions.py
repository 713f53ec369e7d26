# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from odoo.addons.erm_verzuim.models.erm_intervention import COMMITTED_STATES


class ErmKpi(models.AbstractModel):
    """Interventions (erm_verzuim, issue 10) are part of the cost of absence."""

    _inherit = "erm.kpi"

    @api.model
    def _erm_extra_costs(self, company, department_ids, start, end):
        """The cost of the company's approved, running and finished interventions dated in
        [start, end): on their approval date, else their start. Department: the employee's,
        as for the other figures. One grouped query; an aggregate, so read as superuser
        (the board sees it too)."""
        extra = super()._erm_extra_costs(company, department_ids, start, end)
        domain = [
            ("company_id", "=", company.id), ("state", "in", COMMITTED_STATES),
            "|",
            "&", ("date_approved", ">=", start), ("date_approved", "<", end),
            "&", "&", ("date_approved", "=", False),
            ("date_start", ">=", start), ("date_start", "<", end),
        ]
        if department_ids is not None:
            domain.append(("employee_id.department_id", "in", list(department_ids) or [0]))
        ((total,),) = self.env["erm.intervention"].sudo().with_context(
            active_test=False)._read_group(domain, [], ["cost:sum"])
        return extra + (total or 0.0)
