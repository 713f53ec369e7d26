# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    erm_frequent_absence_threshold = fields.Integer(
        related="company_id.erm_frequent_absence_threshold", readonly=False
    )
    erm_frequent_absence_window_days = fields.Integer(
        related="company_id.erm_frequent_absence_window_days", readonly=False
    )
    erm_early_doctor = fields.Boolean(related="company_id.erm_early_doctor", readonly=False)
