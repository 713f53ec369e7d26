# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the organisation sees of the employability budget: spend and uptake per company,
quarter and kind of service, never who (domain.md §5). A row of fewer employees than the
company's minimum group size (erm.aggregate.guard, never below its floor) is left out in the
view itself, so no channel (list, pivot, export, RPC) can show it. Read by HR, the board
and the budget administrator."""

from odoo import fields, models, tools
from odoo.tools import SQL

from ..engine.aggregate_guard import DEFAULT_MINIMUM, FLOOR
from .erm_provider import PROVIDER_KINDS


class ErmBudgetUsage(models.Model):
    _name = "erm.budget.usage"
    _description = "Employability Budget Use (aggregates)"
    _auto = False
    _order = "date_quarter desc, company_id, service_kind"

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_quarter = fields.Date(string="Quarter", readonly=True)
    service_kind = fields.Selection(PROVIDER_KINDS, string="Kind of service", readonly=True)
    amount = fields.Monetary(string="Amount spent", readonly=True, currency_field="currency_id")
    claim_count = fields.Integer(string="Claims", readonly=True)
    # distinct employees cannot be summed over rows: no aggregate
    employee_count = fields.Integer(string="Employees", readonly=True, aggregator=None)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("""
            CREATE VIEW %s AS (
                SELECT ROW_NUMBER() OVER (ORDER BY q.company_id, q.date_quarter,
                                                   q.service_kind) AS id, q.*
                  FROM (SELECT c.company_id,
                               DATE_TRUNC('quarter', c.date)::date AS date_quarter,
                               COALESCE(c.service_kind, 'other') AS service_kind,
                               SUM(c.amount) AS amount,
                               COUNT(*) AS claim_count,
                               COUNT(DISTINCT c.employee_id) AS employee_count
                          FROM erm_budget_claim c
                          JOIN res_company co ON co.id = c.company_id
                         WHERE c.state IN ('approved', 'paid')
                      GROUP BY 1, 2, 3, co.erm_min_group_size
                        HAVING COUNT(DISTINCT c.employee_id)
                               >= GREATEST(COALESCE(co.erm_min_group_size, %s), %s)) q
            )""", SQL.identifier(self._table), DEFAULT_MINIMUM, FLOOR))
