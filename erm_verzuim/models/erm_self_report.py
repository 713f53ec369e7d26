# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Self-reporting, as plain functions the portal controller calls (the case model
stays one class in erm_absence_case.py): per company setting the employee reports himself
sick and reports his recovery in the portal. The report takes the manager's own code path
(the sick report wizard, the recovery wizard, a course line) with only what the employee may
give, is logged in the case's chatter as reported by the employee and asks the case's
regievoerder to confirm it (an activity). These narrow, checked functions write on the
employee's behalf as superuser; reading stays with the ORM rules."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

from . import erm_absence_case as absence_case
from .erm_absence_period import format_number

ADMIN_GROUP = "erm_verzuim.group_erm_admin"
PORTAL_REPORT_ACTIVITY = "erm_verzuim.mail_activity_type_erm_portal_report"
# the employee's recovery report: confirmed or rejected on the case (confirm_recovery)
REQUEST_ACTIVITY = "erm_verzuim.mail_activity_type_erm_recovery_request"

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
    if wizard_vals.get("expected_duration") not in dict(absence_case.EXPECTED_DURATION):
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
    """Report (partial) recovery of the current user's own `case`: a request the case
    director or process guardian confirms (confirm_recovery: the recovery wizard's path for
    full recovery, a course line for partial) or rejects. Until then the case, its deadlines
    and its activities stay; a date ahead is noted as the expected return, never as an early
    close. `working_pct`: the percentage he works again from `date_recovered`; None or 100
    is full recovery."""
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
    if date_recovered <= sudo_case.date_start:
        raise UserError(env._(
            "The date from which you work again must come after your first sick day "
            "(%(date)s).", date=format_date(env, sudo_case.date_start),
        ))
    full = working_pct is None or working_pct >= 100
    if not full and working_pct <= 0:
        raise UserError(env._(
            "Give the percentage you work again: more than 0 and less than 100 "
            "(100 is full recovery)."
        ))
    vals = {"erm_recovery_request_date": date_recovered,
            "erm_recovery_request_pct": 100.0 if full else working_pct}
    if full and date_recovered > fields.Date.context_today(case):
        vals["date_expected_return"] = date_recovered
    # superuser: the employee may not write his case; only the request and his expected
    # return, checked above
    sudo_case.write(vals)
    if full:
        body = env._(
            "Full recovery from %(date)s reported by the employee via the portal.",
            date=format_date(env, date_recovered),
        )
    else:
        body = env._(
            "Partial recovery reported by the employee via the portal: working "
            "%(pct)s%% from %(date)s.",
            pct=format_number(env, working_pct),
            date=format_date(env, date_recovered),
        )
    body = " ".join((body, env._(
        "The case stays open until the case director or the process guardian confirms "
        "the report."
    )))
    log_report(case, body, REQUEST_ACTIVITY)
    return True


# ------------------------------------------------------------------ deciding on a request
def request_pending(case):
    return bool(case.erm_recovery_request_date and not case.date_recovered and case.active)


def may_decide(case):
    """The case director, the process guardian (or the administrator) decides on the
    employee's recovery report."""
    user = case.env.user
    # the duty holders as identities of a case the user reads (checked by the caller)
    sudo_case = case.sudo()
    return user.has_group(ADMIN_GROUP) or user in (
        sudo_case.regievoerder_user_id | sudo_case.procesbewaker_user_id
    )


def check_may_decide(case):
    case.ensure_one()
    env = case.env
    case.check_access("read")
    if not may_decide(case):
        raise AccessError(env._(
            "Only the case director or the process guardian of %(case)s confirms or "
            "rejects the employee's recovery report.", case=case.display_name,
        ))
    if not request_pending(case.sudo()):
        raise UserError(env._("%(case)s has no recovery report waiting for a decision.",
                              case=case.display_name))


def request_text(case, env=None):
    """What the employee reported, as a phrase: "fully fit for work from 01-03-2027"."""
    env = env or case.env
    day = format_date(env, case.erm_recovery_request_date)
    if case.erm_recovery_request_pct >= 100:
        return env._("fully fit for work from %(date)s", date=day)
    return env._("working %(pct)s%% of the hours from %(date)s",
                 pct=format_number(env, case.erm_recovery_request_pct), date=day)


def compute_request_status(cases):
    """erm_recovery_request_status and erm_may_decide_recovery of the case form."""
    env = cases.env
    tomorrow = fields.Date.context_today(cases) + timedelta(days=1)
    for case in cases:
        pending = request_pending(case)
        case.erm_may_decide_recovery = pending and may_decide(case)
        if not pending:
            case.erm_recovery_request_status = False
            continue
        status = env._("The employee reported in the portal: %(what)s.",
                       what=request_text(case))
        if case.erm_recovery_request_date > tomorrow:
            status = " ".join((status, env._(
                "This is the expected return: confirm it from the day before onwards."
            )))
        case.erm_recovery_request_status = status


def close_request(case, feedback):
    """Clear the pending request of `case` and complete its activity (superuser: the
    deciding duty holder was checked, and the request fields are readonly)."""
    sudo_case = case.sudo()
    if not sudo_case.erm_recovery_request_date:
        return
    sudo_case.write({"erm_recovery_request_date": False, "erm_recovery_request_pct": 0.0})
    activities = case.env["mail.activity"].sudo().search([
        ("res_model", "=", "erm.absence.case"), ("res_id", "=", case.id),
        ("activity_type_id", "=", case.env.ref(REQUEST_ACTIVITY).id),
    ])
    if activities:
        activities.action_feedback(feedback=feedback)


def confirm_recovery(case):
    """Apply the employee's recovery report: full recovery through the recovery wizard (it
    closes the case, its deadlines and their activities), partial as a course line."""
    check_may_decide(case)
    env = case.env
    sudo_case = case.sudo()
    day = sudo_case.erm_recovery_request_date
    pct = sudo_case.erm_recovery_request_pct
    if day > fields.Date.context_today(case) + timedelta(days=1):
        raise UserError(env._(
            "The employee expects to work again from %(date)s. Confirm the report from the "
            "day before onwards; until then the case stays open with this expected return.",
            date=format_date(env, day),
        ))
    what = request_text(sudo_case, employee_env(sudo_case))
    close_request(case, env._("Confirmed"))
    if pct >= 100:
        # the manager's own path, as the user: the case's rules decide
        env["erm.absence.recovery.wizard"].create(
            {"case_id": case.id, "date_recovered": day}
        ).action_confirm()
    else:
        # course lines are written by the system only (the doctor's advice, this report)
        Period = env["erm.absence.period"].sudo()
        line = Period.search([("case_id", "=", case.id), ("date_from", "=", day)], limit=1)
        if line:
            line.write({"incapacity_pct": 100.0 - pct})
        else:
            Period.create({"case_id": case.id, "date_from": day,
                           "incapacity_pct": 100.0 - pct})
    tell_employee(case, lambda e: e._(
        "Your recovery report (%(what)s) has been confirmed by %(user)s.",
        what=what, user=env.user.name,
    ))
    return True


def reject_recovery(case, reason):
    """The duty holder does not confirm the report: the reason goes to the chatter and to
    the employee; the case stays as it was."""
    check_may_decide(case)
    env = case.env
    reason = (reason or "").strip()
    if not reason:
        raise UserError(env._("Give the reason: the employee reads it."))
    sudo_case = case.sudo()
    what = request_text(sudo_case, employee_env(sudo_case))
    close_request(case, env._("Rejected: %(reason)s", reason=reason))
    tell_employee(case, lambda e: e._(
        "Your recovery report (%(what)s) has not been confirmed by %(user)s. Reason: "
        "%(reason)s. Please contact %(user)s about it.",
        what=what, user=env.user.name, reason=reason,
    ))
    return True


def employee_env(case):
    """The environment in the employee's language, for what he reads."""
    user = case.sudo().employee_id.user_id
    env = case.env
    return env(context=dict(env.context, lang=user.lang or env.lang or "en_US"))


def tell_employee(case, text):
    """One message in the case's chatter addressed to the employee (he does not follow
    his case): `text(env)` renders it in his language. Superuser: posting on the case
    needs write access, which a process guardian may lack; the caller checked him."""
    sudo_case = case.sudo()
    partner = sudo_case.employee_id.user_id.partner_id
    sudo_case.message_post(
        body=text(employee_env(case)), message_type="comment",
        subtype_xmlid="mail.mt_comment", partner_ids=partner.ids,
        author_id=case.env.user.partner_id.id,
    )


def log_report(cases, body, activity_xmlid=PORTAL_REPORT_ACTIVITY):
    """The chatter line and the regievoerder's activity to confirm (superuser: the
    employee may not write on his case). A second recovery report replaces the first:
    its open activity gets the new text instead of a second one."""
    env = cases.env
    activity_type = env.ref(activity_xmlid)
    for case in cases.sudo():
        case._message_log(body=body, author_id=env.user.partner_id.id)
        user = case.regievoerder_user_id or case.procesbewaker_user_id
        if not (user and user.active):
            continue
        user_env = env(context=dict(env.context, lang=user.lang or "en_US"))
        if activity_xmlid == REQUEST_ACTIVITY:
            open_activity = case.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type)[:1]
            if open_activity:
                open_activity.write({"note": body})
                continue
            summary = user_env._("Confirm or reject the employee's recovery report")
        else:
            summary = user_env._("Confirm what the employee reported in the portal")
        case.activity_schedule(
            activity_type_id=activity_type.id, summary=summary, note=body, user_id=user.id,
        )
