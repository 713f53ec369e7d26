# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Monthly absence rows per employee and contract: what the pivot and graph views analyse.

A SQL view over the last five years: one row per employment (contract) and month with its
employed days and sick days, both weighted by the part-time factor (DTF), the sick days also
by the incapacity, and the new reports. Summed over any grouping they give the Vernet
absence rate as 100 × Σ sick / Σ employed, which ``_read_group_select`` computes for the
percentage fields (an average of percentages would be wrong). Employees without a contract
count as the company's setting says, as in ``erm.kpi``.
"""

from odoo import fields, models
from odoo.tools import SQL

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
        # lookups (cases by employee, course lines by case and date) instead of a scan.
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
SELECT (em.key * 64 + m.idx)::integer AS id,
       m.month_start AS month, em.employee_id, em.company_id, em.department_id,
       (upper(em.span * m.span) - lower(em.span * m.span)) * em.dtf AS employed_days,
       COALESCE(sick.days, 0) AS sick_days,
       COALESCE(sick.days_excl, 0) AS sick_days_excl_vangnet,
       COALESCE(sick.reports, 0)::integer AS reports,
       100.0 * COALESCE(sick.days, 0)
           / NULLIF((upper(em.span * m.span) - lower(em.span * m.span)) * em.dtf, 0)
           AS verzuimpercentage,
       100.0 * COALESCE(sick.days_excl, 0)
           / NULLIF((upper(em.span * m.span) - lower(em.span * m.span)) * em.dtf, 0)
           AS verzuimpercentage_excl_vangnet
  FROM (SELECT (date_trunc('month', now()) - make_interval(months => i))::date AS month_start,
               daterange((date_trunc('month', now()) - make_interval(months => i))::date,
                         (date_trunc('month', now()) - make_interval(months => i - 1))::date)
                   AS span,
               i AS idx
          FROM generate_series(0, 60) i) m
  JOIN (
        -- employments: every running or expired contract (key even) ...
        SELECT c.id * 2 AS key, c.employee_id, e.company_id, e.department_id,
               daterange(c.date_start, c.date_end + 1) AS span,
               COALESCE(NULLIF(cal.hours, 0), ft.hours) / ft.hours AS dtf
          FROM hr_contract c
          JOIN hr_employee e ON e.id = c.employee_id
          JOIN erm_report_full_time ft ON ft.company_id = e.company_id
     LEFT JOIN erm_report_calendar_hours cal ON cal.id = c.resource_calendar_id
         WHERE c.active AND c.state IN ('open', 'close')
     UNION ALL
        -- ... and active employees without any contract, as the company's setting says
        SELECT e.id * 2 + 1, e.id, e.company_id, e.department_id, daterange(NULL, NULL),
               CASE WHEN co.erm_no_contract_policy = 'full_time' THEN 1.0
                    ELSE COALESCE(NULLIF(cal.hours, 0), ft.hours) / ft.hours END
          FROM hr_employee e
          JOIN res_company co ON co.id = e.company_id
          JOIN erm_report_full_time ft ON ft.company_id = e.company_id
          JOIN resource_resource r ON r.id = e.resource_id
     LEFT JOIN erm_report_calendar_hours cal
                ON cal.id = COALESCE(r.calendar_id, e.resource_calendar_id)
         WHERE e.active AND co.erm_no_contract_policy IS DISTINCT FROM 'exclude'
           AND NOT EXISTS (SELECT 1 FROM hr_contract c
                            WHERE c.employee_id = e.id AND c.active
                              AND c.state IN ('open', 'close'))
  ) em ON em.span && m.span
  LEFT JOIN LATERAL (
        SELECT SUM((upper(sp.span * em.span * m.span) - lower(sp.span * em.span * m.span))
                   * em.dtf * sp.fraction) AS days,
               SUM((upper(sp.span * em.span * m.span) - lower(sp.span * em.span * m.span))
                   * em.dtf * sp.fraction) FILTER (WHERE NOT sp.vangnet) AS days_excl,
               COUNT(DISTINCT sp.case_id) FILTER (WHERE sp.first_line
                   AND sp.case_start <@ (em.span * m.span)) AS reports
          FROM (SELECT p.case_id, c.date_start AS case_start,
                       p.date_from = (SELECT MIN(p0.date_from) FROM erm_absence_period p0
                                       WHERE p0.case_id = c.id) AS first_line,
                       daterange(p.date_from, COALESCE(
                           (SELECT MIN(p2.date_from) FROM erm_absence_period p2
                             WHERE p2.case_id = c.id AND p2.date_from > p.date_from),
                           CASE WHEN c.date_recovered IS NOT NULL
                                THEN GREATEST(c.date_recovered, p.date_from) END)) AS span,
                       p.incapacity_pct / 100.0 AS fraction,
                       COALESCE(pr.vangnet, FALSE) AS vangnet
                  FROM erm_absence_case c
                  JOIN erm_absence_period p ON p.case_id = c.id
             LEFT JOIN erm_absence_case_vangnet pr ON pr.case_id = c.id
                 WHERE c.employee_id = em.employee_id AND c.active
                   AND c.date_start < upper(m.span)
                   AND (c.date_recovered IS NULL OR c.date_recovered > lower(m.span))
               ) sp
         WHERE sp.span && (em.span * m.span)
  ) sick ON TRUE
)""",
            view=SQL.identifier(self._table),
        ))
