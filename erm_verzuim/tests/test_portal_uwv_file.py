# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The employee's own copy of his re-integration report in the portal: a link on his case
page, the download logged through the portal, and a colleague finds nothing (404)."""

from odoo.tests import HttpCase, new_test_user, tagged

from .common import ErmTestCommon
from .uwv_file_common import UwvFileCommon


@tagged("post_install", "-at_install", "erm_uwv_file")
class TestPortalUwvFile(UwvFileCommon, ErmTestCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_uwv_file()
        cls.user_colleague = new_test_user(
            cls.env, login="erm_colleague", groups="erm_verzuim.group_erm_employee",
            company_id=cls.company.id, name="Fatima El Amrani")
        cls.colleague.user_id = cls.user_colleague
        cls.url = f"/my/verzuim/case/{cls.case.id}/reintegratieverslag"

    def test_employee_downloads_his_own_copy(self):
        self.authenticate("erm_employee", "erm_employee")
        page = self.url_open(f"/my/verzuim/case/{self.case.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.url, page.text)
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 200)
        # the test runner renders reports as HTML (no wkhtmltopdf run per request), in
        # English or Dutch, as the website speaks
        self.assertRegex(response.text, "Re-integration report|Re-integratieverslag")
        self.assertIn("Jan Jansen", response.text)
        self.assertIn("Ik begin met drie ochtenden.", response.text)
        # the safety net is not the employee's to read in his copy (privacy.md)
        self.assertNotRegex(response.text, "Ziektewet vangnet|Vangnet Ziektewet")
        self.env.invalidate_all()
        lines = self.env["erm.access.log"].search([
            ("user_id", "=", self.user_employee.id), ("kind", "=", "print"),
        ])
        self.assertEqual(set(lines.mapped("channel")), {"portal"})
        self.assertEqual({(line.res_model, line.res_id) for line in lines}, {
            ("erm.absence.case", self.case.id),
            ("erm.reintegration.plan", self.plan.id),
            ("erm.reintegration.plan", self.adjustment.id),
            ("erm.reintegration.plan", self.evaluation.id),
            ("erm.ba.advice", self.advice.id),
        })

    def test_a_colleague_finds_nothing(self):
        self.authenticate("erm_colleague", "erm_colleague")
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Jan Jansen", response.text)
        self.env.invalidate_all()
        self.assertFalse(self.env["erm.access.log"].search(
            [("user_id", "=", self.user_colleague.id)]))

    def test_the_manager_has_no_portal_copy(self):
        # the case director reads the case in the backend, but this is the employee's copy
        self.authenticate("erm_manager", "erm_manager")
        self.assertEqual(self.url_open(self.url).status_code, 404)
