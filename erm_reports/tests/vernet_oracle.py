# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The tests' independent oracle of the Vernet totals: the group's employments and sick
spells loaded row by row and summed by the pure engine (``vernet.totals_by_employee``), to
hold the set-based SQL of ``erm.kpi._erm_grouped_totals`` (what production uses) equal to
it. Not used by the addon itself."""

from datetime import timedelta

from odoo.tools import SQL

from ..engine import vernet


def load(kpi, company, department_ids, start, end):
    """Employments and sick spells of the group, in two queries."""
    kpi.env.flush_all()
    department_filter = SQL()
    if department_ids is not None:
        department_filter = SQL(
            "AND e.department_id = ANY(%s)", list(department_ids) or [0]
        )
    full_time = kpi._erm_full_time_hours(company)
    charges = 1.0 + (company.erm_wage_cost_factor or 0.0) / 100.0
    # read before the query: an ORM read between execute() and fetchall() would run its own
    # query on the same cursor and leave nothing to fetch
    policy = company.erm_no_contract_policy
    cr = kpi.env.cr
    cr.execute(SQL(
        """SELECT c.employee_id, c.date_start, c.date_end, cal.hours, c.wage, FALSE
             FROM %(contracts)s
           UNION ALL
           SELECT e.id, NULL, NULL, cal.hours, 0, TRUE
             FROM %(without_contract)s""",
        contracts=kpi._erm_contracts_sql(company, department_filter, start, end),
        without_contract=kpi._erm_without_contract_sql(company, department_filter),
    ))
    employments = []
    without_contract = 0
    for employee, date_start, date_end, hours, wage, fallback in cr.fetchall():
        if fallback:
            if policy == "exclude":
                continue
            without_contract += 1
            dtf = 1.0 if policy == "full_time" else (hours or full_time) / full_time
            employments.append(vernet.Employment(employee, start, end, dtf))
            continue
        stop = date_end + timedelta(days=1) if date_end else None
        dtf = (hours or full_time) / full_time
        daily_wage = float(wage or 0.0) * 12 / 365 * charges
        employments.append(vernet.Employment(employee, date_start, stop, dtf, daily_wage))
    cr.execute(SQL(
        """SELECT c.employee_id, c.id, COALESCE(p.date_from, c.date_start),
                  COALESCE(LEAD(p.date_from) OVER (PARTITION BY c.id ORDER BY p.date_from),
                           c.date_recovered),
                  COALESCE(p.incapacity_pct, 100.0) / 100.0,
                  COALESCE(pr.vangnet, FALSE),
                  COALESCE(c.chain_date_start, c.date_start),
                  c.date_start, c.date_recovered
             FROM erm_absence_case c
             JOIN hr_employee e ON e.id = c.employee_id
        LEFT JOIN erm_absence_period p ON p.case_id = c.id
        LEFT JOIN erm_absence_case_private pr ON pr.case_id = c.id
            WHERE c.company_id = %(company)s %(departments)s AND c.active
              AND c.date_start < %(end)s
              AND (c.date_recovered IS NULL OR c.date_recovered > %(start)s)""",
        company=company.id, departments=department_filter, start=start, end=end,
    ))
    spells = []
    cases = {}
    for row in cr.fetchall():
        employee, case, spell_start, spell_end, fraction, vangnet, chain_start = row[:7]
        spells.append(vernet.SickSpell(
            employee, case, spell_start, spell_end, float(fraction), vangnet, chain_start
        ))
        cases[case] = vernet.Case(employee, row[7], row[8], vangnet)
    return {
        "employments": employments,
        "spells": spells,
        "cases": list(cases.values()),
        "without_contract": without_contract,
    }

def totals(company, data, start, end):
    """employee -> vernet.Totals of the loaded rows."""
    return vernet.totals_by_employee(
        data["spells"], data["employments"], data["cases"], start, end,
        company._erm_duration_classes(),
        pay_pct=(company.erm_pay_pct_year1, company.erm_pay_pct_year2),
        top_up_pct=company.erm_pay_top_up_pct,
        replacement_per_day=company.erm_replacement_cost_per_day,
    )
