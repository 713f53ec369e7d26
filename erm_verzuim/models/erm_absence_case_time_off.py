# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Absence cases in Time Off, as plain functions the case calls: while a case is open the
employee is absent in Time Off and calendars under the neutral type "Absent" (colleagues
never read that someone is sick).

Full incapacity becomes one leave per calendar week; partial incapacity becomes one leave
per working day for the unfit share of that day's hours, so Time Off reports the hours
faithfully. Leaves are kept up to a rolling horizon (the daily refresh extends them) and
days that already hold other time off are left alone. Leaves that no longer fit the course
are cancelled (kept, with a note), never deleted."""

from collections import defaultdict
from datetime import date, timedelta

from odoo import fields

HORIZON_DAYS = 14


def _week_chunks(first: date, last: date):
    """Split [first, last] at Sundays: (from, to) pairs that hold at least one weekday."""
    start = first
    while start <= last:
        end = min(last, start + timedelta(days=6 - start.weekday()))
        if any((start + timedelta(days=i)).weekday() < 5 for i in range((end - start).days + 1)):
            yield start, end
        start = end + timedelta(days=1)


def _remove_days(first: date, last: date, busy: set):
    """Split [first, last] around the dates in `busy`."""
    run_start = None
    day = first
    while day <= last:
        if day in busy:
            if run_start:
                yield run_start, day - timedelta(days=1)
                run_start = None
        elif run_start is None:
            run_start = day
        day += timedelta(days=1)
    if run_start:
        yield run_start, last


def leave_type(env):
    """The neutral "Absent" time-off type, if installed."""
    return env.ref("erm_verzuim.leave_type_erm_absence", raise_if_not_found=False)


def _time_off_window(case, today):
    """(first, last) day the case must show as absent, or None."""
    last = today + timedelta(days=HORIZON_DAYS)
    if case.date_recovered:
        last = min(last, case.date_recovered - timedelta(days=1))
    if not case.active or last < case.date_start:
        return None
    return case.date_start, last


def _day_hours(calendar, day):
    """(first hour, working hours) of `day` in the employee's working schedule."""
    attendances = [
        a for a in calendar.attendance_ids
        if int(a.dayofweek) == day.weekday() and a.day_period != "lunch"
        and not a.week_type and not a.date_from
    ]
    if not attendances:
        return None, 0.0
    return min(a.hour_from for a in attendances), sum(
        a.hour_to - a.hour_from for a in attendances
    )


def _desired_leaves(case, today, busy_by_employee, absent_type):
    """{key: vals} of the leaves the case should have; key identifies a leave."""
    window = _time_off_window(case, today)
    if not window:
        return {}
    first, last = window
    employee = case.employee_id
    calendar = employee.resource_calendar_id or case.company_id.resource_calendar_id
    busy = busy_by_employee.get(employee.id, set())
    periods = case.period_ids.sorted("date_from")
    desired = {}
    for index, period in enumerate(periods):
        p_first = max(first, period.date_from)
        p_last = last
        if index + 1 < len(periods):
            p_last = min(last, periods[index + 1].date_from - timedelta(days=1))
        if p_first > p_last:
            continue
        base = {
            "employee_id": employee.id, "holiday_status_id": absent_type.id,
            "erm_case_id": case.id, "state": "validate",
        }
        if period.incapacity_pct >= 100:
            for run_first, run_last in _remove_days(p_first, p_last, busy):
                for c_first, c_last in _week_chunks(run_first, run_last):
                    desired[(c_first, c_last, False, 0.0, 0.0)] = dict(
                        base, request_date_from=c_first, request_date_to=c_last,
                    )
            continue
        day = p_first
        while day <= p_last:
            hour_from, hours = _day_hours(calendar, day) if calendar else (None, 0)
            if hours and day not in busy:
                unfit = round(hours * period.incapacity_pct / 100 * 4) / 4  # quarter hours
                if unfit > 0:
                    key = (day, day, True, hour_from, round(hour_from + unfit, 2))
                    desired[key] = dict(
                        base, request_date_from=day, request_date_to=day,
                        request_unit_hours=True, request_hour_from=hour_from,
                        request_hour_to=key[4],
                    )
            day += timedelta(days=1)
    return desired


def sync_time_off(cases):
    """Bring the cases' Time Off in line with their course, in batch (as superuser: the
    leaves are bookkeeping derived from the case)."""
    env = cases.env
    absent_type = leave_type(env)
    cases = cases.sudo().filtered(lambda c: c.employee_id)
    if not cases or not absent_type or env.context.get("erm_skip_time_off"):
        return
    today = fields.Date.context_today(cases)
    Leave = env["hr.leave"].sudo().with_context(
        tracking_disable=True, mail_activity_automation_skip=True, leave_fast_create=True,
        leave_skip_state_check=True, mail_notrack=True,
    )
    first = min(cases.mapped("date_start"))
    leaves = Leave.search([
        ("employee_id", "in", cases.employee_id.ids),
        ("state", "not in", ("cancel", "refuse")),
        ("request_date_to", ">=", first),
    ])
    own = defaultdict(lambda: Leave.browse())
    busy_by_employee = defaultdict(set)
    for leave in leaves:
        if leave.erm_case_id:
            own[leave.erm_case_id.id] |= leave
            continue
        # other time off (holidays, WAZO…) keeps its days
        day = leave.request_date_from
        while day <= leave.request_date_to:
            busy_by_employee[leave.employee_id.id].add(day)
            day += timedelta(days=1)
    to_create, to_cancel = [], Leave.browse()
    for case in cases:
        desired = _desired_leaves(case, today, busy_by_employee, absent_type)
        for leave in own[case.id]:
            key = (
                leave.request_date_from, leave.request_date_to, leave.request_unit_hours,
                leave.request_unit_hours and leave.request_hour_from or 0.0,
                leave.request_unit_hours and round(leave.request_hour_to, 2) or 0.0,
            )
            if desired.pop(key, None) is None:
                to_cancel |= leave
        to_create.extend(desired.values())
    if to_cancel:
        to_cancel._force_cancel(
            env._("The absence case changed; this time off no longer applies."),
            "mail.mt_note", notify_responsibles=False,
        )
    if to_create:
        created = Leave.create(to_create)
        created._validate_leave_request()
