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
    sick_days_excl_vangnet = fields.Float(string="Sick days without safety net", readonly=True)
    reports = fields.Integer(string="Sick reports", readonly=True)
    verzuimpercentage = fields.Float(string="Absence rate (%)", readonly=True)
    verzuimpercentage_excl_vangnet = fields.Float(
        string="Absence rate without safety net (%)", readonly=True
    )

    def _read_group_select(self, aggregate_spec, query):
        fname, _sep, func = aggregate_spec.partition(":")
        if fname in RATE_FIELDS and func in ("sum", "avg"):
            sick = self._field_to_sql(self._table, RATE_FIELDS[fname], query)
            employed = self._field_to_sql(self._table, "employed_days", query)
            return SQL("100.0 * SUM(%s) / NULLIF(SUM(%s), 0)", sick, employed)
        return super()._read_group_select(aggregate_spec, query)

    def init(self):
        self.env.cr.execute(SQL(
            """CREATE OR REPLACE VIEW %(view)s AS (
WITH cal AS (
    SELECT rc.id,
           COALESCE(SUM(a.hour_to - a.hour_from) FILTER (
               WHERE a.day_period IS DISTINCT FROM 'lunch'
                 AND a.display_type IS NULL AND a.resource_id IS NULL), 0)
           / CASE WHEN rc.two_weeks_calendar THEN 2 ELSE 1 END AS hours
      FROM resource_calendar rc
 LEFT JOIN resource_calendar_attendance a ON a.calendar_id = rc.id
  GROUP BY rc.id
), full_time AS (
    SELECT co.id AS company_id,
           COALESCE(NULLIF(rc.full_time_required_hours, 0), NULLIF(cal.hours, 0), 40.0)
               AS hours
      FROM res_company co
 LEFT JOIN resource_calendar rc ON rc.id = co.resource_calendar_id
 LEFT JOIN cal ON cal.id = rc.id
), employment AS (
    SELECT c.employee_id, e.company_id, e.department_id,
           daterange(c.date_start, c.date_end + 1) AS span,
           COALESCE(NULLIF(cal.hours, 0), ft.hours) / ft.hours AS dtf
      FROM hr_contract c
      JOIN hr_employee e ON e.id = c.employee_id
      JOIN full_time ft ON ft.company_id = e.company_id
 LEFT JOIN cal ON cal.id = c.resource_calendar_id
     WHERE c.active AND c.state IN ('open', 'close')
 UNION ALL
    SELECT e.id, e.company_id, e.department_id, daterange(NULL, NULL),
           CASE WHEN co.erm_no_contract_policy = 'full_time' THEN 1.0
                ELSE COALESCE(NULLIF(cal.hours, 0), ft.hours) / ft.hours END
      FROM hr_employee e
      JOIN res_company co ON co.id = e.company_id
      JOIN full_time ft ON ft.company_id = e.company_id
      JOIN resource_resource r ON r.id = e.resource_id
 LEFT JOIN cal ON cal.id = COALESCE(r.calendar_id, e.resource_calendar_id)
     WHERE e.active AND co.erm_no_contract_policy IS DISTINCT FROM 'exclude'
       AND NOT EXISTS (SELECT 1 FROM hr_contract c
                        WHERE c.employee_id = e.id AND c.active
                          AND c.state IN ('open', 'close'))
), spell AS (
    SELECT s.employee_id,
           daterange(s.date_from,
                     CASE WHEN s.date_to IS NULL THEN NULL
                          ELSE GREATEST(s.date_from, s.date_to) END) AS span,
           s.fraction, s.vangnet
      FROM (SELECT c.employee_id,
                   COALESCE(p.date_from, c.date_start) AS date_from,
                   COALESCE(LEAD(p.date_from) OVER (PARTITION BY c.id ORDER BY p.date_from),
                            c.date_recovered) AS date_to,
                   COALESCE(p.incapacity_pct, 100.0) / 100.0 AS fraction,
                   COALESCE(pr.vangnet, FALSE) AS vangnet
              FROM erm_absence_case c
         LEFT JOIN erm_absence_period p ON p.case_id = c.id
         LEFT JOIN erm_absence_case_private pr ON pr.case_id = c.id
             WHERE c.active) s
), months AS (
    SELECT m::date AS month_start, (m + interval '1 month')::date AS month_end
      FROM generate_series(date_trunc('month', now()) - interval '60 months',
                           date_trunc('month', now()), interval '1 month') m
), month_employment AS (
    SELECT m.month_start, em.employee_id, em.company_id, em.department_id, em.dtf,
           em.span * daterange(m.month_start, m.month_end) AS span
      FROM months m
      JOIN employment em ON em.span && daterange(m.month_start, m.month_end)
)
SELECT row_number() OVER (ORDER BY r.employee_id, r.month_start, lower(r.span))::integer AS id,
       r.month_start AS month, r.employee_id, r.company_id, r.department_id,
       (upper(r.span) - lower(r.span)) * r.dtf AS employed_days,
       COALESCE(sick.days, 0) AS sick_days,
       COALESCE(sick.days_excl, 0) AS sick_days_excl_vangnet,
       (SELECT COUNT(*) FROM erm_absence_case c
         WHERE c.employee_id = r.employee_id AND c.active
           AND c.date_start <@ r.span)::integer AS reports,
       100.0 * COALESCE(sick.days, 0)
           / NULLIF((upper(r.span) - lower(r.span)) * r.dtf, 0) AS verzuimpercentage,
       100.0 * COALESCE(sick.days_excl, 0)
           / NULLIF((upper(r.span) - lower(r.span)) * r.dtf, 0)
           AS verzuimpercentage_excl_vangnet
  FROM month_employment r
  LEFT JOIN LATERAL (
      SELECT SUM((upper(sp.span * r.span) - lower(sp.span * r.span)) * r.dtf * sp.fraction)
                 AS days,
             SUM((upper(sp.span * r.span) - lower(sp.span * r.span)) * r.dtf * sp.fraction)
                 FILTER (WHERE NOT sp.vangnet) AS days_excl
        FROM spell sp
       WHERE sp.employee_id = r.employee_id AND sp.span && r.span
  ) sick ON TRUE
)""",
            view=SQL.identifier(self._table),
        ))
