# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The dashboard's data (erm.kpi.dashboard_data) and the client action in a browser."""

from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged

from .common import KpiCommon


@tagged("post_install", "-at_install")
class TestDashboardData(KpiCommon):
    def test_periods(self):
        bounds = self.env["erm.kpi"].period_bounds
        today = date(2026, 5, 17)
        self.assertEqual(bounds("month", today), (date(2026, 5, 1), date(2026, 5, 31)))
        self.assertEqual(bounds("last_month", today), (date(2026, 4, 1), date(2026, 4, 30)))
        self.assertEqual(bounds("quarter", today), (date(2026, 4, 1), date(2026, 6, 30)))
        self.assertEqual(bounds("last_quarter", today), (date(2026, 1, 1), date(2026, 3, 31)))
        self.assertEqual(bounds("last_year", today), (date(2025, 1, 1), date(2025, 12, 31)))
        self.assertEqual(
            bounds("last_12_months", today), (date(2025, 6, 1), date(2026, 5, 31))
        )

    def test_dashboard_for_the_department_manager(self):
        kpi = self.env["erm.kpi"].with_user(self.quality_manager_user)
        data = kpi.dashboard_data(period="last_year", company_id=self.company.id)
        # the manager has no company-wide view: his own department is chosen for him
        self.assertEqual(data["department_id"], self.quality.id)
        self.assertEqual([d["id"] for d in data["departments"]], [self.quality.id])
        self.assertTrue(data["can_drill"])
        self.assertEqual(len(data["trend"]), 13)
        self.assertEqual(data["trend"][-1]["month"], data["period"]["to"][:8] + "01")
        self.assertEqual(data["target"], 4.0)
        self.assertIn("verzuimpercentage", data["year_ago"])

    def test_board_sees_no_small_group_and_cannot_drill(self):
        kpi = self.env["erm.kpi"].with_user(self.user_board)
        data = kpi.dashboard_data(
            period="last_month", company_id=self.company.id, department_id=self.quality.id
        )
        self.assertTrue(data["current"]["suppressed"])
        self.assertIsNone(data["current"]["verzuimpercentage"])
        self.assertTrue(all(point["rate"] is None for point in data["trend"]))
        self.assertFalse(data["can_drill"])


@tagged("post_install", "-at_install")
class TestDashboardBrowser(HttpCase):
    def test_dashboard_renders_for_hr(self):
        new_test_user(
            self.env, login="erm_dash_hr", password="erm_dash_hr",
            groups="erm_verzuim.group_erm_hr",
        )
        code = """
            const until = Date.now() + 20000;
            // HR sees every figure, the split by safety net included, each with a value
            const expected = 'verzuimpercentage,verzuimpercentage_excl_vangnet,'
                + 'meldingsfrequentie,gemiddelde_verzuimduur,nulverzuim,schadelast';
            (function check() {
                const values = document.querySelectorAll('.o_erm_kpi_value');
                if (values.length === 6 && document.querySelector('.o_erm_dashboard canvas')) {
                    const keys = [...document.querySelectorAll('.o_erm_kpi_card')]
                        .map((card) => card.dataset.key).join(',');
                    const bad = [...values].map((v) => v.textContent.trim())
                        .filter((text) => !text || /NaN|undefined|null/.test(text));
                    if (keys !== expected) {
                        console.error('dashboard figures: ' + keys);
                    } else if (bad.length) {
                        console.error('dashboard figures without a value: ' + bad.join(', '));
                    } else {
                        console.log('test successful');
                    }
                } else if (Date.now() > until) {
                    console.error('dashboard did not render: ' + values.length + ' figures');
                } else {
                    setTimeout(check, 200);
                }
            })();
        """
        self.browser_js(
            "/odoo/action-erm_reports.erm_dashboard_action", code, login="erm_dash_hr",
            timeout=60,
        )
