# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The UWV file's documents (domain.md §5a), printed for real: wkhtmltopdf makes each PDF
and pdftotext (poppler-utils) reads its text back. Dutch dates, both views, who signed when,
no medical vocabulary; who may print what; the 42nd-week notification and its filing."""

import shutil
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import format_date

from .common import ErmTestCommon
from .uwv_file_common import UwvFileCommon


@tagged("post_install", "-at_install", "erm_uwv_file")
class TestUwvDocuments(UwvFileCommon, ErmTestCommon, HttpCase):
    """An HttpCase: wkhtmltopdf fetches the report's assets from the test server, which
    serves them within the test's transaction (a TransactionCase would deadlock on it)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_uwv_file()

    def setUp(self):
        super().setUp()
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() in ("install", "broken"):
            self.fail("wkhtmltopdf is needed to print the UWV file")
        if not shutil.which("pdftotext"):
            self.fail("pdftotext (poppler-utils) is needed to read the printed documents")

    def test_plan_of_action(self):
        text = self.pdf_text("erm_verzuim.action_report_erm_plan", self.plan, self.user_hr)
        signed = self.plan.view_employee_signed_on
        for expected in (
            "Plan van aanpak",
            "Medewerker: Jan Jansen",
            f"Afgesproken op: {self.nl(self.start + timedelta(days=50))}",
            "Casemanager: Erm Coach",
            "Drie ochtenden per week eigen werk.",
            "Het standpunt van de werkgever Haalbaar met aangepaste diensten.",
            "Het eigen standpunt van de medewerker Ik begin met drie ochtenden.",
            "Namens de werkgever afgesproken door Erm Manager op "
            f"{self.nl(self.start + timedelta(days=50))}.",
            f"Ondertekend door Erm Employee op {self.nl(signed)}",
            # the employer in the document itself: Debian's wkhtmltopdf (without Odoo's
            # patched Qt) prints no letterhead (header and footer)
            "Werkgever: Zorggroep Test B.V.",
        ):
            self.assertIn(expected, text)
        self.assert_clean(text)

    def test_adjustment_without_the_employee_signature(self):
        text = self.pdf_text("erm_verzuim.action_report_erm_plan", self.adjustment,
                             self.user_manager)
        self.assertIn("Bijstelling 1 van het plan van aanpak", text)
        self.assertIn("Ik wil rustig verder opbouwen.", text)
        self.assertIn("De medewerker heeft zijn standpunt nog niet ondertekend.", text)
        self.assert_clean(text)

    def test_evaluation(self):
        text = self.pdf_text("erm_verzuim.action_report_erm_plan", self.evaluation,
                             self.user_hr)
        self.assertIn("Evaluatie 1", text)
        self.assertIn("Afspraken nagekomen.", text)
        self.assertIn("Het gaat beter met het werk.", text)
        self.assert_clean(text)

    def test_company_doctor_advice_in_work_terms(self):
        text = self.pdf_text("erm_verzuim.action_report_erm_ba_advice", self.advice,
                             self.user_manager)
        for expected in (
            "Probleemanalyse",
            "Bedrijfsarts: Erm Doctor",
            "Mogelijkheden en beperkingen in werk",
            "Dynamische handelingen Beperkt",
            "Licht administratief werk, zittend, met pauzes.",
            "Mogelijke uren: 4 uur per dag, 20 uur per week",
            "Verwachte duur: Langer dan zes weken",
            "Een werkplek op de begane grond.",
        ):
            self.assertIn(expected, text)
        self.assert_clean(text)

    def test_reintegration_report(self):
        text = self.pdf_text("erm_verzuim.action_report_erm_riv", self.case, self.user_hr)
        start = self.start
        for expected in (
            "Re-integratieverslag",
            "Werknemer Jan Jansen",
            "Werkgever Zorggroep Test B.V.",
            f"Eerste ziektedag {self.nl(start)}",
            f"Einde week 104 {self.nl(start + timedelta(days=727))}",
            "ERM-model Model III",
            "Regievoerder Erm Manager",
            "Procesbewaker Erm Hr",
            "Casemanager Erm Coach",
            # the steps with their due and done dates
            f"Probleemanalyse {self.nl(start + timedelta(days=41))} "
            f"{self.nl(start + timedelta(days=35))}",
            # the interventions with their outcome
            "Loopbaancoaching Coachpraktijk Rijn",
            "Meer werk mogelijk",
            # the care contacts: dates only
            f"{self.nl(start + timedelta(days=3))}, {self.nl(start + timedelta(days=10))}",
            # what is missing
            "Bijstelling 1 van het plan van aanpak: de medewerker heeft zijn standpunt niet "
            "ondertekend.",
            "Nog geen besluit",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Even bijgepraat", text)  # no note of a care contact
        # the documents in the file's order, each with both views and its signatures
        order = [text.index(title) for title in (
            "Mogelijkheden en beperkingen in werk", "Bijstelling 1 van het plan van aanpak "
            "Medewerker", "Evaluatie 1 Medewerker",
        )]
        self.assertEqual(order, sorted(order))
        self.assertIn("Het eigen standpunt van de medewerker Ik begin met drie ochtenden.", text)
        self.assertIn("Het standpunt van de werkgever De opbouw gaat goed.", text)
        self.assertEqual(text.count("Ondertekend door Erm Employee op"), 2)
        self.assert_clean(text)

    def test_printing_logs_the_documents_read(self):
        Log = self.env["erm.access.log"]
        self.pdf_text("erm_verzuim.action_report_erm_riv", self.case, self.user_hr)
        self.env.cr.precommit.run()  # the request's lines are inserted at its commit
        self.env.invalidate_all()
        lines = Log.search([("user_id", "=", self.user_hr.id), ("kind", "=", "print")])
        self.assertEqual(set(lines.mapped("channel")), {"pdf"})
        self.assertEqual({(line.res_model, line.res_id) for line in lines}, {
            ("erm.absence.case", self.case.id),
            ("erm.reintegration.plan", self.plan.id),
            ("erm.reintegration.plan", self.adjustment.id),
            ("erm.reintegration.plan", self.evaluation.id),
            ("erm.ba.advice", self.advice.id),
        })

    def test_who_prints_the_uwv_file(self):
        Report = self.env["ir.actions.report"].with_context(lang="nl_NL")
        # HR (here the process guardian) and the employee's own copy
        for user in (self.user_hr, self.user_employee):
            html, _kind = Report.with_user(user)._render_qweb_html(
                "erm_verzuim.action_report_erm_riv", self.case.ids)
            self.assertIn(b"Jan Jansen", html)
        # the case director and a coach without a duty on the case do not
        for user in (self.user_manager, self.user_coach):
            with self.assertRaises(AccessError):
                Report.with_user(user)._render_qweb_html(
                    "erm_verzuim.action_report_erm_riv", self.case.ids)
        self.assertTrue(self.case.with_user(self.user_hr).erm_may_print_uwv_file)
        self.assertFalse(self.case.with_user(self.user_manager).erm_may_print_uwv_file)
        # the notification to UWV is the employer's: not the employee's to print
        with self.assertRaises(AccessError):
            Report.with_user(self.user_employee)._render_qweb_html(
                "erm_verzuim.action_report_erm_uwv42", self.case.ids)

    def test_uwv42_sheet(self):
        case = self.case
        self.assertTrue(case.erm_uwv42_date_deadline)
        self.assertLess(case.erm_uwv42_date_deadline, self.today)
        text = self.pdf_text("erm_verzuim.action_report_erm_uwv42", case, self.user_hr)
        for expected in (
            "Ziekmelding aan UWV na 42 weken verzuim",
            "Werknemer Jan Jansen",
            f"Eerste ziektedag {self.nl(self.start)}",
            "Arbeidsongeschikt nu 50 %",
            "Verwachte duur Langer dan zes weken",
            "Vangnet Ziektewet Ja",
            f"Indienen uiterlijk {self.nl(case.erm_uwv42_date_deadline)}",
        ):
            self.assertIn(expected, text)
        self.assert_clean(text)

    def test_missing_items(self):
        case = self.case.with_user(self.user_hr).with_context(lang="en_US")
        missing = case._erm_riv_missing_items()
        self.assertIn(
            "Adjustment 1 of the plan of action: the employee has not signed his view.",
            missing)
        self.assertIn(
            "42nd-week report to UWV: not done "
            f"(due {format_date(case.env, case.erm_uwv42_date_deadline)}).", missing)
        self.assertFalse([item for item in missing if item.startswith("Plan of action:")])

    def test_filing_the_42nd_week_notification(self):
        case = self.case
        milestone = case.milestone_ids.filtered(lambda m: m.code == "uwv_42")
        # only the process guardian records it
        with self.assertRaises(AccessError):
            case.with_user(self.user_manager).write({"erm_uwv42_date_filed": self.today})
        with self.assertRaises(ValidationError):
            case.with_user(self.user_hr).write(
                {"erm_uwv42_date_filed": self.today + timedelta(days=1)})
        as_hr = case.with_user(self.user_hr).with_context(lang="nl_NL")
        as_hr.write({"erm_uwv42_date_filed": self.today})
        self.assertEqual(milestone.date_done, self.today)
        self.assertEqual(milestone.state, "done")
        self.assertEqual(case.erm_uwv42_date_filed, self.today)
        message = case.message_ids[0]
        self.assertIn(f"ingediend op {self.nl(self.today)}", message.body)
        self.assertEqual(message.author_id, self.user_hr.partner_id)
        text = self.pdf_text("erm_verzuim.action_report_erm_uwv42", case, self.user_hr)
        self.assertIn(f"Ingediend op {self.nl(self.today)}", text)
        # a case without the step has nothing to file
        fresh = self.make_case(self.colleague, start=self.today - timedelta(days=10),
                               recovered=self.today - timedelta(days=5))
        with self.assertRaises(UserError):
            fresh.write({"erm_uwv42_date_filed": self.today})
