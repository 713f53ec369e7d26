# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The 42nd-week notification sheet (ziekmelding na 42 weken, art. 38 Ziektewet): what the
employer enters in UWV's employer portal, on one page, with the due date. Whether a safety
net applies only for who may know it (HR and the process guardian, privacy.md)."""

from odoo import api, models

from ..models.erm_absence_period import format_number


def _label(record, fname, value):
    return dict(record._fields[fname]._description_selection(record.env)).get(value, "")


def uwv42_values(case):
    env = case.env
    # sudo: the employee's name and the chain's first day of a case the reader may print
    sudo_case = case.sudo()
    advice = env["erm.ba.advice"].search([
        ("case_id", "in", sudo_case.chain_case_ids.ids), ("state", "=", "issued"),
    ], order="date_advice desc, id desc", limit=1)
    duration = advice.expected_duration or case.expected_duration
    values = {
        "employee": sudo_case.employee_id.name,
        "employer": sudo_case.company_id.name,
        "first_day": sudo_case.chain_date_start or sudo_case.date_start,
        "incapacity": f"{format_number(env, case.incapacity_pct)} %",
        "duration": _label(case, "expected_duration", duration),
        "due": case.erm_uwv42_date_deadline,
        "filed": case.erm_uwv42_date_filed,
        "show_vangnet": case._erm_may_know_vangnet(),
        "vangnet": False,
    }
    if values["show_vangnet"]:
        # read as the reader: HR and the process guardian read the safety-net record
        values["vangnet"] = bool(case.vangnet_ids.vangnet)
    return values


class ReportErmUwv42(models.AbstractModel):
    _name = "report.erm_verzuim.report_erm_uwv42"
    _description = "42nd-week Notification to UWV"

    @api.model
    def _get_report_values(self, docids, data=None):
        cases = self.env["erm.absence.case"].browse(docids)
        # the employer's filing: not the employee's own copy
        cases._erm_check_may_print_uwv_file(own_copy=False)
        return {
            "doc_ids": cases.ids,
            "doc_model": cases._name,
            "docs": cases,
            "sheets": {case.id: uwv42_values(case) for case in cases},
        }
