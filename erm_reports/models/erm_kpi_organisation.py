# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL

from odoo.addons.erm_verzuim.models.erm_intervention import COMMITTED_STATES


class ErmKpi(models.AbstractModel):
    """What the organisation around the cases (erm_verzuim, domain.md §7) adds to the figures.

    Interventions are part of the cost of absence: the approved, running and finished ones,
    dated on their approval date, else their start. Department: the employee's, as for the
    other figures. Aggregates, read as superuser after erm.kpi's own access decision (the
    board sees the sum too). The preconditions' readiness score and the employability
    budget's use (anonymous: totals of groups the aggregate guard allows) are dashboard
    cards."""

    _inherit = "erm.kpi"

    @api.model
    def _erm_intervention_sql(self, company, department_ids):
        """FROM/WHERE over the company's committed interventions, with their day ``i.day``."""
        department = SQL("")
        if department_ids is not None:
            department = SQL("AND e.department_id = ANY(%s)", list(department_ids) or [0])
        self.env["erm.intervention"].flush_model()
        self.env["hr.employee"].flush_model(["department_id"])
        return SQL("""
            (SELECT COALESCE(i.date_approved, i.date_start) AS day, i.cost,
                    e.department_id
               FROM erm_intervention i
               JOIN hr_employee e ON e.id = i.employee_id
              WHERE i.company_id = %(company)s AND i.state = ANY(%(states)s)
                    %(department)s) i
        """, company=company.id, states=list(COMMITTED_STATES), department=department)

    @api.model
    def _erm_extra_costs_periods(self, company, department_ids, bounds):
        """Every period in one query (a trend of 15 periods is one query, not 15)."""
        extra = super()._erm_extra_costs_periods(company, department_ids, bounds)
        if not bounds:
            return extra
        periods = SQL(", ").join(
            SQL("(%s, %s::date, %s::date)", index, start, end)
            for index, (start, end) in enumerate(bounds)
        )
        self.env.cr.execute(SQL("""
            SELECT p.idx, SUM(i.cost)
              FROM (VALUES %(periods)s) AS p(idx, start, stop)
              JOIN %(interventions)s ON i.day >= p.start AND i.day < p.stop
             GROUP BY p.idx
        """, periods=periods, interventions=self._erm_intervention_sql(company, department_ids)))
        for index, total in self.env.cr.fetchall():
            extra[index] += total or 0.0
        return extra

    @api.model
    def _erm_extra_costs_by_department(self, company, start, end):
        extra = super()._erm_extra_costs_by_department(company, start, end)
        self.env.cr.execute(SQL("""
            SELECT i.department_id, SUM(i.cost)
              FROM %(interventions)s
             WHERE i.day >= %(start)s AND i.day < %(end)s AND i.department_id IS NOT NULL
             GROUP BY i.department_id
        """, interventions=self._erm_intervention_sql(company, None), start=start, end=end))
        for department_id, total in self.env.cr.fetchall():
            extra[department_id] = extra.get(department_id, 0.0) + (total or 0.0)
        return extra

    @api.model
    def _erm_readiness(self, company):
        """The company's readiness for the ERM model (erm.precondition), for the dashboard
        card: HR and the board, who read the whole checklist; False for others."""
        user = self.env.user
        if not (user.has_group("erm_verzuim.group_erm_hr")
                or user.has_group("erm_verzuim.group_erm_board")):
            return False
        return self.env["erm.precondition"]._erm_readiness(company)[company.id]

    @api.model
    def _erm_budget(self, company, date_from, date_to, headcount):
        """The employability budget's use in the period, for HR and the board: amount spent
        (approved and paid claims), how many employees used it and their share of the
        headcount. Suppressed when fewer employees than the minimum group size used it, or
        when a kind of service of the period is below it (the total beside the kinds of
        erm.budget.usage would give that kind away). False for others and when the budget
        is not used."""
        user = self.env.user
        if not (user.has_group("erm_verzuim.group_erm_hr")
                or user.has_group("erm_verzuim.group_erm_board")):
            return False
        self.env["erm.budget.claim"].flush_model(["company_id", "date", "state", "amount",
                                                 "employee_id"])
        # aggregates of claims nobody but the budget administrator may read one by one
        self.env.cr.execute(SQL("""
            SELECT COUNT(DISTINCT c.employee_id), COALESCE(SUM(c.amount), 0),
                   ARRAY(SELECT COUNT(DISTINCT k.employee_id)
                           FROM erm_budget_claim k
                          WHERE k.company_id = %(company)s AND k.state IN ('approved', 'paid')
                            AND k.date >= %(start)s AND k.date <= %(end)s
                       GROUP BY COALESCE(k.service_kind, 'other'))
              FROM erm_budget_claim c
             WHERE c.company_id = %(company)s AND c.state IN ('approved', 'paid')
               AND c.date >= %(start)s AND c.date <= %(end)s
        """, company=company.id, start=date_from, end=date_to))
        employees, amount, per_kind = self.env.cr.fetchone()
        if not employees:
            return False
        minimum = self.env["erm.aggregate.guard"].minimum(company)
        if employees < minimum or any(count < minimum for count in per_kind):
            return {"suppressed": True, "minimum": minimum}
        return {
            "suppressed": False, "minimum": minimum, "employees": employees,
            "amount": amount, "uptake_pct": 100.0 * employees / headcount if headcount else None,
        }
