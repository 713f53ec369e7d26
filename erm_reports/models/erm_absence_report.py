# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Monthly absence rows per employee and contract: what the pivot and graph views analyse.

A SQL view over the last five years: one row per employment (contract) and month with its
employed days and sick days, both weighted by the part-time factor (DTF), the sick days also
by the incapacity, and the new reports. Summed over any grouping they give the Vernet
absence rate as 100 × Σ sick / Σ employed, which ``_read_group_select`` computes for the
percentage fields (an average of percentages would be wrong). Employees without a contract
count as the company's setting says.

This file holds the one SQL of each building block of the Vernet figures (employments with
their part-time factor, sick spells, the days two spans share, the full-time hours): the
view is built from them and so are the sums of ``erm.kpi._erm_grouped_totals`` (dashboard,
XLSX, review figures).
"""

from odoo import api, fields, models
from odoo.tools import SQL

from ..engine import vernet

RATE_FIELDS = {
    "verzuimpercentage": "sick_days",
    "verzuimpercentage_excl_vangnet": "sick_days_excl_vangnet",
}


class ErmAbsenceReport(models.Model):
    _name = "erm.absence.report"
    _description = "Absence analysis"
    _auto = False
    _order = "month desc, employee_id"

    month = fields.Date(readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    employed_days = fields.Float(string="Employed days (DTF)", readonly=True)
    sick_days = fields.Float(string="Sick days (DTF × incapacity)", readonly=True)
    # whether a vangnet applies is for HR only (domain.md §5): a manager comparing the two
    # columns per employee would learn it
    sick_days_excl_vangnet = fields.Float(
        string="Sick days without safety net", readonly=True,
        groups="erm_verzuim.group_erm_hr",
    )
    reports = fields.Integer(string="Sick reports", readonly=True)
    verzuimpercentage = fields.Float(string="Absence rate (%)", readonly=True)
    verzuimpercentage_excl_vangnet = fields.Float(
        string="Absence rate without safety net (%)", readonly=True,
        groups="erm_verzuim.group_erm_hr",
    )

    def _read_group_select(self, aggregate_spec, query):
        fname, _sep, func = aggregate_spec.partition(":")
        if fname in RATE_FIELDS and func in ("sum", "avg"):
            sick = self._field_to_sql(self._table, RATE_FIELDS[fname], query)
            employed = self._field_to_sql(self._table, "employed_days", query)
            return SQL("100.0 * SUM(%s) / NULLIF(SUM(%s), 0)", sick, employed)
        return super()._read_group_select(aggregate_spec, query)

    def init(self):
        # No window function and no CTE in the path of the rows: a filter on the month or
        # the department reaches the base tables, and each row's sick days are a few index
        # lookups (the cases of its employee and their course lines; the spells' window
        # runs over those only) instead of a scan.
        cr = self.env.cr
        cr.execute("DROP VIEW IF EXISTS erm_absence_report")
        cr.execute("""CREATE OR REPLACE VIEW erm_report_calendar_hours AS (
            SELECT rc.id,
                   COALESCE(SUM(a.hour_to - a.hour_from) FILTER (
                       WHERE a.day_period IS DISTINCT FROM 'lunch'
                         AND a.display_type IS NULL AND a.resource_id IS NULL), 0)
                   / CASE WHEN rc.two_weeks_calendar THEN 2 ELSE 1 END AS hours
              FROM resource_calendar rc
         LEFT JOIN resource_calendar_attendance a ON a.calendar_id = rc.id
          GROUP BY rc.id)""")
        cr.execute("""CREATE OR REPLACE VIEW erm_report_full_time AS (
            SELECT co.id AS company_id,
                   COALESCE(NULLIF(rc.full_time_required_hours, 0), NULLIF(cal.hours, 0), 40.0)
                       AS hours
              FROM res_company co
         LEFT JOIN resource_calendar rc ON rc.id = co.resource_calendar_id
         LEFT JOIN erm_report_calendar_hours cal ON cal.id = rc.id)""")
        cr.execute(SQL(
            """CREATE OR REPLACE VIEW %(view)s AS (
SELECT (CASE WHEN em.fallback THEN em.employee_id * 2 + 1 ELSE em.id * 2 END * 64 + m.idx)
           ::integer AS id,
       m.lo AS month, em.employee_id, em.company_id, em.department_id,
       %(employed)s * em.dtf AS employed_days,
       COALESCE(sick.days, 0) AS sick_days,
       COALESCE(sick.days_excl, 0) AS sick_days_excl_vangnet,
       COALESCE(sick.reports, 0)::integer AS reports,
       100.0 * COALESCE(sick.days, 0) / NULLIF(%(employed)s * em.dtf, 0) AS verzuimpercentage,
       100.0 * COALESCE(sick.days_excl, 0) / NULLIF(%(employed)s * em.dtf, 0)
           AS verzuimpercentage_excl_vangnet
  FROM (SELECT (date_trunc('month', now()) - make_interval(months => i))::date AS lo,
               (date_trunc('month', now()) - make_interval(months => i - 1))::date AS hi,
               i AS idx
          FROM generate_series(0, 60) i) m
  JOIN (%(employments)s) em ON em.lo < m.hi AND em.hi > m.lo
  CROSS JOIN LATERAL (SELECT GREATEST(em.lo, m.lo) AS lo, LEAST(em.hi, m.hi) AS hi) emm
  LEFT JOIN LATERAL (
        SELECT SUM(%(sick)s * em.dtf * sp.fraction) AS days,
               SUM(%(sick)s * em.dtf * sp.fraction) FILTER (WHERE NOT sp.vangnet) AS days_excl,
               COUNT(DISTINCT sp.case_id) FILTER (WHERE sp.first_line
                   AND sp.case_start >= emm.lo AND sp.case_start < emm.hi) AS reports
          FROM (%(spells)s) sp
         WHERE sp.lo < sp.hi AND sp.lo < emm.hi AND sp.hi > emm.lo
  ) sick ON TRUE
)""",
            view=SQL.identifier(self._table),
            employments=self._employments_sql(),
            employed=self._days_sql(SQL("em.lo"), SQL("em.hi"), SQL("m.lo"), SQL("m.hi")),
            sick=self._days_sql(SQL("sp.lo"), SQL("sp.hi"), SQL("emm.lo"), SQL("emm.hi")),
            spells=self._spells_sql(SQL(
                """AND c.employee_id = em.employee_id
                   AND c.date_start < m.hi
                   AND (c.date_recovered IS NULL OR c.date_recovered > m.lo)""")),
        ))

    # ------------------------------------------------------------------ Vernet building blocks
    # The one SQL of each building block of the Vernet figures, used by this view and by
    # erm.kpi._erm_grouped_totals (the dashboard, the XLSX, the review figures).

    @api.model
    def _contracts_sql(self, contract_filter=None):
        """FROM and WHERE of the contracts that count as employment (running or expired):
        ``c`` the contract, ``e`` its employee, ``cal`` the hours of its working schedule,
        ``ft`` the company's full-time hours. ``contract_filter``: ``AND ...``."""
        return SQL(
            """hr_contract c
                 JOIN hr_employee e ON e.id = c.employee_id
                 JOIN erm_report_full_time ft ON ft.company_id = e.company_id
            LEFT JOIN erm_report_calendar_hours cal ON cal.id = c.resource_calendar_id
                WHERE c.active AND c.state IN ('open', 'close') %s""",
            contract_filter or SQL(),
        )

    @api.model
    def _without_contract_sql(self, employee_filter=None):
        """FROM and WHERE of the active employees without a running or expired contract:
        ``e`` the employee, ``co`` his company, ``ft`` its full-time hours, ``cal`` the
        hours of his own working schedule. ``employee_filter``: ``AND ...``."""
        return SQL(
            """hr_employee e
                 JOIN res_company co ON co.id = e.company_id
                 JOIN erm_report_full_time ft ON ft.company_id = e.company_id
                 JOIN resource_resource r ON r.id = e.resource_id
            LEFT JOIN erm_report_calendar_hours cal
                      ON cal.id = COALESCE(r.calendar_id, e.resource_calendar_id)
                WHERE e.active
                  AND NOT EXISTS (SELECT 1 FROM hr_contract c
                                   WHERE c.employee_id = e.id AND c.active
                                     AND c.state IN ('open', 'close')) %s""",
            employee_filter or SQL(),
        )

    @api.model
    def _employments_sql(self, contract_filter=None, employee_filter=None):
        """The employments as rows ``(id, employee_id, company_id, department_id,
        fallback, lo, hi, dtf, wage)``: every contract of ``_contracts_sql`` (``lo`` its
        first day, ``hi`` the first day after it, infinity while open) and, as the
        company's setting says, each employee of ``_without_contract_sql`` (``fallback``,
        id 0, open on both sides). ``dtf``: the part-time factor, the hours of the working
        schedule against the company's full-time hours (``erm_report_full_time``)."""
        return SQL(
            """SELECT c.id, c.employee_id, e.company_id, e.department_id, FALSE AS fallback,
                      c.date_start AS lo, COALESCE(c.date_end + 1, 'infinity'::date) AS hi,
                      COALESCE(NULLIF(cal.hours, 0), ft.hours) / ft.hours AS dtf,
                      COALESCE(c.wage, 0) AS wage
                 FROM %(contracts)s
            UNION ALL
               SELECT 0, e.id, e.company_id, e.department_id, TRUE,
                      '-infinity'::date, 'infinity'::date,
                      CASE WHEN co.erm_no_contract_policy = 'full_time' THEN 1.0
                           ELSE COALESCE(NULLIF(cal.hours, 0), ft.hours) / ft.hours END,
                      0.0
                 FROM %(without_contract)s
                  AND co.erm_no_contract_policy IS DISTINCT FROM 'exclude'""",
            contracts=self._contracts_sql(contract_filter),
            without_contract=self._without_contract_sql(employee_filter),
        )

    @api.model
    def _spells_sql(self, case_filter=None):
        """The sick spells as rows ``(case_id, employee_id, case_start, first_line, lo, hi,
        fraction, vangnet, year_2)``: each course line of an active case from its first
        day ``lo`` to the next line's, else to the recovery, else open (``hi`` infinity;
        ``hi = lo`` when the case recovered before the line); ``fraction`` the
        incapacity, ``vangnet`` whether the safety net applies, ``year_2`` the first day of
        the second year of sickness (for the pay). ``first_line``: the case's first line
        (a report). ``case_filter``: ``AND ...`` over ``c`` (the case) and ``e`` (its
        employee)."""
        return SQL(
            """SELECT c.id AS case_id, c.employee_id, c.date_start AS case_start,
                      LAG(p.date_from) OVER w IS NULL AS first_line,
                      p.date_from AS lo,
                      COALESCE(LEAD(p.date_from) OVER w,
                               CASE WHEN c.date_recovered IS NOT NULL
                                    THEN GREATEST(c.date_recovered, p.date_from) END,
                               'infinity'::date) AS hi,
                      p.incapacity_pct::float8 / 100.0 AS fraction,
                      COALESCE(pr.vangnet, FALSE) AS vangnet,
                      COALESCE(c.chain_date_start, c.date_start) + %(year)s AS year_2
                 FROM erm_absence_case c
                 JOIN hr_employee e ON e.id = c.employee_id
                 JOIN erm_absence_period p ON p.case_id = c.id
            LEFT JOIN erm_absence_case_vangnet pr ON pr.case_id = c.id
                WHERE c.active %(cases)s
               WINDOW w AS (PARTITION BY c.id ORDER BY p.date_from)""",
            year=vernet.YEAR_DAYS, cases=case_filter or SQL(),
        )

    @api.model
    def _days_sql(self, lo_1, hi_1, lo_2, hi_2):
        """The days two spans ``[lo, hi)`` share, for spans known to overlap (plain date
        arithmetic: range operators cost several times more per row)."""
        return SQL("(LEAST(%s, %s) - GREATEST(%s, %s))", hi_1, hi_2, lo_1, lo_2)
