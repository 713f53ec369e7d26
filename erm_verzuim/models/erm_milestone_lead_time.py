# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.tools import frozendict

from ..engine.milestones import ALERT_CODES, DEFAULT_LEAD_DAYS, FALLBACK_LEAD_DAYS
from .erm_wvp_milestone import MILESTONE_SELECTION


class ErmMilestoneLeadTime(models.Model):
    """How many days before its deadline a milestone is "due soon" and raises its activity,
    per company and milestone code. Codes without a line use the default of the milestone
    table (engine/milestones.py)."""

    _name = "erm.milestone.lead.time"
    _description = "Milestone Lead Time"
    _order = "company_id, code"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, ondelete="cascade",
        default=lambda self: self.env.company,
    )
    code = fields.Selection(MILESTONE_SELECTION, string="Milestone", required=True)
    days = fields.Integer(
        string="Lead time (days)", required=True, default=FALLBACK_LEAD_DAYS,
        help="The activity for this milestone is raised this many days before its deadline.",
    )

    _sql_constraints = [
        ("company_code_uniq", "UNIQUE(company_id, code)",
         "Each milestone has one lead time per company."),
        ("days_not_negative", "CHECK(days >= 0)", "A lead time cannot be negative."),
    ]

    # The table is read by every state computation of the WvP sync and by the alert cron:
    # it lives in the registry cache (one query per worker) and is cleared on every change.
    @api.model
    @tools.ormcache()
    def _lead_days_table(self):
        """frozendict {(company_id, code): days} of all configured lead times."""
        self.flush_model(["company_id", "code", "days"])
        self.env.cr.execute("SELECT company_id, code, days FROM erm_milestone_lead_time")
        return frozendict({(company_id, code): days for company_id, code, days
                           in self.env.cr.fetchall()})

    @api.model
    def _lead_days_for(self, company_id, code, table=None):
        table = self._lead_days_table() if table is None else table
        days = table.get((company_id, code))
        return DEFAULT_LEAD_DAYS.get(code, FALLBACK_LEAD_DAYS) if days is None else days

    @api.model
    def _ensure_defaults(self, companies):
        """Create the missing lines of `companies` with the default lead times, so that the
        configuration list shows every milestone with the value that applies."""
        # sudo: the default lead times are kept for every company
        sudo_self = self.sudo()
        existing = {(line.company_id.id, line.code)
                    for line in sudo_self.search([("company_id", "in", companies.ids)])}
        sudo_self.create([
            {"company_id": company.id, "code": code,
             "days": DEFAULT_LEAD_DAYS.get(code, FALLBACK_LEAD_DAYS)}
            for company in companies for code in ALERT_CODES
            if (company.id, code) not in existing
        ])

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res
