# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The printed plan of action, its adjustments and the evaluations (domain.md §5a): the
agreements, the casemanager, the employer's and the employee's own view and who signed
when. Work terms only: the plan holds no medical data."""

from odoo import api, models


def plan_infos(plans):
    """{plan id: {"title", "employee", "casemanager", "employer_signed",
    "employee_signed"}} of plans the reader reads, titled within their chain's file."""
    infos = {}
    for case in plans.case_id:
        own = plans.filtered(lambda p, c=case: p.case_id == c)
        titles = case._erm_uwv_file_titles(case._erm_uwv_file_plans())
        signatures = case._erm_uwv_file_signatures(own)
        # sudo: the names of the employee and the casemanager of a plan the reader reads
        # (a portal user may not read employee records)
        for plan, sudo_plan in zip(own, own.sudo(), strict=True):
            infos[plan.id] = {
                "title": titles.get(plan.id) or plan.name,
                "employee": sudo_plan.employee_id.name,
                "casemanager": sudo_plan.casemanager_id.name or "",
                "employer_signed": signatures[plan.id][0],
                "employee_signed": signatures[plan.id][1],
            }
    return infos


class ReportErmPlan(models.AbstractModel):
    _name = "report.erm_verzuim.report_erm_plan"
    _description = "Printed Plan of Action or Evaluation"

    @api.model
    def _get_report_values(self, docids, data=None):
        plans = self.env["erm.reintegration.plan"].browse(docids)
        plans.check_access("read")
        return {
            "doc_ids": plans.ids,
            "doc_model": plans._name,
            "docs": plans,
            "plan_infos": plan_infos(plans),
        }
