# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the employee may report himself in the portal (issue 13)."""

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    erm_portal_sick_report = fields.Boolean(
        string="Employees report sick in the portal",
        help="Employees may report themselves sick in the portal. Off by default: many "
        "collective agreements (CAOs) and absence protocols require a phone call to the "
        "manager on the first sick day.",
    )
    erm_portal_recovery_report = fields.Boolean(
        string="Employees report recovery in the portal", default=True,
        help="Employees may report their partial or full recovery in the portal; the case "
        "director confirms it.",
    )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    erm_portal_sick_report = fields.Boolean(
        related="company_id.erm_portal_sick_report", readonly=False,
    )
    erm_portal_recovery_report = fields.Boolean(
        related="company_id.erm_portal_recovery_report", readonly=False,
    )
