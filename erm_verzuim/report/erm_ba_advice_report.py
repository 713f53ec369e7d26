# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The company doctor's advice as the employer may hold it (domain.md §5): the possibilities
and limitations in work terms, the hours, the expected duration, the adjustments and the
advice on interventions. Never a diagnosis: the product holds none."""

from odoo import api, models
from odoo.exceptions import UserError

from ..models.erm_absence_period import format_number
from ..models.erm_ba_advice import FML_DOMAINS


def advice_infos(advices):
    """{advice id: {"employee", "doctor", "fml": [(domain, level)], "hours", "incapacity"}}."""
    env = advices.env
    infos = {}
    # sudo: the names of the employee and the doctor of an advice the reader reads
    for advice, sudo_advice in zip(advices, advices.sudo(), strict=True):
        levels = dict(advice._fields["fml_personal"]._description_selection(env))
        fml = [
            (advice._fields[fname]._description_string(env), levels[advice[fname]])
            for fname, _label in FML_DOMAINS if advice[fname]
        ]
        hours = []
        if advice.hours_per_day:
            hours.append(env._("%(hours)s hours per day", hours=format_number(
                env, advice.hours_per_day)))
        if advice.hours_per_week:
            hours.append(env._("%(hours)s hours per week", hours=format_number(
                env, advice.hours_per_week)))
        infos[advice.id] = {
            "employee": sudo_advice.employee_id.name,
            "doctor": sudo_advice.doctor_user_id.name,
            "fml": fml,
            "hours": ", ".join(hours) or env._("No limitation in hours"),
            "incapacity": f"{format_number(env, advice.incapacity_pct)} %"
            if advice.incapacity_date_from else "",
        }
    return infos


class ReportErmBaAdvice(models.AbstractModel):
    _name = "report.erm_verzuim.report_erm_ba_advice"
    _description = "Printed Company Doctor's Advice"

    @api.model
    def _get_report_values(self, docids, data=None):
        advices = self.env["erm.ba.advice"].browse(docids)
        advices.check_access("read")
        if advices.filtered(lambda a: a.state != "issued"):
            raise UserError(self.env._(
                "Only an issued advice is printed: a draft is the company doctor's own."
            ))
        return {
            "doc_ids": advices.ids,
            "doc_model": advices._name,
            "docs": advices,
            "advice_infos": advice_infos(advices),
        }
