# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The absence figures of a period for a company or department: ``erm.kpi.figures()``.

Two set-based queries fetch the employments (contracts) and the sick spells (course lines)
of the group; the arithmetic is the pure engine ``..engine.vernet``. Access is decided here,
before anything is read: HR sees the companies it serves, a manager his own departments with
their sub-departments, the board aggregates of groups of at least the company's minimum
size (with the differencing rule of ``vernet.suppress``). The queries then read as the
report, never wider than that decision.
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.erm_verzuim.engine import milestones

from ..engine import vernet

HR_GROUP = "erm_verzuim.group_erm_hr"
BOARD_GROUP = "erm_verzuim.group_erm_board"
FALLBACK_FULL_TIME = 40.0

ORDER = {rule.code: index for index, rule in enumerate(milestones.MILESTONES)}
FIGURE_KEYS = (
    "verzuimpercentage", "verzuimpercentage_excl_vangnet", "meldingsfrequentie",
    "gemiddelde_verzuimduur", "nulverzuim", "schadelast",
)


class ErmKpi(models.AbstractModel):
    _name = "erm.kpi"
    _description = "Absence figures (Vernet)"

    # ------------------------------------------------------------------ public API
    @api.model
    def figures(self, date_from, date_to, company_id=None, department_id=None,
                include_children=True):
        """The figures of ``[date_from, date_to]`` (both included) as a plain dict.

        Keys: the six figures of FIGURE_KEYS, ``duration_classes`` (``from``, ``to``,
        ``cases``, ``days``), ``headcount`` (employed at least one day),
        ``average_headcount``, ``reports``, ``employees_without_contract``, ``currency``,
        ``suppressed`` (True when the board may not see this group: then every figure is
        None) and ``minimum_group_size``. Numbers are unrounded."""
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        if not date_from or not date_to or date_to < date_from:
            raise UserError(self.env._("Choose a period whose end is not before its start."))
        department = self.env["hr.department"].browse(department_id) if department_id else None
        if company_id:
            company = self.env["res.company"].browse(company_id)
        else:
            company = department.sudo().company_id if department else self.env.company
        if department and department.sudo().company_id != company:
            raise UserError(self.env._("The department does not belong to the company."))
        mode = self._erm_access_mode(company, department)
        end = date_to + timedelta(days=1)
        department_ids = self._erm_department_ids(department, include_children)
        per_employee, without_contract = self._erm_sql_totals(
            company, department_ids, date_from, end
        )
        total = vernet.Totals()
        for part in per_employee.values():
            total.add(part)
        result = self._erm_result(company, total, without_contract, date_from, end,
                                  department_ids)
        result["minimum_group_size"] = company.erm_min_group_size
        result["suppressed"] = False
        if mode == "board" and self._erm_board_suppressed(
            company, department, include_children, date_from, end
        ):
            result.update(dict.fromkeys(FIGURE_KEYS))
            result.update(
                suppressed=True, duration_classes=[], headcount=None, average_headcount=None,
                reports=None, employees_without_contract=None,
            )
        return result

    @api.model
    def period_bounds(self, period, today=None):
        """(date_from, date_to) of a named period around ``today``: month, last_month,
        quarter, last_quarter, year, last_year or last_12_months."""
        today = today or fields.Date.context_today(self)
        month = today.replace(day=1)
        quarter = month.replace(month=(month.month - 1) // 3 * 3 + 1)
        year = month.replace(month=1)
        starts = {
            "month": (month, relativedelta(months=1)),
            "last_month": (month - relativedelta(months=1), relativedelta(months=1)),
            "quarter": (quarter, relativedelta(months=3)),
            "last_quarter": (quarter - relativedelta(months=3), relativedelta(months=3)),
            "year": (year, relativedelta(years=1)),
            "last_year": (year - relativedelta(years=1), relativedelta(years=1)),
            "last_12_months": (month - relativedelta(months=11), relativedelta(months=12)),
        }
        if period not in starts:
            raise UserError(self.env._("Unknown period %(period)s.", period=period))
        start, length = starts[period]
        return start, start + length - timedelta(days=1)

    @api.model
    def dashboard_data(self, period="last_month", company_id=None, department_id=None):
        """Everything the dashboard shows, in one call: the figures of the period, of the
        same period a year earlier, the company's target and the 13-month trend."""
        date_from, date_to = self.period_bounds(period)
        company = self.env["res.company"].browse(company_id) if company_id else self.env.company
        department_id = department_id or None
        if not department_id and not self._erm_company_allowed(company):
            managed = self._erm_managed_departments().filtered(
                lambda d: d.company_id == company
            )
            department_id = managed[:1].id or None
        current = self.figures(date_from, date_to, company.id, department_id)
        year_ago = self.figures(
            date_from - relativedelta(years=1), date_to - relativedelta(years=1),
            company.id, department_id,
        )
        trend = []
        last_month = date_to.replace(day=1)
        for offset in range(12, -1, -1):
            start = last_month - relativedelta(months=offset)
            stop = start + relativedelta(months=1) - timedelta(days=1)
            month_figures = self.figures(start, stop, company.id, department_id)
            trend.append({
                "month": fields.Date.to_string(start),
                "rate": month_figures["verzuimpercentage"],
            })
        return {
            "period": {"from": fields.Date.to_string(date_from),
                       "to": fields.Date.to_string(date_to), "name": period},
            "company_id": company.id,
            "department_id": department_id or False,
            "companies": [
                {"id": c.id, "name": c.name} for c in self.env.user.company_ids
            ],
            "departments": [
                {"id": d.id, "name": d.complete_name}
                for d in self._erm_visible_departments(company)
            ],
            "can_drill": self._erm_can_drill(company, department_id),
            "target": company.erm_target_rate,
            "currency": company.currency_id.name,
            "current": self._erm_jsonable(current),
            "year_ago": self._erm_jsonable(year_ago),
            "trend": trend,
            "compliance": self.wvp_compliance(date_from, date_to, company.id, department_id),
            "spreekuur": self._erm_spreekuur(date_from, date_to, company),
            "readiness": self._erm_readiness(company),
        }

    @api.model
    def _erm_spreekuur(self, date_from, date_to, company):
        """Utilisation and no-show rate of the company's consultation hours, through the
        figures API of erm_spreekuur when it is installed (counts only; HR and the board)."""
        if "erm.spreekuur.booking" not in self.env:
            return False
        Booking = self.env["erm.spreekuur.booking"]
        if not hasattr(Booking, "spreekuur_figures"):
            return False
        try:
            rows = Booking.spreekuur_figures(date_from, date_to, company.ids, groupby="company")
        except AccessError:
            return False
        offered = sum(row["slots_offered"] for row in rows)
        booked = sum(row["booked"] for row in rows)
        attended = sum(row["attended"] for row in rows)
        no_show = sum(row["no_show"] for row in rows)
        return {
            "slots_offered": offered,
            "booked": booked,
            "utilisation_pct": 100.0 * booked / offered if offered else None,
            "no_show_pct": 100.0 * no_show / (attended + no_show) if attended + no_show
            else None,
        }

    @api.model
    def _erm_jsonable(self, result):
        return {
            key: fields.Date.to_string(value) if isinstance(value, date) else value
            for key, value in result.items()
        }

    @api.model
    def _erm_company_allowed(self, company):
        user = self.env.user
        return company in user.company_ids and (
            user.has_group(HR_GROUP) or user.has_group(BOARD_GROUP)
        )

    @api.model
    def _erm_visible_departments(self, company):
        if self._erm_company_allowed(company):
            return self.env["hr.department"].sudo().search([("company_id", "=", company.id)])
        return self._erm_managed_departments().filtered(lambda d: d.company_id == company)

    @api.model
    def _erm_can_drill(self, company, department_id):
        """Whether the user may open the rows behind a figure (never the board)."""
        if self.env.user.has_group(HR_GROUP):
            return True
        return bool(department_id) and department_id in self._erm_managed_departments().ids

    @api.model
    def wvp_compliance(self, date_from, date_to, company_id=None, department_id=None,
                       include_children=True):
        """Per milestone code and responsible role, the milestones due in the period: done
        on time, done late, still open, overdue (open past the deadline) and the share done
        on time, the figure that shows whether the chosen ERM model works. Same access as
        ``figures()``; the board gets nothing for a group it may not see."""
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        department = self.env["hr.department"].browse(department_id) if department_id else None
        if company_id:
            company = self.env["res.company"].browse(company_id)
        else:
            company = department.sudo().company_id if department else self.env.company
        mode = self._erm_access_mode(company, department)
        end = date_to + timedelta(days=1)
        if mode == "board" and self._erm_board_suppressed(
            company, department, include_children, date_from, end
        ):
            return []
        department_ids = self._erm_department_ids(department, include_children)
        department_filter = SQL()
        if department_ids is not None:
            department_filter = SQL("AND e.department_id = ANY(%s)", department_ids or [0])
        self.env.flush_all()
        today = fields.Date.context_today(self)
        self.env.cr.execute(SQL(
            """SELECT m.code, m.responsible_role,
                      COUNT(*),
                      COUNT(*) FILTER (WHERE m.state = 'done'
                                         AND m.date_done <= m.date_deadline),
                      COUNT(*) FILTER (WHERE m.state = 'done'
                                         AND m.date_done > m.date_deadline),
                      COUNT(*) FILTER (WHERE m.state != 'done' AND m.date_deadline >= %(today)s),
                      COUNT(*) FILTER (WHERE m.state != 'done' AND m.date_deadline < %(today)s)
                 FROM erm_wvp_milestone m
                 JOIN hr_employee e ON e.id = m.employee_id
                WHERE m.company_id = %(company)s %(departments)s
                  AND m.state != 'cancelled'
                  AND m.date_deadline >= %(start)s AND m.date_deadline < %(end)s
             GROUP BY m.code, m.responsible_role
             ORDER BY m.code, m.responsible_role""",
            company=company.id, departments=department_filter, start=date_from, end=end,
            today=today,
        ))
        labels = dict(self.env["erm.wvp.milestone"]._fields["code"]._description_selection(
            self.env
        ))
        roles = dict(
            self.env["erm.wvp.milestone"]._fields["responsible_role"]._description_selection(
                self.env
            )
        )
        rows = []
        fetched = sorted(
            self.env.cr.fetchall(), key=lambda row: (ORDER.get(row[0], 99), row[1] or "")
        )
        for code, role, total, on_time, late, still_open, overdue in fetched:
            rows.append({
                "code": code, "label": labels.get(code, code),
                "role": role or False, "role_label": roles.get(role, ""),
                "total": total, "on_time": on_time, "late": late, "open": still_open,
                "overdue": overdue,
                "on_time_pct": 100.0 * on_time / (on_time + late) if on_time + late else None,
            })
        return rows

    # ------------------------------------------------------------------ access
    @api.model
    def _erm_managed_departments(self):
        """The departments the user manages, with their sub-departments."""
        departments = self.env["hr.department"].sudo()
        managed = departments.search([("manager_id.user_id", "=", self.env.uid)])
        if not managed:
            return managed
        return departments.search([("id", "child_of", managed.ids)])

    @api.model
    def _erm_access_mode(self, company, department):
        """'full' (HR, or a manager for his own departments) or 'board' (aggregates of
        large enough groups); anyone else gets an AccessError."""
        user = self.env.user
        if company not in user.company_ids:
            raise AccessError(self.env._("You do not work for this company."))
        if user.has_group(HR_GROUP):
            return "full"
        if department and department in self._erm_managed_departments():
            return "full"
        if user.has_group(BOARD_GROUP):
            return "board"
        raise AccessError(self.env._(
            "You may see the absence figures of your own departments only."
        ))

    @api.model
    def _erm_department_ids(self, department, include_children):
        if not department:
            return None
        if not include_children:
            return department.ids
        return self.env["hr.department"].sudo().with_context(active_test=False).search(
            [("id", "child_of", department.id)]
        ).ids

    @api.model
    def _erm_board_suppressed(self, company, department, include_children, start, end):
        """Whether the group is too small, or would reveal a too small group by difference
        with another figure the board may ask for."""
        departments = self.env["hr.department"].sudo().with_context(active_test=False).search(
            [("company_id", "=", company.id)]
        )
        own = self._erm_headcount_by_department(company, start, end)
        tree = {"company": None}
        tree.update({d.id: d.parent_id.id or "company" for d in departments})
        counts = dict.fromkeys(tree, 0)
        counts["company"] = sum(own.values())
        for department_id, count in own.items():
            node = department_id or "company"
            while node in tree and node != "company":
                counts[node] += count
                node = tree[node]
        minimum = company.erm_min_group_size
        hidden = vernet.suppress(tree, counts, minimum)
        node = department.id if department else "company"
        if node in hidden:
            return True
        if department and not include_children:
            below = counts[node] - own.get(node, 0)
            return own.get(node, 0) < minimum or 0 < below < minimum
        return False

    @api.model
    def _erm_headcount_by_department(self, company, start, end):
        """Employees employed at least one day in the period, by current department."""
        self.env.cr.execute(SQL(
            """SELECT e.department_id, COUNT(DISTINCT e.id)
                 FROM hr_employee e
                WHERE e.company_id = %(company)s
                  AND (EXISTS (SELECT 1 FROM hr_contract c
                                WHERE c.employee_id = e.id AND c.active
                                  AND c.state IN ('open', 'close')
                                  AND c.date_start < %(end)s
                                  AND (c.date_end IS NULL OR c.date_end >= %(start)s))
                       OR (e.active AND NOT EXISTS (
                               SELECT 1 FROM hr_contract c
                                WHERE c.employee_id = e.id AND c.active
                                  AND c.state IN ('open', 'close'))))
             GROUP BY e.department_id""",
            company=company.id, start=start, end=end,
        ))
        return dict(self.env.cr.fetchall())

    # ------------------------------------------------------------------ data
    @api.model
    def _erm_load(self, company, department_ids, start, end):
        """Employments and sick spells of the group, in two queries."""
        self.env.flush_all()
        department_filter = SQL()
        if department_ids is not None:
            department_filter = SQL(
                "AND e.department_id = ANY(%s)", list(department_ids) or [0]
            )
        full_time = self._erm_full_time_hours(company)
        charges = 1.0 + (company.erm_wage_cost_factor or 0.0) / 100.0
        cr = self.env.cr
        cr.execute(SQL(
            """SELECT c.employee_id, c.date_start, c.date_end, cal.hours, c.wage, FALSE
                 FROM hr_contract c
                 JOIN hr_employee e ON e.id = c.employee_id
            LEFT JOIN erm_report_calendar_hours cal ON cal.id = c.resource_calendar_id
                WHERE e.company_id = %(company)s %(departments)s
                  AND c.active AND c.state IN ('open', 'close')
                  AND c.date_start < %(end)s
                  AND (c.date_end IS NULL OR c.date_end >= %(start)s)
               UNION ALL
               SELECT e.id, NULL, NULL, cal.hours, 0, TRUE
                 FROM hr_employee e
                 JOIN resource_resource r ON r.id = e.resource_id
            LEFT JOIN erm_report_calendar_hours cal
                      ON cal.id = COALESCE(r.calendar_id, e.resource_calendar_id)
                WHERE e.company_id = %(company)s %(departments)s AND e.active
                  AND NOT EXISTS (SELECT 1 FROM hr_contract c
                                   WHERE c.employee_id = e.id AND c.active
                                     AND c.state IN ('open', 'close'))""",
            company=company.id, departments=department_filter, start=start, end=end,
        ))
        policy = company.erm_no_contract_policy
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

    @api.model
    def _erm_sql_totals(self, company, department_ids, start, end):
        """employee -> vernet.Totals, summed by the database: the same arithmetic as
        ``vernet.totals_by_employee`` over the rows of ``_erm_load`` (a test holds them
        equal), set-based, so a year of 50,000 employees is one query and a loop over
        their sums. Returns (totals, employees counted without a contract)."""
        self.env.flush_all()
        department_filter = SQL()
        if department_ids is not None:
            department_filter = SQL("AND e.department_id = ANY(%s)", list(department_ids) or [0])
        charges = 1.0 + (company.erm_wage_cost_factor or 0.0) / 100.0
        pay_1 = company.erm_pay_pct_year1 / 100.0
        pay_2 = min(company.erm_pay_pct_year2 + company.erm_pay_top_up_pct, 100.0) / 100.0
        policy = company.erm_no_contract_policy
        params = {
            "company": company.id, "departments": department_filter, "start": start,
            "end": end, "charges": charges, "pay_1": pay_1, "pay_2": pay_2,
            "replacement": company.erm_replacement_cost_per_day or 0.0,
            "full_time": self._erm_full_time_hours(company), "year": vernet.YEAR_DAYS,
            "policy": policy,
        }
        self.env.cr.execute(SQL(
            """WITH emp AS (
                   SELECT c.employee_id, FALSE AS fallback,
                          daterange(GREATEST(c.date_start, %(start)s),
                                    LEAST(COALESCE(c.date_end + 1, %(end)s), %(end)s)) AS span,
                          COALESCE(NULLIF(cal.hours, 0), %(full_time)s) / %(full_time)s AS dtf,
                          COALESCE(c.wage, 0) * 12 / 365.0 * %(charges)s AS daily_wage
                     FROM hr_contract c
                     JOIN hr_employee e ON e.id = c.employee_id
                LEFT JOIN erm_report_calendar_hours cal ON cal.id = c.resource_calendar_id
                    WHERE e.company_id = %(company)s %(departments)s
                      AND c.active AND c.state IN ('open', 'close')
                      AND c.date_start < %(end)s
                      AND (c.date_end IS NULL OR c.date_end >= %(start)s)
                UNION ALL
                   SELECT e.id, TRUE, daterange(%(start)s, %(end)s),
                          CASE WHEN %(policy)s = 'full_time' THEN 1.0
                               ELSE COALESCE(NULLIF(cal.hours, 0), %(full_time)s)
                                    / %(full_time)s END,
                          0.0
                     FROM hr_employee e
                     JOIN resource_resource r ON r.id = e.resource_id
                LEFT JOIN erm_report_calendar_hours cal
                          ON cal.id = COALESCE(r.calendar_id, e.resource_calendar_id)
                    WHERE %(policy)s != 'exclude'
                      AND e.company_id = %(company)s %(departments)s AND e.active
                      AND NOT EXISTS (SELECT 1 FROM hr_contract c
                                       WHERE c.employee_id = e.id AND c.active
                                         AND c.state IN ('open', 'close'))
               ), spell AS (
                   SELECT c.employee_id,
                          daterange(p.date_from, COALESCE(
                              LEAD(p.date_from) OVER (PARTITION BY c.id ORDER BY p.date_from),
                              c.date_recovered)) AS span,
                          p.incapacity_pct / 100.0 AS fraction,
                          COALESCE(pr.vangnet, FALSE) AS vangnet,
                          COALESCE(c.chain_date_start, c.date_start) + %(year)s AS year_2
                     FROM erm_absence_case c
                     JOIN hr_employee e ON e.id = c.employee_id
                     JOIN erm_absence_period p ON p.case_id = c.id
                LEFT JOIN erm_absence_case_private pr ON pr.case_id = c.id
                    WHERE c.company_id = %(company)s %(departments)s AND c.active
                      AND c.date_start < %(end)s
                      AND (c.date_recovered IS NULL OR c.date_recovered > %(start)s)
               ), overlap AS (
                   SELECT emp.employee_id, emp.dtf, emp.daily_wage, sp.fraction, sp.vangnet,
                          COALESCE(upper(sp.span * emp.span) - lower(sp.span * emp.span), 0)
                              AS days,
                          COALESCE(upper(sp.span * emp.span * daterange(NULL, sp.year_2))
                                   - lower(sp.span * emp.span * daterange(NULL, sp.year_2)), 0)
                              AS days_1
                     FROM emp JOIN spell sp
                       ON sp.employee_id = emp.employee_id AND sp.span && emp.span
               ), sick AS (
                   SELECT employee_id,
                          SUM(days * dtf * fraction) AS sick,
                          SUM(days * dtf * fraction) FILTER (WHERE NOT vangnet) AS sick_excl,
                          BOOL_OR(days > 0 AND fraction > 0) AS any_sick,
                          SUM(fraction * (daily_wage * (days_1 * %(pay_1)s
                                                        + (days - days_1) * %(pay_2)s)
                                          + %(replacement)s * days)) AS cost
                     FROM overlap GROUP BY employee_id
               ), employed AS (
                   SELECT employee_id, BOOL_OR(fallback) AS fallback,
                          SUM((upper(span) - lower(span)) * dtf) AS employed,
                          SUM(upper(span) - lower(span)) AS employed_plain
                     FROM emp WHERE NOT isempty(span) GROUP BY employee_id
               )
               SELECT employed.employee_id, employed.fallback, employed.employed,
                      employed.employed_plain, COALESCE(sick.sick, 0),
                      COALESCE(sick.sick_excl, 0), COALESCE(sick.any_sick, FALSE),
                      COALESCE(sick.cost, 0)
                 FROM employed LEFT JOIN sick ON sick.employee_id = employed.employee_id""",
            **params,
        ))
        totals = {}
        without_contract = 0
        for (employee, fallback, employed, plain, sick, sick_excl, any_sick,
             cost) in self.env.cr.fetchall():
            without_contract += int(bool(fallback))
            part = vernet.Totals(
                sick=float(sick), sick_excl_vangnet=float(sick_excl), employed=float(employed),
                employed_plain=float(plain), people=1 if plain else 0,
                people_sick=int(bool(any_sick)), cost=float(cost),
            )
            totals[employee] = part
        # reports, ended cases and duration classes: per case, in Python (no days involved)
        self.env.cr.execute(SQL(
            """SELECT c.employee_id, c.date_start, c.date_recovered
                 FROM erm_absence_case c JOIN hr_employee e ON e.id = c.employee_id
                WHERE c.company_id = %(company)s %(departments)s AND c.active
                  AND c.date_start < %(end)s
                  AND (c.date_recovered IS NULL OR c.date_recovered > %(start)s)""",
            **params,
        ))
        by_employee = {}
        for employee, case_start, recovered in self.env.cr.fetchall():
            by_employee.setdefault(employee, []).append(vernet.Case(employee, case_start,
                                                                    recovered))
        classes = company._erm_duration_classes()
        for employee, cases in by_employee.items():
            part = totals.setdefault(employee, vernet.Totals())
            part.reports = sum(1 for case in cases if start <= case.start < end)
            ended = [(case.end - case.start).days for case in cases
                     if case.end and start < case.end <= end]
            part.ended, part.ended_days = len(ended), sum(ended)
            part.classes = [
                [row["cases"], row["days"]]
                for row in vernet.duration_classes(cases, start, end, classes)
            ]
        return totals, without_contract

    @api.model
    def _erm_full_time_hours(self, company):
        calendar = company.sudo().resource_calendar_id
        if calendar.full_time_required_hours:
            return calendar.full_time_required_hours
        hours = sum(
            a.hour_to - a.hour_from for a in calendar.attendance_ids
            if a.day_period != "lunch" and not a.display_type and not a.resource_id
        )
        if calendar.two_weeks_calendar:
            hours /= 2
        return hours or FALLBACK_FULL_TIME

    @api.model
    def _erm_extra_costs(self, company, department_ids, start, end):
        """Costs added to the cost of absence (interventions, when their addon exists)."""
        return 0.0

    # ------------------------------------------------------------------ arithmetic
    @api.model
    def _erm_totals(self, company, data, start, end):
        """employee -> vernet.Totals of the loaded rows."""
        return vernet.totals_by_employee(
            data["spells"], data["employments"], data["cases"], start, end,
            company._erm_duration_classes(),
            pay_pct=(company.erm_pay_pct_year1, company.erm_pay_pct_year2),
            top_up_pct=company.erm_pay_top_up_pct,
            replacement_per_day=company.erm_replacement_cost_per_day,
        )

    @api.model
    def _erm_compute(self, company, data, start, end, department_ids=None):
        total = vernet.Totals()
        for part in self._erm_totals(company, data, start, end).values():
            total.add(part)
        return self._erm_result(company, total, data["without_contract"], start, end,
                                department_ids)

    @api.model
    def _erm_result(self, company, total, without_contract, start, end, department_ids):
        result = vernet.figures_from_totals(
            total, start, end, company._erm_duration_classes()
        )
        result["schadelast"] += self._erm_extra_costs(company, department_ids, start, end)
        result.update(
            date_from=start,
            date_to=end - timedelta(days=1),
            employees_without_contract=without_contract,
            currency=company.currency_id.name,
        )
        return result

    @api.model
    def employee_rows(self, date_from, date_to, company_id=None, department_id=None):
        """Per employee of the group: employed and sick days (weighted), absence rate and
        reports, for those who may open the rows behind the figures (HR, a manager for his
        departments; never the board). One load, the same arithmetic as ``figures()``."""
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        company = self.env["res.company"].browse(company_id) if company_id else self.env.company
        department = self.env["hr.department"].browse(department_id) if department_id else None
        self._erm_access_mode(company, department)
        if not self._erm_can_drill(company, department_id):
            raise AccessError(self.env._("You may not see the figures of single employees."))
        end = date_to + timedelta(days=1)
        per_employee, _without = self._erm_sql_totals(
            company, self._erm_department_ids(department, True), date_from, end
        )
        employees = self.env["hr.employee"].sudo().with_context(active_test=False).browse(
            list(per_employee)
        )
        rows = []
        for employee in employees:
            part = per_employee[employee.id]
            if not part.employed_plain and not part.reports:
                continue
            rows.append({
                "employee_id": employee.id,
                "name": employee.name,
                "department": employee.department_id.complete_name or "",
                "employed_days": part.employed,
                "sick_days": part.sick,
                "verzuimpercentage": 100.0 * part.sick / part.employed if part.employed
                else None,
                "reports": part.reports,
            })
        rows.sort(key=lambda row: (row["name"], row["employee_id"]))
        return rows

    @api.model
    def figures_by_department(self, date_from, date_to, company_id=None):
        """The figures of every department of the company the user may see, each with its
        sub-departments, in one load: a list of dicts with ``department_id``, ``name``,
        ``parent_id``, ``own_headcount`` and the keys of ``figures()``. For the board the
        groups ``vernet.suppress`` hides have ``suppressed`` set and no figures."""
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        if not date_from or not date_to or date_to < date_from:
            raise UserError(self.env._("Choose a period whose end is not before its start."))
        company = self.env["res.company"].browse(company_id) if company_id else self.env.company
        end = date_to + timedelta(days=1)
        if self._erm_company_allowed(company):
            mode = self._erm_access_mode(company, None)
            departments = self.env["hr.department"].sudo().with_context(
                active_test=False
            ).search([("company_id", "=", company.id)])
        else:
            mode = "full"
            departments = self._erm_managed_departments().filtered(
                lambda d: d.company_id == company
            )
            if not departments:
                raise AccessError(self.env._(
                    "You may see the absence figures of your own departments only."
                ))
        scope = None if self._erm_company_allowed(company) else departments.ids
        per_employee, _without = self._erm_sql_totals(company, scope, date_from, end)
        self.env.cr.execute(SQL(
            "SELECT id, department_id FROM hr_employee WHERE company_id = %s AND id = ANY(%s)",
            company.id, list(per_employee) or [0],
        ))
        department_of = dict(self.env.cr.fetchall())
        own = {}
        for employee, part in per_employee.items():
            own.setdefault(department_of.get(employee), vernet.Totals()).add(part)
        parent = {d.id: d.parent_id.id for d in departments}
        depth = {}

        def node_depth(node):
            if node not in depth:
                up = parent.get(node)
                depth[node] = 0 if not up or up not in parent else node_depth(up) + 1
            return depth[node]

        subtree = {d: vernet.Totals().add(own.get(d, vernet.Totals())) for d in parent}
        for node in sorted(parent, key=node_depth, reverse=True):
            up = parent[node]
            if up in subtree:
                subtree[up].add(subtree[node])
        hidden = set()
        if mode == "board":
            tree = {"company": None}
            tree.update({d: (parent[d] if parent[d] in parent else "company") for d in parent})
            counts = {d: subtree[d].people for d in parent}
            counts["company"] = sum(t.people for t in own.values())
            hidden = vernet.suppress(tree, counts, company.erm_min_group_size)
        rows = []
        for department in departments.sorted(lambda d: (node_depth(d.id), d.complete_name)):
            row = {
                "department_id": department.id,
                "name": department.complete_name,
                "parent_id": department.parent_id.id or False,
                "suppressed": department.id in hidden,
                "own_headcount": own.get(department.id, vernet.Totals()).people,
            }
            if row["suppressed"]:
                row.update(dict.fromkeys(FIGURE_KEYS), headcount=None, own_headcount=None)
            else:
                row.update(self._erm_result(
                    company, subtree[department.id], 0, date_from, end, [department.id]
                ))
            rows.append(row)
        return rows

