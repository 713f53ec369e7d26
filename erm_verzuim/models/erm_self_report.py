# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Self-reporting (issue 13), as plain functions the portal controller calls (the case model
stays one class in erm_absence_case.py): per company setting the employee reports himself
sick and reports his recovery in the portal. The report takes the manager's own code path
(the sick report wizard, the recovery wizard, a course line) with only what the employee may
give, is logged in the case's chatter as reported by the employee and asks the case's
regievoerder to confirm it (an activity). These narrow, checked functions write on the
employee's behalf as superuser; reading stays with the ORM rules."""

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

from .erm_absence_case import EXPECTED_DURATION
from .erm_absence_period import format_number

# What the employee himself gives in a sick report: the AP's list for the employer minus the
# employer's own administration (safety net, work accident, recourse, employment end).
PORTAL_SICK_FIELDS = (
    "date_start", "contact_phone", "care_street", "care_zip", "care_city",
    "expected_duration", "date_expected_return", "ongoing_work",
)


def own_employee(env):
    """The employee record of the current user (identity only)."""
    return env["hr.employee"]._erm_own_employee()


def open_case(employee):
    """The employee's open case, if any (identity check, not for display)."""
    return employee.env["erm.absence.case"].sudo().search(
        [("employee_id", "=", employee.id), ("date_recovered", "=", False)], limit=1
    )


def may_report_sick(env):
    employee = own_employee(env)
    return bool(employee and employee.company_id.erm_portal_sick_report
                and not open_case(employee))


def may_report_recovery(case):
    """Whether the current user may report the recovery of `case` (his own open case)."""
    case.ensure_one()
    sudo_case = case.sudo()
    return bool(sudo_case.active and not sudo_case.date_recovered
                and sudo_case.employee_id.user_id == case.env.user
                and sudo_case.company_id.erm_portal_recovery_report)


def portal_date(env, value):
    """A date typed in a portal form; a clear error instead of a crash on bad input."""
    try:
        return fields.Date.to_date(value)
    except ValueError as exc:
        raise UserError(env._("Give the dates as they are asked for.")) from exc


def report_sick(env, vals):
    """Report the current user sick, as the sick report wizard would; returns the case."""
    employee = own_employee(env)
    if not employee:
        raise AccessError(env._("Only an employee can report himself sick."))
    if not employee.company_id.erm_portal_sick_report:
        raise UserError(env._(
            "Your employer does not take sick reports in the portal: call your manager "
            "to report sick, as your absence protocol describes."
        ))
    if open_case(employee):
        raise UserError(env._(
            "You are reported sick already. Report your recovery on your open case."
        ))
    wizard_vals = {name: vals[name] for name in PORTAL_SICK_FIELDS if vals.get(name)}
    if wizard_vals.get("expected_duration") not in dict(EXPECTED_DURATION):
        wizard_vals.pop("expected_duration", None)
    for name in ("date_start", "date_expected_return"):
        if name in wizard_vals:
            wizard_vals[name] = portal_date(env, wizard_vals[name])
    wizard_vals.update(employee_id=employee.id, date_reported=fields.Date.context_today(employee))
    # the manager's code path, as superuser: the employee may not create cases himself;
    # he does not follow his own case's chatter (notes of his duty holders)
    wizard = env["erm.sick.report.wizard"].sudo().with_context(
        mail_create_nosubscribe=True,
    ).create(wizard_vals)
    case = env["erm.absence.case"].browse(wizard.action_confirm()["res_id"])
    log_report(case, env._("Reported sick by the employee via the portal."))
    return case


def report_recovery(case, date_recovered, working_pct=None):
    """Report (partial) recovery of the current user's own `case` as the recovery wizard
    (full) or a course line (partial) would. `working_pct`: the percentage he works again
    from `date_recovered`; None or 100 is full recovery."""
    case.ensure_one()
    env = case.env
    sudo_case = case.sudo()
    if sudo_case.employee_id.user_id != env.user:
        raise AccessError(env._("You can only report the recovery of your own absence."))
    if not sudo_case.company_id.erm_portal_recovery_report:
        raise UserError(env._(
            "Your employer does not take recovery reports in the portal: tell your "
            "manager that you are fit again."
        ))
    if sudo_case.date_recovered or not sudo_case.active:
        raise UserError(env._("This absence is closed already."))
    date_recovered = portal_date(env, date_recovered)
    if not date_recovered:
        raise UserError(env._("Give the date from which you work again."))
    if working_pct is None or working_pct >= 100:
        env["erm.absence.recovery.wizard"].sudo().create({
            "case_id": sudo_case.id, "date_recovered": date_recovered,
        }).action_confirm()
        body = env._(
            "Full recovery from %(date)s reported by the employee via the portal.",
            date=format_date(env, date_recovered),
        )
    else:
        if working_pct <= 0:
            raise UserError(env._(
                "Give the percentage you work again: more than 0 and less than 100 "
                "(100 is full recovery)."
            ))
        Period = env["erm.absence.period"].sudo()
        pct = 100.0 - working_pct
        line = Period.search(
            [("case_id", "=", sudo_case.id), ("date_from", "=", date_recovered)], limit=1
        )
        if line:
            line.write({"incapacity_pct": pct})
        else:
            Period.create(
                {"case_id": sudo_case.id, "date_from": date_recovered, "incapacity_pct": pct}
            )
        body = env._(
            "Partial recovery reported by the employee via the portal: working "
            "%(pct)s%% from %(date)s.",
            pct=format_number(env, working_pct),
            date=format_date(env, date_recovered),
        )
    log_report(case, body)
    return True


def log_report(cases, body):
    """The chatter line and the regievoerder's activity to confirm (superuser: the
    employee may not write on his case)."""
    env = cases.env
    activity_type = env.ref("erm_verzuim.mail_activity_type_erm_portal_report")
    for case in cases.sudo():
        case._message_log(body=body, author_id=env.user.partner_id.id)
        user = case.regievoerder_user_id or case.procesbewaker_user_id
        if user and user.active:
            summary = env(context=dict(env.context, lang=user.lang or "en_US"))._(
                "Confirm what the employee reported in the portal"
            )
            case.activity_schedule(
                activity_type_id=activity_type.id, summary=summary, note=body,
                user_id=user.id,
            )
