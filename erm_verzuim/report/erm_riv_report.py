# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The re-integration report (re-integratieverslag, RIV) for the WIA application (domain.md
§5a): one PDF of the whole UWV file of a case's chain. A cover (employee, employer, first
sick day, the end of the waiting time with its extensions, the ERM model and who held which
duty), every step with its due and done date, the documents in the file's order, the
interventions and their outcome, the second-track decision, the care contacts (dates only)
and what the file still lacks. HR and the process guardian print it; the employee downloads
his own copy in the portal (he sends it to UWV with his application)."""

from odoo import api, models

from ..engine import wvp
from ..models.erm_format import fmt_date
from .erm_ba_advice_report import advice_infos
from .erm_plan_report import plan_infos


def _label(record, fname):
    return dict(record._fields[fname]._description_selection(record.env)).get(record[fname], "")


def riv_values(case):
    """The values of one case's report, read as the reader (his record rules), with the
    names and dates noted where the portal reader may not read the records behind them."""
    env = case.env
    # sudo: the timeline, the interventions' services and the care contacts' dates of the
    # chain of a case the reader reads, and its duty holders' names: the report is the
    # employee's own file (he sends it to UWV) and shows names, dates and outcomes only
    sudo_case = case.sudo()
    sudo_env = sudo_case.env
    may_know_vangnet = case._erm_may_know_vangnet()
    chain = case._wvp_chains().get(sudo_case.chain_root_id.id)
    milestones = sudo_env["erm.wvp.milestone"].search([
        ("chain_root_id", "=", sudo_case.chain_root_id.id), ("state", "!=", "cancelled"),
    ], order="date_deadline, sequence, id")
    if not may_know_vangnet:
        milestones = milestones.filtered(lambda m: not m.is_private)
    cases = sudo_case.chain_case_ids
    plans = case._erm_uwv_file_plans()
    advices = env["erm.ba.advice"].search(
        [("case_id", "in", cases.ids), ("state", "=", "issued")],
        order="date_advice, id",
    )
    interventions = sudo_env["erm.intervention"].search(
        [("case_id", "in", cases.ids), ("state", "!=", "cancelled")],
        order="date_start, id",
    )
    care_dates = sorted(set(sudo_env["erm.care.contact"].search(
        [("case_id", "in", cases.ids)]).mapped("date")))
    extensions = sudo_env["erm.wachttijd.extension"].search(
        [("case_id", "in", cases.ids)], order="date_end, id")

    # the file's documents in order: the company doctor's first judgements and the problem
    # analysis, the plan and its adjustments, the evaluations, the first-year evaluation,
    # the doctor's later judgements (the current one last), the final evaluation
    early = advices.filtered(lambda a: a.advice_type != "update")
    later = advices - early
    documents = (
        [("advice", a) for a in early]
        + [("plan", p) for p in plans if p.kind != "eindevaluatie"]
        + [("advice", a) for a in later]
        + [("plan", p) for p in plans if p.kind == "eindevaluatie"]
    )

    duties = [
        (case._fields["regievoerder_user_id"]._description_string(env),
         sudo_case.regievoerder_user_id.name),
        (case._fields["procesbewaker_user_id"]._description_string(env),
         sudo_case.procesbewaker_user_id.name),
        (env._("Casemanager"), ", ".join(dict.fromkeys(
            plans.with_env(sudo_env).casemanager_id.mapped("name")))),
        (case._fields["erm_care_user_id"]._description_string(env),
         sudo_case.erm_care_user_id.name),
    ]
    second_track = milestones.filtered(lambda m: m.code == "tweede_spoor")[:1]
    if second_track.date_done:
        decision = env._("The decision on a second track was taken on %(date)s.",
                         date=fmt_date(env, second_track.date_done))
    elif second_track:
        decision = env._("No decision on a second track yet: due %(date)s.",
                         date=fmt_date(env, second_track.date_deadline))
    else:
        decision = env._("Not yet at issue: the first-year evaluation lies ahead.")
    goals = [p for p in plans if p.goal == "second_track"]
    return {
        "employee": sudo_case.employee_id.name,
        "employer": sudo_case.company_id.name,
        "first_day": sudo_case.chain_date_start or sudo_case.date_start,
        "normal_end": chain and wvp.normal_wachttijd_end(chain),
        "wachttijd_end": sudo_case.date_wachttijd_end,
        "extensions": [(_label(ext, "kind"), ext.date_decision, ext.date_end)
                       for ext in extensions],
        "model": _label(sudo_case, "erm_model"),
        "duties": [(role, name) for role, name in duties if name],
        "milestones": [{
            "name": m.name, "due": m.date_deadline, "done": m.date_done,
            "state": _label(m, "state"),
        } for m in milestones],
        "documents": documents,
        "plan_infos": plan_infos(plans),
        "advice_infos": advice_infos(advices),
        "interventions": [{
            "service": i.service_id.name, "provider": i.provider_id.name,
            "advised_by": _label(i, "advised_by"), "start": i.date_start, "end": i.date_end,
            "state": _label(i, "state"), "outcome": _label(i, "outcome"),
            "second_track": i.phase == "second_track",
        } for i in interventions],
        "second_track": decision,
        "second_track_goals": goals,
        "care_dates": care_dates,
        "missing": case._erm_riv_missing_items(),
        "plans": plans,
        "advices": advices,
    }


class ReportErmRiv(models.AbstractModel):
    _name = "report.erm_verzuim.report_erm_riv"
    _description = "Re-integration Report (RIV)"

    @api.model
    def _get_report_values(self, docids, data=None):
        cases = self.env["erm.absence.case"].browse(docids)
        cases._erm_check_may_print_uwv_file()
        values = {case.id: riv_values(case) for case in cases}
        # the plans and advice the report shows are read too (the case itself is logged by
        # ir.actions.report)
        channel = self.env.context.get("erm_access_channel") or "pdf"
        for case_values in values.values():
            case_values["plans"]._erm_log_access("print", channel=channel)
            case_values["advices"]._erm_log_access("print", channel=channel)
        return {
            "doc_ids": cases.ids,
            "doc_model": cases._name,
            "docs": cases,
            "riv": values,
        }
