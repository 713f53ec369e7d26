# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A UWV file for the documents' tests: a model III case (the manager directs, HR guards the
process) in week 43, with the company doctor's problem analysis, a plan of action signed by
the employee, an adjustment he has not signed, one evaluation, an intervention and care
contacts. Dates count back from today: the PDFs are rendered for real (wkhtmltopdf in an
HttpCase, whose clock is not frozen)."""

import re
import subprocess
from datetime import timedelta

from odoo import fields

from .vocabulary import FORBIDDEN

DATE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")
DUTCH_DATE = re.compile(r"^\d{2}-\d{2}-\d{4}$")


class UwvFileCommon:
    """Mixed into a class based on ErmTestCommon."""

    @classmethod
    def make_uwv_file(cls):
        env = cls.env
        env["res.lang"]._activate_lang("nl_NL")
        cls.today = fields.Date.context_today(env.user.with_context(tz="Europe/Amsterdam"))
        cls.start = start = cls.today - timedelta(days=300)
        cls.company.write({
            "street": "Rijnsburgerweg 10", "zip": "2334 BA", "city": "Leiden",
            "erm_doctor_user_ids": [(4, cls.user_doctor.id)],
        })
        env["erm.model.policy"].create({
            "company_id": cls.company.id, "erm_model": "III",
            "date_from": start - timedelta(days=30),
            "hr_user_ids": [(6, 0, cls.user_hr.ids)],
        })
        cls.case = case = cls.make_case(start=start, vangnet=True, expected_duration="long")
        assert case.procesbewaker_user_id == cls.user_hr
        cls.advice = env["erm.ba.advice"].with_user(cls.user_doctor).create({
            "case_id": case.id, "advice_type": "probleemanalyse",
            "date_advice": start + timedelta(days=35),
            "fml_dynamic": "limited", "fml_hours": "limited",
            "hours_per_day": 4, "hours_per_week": 20, "expected_duration": "long",
            "incapacity_pct": 50, "incapacity_date_from": start + timedelta(days=35),
            "possibilities": "Licht administratief werk, zittend, met pauzes.",
            "adjustments": "Een werkplek op de begane grond.",
            "intervention_advice": "Coaching bij de terugkeer in het werk.",
        })
        cls.advice.with_user(cls.user_doctor).action_issue()
        Plan = env["erm.reintegration.plan"].with_user(cls.user_manager)

        def plan(kind, day, agreements, employer, employee, sign=True):
            record = Plan.create({
                "case_id": case.id, "kind": kind, "casemanager_id": cls.user_coach.id,
                "goal": "own_work", "agreements": agreements, "view_employer": employer,
                "date_done": start + timedelta(days=day),
            })
            as_employee = record.with_user(cls.user_employee)
            as_employee.write({"view_employee": employee})
            if sign:
                as_employee.action_sign_employee_view()
            record.action_done()
            return record

        cls.plan = plan("plan_van_aanpak", 50, "Drie ochtenden per week eigen werk.",
                        "Haalbaar met aangepaste diensten.", "Ik begin met drie ochtenden.")
        cls.adjustment = plan("plan_van_aanpak", 80, "Vier ochtenden per week eigen werk.",
                              "De opbouw gaat goed.", "Ik wil rustig verder opbouwen.",
                              sign=False)
        cls.evaluation = plan("evaluatie", 92, "Opbouw naar vijf ochtenden.",
                              "Afspraken nagekomen.", "Het gaat beter met het werk.")
        provider = env["erm.provider"].create({"name": "Coachpraktijk Rijn", "kind": "other"})
        service = env["erm.provider.service"].create({
            "provider_id": provider.id, "name": "Loopbaancoaching", "price": 900.0,
        })
        cls.intervention = env["erm.intervention"].create({
            "case_id": case.id, "service_id": service.id, "advised_by": "ba",
            "ba_advice_id": cls.advice.id, "cost": 900.0,
            "date_start": start + timedelta(days=60), "date_end": start + timedelta(days=120),
        })
        cls.intervention.write({"state": "done", "outcome": "capacity_up"})
        env["erm.care.contact"].create([
            {"case_id": case.id, "date": start + timedelta(days=days), "kind": "phone",
             "user_id": cls.user_manager.id, "note": "Even bijgepraat over het werk."}
            for days in (3, 10)
        ])
        case.invalidate_recordset()

    # ------------------------------------------------------------------ reading a PDF
    def pdf_text(self, report, records, user, **context):
        """The text of `report` printed by `user` in Dutch, as pdftotext reads the PDF."""
        Report = self.env["ir.actions.report"].with_user(user).with_context(
            lang="nl_NL", force_report_rendering=True, **context)
        pdf, kind = Report._render_qweb_pdf(report, records.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf,
                              capture_output=True, check=True).stdout.decode()
        text = " ".join(text.split())
        self.assertTrue(text, "pdftotext reads no text: the PDF's words are outlines")
        return text

    def assert_clean(self, text):
        """Dutch dates only, and no medical vocabulary."""
        dates = DATE.findall(text)
        self.assertTrue(dates)
        self.assertEqual([d for d in dates if not DUTCH_DATE.match(d)], [], text)
        self.assertEqual(FORBIDDEN.findall(text), [], text)

    @staticmethod
    def nl(day):
        return day.strftime("%d-%m-%Y")
