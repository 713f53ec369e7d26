# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a Dutch user reads outside the case model: the settings page (ERM-model radio,
the notice when no company doctor is configured), the BA advice list's notice, titles of
plans and advice and the course lines in the chatter in his locale, and the access
overview printed on the company's letterhead."""

from datetime import date, timedelta

from odoo.tests import HttpCase, tagged
from odoo.tools import format_date

from odoo.addons.erm_verzuim.tests.common import ErmTestCommon

NL_MODEL_III = "Model III - de leidinggevende voert de regie, HR bewaakt het proces"


@tagged("post_install", "-at_install", "erm_locale")
class TestErmLocale(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("nl_NL")
        cls.nl = cls.env(context=dict(cls.env.context, lang="nl_NL"))

    def test_settings_radio_in_dutch(self):
        Settings = self.nl["res.config.settings"]
        labels = dict(Settings._fields["erm_model"]._description_selection(self.nl))
        self.assertEqual(labels["III"], NL_MODEL_III)
        # what the web client receives for the radio widget
        selection = dict(Settings.fields_get(["erm_model"])["erm_model"]["selection"])
        self.assertEqual(selection["III"], NL_MODEL_III)

    def test_settings_warn_without_doctor(self):
        arch = self.nl["res.config.settings"].get_view(view_type="form")["arch"]
        self.assertIn("erm_no_doctor_warning", arch)
        self.assertIn("Geen bedrijfsarts ingesteld.", arch)

    def test_advice_list_notice_without_doctor(self):
        admin = self.user_admin.with_context(lang="nl_NL")
        self.company.erm_doctor_user_ids = False
        Advice = self.env["erm.ba.advice"].with_user(admin).with_context(
            lang="nl_NL", allowed_company_ids=self.company.ids)
        help_html = Advice.get_empty_list_help("<p>Nog geen advies</p>")
        self.assertIn("Geen bedrijfsarts ingesteld voor Zorggroep Test B.V.", help_html)
        self.assertIn("Nog geen advies", help_html)
        # configured: no notice; and never for other roles
        self.company.erm_doctor_user_ids = self.user_doctor
        self.assertNotIn("bedrijfsarts ingesteld",
                         Advice.get_empty_list_help("<p>Nog geen advies</p>"))
        self.company.erm_doctor_user_ids = False
        hr_help = self.env["erm.ba.advice"].with_user(self.user_hr).with_context(
            allowed_company_ids=self.company.ids).get_empty_list_help("<p>x</p>")
        self.assertNotIn("company doctor", hr_help)

    def test_titles_and_course_lines_in_locale(self):
        self.company.erm_doctor_user_ids = self.user_doctor
        case = self.make_case(start=date(2026, 3, 2))
        plan = self.env["erm.reintegration.plan"].create({
            "case_id": case.id, "kind": "plan_van_aanpak", "date_done": date(2026, 4, 14),
        })
        advice = self.env["erm.ba.advice"].create({
            "case_id": case.id, "doctor_user_id": self.user_doctor.id,
            "advice_type": "probleemanalyse", "date_advice": date(2026, 4, 7),
        })
        self.assertEqual(plan.with_env(self.nl).name,
                         f"Plan van aanpak - {case.name} - 14-04-2026")
        en = self.env(context=dict(self.env.context, lang="en_US"))
        self.assertEqual(plan.with_env(en).name,
                         f"Plan of action - {case.name} - {format_date(en, date(2026, 4, 14))}")
        self.assertTrue(advice.with_env(self.nl).name.endswith(" - 07-04-2026"))
        # a name search still finds them by case number
        self.assertIn(plan, plan.search([("name", "ilike", case.name)]))
        # the course line in the chatter: Dutch date, no "50.0%"
        self.env["erm.absence.period"].with_env(self.nl).create({
            "case_id": case.id, "date_from": case.date_start + timedelta(days=20),
            "incapacity_pct": 50.0,
        })
        body = case.message_ids.sorted("id")[-1:].body
        self.assertIn("vanaf 22-03-2026 50% arbeidsongeschikt", body)
        self.assertNotIn("50.0", body)


@tagged("post_install", "-at_install", "erm_locale")
class TestErmAccessReport(ErmTestCommon, HttpCase):
    """An HttpCase: wkhtmltopdf fetches the report's assets from the test server, which
    serves them within the test's transaction (a TransactionCase would deadlock on it)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({
            "street": "Rijnsburgerweg 10", "zip": "2334 BA", "city": "Leiden",
            "country_id": cls.env.ref("base.nl").id,
        })
        cls.case = cls.make_case(start=date(2026, 3, 2))
        cls.report = cls.env.ref("erm_verzuim.action_report_erm_access_overview")

    def test_html_on_the_company_letterhead(self):
        # printed while another company is the current one: the case's company still heads it
        html, _kind = self.report.with_context(
            allowed_company_ids=[self.company_2.id, self.company.id],
        )._render_qweb_html(self.report.report_name, self.case.ids)
        html = html.decode()
        self.assertIn("Zorggroep Test B.V.", html)
        self.assertIn("Rijnsburgerweg 10", html)
        self.assertNotIn("Thuiszorg Test B.V.", html)
        self.assertIn(self.case.name, html)
        self.assertIn(self.employee.name, html)

    def test_pdf(self):
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() in ("install", "broken"):
            self.skipTest("wkhtmltopdf is not installed")
        pdf, kind = self.report.with_context(force_report_rendering=True)._render_qweb_pdf(
            self.report.report_name, self.case.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
