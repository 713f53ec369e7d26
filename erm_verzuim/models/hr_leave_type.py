# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HrLeaveType(models.Model):
    _inherit = "hr.leave.type"

    erm_absence = fields.Boolean(
        string="Used for absence cases",
        help="The neutral time-off type under which open absence cases appear in Time Off "
        "and calendars. Colleagues see an absence, never its reason.",
    )
    erm_wazo = fields.Boolean(
        string="WAZO leave",
        help="Pregnancy and maternity leave. Inside a chain of absence cases these days "
        "neither count as sick days nor break the chain.",
    )
