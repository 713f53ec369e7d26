# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Interventions add to the cost of absence: approved, running and finished ones,
dated in the period, of the company and the department asked for."""

from datetime import date

from odoo.tests import tagged

from .common import JAN, KpiCommon


@tagged("post_install", "-at_install")
class TestInterventionCosts(KpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        provider = cls.env["erm.provider"].create({"name": "Coaching B.V.", "kind": "other"})
        cls.service = cls.env["erm.provider.service"].create({
            "provider_id": provider.id, "name": "Coaching", "price": 1000.0,
        })

    def intervention(self, case, cost, state, **vals):
        vals.update(case_id=case.id, service_id=self.service.id, cost=cost)
        intervention = self.env["erm.intervention"].create(vals)
        intervention.sudo().write({"state": state})
        return intervention

    def test_costs_in_schadelast(self):
        Kpi = self.env["erm.kpi"]
        case = self.env["erm.absence.case"].search(
            [("employee_id.department_id", "=", self.quality.id),
             ("date_recovered", "=", False)], limit=1)
        self.assertTrue(case)
        base = Kpi.figures(*JAN, company_id=self.company.id, department_id=self.quality.id)
        whole = Kpi.figures(*JAN, company_id=self.company.id)
        self.intervention(case, 1200.0, "approved", date_approved=date(2026, 1, 10))
        self.intervention(case, 300.0, "running", date_approved=date(2026, 1, 31))
        self.intervention(case, 50.0, "done", date_start=date(2026, 1, 5))
        # not counted: proposed, cancelled, outside the period
        self.intervention(case, 7000.0, "proposed")
        self.intervention(case, 8000.0, "cancelled", date_approved=date(2026, 1, 12))
        self.intervention(case, 9000.0, "approved", date_approved=date(2026, 2, 1))
        result = Kpi.figures(*JAN, company_id=self.company.id, department_id=self.quality.id)
        self.assertAlmostEqual(result["schadelast"] - base["schadelast"], 1550.0, places=2)
        result = Kpi.figures(*JAN, company_id=self.company.id)
        self.assertAlmostEqual(result["schadelast"] - whole["schadelast"], 1550.0, places=2)
        # another department does not carry them
        self.assertEqual(Kpi._erm_extra_costs(self.company, [self.department.id], *JAN), 0.0)
        self.assertEqual(Kpi._erm_extra_costs(self.company_2, None, *JAN), 0.0)

    def test_costs_in_every_period_and_department_of_one_load(self):
        """The one-load paths (a trend's periods, every department) carry the same costs as
        figures() does per period and per department, sub-departments included."""
        Kpi = self.env["erm.kpi"]
        self.quality.parent_id = self.department  # its costs count in the parent's row too
        case = self.env["erm.absence.case"].search(
            [("employee_id.department_id", "=", self.quality.id),
             ("date_recovered", "=", False)], limit=1)
        self.intervention(case, 1200.0, "approved", date_approved=date(2026, 1, 10))
        self.intervention(case, 300.0, "running", date_approved=date(2026, 2, 3))
        periods = [JAN, (date(2026, 2, 1), date(2026, 2, 28))]
        together = Kpi._erm_figures_periods(periods, self.company.id)
        for period, got in zip(periods, together, strict=True):
            self.assertAlmostEqual(
                got["schadelast"], Kpi.figures(*period, company_id=self.company.id)["schadelast"],
                places=2,
            )
        rows = Kpi.figures_by_department(*JAN, company_id=self.company.id)
        self.assertIn(self.department.id, [row["department_id"] for row in rows])
        for row in rows:
            if row["suppressed"]:
                continue
            single = Kpi.figures(*JAN, company_id=self.company.id,
                                 department_id=row["department_id"])
            self.assertAlmostEqual(row["schadelast"], single["schadelast"], places=2,
                                   msg=row["name"])
