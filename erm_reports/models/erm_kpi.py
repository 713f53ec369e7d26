# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The absence figures of a period for a company or department: ``erm.kpi.figures()``.

Two set-based queries sum the parts of the figures (``_erm_grouped_totals``): employments
(contracts) against sick spells (course lines), both the SQL building blocks of
erm.absence.report that its analysis view uses too, and the cases, per department or in total,
for any number of periods at once (a trend is one load, every department is one load); the
arithmetic is that of the pure engine ``..engine.vernet`` (a test holds the database sums
equal to the engine per employee). Access is decided here,
before anything is read: HR sees the companies it serves, a manager his own departments with
their sub-departments, the board the aggregates. Which groups' figures the user then sees is
erm_verzuim's aggregate guard (``erm.aggregate.guard``): a group below the company's minimum,
or derivable from the totals beside it, only for a user who may read every case behind it.
The queries then read as the report, never wider than that decision.
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.erm_verzuim.engine import milestones
from odoo.addons.erm_verzuim.models.erm_format import fmt_period
from odoo.addons.erm_verzuim.models.erm_intervention import COMMITTED_STATES

from ..engine import vernet

HR_GROUP = "erm_verzuim.group_erm_hr"
BOARD_GROUP = "erm_verzuim.group_erm_board"

ORDER = {rule.code: index for index, rule in enumerate(milestones.MILESTONES)}
# not computed for the periods of a trend (see _erm_figures_periods)
PARTIAL_KEYS = ("meldingsfrequentie", "gemiddelde_verzuimduur", "nulverzuim", "reports")
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
        return self._erm_figures_periods(
            [(date_from, date_to)], company_id, department_id, include_children
        )[0]

    @api.model
    def _erm_figures_periods(self, periods, company_id=None, department_id=None,
                             include_children=True, full=None, pairs=()):
        """``figures()`` of several periods ``[(date_from, date_to)]`` of one group at once:
        one access decision, one query for the sums and one for the cases of all periods
        (the dashboard's 13-month trend and the year earlier are one load, not 15).

        Only the first ``full`` periods (default: all) get every figure; the others (a
        trend) only the absence rates, the cost and the headcounts: their report frequency,
        mean duration, zero absence, reports and duration classes are None. ``pairs``:
        ``(later, earlier)`` indices of periods shown beside each other, for the guard's
        differencing over time."""
        bounds = []
        for date_from, date_to in periods:
            date_from = fields.Date.to_date(date_from)
            date_to = fields.Date.to_date(date_to)
            if not date_from or not date_to or date_to < date_from:
                raise UserError(
                    self.env._("Choose a period whose end is not before its start.")
                )
            bounds.append((date_from, date_to + timedelta(days=1)))
        department = self.env["hr.department"].browse(department_id) if department_id else None
        department_company = self._erm_department_company(department) if department else None
        if company_id:
            company = self.env["res.company"].browse(company_id)
        else:
            company = department_company if department else self.env.company
        if department and department_company != company:
            raise UserError(self.env._("The department does not belong to the company."))
        self._erm_access_mode(company, department)
        department_ids = self._erm_department_ids(department, include_children)
        parts, without = self._erm_grouped_totals(
            company, department_ids, bounds, by="total", full=full
        )
        hidden = self.env["erm.aggregate.guard"].group_hidden(
            company, department, bounds, pairs, include_children=include_children,
        )
        extras = self._erm_extra_costs_periods(company, department_ids, bounds)
        results = [
            self._erm_group_result(company, parts[index], without[index], start, end,
                                   department_ids, hidden[index], extras[index])
            for index, (start, end) in enumerate(bounds)
        ]
        for result in results[len(bounds) if full is None else full:]:
            result.update(dict.fromkeys(PARTIAL_KEYS), duration_classes=[])
        return results

    @api.model
    def _erm_group_result(self, company, parts, without, start, end, department_ids,
                          hidden, extra=None):
        """The dict of ``figures()`` from the parts of a group (``{key: Totals}``)."""
        total = vernet.Totals()
        for part in parts.values():
            total.add(part)
        result = self._erm_result(company, total, without, start, end, department_ids,
                                  extra)
        result["minimum_group_size"] = self.env["erm.aggregate.guard"].minimum(company)
        result["suppressed"] = False
        if not self._erm_may_know_vangnet():
            result["verzuimpercentage_excl_vangnet"] = None
        if hidden:
            result.update(dict.fromkeys(FIGURE_KEYS))
            result.update(
                suppressed=True, duration_classes=[], headcount=None,
                average_headcount=None, reports=None, employees_without_contract=None,
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
        last_month = date_to.replace(day=1)
        months = [last_month - relativedelta(months=offset) for offset in range(12, -1, -1)]
        # shown beside each other: the period and a year earlier, each month and the one
        # before it in the trend (indices 2..14)
        pairs = [(0, 1)] + [(index + 1, index) for index in range(2, 2 + len(months) - 1)]
        current, year_ago, *monthly = self._erm_figures_periods(
            [(date_from, date_to),
             (date_from - relativedelta(years=1), date_to - relativedelta(years=1))]
            + [(start, start + relativedelta(months=1) - timedelta(days=1)) for start in months],
            company.id, department_id, full=2,  # the trend shows the absence rate only
            pairs=pairs,
        )
        trend = [
            {"month": fields.Date.to_string(start), "rate": month["verzuimpercentage"]}
            for start, month in zip(months, monthly, strict=True)
        ]
        return {
            # from/to: ISO for the drill-down domains; label: as the user reads dates
            "period": {"from": fields.Date.to_string(date_from),
                       "to": fields.Date.to_string(date_to), "name": period,
                       "label": fmt_period(self.env, date_from, date_to)},
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
            "vangnet_figures": self._erm_may_know_vangnet(),
            "target": company.erm_target_rate,
            "currency": company.currency_id.name,
            "currency_symbol": company.currency_id.symbol,
            "currency_position": company.currency_id.position,
            "current": self._erm_jsonable(current),
            "year_ago": self._erm_jsonable(year_ago),
            "trend": trend,
            "compliance": self.wvp_compliance(date_from, date_to, company.id, department_id),
            "spreekuur": self._erm_spreekuur(date_from, date_to, company),
            "readiness": self._erm_readiness(company),
            # company-wide only: a department's budget use could point at a person
            "budget": not department_id and self._erm_budget(
                company, date_from, date_to, current.get("headcount")),
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
        suppressed = [row for row in rows if row["suppressed"]]
        if suppressed:
            # too few employees behind the bookings: the offer only
            return {"slots_offered": offered, "booked": None, "utilisation_pct": None,
                    "no_show_pct": None, "suppressed": True,
                    "minimum": suppressed[0]["minimum"]}
        booked = sum(row["booked"] for row in rows)
        attended = sum(row["attended"] for row in rows)
        no_show = sum(row["no_show"] for row in rows)
        return {
            "slots_offered": offered,
            "suppressed": False,
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
            # HR and the board see every department of the company (checked by the caller)
            return self._erm_departments().search([("company_id", "=", company.id)])
        return self._erm_managed_departments().filtered(lambda d: d.company_id == company)

    @api.model
    def _erm_can_drill(self, company, department_id):
        """Whether the user may open the rows behind a figure: HR, or a manager for his own
        department, and only when he may read every case behind it (never the board)."""
        user = self.env.user
        if not (user.has_group(HR_GROUP)
                or department_id and department_id in self._erm_managed_departments().ids):
            return False
        guard = self.env["erm.aggregate.guard"]
        return (department_id or "company") in guard._known_nodes(company, guard._tree(company))

    @api.model
    def wvp_compliance(self, date_from, date_to, company_id=None, department_id=None,
                       include_children=True):
        """Per milestone code and responsible role, the milestones due in the period: done
        on time, done late, still open, overdue (open past the deadline) and the share done
        on time, the figure that shows whether the chosen ERM model works. Same access as
        ``figures()``; nothing for a group the aggregate guard hides. The milestones counted
        are those the user's rules let him read, without the safety-net report to UWV (which
        would tell a vangnet case) for anyone but HR; a reader of aggregates only (the board,
        the review agenda) gets every milestone but that report."""
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        department = self.env["hr.department"].browse(department_id) if department_id else None
        if company_id:
            company = self.env["res.company"].browse(company_id)
        else:
            company = self._erm_department_company(department) if department else self.env.company
        mode = self._erm_access_mode(company, department)
        end = date_to + timedelta(days=1)
        scope = self._erm_milestone_scope(company, mode)
        if self.env["erm.aggregate.guard"].group_hidden(
            company, department, [(date_from, end)], include_children=include_children,
        )[0]:
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
                WHERE m.company_id = %(company)s %(departments)s %(scope)s
                  AND m.state != 'cancelled'
                  AND m.date_deadline >= %(start)s AND m.date_deadline < %(end)s
             GROUP BY m.code, m.responsible_role
             ORDER BY m.code, m.responsible_role""",
            company=company.id, departments=department_filter, start=date_from, end=end,
            today=today, scope=scope,
        ))
        # fetched before the labels: reading a translated selection may run a query
        counted = self.env.cr.fetchall()
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
            counted, key=lambda row: (ORDER.get(row[0], 99), row[1] or "")
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

    @api.model
    def _erm_milestone_scope(self, company, mode):
        """The WHERE part over ``m`` (erm_wvp_milestone) of the milestones this user's
        figures count: what his rules let him read, or for a reader of aggregates only
        everything but the safety-net report (whether a vangnet applies is for HR and the
        case's procesbewaker only, domain.md §5)."""
        if mode == "full" and not self._erm_as_board() and self.env["ir.model.access"].check(
            "erm.wvp.milestone", "read", raise_exception=False
        ):
            domain = [("company_id", "=", company.id)]
            if not self._erm_may_know_vangnet():
                # a duty holder may read the safety-net report of his own case, but a count
                # per department would still tell which of them is a vangnet case
                domain.append(("is_private", "=", False))
            readable = self.env["erm.wvp.milestone"].with_context(
                active_test=False, allowed_company_ids=company.ids,
            )._search(domain)
            return SQL("AND m.id IN %s", readable.subselect())
        return SQL("AND NOT m.is_private")

    @api.model
    def _erm_as_board(self):
        """Figures made for every reader at once (the review agenda): as for the board."""
        return bool(self.env.context.get("erm_as_board"))

    @api.model
    def _erm_may_know_vangnet(self):
        """Whether figures split by the safety net (vangnet) may be shown: to HR only (the
        case's procesbewaker knows it of his own cases, not of a group)."""
        if self._erm_as_board():
            return False
        return self.env.su or self.env.user.has_group(HR_GROUP)

    # ------------------------------------------------------------------ access
    @api.model
    def _erm_department_company(self, department):
        # sudo: the department's company, an identity (access is decided right after)
        return department.sudo().company_id

    @api.model
    def _erm_departments(self):
        """hr.department as superuser: the department tree as identities and ids."""
        # sudo: the figures decide access themselves (_erm_access_mode, the aggregate guard)
        return self.env["hr.department"].sudo()

    @api.model
    def _erm_managed_departments(self):
        """The departments the user manages, with their sub-departments."""
        departments = self._erm_departments()
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
        # the department tree as ids, for the figures' own access decision
        return self._erm_departments().with_context(active_test=False).search(
            [("id", "child_of", department.id)]
        ).ids

    @api.model
    def _erm_board_suppressed(self, company, department, include_children, start, end):
        """Whether the group is too small, or would reveal a too small group by difference
        with another figure the board may ask for."""
        return self._erm_board_suppressed_periods(
            company, department, include_children, [(start, end)]
        )[0]

    @api.model
    def _erm_board_suppressed_periods(self, company, department, include_children, bounds):
        """``_erm_board_suppressed`` for each ``(start, end)`` of ``bounds``: the guard's
        decision for a reader of aggregates only."""
        return self.env["erm.aggregate.guard"].group_hidden(
            company, department, bounds, as_board=True, include_children=include_children,
        )

    @api.model
    def _erm_headcount_by_department(self, company, start, end):
        """Employees employed at least one day in the period, by current department."""
        return self._erm_headcount_by_department_periods(company, [(start, end)])[0]

    @api.model
    def _erm_headcount_by_department_periods(self, company, bounds):
        """``_erm_headcount_by_department`` for each ``(start, end)`` of ``bounds``: the
        people the aggregate guard counts (erm_reports: by employment)."""
        return self.env["erm.aggregate.guard"]._counts_by_department_periods(company, bounds)

    @api.model
    def _erm_periods_sql(self, bounds):
        """The periods as rows ``(idx, lo, hi, span)`` (``hi`` the first day after), idx
        counting from 0 in the order given."""
        return SQL(
            """SELECT (p.idx - 1)::integer AS idx, p.lo, p.hi, daterange(p.lo, p.hi) AS span
                 FROM unnest(%s::date[], %s::date[]) WITH ORDINALITY AS p(lo, hi, idx)""",
            [start for start, _end in bounds], [end for _start, end in bounds],
        )

    # ------------------------------------------------------------------ data
    @api.model
    def _erm_contracts_sql(self, company, department_filter, start, end):
        """FROM and WHERE of the group's contracts that reach into [start, end): ``c`` the
        contract, ``e`` its employee, ``cal`` the hours of its working schedule (the
        selection is erm.absence.report's ``_contracts_sql``)."""
        return self.env["erm.absence.report"]._contracts_sql(
            self._erm_contracts_filter(company, department_filter, start, end))

    @api.model
    def _erm_contracts_filter(self, company, department_filter, start, end):
        """``AND ...`` of the group's contracts that reach into [start, end)."""
        return SQL(
            """AND e.company_id = %(company)s %(departments)s
               AND c.date_start < %(end)s
               AND (c.date_end IS NULL OR c.date_end >= %(start)s)""",
            company=company.id, departments=department_filter, start=start, end=end,
        )

    @api.model
    def _erm_without_contract_sql(self, company, department_filter):
        """FROM and WHERE of the group's active employees without a running or closed
        contract (the settings' fallback counts them): ``e`` the employee, ``cal`` the
        hours of his own working schedule (erm.absence.report's ``_without_contract_sql``)."""
        return self.env["erm.absence.report"]._without_contract_sql(SQL(
            "AND e.company_id = %s %s", company.id, department_filter,
        ))

    @api.model
    def _erm_sql_totals(self, company, department_ids, start, end):
        """employee -> vernet.Totals, summed by the database: the same arithmetic as
        ``vernet.totals_by_employee`` (a test holds them equal over the rows it loads).
        Returns (totals, employees counted without a contract)."""
        parts, without = self._erm_grouped_totals(
            company, department_ids, [(start, end)], by="employee"
        )
        return parts[0], without[0]

    @api.model
    def _erm_grouped_totals(self, company, department_ids, bounds, by="department",
                            full=None):
        """The additive parts of the figures of each period ``(start, end)`` of ``bounds``
        (end excluded), per employee, per (current) department or in total (``by``):
        ``([{key: vernet.Totals}] per period, [employees counted without a contract] per
        period)``. The department key of employees without one is None; the total's is 0.

        Set-based, two queries whatever the number of periods, departments and employees:
        the sums over employments and sick spells, and the cases (reports, ended cases,
        duration classes). Only the first ``full`` periods (default: all) get every part;
        the others only what the absence rates and the headcount need (sick, employed,
        people, cost): ``people_sick`` is not counted there and the case parts stay 0.
        The sums are the arithmetic of ``vernet.totals_by_employee`` (a test holds them
        equal per employee over the rows it loads: tests/vernet_oracle.py)."""
        assert by in ("employee", "department", "total"), by
        self.env.flush_all()
        department_filter = SQL()
        if department_ids is not None:
            department_filter = SQL("AND e.department_id = ANY(%s)", list(department_ids) or [0])
        key = {
            "employee": SQL("e.id"),
            "department": SQL("COALESCE(e.department_id, 0)"),
            "total": SQL("0"),
        }[by]
        charges = 1.0 + (company.erm_wage_cost_factor or 0.0) / 100.0
        classes = company._erm_duration_classes()
        params = {
            "periods": self._erm_periods_sql(bounds), "key": key,
            "company": company.id, "departments": department_filter,
            # the union of the periods: what any of them can touch
            "start": min(start for start, _end in bounds),
            "end": max(end for _start, end in bounds),
            "charges": charges, "pay_1": company.erm_pay_pct_year1 / 100.0,
            "pay_2": min(company.erm_pay_pct_year2 + company.erm_pay_top_up_pct, 100.0) / 100.0,
            "replacement": company.erm_replacement_cost_per_day or 0.0,
            "bounds": [high for _low, high in classes], "last": len(classes) - 1,
            "full": len(bounds) if full is None else full,
            "key_em": {
                "employee": SQL("em.employee_id"),
                "department": SQL("COALESCE(em.department_id, 0)"),
                "total": SQL("0"),
            }[by],
        }
        # the building blocks of the figures: erm.absence.report's, which the analysis uses
        report = self.env["erm.absence.report"]
        params.update(
            employments=report._employments_sql(
                self._erm_contracts_filter(company, department_filter,
                                           params["start"], params["end"]),
                SQL("AND e.company_id = %s %s", company.id, department_filter),
            ),
            spells=report._spells_sql(SQL(
                """AND c.company_id = %(company)s %(departments)s
                   AND c.date_start < %(end)s
                   AND (c.date_recovered IS NULL OR c.date_recovered > %(start)s)""",
                company=company.id, departments=department_filter,
                start=params["start"], end=params["end"],
            )),
            employed_days=report._days_sql(SQL("emp_g.lo"), SQL("emp_g.hi"),
                                           SQL("p.lo"), SQL("p.hi")),
            sick_days=report._days_sql(SQL("s.lo"), SQL("s.hi"), SQL("p.lo"), SQL("p.hi")),
        )
        cr = self.env.cr
        # The per-employee sums of a large company and many periods outgrow the default
        # work_mem (4 MB) and would spill to disk: more for these two queries only, then
        # back to what it was (set_config(..., true) lasts to the end of the transaction).
        cr.execute("SELECT current_setting('work_mem'), set_config('work_mem', '64MB', true)")
        work_mem = cr.fetchone()[0]
        # Employments (open-ended for those without a contract) and sick spells are cut by
        # each period in the joins, with plain date arithmetic (range operators cost several
        # times more per row at 50,000 employees x 15 periods). ``lo``/``hi``: first day and
        # first day after (infinity while open). People are counted without DISTINCT (a
        # sort per group): an employment counts its employee in a period when no earlier
        # employment of his reaches into that period (``prev_hi``); sick people per
        # employee first, then per key.
        cr.execute(SQL(
            """WITH period AS (%(periods)s), emp AS (
                   SELECT employee_id, key, fallback, lo, hi, dtf, daily_wage,
                          MAX(hi) OVER (PARTITION BY employee_id ORDER BY lo, id
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                              AS prev_hi
                     FROM (
                   SELECT em.id, em.employee_id, %(key_em)s AS key, em.fallback, em.lo, em.hi,
                          em.dtf, em.wage * 12 / 365.0 * %(charges)s AS daily_wage
                     FROM (%(employments)s) em
                     ) employment
               ), emp_g AS (
                   -- employments alike in key and dates weigh the same in every period:
                   -- one row each before meeting the periods (thousands, not 25,000)
                   SELECT key, fallback, lo, hi, prev_hi, SUM(dtf) AS dtf, COUNT(*) AS n
                     FROM emp GROUP BY key, fallback, lo, hi, prev_hi
               ), employed AS (
                   SELECT p.idx, emp_g.key,
                          COALESCE(SUM(emp_g.n) FILTER (WHERE emp_g.fallback AND first), 0)
                              ::integer AS fallbacks,
                          SUM(%(employed_days)s * emp_g.dtf) AS employed,
                          SUM(%(employed_days)s * emp_g.n) AS employed_plain,
                          COALESCE(SUM(emp_g.n) FILTER (WHERE first), 0)::integer AS people
                     FROM emp_g JOIN period p ON emp_g.lo < p.hi AND emp_g.hi > p.lo,
                  LATERAL (SELECT emp_g.prev_hi IS NULL OR emp_g.prev_hi <= p.lo AS first) f
                 GROUP BY p.idx, emp_g.key
               ), spell AS (%(spells)s
               ), sick_e AS (
                   -- spells by employment first (a few per employee), then by period
                   SELECT emp.employee_id, emp.key, emp.dtf, emp.daily_wage, sp.fraction,
                          sp.vangnet, sp.year_2,
                          GREATEST(sp.lo, emp.lo) AS lo, LEAST(sp.hi, emp.hi) AS hi
                     FROM emp JOIN spell sp
                       ON sp.employee_id = emp.employee_id
                      AND sp.lo < emp.hi AND sp.hi > emp.lo AND sp.lo < sp.hi
               ), overlap AS (
                   SELECT p.idx, s.employee_id, s.key, s.dtf, s.daily_wage, s.fraction,
                          s.vangnet, d.days, GREATEST(LEAST(d.hi, s.year_2) - d.lo, 0) AS days_1
                     FROM sick_e s JOIN period p ON s.lo < p.hi AND s.hi > p.lo,
                  LATERAL (SELECT GREATEST(s.lo, p.lo) AS lo, LEAST(s.hi, p.hi) AS hi,
                                  %(sick_days)s AS days) d
               ), sick_person AS (
                   SELECT idx, key,
                          SUM(days * dtf * fraction) AS sick,
                          SUM(days * dtf * fraction) FILTER (WHERE NOT vangnet) AS sick_excl,
                          BOOL_OR(fraction > 0) AS any_sick,
                          SUM(fraction * (daily_wage * (days_1 * %(pay_1)s
                                                        + (days - days_1) * %(pay_2)s)
                                          + %(replacement)s * days)) AS cost
                     -- per employee only where nulverzuim is wanted
                     FROM overlap
                 GROUP BY idx, key, CASE WHEN idx < %(full)s THEN employee_id END
               ), sick AS (
                   SELECT idx, key, SUM(sick) AS sick, SUM(sick_excl) AS sick_excl,
                          COUNT(*) FILTER (WHERE any_sick AND idx < %(full)s) AS people_sick,
                          SUM(cost) AS cost
                     FROM sick_person GROUP BY idx, key
               )
               SELECT employed.idx, employed.key, employed.fallbacks, employed.employed,
                      employed.employed_plain, employed.people, COALESCE(sick.sick, 0),
                      COALESCE(sick.sick_excl, 0), COALESCE(sick.people_sick, 0),
                      COALESCE(sick.cost, 0)
                 FROM employed LEFT JOIN sick
                   ON sick.idx = employed.idx AND sick.key = employed.key""",
            **params,
        ))
        parts = [{} for _bound in bounds]
        without = [0] * len(bounds)
        for (index, group, fallbacks, employed, plain, people, sick, sick_excl, people_sick,
             cost) in cr.fetchall():
            without[index] += fallbacks
            parts[index][group] = vernet.Totals(
                sick=float(sick), sick_excl_vangnet=float(sick_excl), employed=float(employed),
                employed_plain=float(plain), people=people, people_sick=people_sick,
                cost=float(cost),
            )
        # Reports, ended cases and duration classes: per case, no days of employment
        # involved (vernet.duration_classes: the duration runs to the recovery or to the end
        # of the period; class = the number of upper bounds below it, capped at the last).
        cr.execute(SQL(
            """WITH period AS (%(periods)s), cs AS (
                   SELECT p.idx, %(key)s AS key, c.date_start AS first_day,
                          c.date_recovered AS recovered,
                          lower(p.span) AS p_start, upper(p.span) AS p_end
                     FROM erm_absence_case c
                     JOIN hr_employee e ON e.id = c.employee_id
                     JOIN period p ON p.idx < %(full)s AND c.date_start < upper(p.span)
                                  AND (c.date_recovered IS NULL
                                       OR c.date_recovered > lower(p.span))
                    WHERE c.company_id = %(company)s %(departments)s AND c.active
                      AND c.date_start < %(end)s
                      AND (c.date_recovered IS NULL OR c.date_recovered > %(start)s)
               ), measured AS (
                   SELECT cs.*,
                          GREATEST(LEAST(COALESCE(recovered, p_end), p_end)
                                   - GREATEST(first_day, p_start), 0) AS days_in,
                          LEAST(width_bucket(COALESCE(recovered, p_end) - first_day - 1,
                                             %(bounds)s::integer[]), %(last)s) AS klass
                     FROM cs
               )
               SELECT idx, key, klass,
                      COUNT(*) FILTER (WHERE first_day >= p_start) AS reports,
                      COUNT(*) FILTER (WHERE recovered > p_start AND recovered <= p_end),
                      COALESCE(SUM(recovered - first_day) FILTER (
                          WHERE recovered > p_start AND recovered <= p_end), 0),
                      COUNT(*) FILTER (WHERE days_in > 0),
                      COALESCE(SUM(days_in), 0)
                 FROM measured GROUP BY idx, key, klass""",
            **params,
        ))
        for index, group, klass, reports, ended, ended_days, cases, days in cr.fetchall():
            part = parts[index].setdefault(group, vernet.Totals())
            part.reports += reports
            part.ended += ended
            part.ended_days += ended_days
            if not part.classes:
                part.classes = [[0, 0] for _class in classes]
            part.classes[klass][0] += cases
            part.classes[klass][1] += days
        cr.execute("SELECT set_config('work_mem', %s, true)", [work_mem])
        if by == "department":
            for per_period in parts:
                if 0 in per_period:
                    per_period[None] = per_period.pop(0)
        return parts, without

    @api.model
    def _erm_full_time_hours(self, company):
        """The company's full-time hours a week: the rule is the SQL view
        ``erm_report_full_time`` (erm.absence.report), which the analysis uses too."""
        self.env["resource.calendar"].flush_model()
        self.env["resource.calendar.attendance"].flush_model()
        self.env["res.company"].flush_model(["resource_calendar_id"])
        self.env.cr.execute(
            "SELECT hours FROM erm_report_full_time WHERE company_id = %s", [company.id])
        return self.env.cr.fetchone()[0]

    @api.model
    def _erm_extra_costs(self, company, department_ids, start, end):
        """Costs added to the cost of absence in [start, end) (interventions)."""
        return self._erm_extra_costs_periods(company, department_ids, [(start, end)])[0]

    # ------------------------------------------------------------------ arithmetic
    @api.model
    def _erm_result(self, company, total, without_contract, start, end, department_ids,
                    extra=None):
        """``extra``: the extra costs when the caller loaded them already."""
        result = vernet.figures_from_totals(
            total, start, end, company._erm_duration_classes()
        )
        if extra is None:
            extra = self._erm_extra_costs(company, department_ids, start, end)
        result["schadelast"] += extra
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
        # sudo: the names of employees whose cases the reader may read (checked above)
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
        return self._erm_by_department(date_from, date_to, company_id)["departments"]

    @api.model
    def figures_with_departments(self, date_from, date_to, company_id=None):
        """``figures()`` of the whole company and ``figures_by_department()`` in one load
        (the same sums serve both): ``{"company": dict or None, "departments": [...]}``.
        ``company`` is None for a user who may see his own departments only (a manager)."""
        return self._erm_by_department(date_from, date_to, company_id, with_company=True)

    @api.model
    def _erm_by_department(self, date_from, date_to, company_id=None, with_company=False):
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        if not date_from or not date_to or date_to < date_from:
            raise UserError(self.env._("Choose a period whose end is not before its start."))
        company = self.env["res.company"].browse(company_id) if company_id else self.env.company
        end = date_to + timedelta(days=1)
        if self._erm_company_allowed(company):
            self._erm_access_mode(company, None)
            # the department tree; groups below the minimum size are suppressed
            departments = self._erm_departments().with_context(
                active_test=False
            ).search([("company_id", "=", company.id)])
        else:
            departments = self._erm_managed_departments().filtered(
                lambda d: d.company_id == company
            )
            if not departments:
                raise AccessError(self.env._(
                    "You may see the absence figures of your own departments only."
                ))
        scope = None if self._erm_company_allowed(company) else departments.ids
        # one query for every department: the sums per (current) department of the
        # employees, rolled up the tree below (a few hundred nodes, no rows of people)
        parts, without = self._erm_grouped_totals(
            company, scope, [(date_from, end)], by="department"
        )
        own = parts[0]
        # the same decision as figures() for each group: the guard's, for this user
        hidden = self.env["erm.aggregate.guard"].hidden_nodes(company, [(date_from, end)])[0]
        total = None
        if with_company and scope is None:
            # the company as figures() gives it: same sums, same access decision
            total = self._erm_group_result(
                company, own, without[0], date_from, end, None, "company" in hidden,
            )
        parent = {d.id: d.parent_id.id for d in departments}
        depth = {}

        def node_depth(node):
            if node not in depth:
                up = parent.get(node)
                depth[node] = 0 if not up or up not in parent else node_depth(up) + 1
            return depth[node]

        subtree = {d: vernet.Totals().add(own.get(d, vernet.Totals())) for d in parent}
        extra = self._erm_extra_costs_by_department(company, date_from, end)
        extra = {d: extra.get(d, 0.0) for d in parent}
        for node in sorted(parent, key=node_depth, reverse=True):
            up = parent[node]
            if up in subtree:
                subtree[up].add(subtree[node])
                extra[up] += extra[node]
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
                    company, subtree[department.id], 0, date_from, end, [department.id],
                    extra[department.id],
                ))
                if not self._erm_may_know_vangnet():
                    row["verzuimpercentage_excl_vangnet"] = None
            rows.append(row)
        return {"company": total, "departments": rows}

    # What the organisation around the cases (erm_verzuim, domain.md §7) adds to the figures.
    #
    # Interventions are part of the cost of absence: the approved, running and finished ones,
    # dated on their approval date, else their start. Department: the employee's, as for the
    # other figures. Aggregates, read as superuser after erm.kpi's own access decision (the
    # board sees the sum too). The preconditions' readiness score and the employability
    # budget's use (anonymous: totals of groups the aggregate guard allows) are dashboard
    # cards.
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
        """The extra costs (committed interventions) of every period [start, end) of
        ``bounds``, as a list, in one query (a trend of 15 periods is one query, not 15)."""
        extra = [0.0] * len(bounds)
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
        """{department id: extra costs of [start, end)} of the employees' own departments
        (rolled up the tree by the caller), in one query."""
        extra = {}
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
