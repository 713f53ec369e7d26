# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tour: HR, the process guardian, prints the re-integration report (RIV) from the case and
records the day the 42nd-week notification was filed with UWV.

The browser cannot read the download: the tour waits for the PDF the button asks for, and
the test checks that HR's print was logged and that the filing completed the step."""

from odoo.tests import tagged

from odoo.addons.erm_verzuim.tests.uwv_file_common import UwvFileCommon

from .tour_common import ErmTourCase


@tagged("post_install", "-at_install", "erm_tour")
class ErmTourUwvFile(UwvFileCommon, ErmTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_uwv_file()

    def test_hr_prints_the_reintegration_report_and_files_week_42(self):
        milestone = self.case.milestone_ids.filtered(lambda m: m.code == "uwv_42")
        self.assertFalse(milestone.date_done)
        self.run_tour("erm_uwv_file", self.user_hr)
        self.env.invalidate_all()
        printed = self.env["erm.access.log"].search([
            ("user_id", "=", self.user_hr.id), ("kind", "=", "print"),
            ("res_model", "=", "erm.absence.case"), ("res_id", "=", self.case.id),
        ])
        self.assertEqual(printed.channel, "pdf")
        self.assertEqual(milestone.date_done, self.today)
        self.assertEqual(self.case.erm_uwv42_date_filed, self.today)
