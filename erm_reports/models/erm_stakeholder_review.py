# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The agenda of the quarterly stakeholder review (erm_verzuim) with the management
figures: the quarter against the previous quarter and the same quarter a year earlier
(absence rate, frequency, duration, zero absence, cost of absence), WvP compliance per role
and the spreekuur's utilisation. Participants read the snapshot whatever their role, so it
holds what the board may see: aggregates of the whole company, nothing when the aggregate
guard (``erm.aggregate.guard``) hides the group, a quarter beside it only when it does not
give a small group away by difference. For a review group of
departments the figures are those of the department being computed (context key
``erm_review_department_id``), with its sub-departments and the same suppression."""

from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, api, models

from odoo.addons.erm_verzuim.models.erm_format import fmt_amount
from odoo.addons.erm_verzuim.models.erm_stakeholder_review import quarter_label


class ErmStakeholderReview(models.Model):
    _inherit = "erm.stakeholder.review"

    @api.model
    def _erm_snapshot_data(self, company, quarter_start):
        sections = super()._erm_snapshot_data(company, quarter_start)
        # The snapshot is made by the organiser or the scheduler, for every participant:
        # computed as the system with full access, then suppressed as for the board.
        kpi = self.env["erm.kpi"].with_user(SUPERUSER_ID).with_context(
            lang=self.env.lang, allowed_company_ids=company.ids, erm_as_board=True,
        )
        department = self._aggregate_env()["hr.department"].browse(
            self.env.context.get("erm_review_department_id") or []
        )
        periods = [
            quarter_start,
            quarter_start - relativedelta(months=3),
            quarter_start - relativedelta(years=1),
        ]
        # the three quarters are shown beside each other: the guard's differencing over
        # time, for a reader of aggregates (every participant reads the agenda)
        hidden = self.env["erm.aggregate.guard"].group_hidden(
            company, department or None,
            [(start, start + relativedelta(months=3)) for start in periods],
            pairs=[(0, 1), (0, 2)], as_board=True,
        )
        visible = [not flag for flag in hidden]
        minimum = self.env["erm.aggregate.guard"].minimum(company)
        if not visible[0]:
            return self._erm_suppressed_sections(sections, company, department)
        headers = [self.env._("Figure")] + [quarter_label(start) for start in periods]
        figures = [
            kpi.figures(start, start + relativedelta(months=3, days=-1), company.id,
                        department_id=department.id or None)
            if shown else None for start, shown in zip(periods, visible, strict=True)
        ]
        labels = self._erm_figure_labels()

        def cell(key, data):
            if not data or data[key] is None:
                return None
            if key == "schadelast":  # an amount: the company's currency and its symbol
                return fmt_amount(self.env, data[key], company.currency_id)
            return data[key]

        sections["figures"] = {
            "sequence": 10,
            "title": self.env._("Absence figures"),
            "columns": headers,
            # every participant reads the agenda: no figure split by the safety net
            "rows": [[labels[key]] + [cell(key, data) for data in figures]
                     for key in labels if key != "verzuimpercentage_excl_vangnet"],
            "note": self.env._(
                "Vernet definitions. A period below the minimum group size of %(minimum)s "
                "employees shows no figures.", minimum=minimum,
            ),
        }
        start, end = periods[0], periods[0] + relativedelta(months=3, days=-1)
        sections["compliance"] = self._erm_snapshot_compliance(
            kpi, company, start, end, department)
        spreekuur = [
            kpi._erm_spreekuur(start, start + relativedelta(months=3, days=-1), company)
            if shown else None for start, shown in zip(periods, visible, strict=True)
        ]
        if any(spreekuur):
            sections["spreekuur"] = {
                "sequence": 40,
                "title": self.env._("Consultation hours (spreekuur)"),
                "columns": headers,
                "rows": [
                    [label] + [s[key] if s else None for s in spreekuur]
                    for key, label in (
                        ("slots_offered", self.env._("Slots offered")),
                        ("booked", self.env._("Booked")),
                        ("utilisation_pct", self.env._("Utilisation (%)")),
                        ("no_show_pct", self.env._("No-show (%)")),
                    )
                ],
                "note": "",
            }
        return sections

    @api.model
    def _erm_figure_labels(self):
        """figures() key -> label, in the order of the agenda."""
        return {
            "verzuimpercentage": self.env._("Absence rate (%)"),
            "verzuimpercentage_excl_vangnet": self.env._("Absence rate without safety net (%)"),
            "meldingsfrequentie": self.env._("Reporting frequency (per year)"),
            "gemiddelde_verzuimduur": self.env._("Average duration (days)"),
            "nulverzuim": self.env._("Zero absence (%)"),
            "schadelast": self.env._("Cost of absence"),
            "reports": self.env._("Sick reports"),
        }

    @api.model
    def _erm_snapshot_compliance(self, kpi, company, start, end, department=None):
        """WvP compliance of the milestones due in the quarter, per responsible role."""
        per_role = {}
        for row in kpi.wvp_compliance(start, end, company.id,
                                      department_id=department.id if department else None):
            totals = per_role.setdefault(row["role_label"] or self.env._("Not assigned"),
                                         [0, 0, 0, 0, 0])
            for index, key in enumerate(("total", "on_time", "late", "open", "overdue")):
                totals[index] += row[key]
        rows = []
        for role, (total, on_time, late, still_open, overdue) in sorted(per_role.items()):
            share = 100.0 * on_time / (on_time + late) if on_time + late else None
            rows.append([role, total, on_time, late, still_open, overdue, share])
        return {
            "sequence": 20,
            "title": self.env._("WvP compliance per role (milestones due in the quarter)"),
            "columns": [self.env._("Role"), self.env._("Due"), self.env._("On time"),
                        self.env._("Late"), self.env._("Open"), self.env._("Overdue"),
                        self.env._("On time (%)")],
            "rows": rows,
            "note": "",
        }

