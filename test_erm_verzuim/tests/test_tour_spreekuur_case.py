# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tour: a consultation for an absence case, in the browser (spreekuur_case_tour.js).

Model III: the manager directs the case, HR is its process guardian. HR plans a consultation
from the case by choosing a free time of the company doctor; the doctor finds it under
Spreekuur > Vandaag, records the attendance and issues his advice (work terms only); the
manager reads the advice on the case, and nothing more of the doctor's."""

from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .tour_common import ErmTourCase


@tagged("post_install", "-at_install", "erm_tour")
class ErmTourSpreekuurCase(ErmTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        location, cls.professional = cls.make_doctor_at_the_office()
        cls.company.erm_doctor_user_ids = cls.user_doctor
        cls.env["erm.model.policy"].create({
            "company_id": cls.company.id, "erm_model": "III", "date_from": date(2026, 1, 1),
            "hr_user_ids": [(6, 0, cls.user_hr.ids)],
        })
        # Today's session, from a few minutes ahead: the first slot can still be booked
        # when the tour chooses it, and the doctor finds it under Vandaag the same day (the
        # browser's today, in its UTC clock: only a run in the last minutes before midnight
        # would find tomorrow's slot).
        start = datetime.now().replace(second=0, microsecond=0) + timedelta(minutes=5)
        cls.consultation_hours = cls.env["erm.spreekuur.session"].create({
            "professional_id": cls.professional.id, "location_id": location.id,
            "company_id": cls.company.id, "start": start, "stop": start + timedelta(hours=1),
            "slot_minutes": 15, "kind": "case",
        })
        cls.consultation_hours.action_open()
        cls.case = cls.make_case(start=date.today() - timedelta(days=14))

    def test_plan_attend_advise(self):
        case = self.case
        self.assertEqual((case.regievoerder_user_id, case.procesbewaker_user_id),
                         (self.user_manager, self.user_hr))
        first_slot = self.consultation_hours.slot_ids.sorted("start")[:1]

        # HR, the process guardian, plans it from the case
        self.run_tour("erm_spreekuur_case_plan", self.user_hr,
                      url=f"/odoo/erm.absence.case/{case.id}")
        booking = case.spreekuur_booking_ids
        self.assertEqual(len(booking), 1)
        self.assertEqual(
            (booking.slot_id, booking.kind, booking.purpose, booking.state, booking.create_uid),
            (first_slot, "case", "probleemanalyse", "booked", self.user_hr),
        )
        self.assertEqual(first_slot.state, "booked")

        # the doctor: Vandaag, attended, his advice of the problem analysis, issued
        self.run_tour("erm_spreekuur_case_doctor", self.user_doctor)
        self.assertEqual(booking.state, "attended")
        advice = case.ba_advice_ids
        self.assertEqual(len(advice), 1)
        self.assertEqual(
            (advice.advice_type, advice.state, advice.doctor_user_id, advice.hours_per_day),
            ("probleemanalyse", "issued", self.user_doctor, 4.0),
        )
        self.assertIn("vier uur per dag", advice.possibilities)

        # the manager reads it on the case
        self.run_tour("erm_spreekuur_case_manager", self.user_manager,
                      url=f"/odoo/erm.absence.case/{case.id}")
        # ... and nothing more: not a draft of the doctor, not to change
        draft = self.env["erm.ba.advice"].with_user(self.user_doctor).create({
            "case_id": case.id, "advice_type": "update",
            "possibilities": "Nog niet uitgebracht.",
        })
        Advice = self.env["erm.ba.advice"].with_user(self.user_manager)
        self.assertEqual(Advice.search([("case_id", "=", case.id)]), advice)
        self.assertEqual(
            advice.with_user(self.user_manager).read(["possibilities", "state"])[0]["state"],
            "issued")
        with self.assertRaises(AccessError):
            draft.with_user(self.user_manager).read(["possibilities"])
        with self.assertRaises(AccessError):
            advice.with_user(self.user_manager).check_access("write")
        # the consultation itself he may read (his team's case), not mark or change
        self.assertEqual(booking.with_user(self.user_manager).state, "attended")
        self.assertFalse(booking.with_user(self.user_manager).is_professional)
