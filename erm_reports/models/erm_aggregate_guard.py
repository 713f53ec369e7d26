# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL


class ErmAggregateGuard(models.AbstractModel):
    _inherit = "erm.aggregate.guard"

    @api.model
    def _people_by_department_periods(self, company, bounds):
        """The people of the figures: an employee counts in a period when a contract of
        his overlaps it, or, without any contract, while active (as erm.kpi counts them),
        by current department. One query for all periods."""
        if any(start is None or end is None for start, end in bounds):
            return super()._people_by_department_periods(company, bounds)
        result = [{} for _bound in bounds]
        for index, department_id, people in self._erm_people(
            company, bounds, SQL("ARRAY_AGG(DISTINCT emp.id)")
        ):
            result[index][department_id] = set(people)
        return result

    @api.model
    def _counts_by_department_periods(self, company, bounds):
        """The same people, counted by the database (no ids to carry)."""
        if any(start is None or end is None for start, end in bounds):
            return super()._counts_by_department_periods(company, bounds)
        result = [{} for _bound in bounds]
        for index, department_id, count in self._erm_people(
            company, bounds, SQL("COUNT(DISTINCT emp.id)")
        ):
            result[index][department_id] = count
        return result

    @api.model
    def _erm_people(self, company, bounds, aggregate):
        """Rows ``(period index, department id, aggregate over emp.id)``."""
        self.env.flush_all()
        # the employments of erm.absence.report (without the no-contract setting: the
        # guard counts every active employee without a contract)
        report = self.env["erm.absence.report"]
        company_filter = SQL("AND e.company_id = %s", company.id)
        self.env.cr.execute(SQL(
            """WITH period AS (%(periods)s), emp AS (
                   SELECT e.id, e.department_id,
                          daterange(c.date_start, c.date_end + 1) AS span
                     FROM %(contracts)s
                UNION ALL
                   SELECT e.id, e.department_id, daterange(NULL, NULL)
                     FROM %(without_contract)s
               )
               SELECT p.idx, emp.department_id, %(aggregate)s
                 FROM emp JOIN period p ON p.span && emp.span
             GROUP BY p.idx, emp.department_id""",
            periods=self.env["erm.kpi"]._erm_periods_sql(bounds),
            contracts=report._contracts_sql(company_filter),
            without_contract=report._without_contract_sql(company_filter),
            aggregate=aggregate,
        ))
        return self.env.cr.fetchall()
