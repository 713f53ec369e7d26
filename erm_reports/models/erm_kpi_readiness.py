# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ErmKpi(models.AbstractModel):
    _inherit = "erm.kpi"

    @api.model
    def _erm_readiness(self, company):
        """The company's readiness for the ERM model (erm.precondition), for the dashboard
        card: HR and the board, who read the whole checklist; False for others."""
        user = self.env.user
        if not (user.has_group("erm_verzuim.group_erm_hr")
                or user.has_group("erm_verzuim.group_erm_board")):
            return False
        return self.env["erm.precondition"]._erm_readiness(company)[company.id]
