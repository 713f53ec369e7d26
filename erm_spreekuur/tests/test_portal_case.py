# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The employee's own case page in the portal (/my/verzuim/case/<id>, erm_verzuim) lists
the consultations of that case; the prevention page links to the consultation hours."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .employee_side_common import SpreekuurEmployeeSideMixin


@tagged("post_install", "-at_install")
class TestSpreekuurPortalCase(SpreekuurEmployeeSideMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_spreekuur()
        cls.portal_user = cls._portal_user("portaal_dossier")
        cls.employee = cls._employee("Pim Portaal", cls.portal_user)
        cls.other_employee = cls._employee("Anna Ander")
        start = fields.Date.today() - timedelta(days=20)
        Case = cls.env["erm.absence.case"]
        cls.case = Case.create({"employee_id": cls.employee.id, "date_start": start})
        cls.other_case = Case.create({"employee_id": cls.other_employee.id,
                                      "date_start": start})
        session = cls._open_session(cls.spreekuur_session.start + timedelta(days=1), "case")
        slots = session.slot_ids.sorted("start")
        Booking = cls.env["erm.spreekuur.booking"]
        cls.booking, cls.other_booking = Booking.create([
            {"slot_id": slots[index].id, "employee_id": case.employee_id.id,
             "case_id": case.id, "kind": "case", "purpose": "probleemanalyse",
             "company_id": cls.company.id}
            for index, case in enumerate((cls.case, cls.other_case))
        ])

    def test_case_page_lists_my_consultations(self):
        self.authenticate(self.portal_user.login, self.portal_user.login + "-pw1")
        page = self.url_open(f"/my/verzuim/case/{self.case.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f'data-booking-id="{self.booking.id}"', page.text)
        self.assertNotIn(f'data-booking-id="{self.other_booking.id}"', page.text)
        self.assertNotIn("Anna Ander", page.text)
        self.assertIn(self.professional.name, page.text)
        self.assertEqual(self.url_open(f"/my/verzuim/case/{self.other_case.id}").status_code,
                         404)
        # read only, his own only
        Booking = self.env["erm.spreekuur.booking"].with_user(self.portal_user)
        self.assertEqual(Booking.search([("kind", "=", "case")]), self.booking)
        self.assertFalse(self.booking.with_user(self.portal_user).has_access("write"))

    def test_prevention_links_to_consultation_hours(self):
        self.authenticate(self.portal_user.login, self.portal_user.login + "-pw1")
        page = self.url_open("/my/verzuim/prevention")
        self.assertEqual(page.status_code, 200)
        self.assertIn('href="/my/spreekuur"', page.text)
