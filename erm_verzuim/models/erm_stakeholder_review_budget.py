# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The employability budget on the quarterly review's agenda: spend and uptake of the
quarter per kind of service, aggregates only (erm.budget.usage: groups below the company's
minimum group size are left out, and the total only when no group is)."""

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.tools import formatLang


class ErmStakeholderReview(models.Model):
    _inherit = "erm.stakeholder.review"

    @api.model
    def _erm_snapshot_data(self, company, quarter_start):
        sections = super()._erm_snapshot_data(company, quarter_start)
        budget = self._erm_snapshot_budget(company, quarter_start)
        if budget:
            sections["budget"] = budget
        return sections

    @api.model
    def _erm_snapshot_budget(self, company, quarter_start):
        """{section} of the quarter's budget use, or {} without any claim."""
        Claim = self.env["erm.budget.claim"].sudo()
        domain = [("company_id", "=", company.id), ("state", "in", ("approved", "paid")),
                  ("date", ">=", quarter_start),
                  ("date", "<", quarter_start + relativedelta(months=3))]
        if not Claim.search_count(domain, limit=1):
            return {}
        rows = self.env["erm.budget.usage"].sudo()._read_group(
            [("company_id", "=", company.id), ("date_quarter", "=", quarter_start)],
            ["service_kind"], ["amount:sum", "employee_count:max"],
        )
        labels = dict(Claim._fields["service_kind"]._description_selection(self.env))
        money = lambda amount: formatLang(  # noqa: E731
            self.env, amount or 0.0, currency_obj=company.currency_id)
        lines = [[labels.get(kind, kind), money(amount), employees]
                 for kind, amount, employees in rows]
        # a total next to a suppressed group would give that group away by difference:
        # only when every group is shown
        groups = Claim._read_group(domain, ["service_kind"], ["employee_id:count_distinct"])
        minimum = self.env["erm.aggregate.guard"].minimum(company)
        if all(employees >= minimum for _kind, employees in groups):
            total = Claim._read_group(domain, [], ["amount:sum", "employee_id:count_distinct"])
            amount, employees = total[0]
            lines.append([self.env._("Total"), money(amount), employees])
        return {
            "sequence": 75,
            "title": self.env._("Employability budget: spend and uptake"),
            "columns": [self.env._("Kind of service"), self.env._("Spent"),
                        self.env._("Employees")],
            "rows": lines,
            "note": self.env._(
                "Approved and paid claims of the quarter. Groups of fewer than %(minimum)s "
                "employees are not shown: who used the budget stays anonymous.",
                minimum=minimum,
            ),
        }
