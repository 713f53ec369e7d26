# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Choose the period and the group of the XLSX management report."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.erm_verzuim.models.erm_format import file_date

PERIODS = [
    ("last_month", "Last month"),
    ("last_quarter", "Last quarter"),
    ("last_year", "Last year"),
    ("year", "This year"),
    ("last_12_months", "Last 12 months"),
    ("custom", "Custom"),
]


class ErmKpiExportWizard(models.TransientModel):
    _name = "erm.kpi.export.wizard"
    _description = "Export absence figures"

    period = fields.Selection(PERIODS, required=True, default="last_quarter")
    # precomputed: a wizard made without the form (the dashboard's export) has its dates
    date_from = fields.Date(
        compute="_compute_dates", store=True, readonly=False, required=True, precompute=True,
    )
    date_to = fields.Date(
        compute="_compute_dates", store=True, readonly=False, required=True, precompute=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
    )
    department_id = fields.Many2one(
        "hr.department", domain="[('company_id', '=', company_id)]",
        help="Leave empty for the whole company.",
    )

    @api.depends("period")
    def _compute_dates(self):
        for wizard in self:
            if wizard.period and wizard.period != "custom":
                wizard.date_from, wizard.date_to = self.env["erm.kpi"].period_bounds(
                    wizard.period
                )

    def _erm_file_name(self):
        """The XLSX's file name (without extension), its dates as a Dutch reader writes
        them and safe in a file name: Verzuimcijfers 01-11-2026_30-11-2026."""
        self.ensure_one()
        title = self.env._("Absence figures")
        return f"{title} {file_date(self.date_from)}_{file_date(self.date_to)}"

    def action_export(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(self.env._("Choose a period whose end is not before its start."))
        # check access before the download starts, with a clear message
        self.env["erm.kpi"].figures(
            self.date_from, self.date_to, self.company_id.id, self.department_id.id or None
        )
        return self.env.ref("erm_reports.erm_management_xlsx").report_action(self)
