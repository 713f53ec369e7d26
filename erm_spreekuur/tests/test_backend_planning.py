# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Planning in the backend, as the roles of domain.md §6: the time field of the case's
*Plan consultation* form and of *Spreekuur > Book* offers the free slots (a Many2one picks
by name_search), and *Spreekuur > Free slots* opens for every Verzuim user."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .booking_common import SpreekuurBookingCommon


@tagged("post_install", "-at_install")
class TestBackendPlanning(SpreekuurBookingCommon):
    def picker(self, user, domain):
        """The ids the Many2one's drop-down offers to `user` (what the web client asks)."""
        return [slot_id for slot_id, _name in
                self.env["erm.spreekuur.slot"].with_user(user).name_search("", domain)]

    def test_time_picker_offers_free_slots(self):
        """The plan form's and the book wizard's time field list the free slots, with a
        readable name; typing part of the time narrows nothing away wrongly."""
        slots = self.session.slot_ids.sorted("start")
        domain = [("professional_id", "=", self.doctor.id), ("state", "=", "free"),
                  ("kind", "in", ("case", "both")), ("session_id.state", "=", "open")]
        for user in (self.user_manager, self.user_hr, self.user_employee):
            with self.subTest(user=user.login):
                self.assertEqual(self.picker(user, domain), slots.ids)
        # the book wizard's domain: the free slots it computed
        wizard = self.env["erm.spreekuur.book.wizard"].with_user(self.user_employee).new({
            "professional_id": self.doctor.id,
        })
        self.assertEqual(set(wizard.available_slot_ids.ids), set(slots.ids))
        self.assertEqual(
            self.picker(self.user_employee, [("id", "in", wizard.available_slot_ids.ids)]),
            slots.ids)
        self.assertRegex(slots[0].display_name, r"^\d\d-\d\d-\d{4} \d\d:\d\d-\d\d:\d\d$")

    def test_plan_from_case_as_each_planner(self):
        """The regievoerder (here the manager, model I) and HR plan from the case: the
        button shows, the form saves; whoever may not plan has no button."""
        slots = self.session.slot_ids.sorted("start")
        for user, slot, purpose in ((self.user_manager, slots[0], "probleemanalyse"),
                                    (self.user_hr, slots[1], "werkhervatting")):
            with self.subTest(user=user.login):
                case = self.case.with_user(user)
                self.assertTrue(case.spreekuur_can_plan)
                action = case.action_plan_spreekuur()
                self.assertEqual(action["context"]["default_plan_professional_id"], self.doctor.id)
                # the context of the web client's save: the action's, and the button's record
                context = dict(action["context"], active_model="erm.absence.case",
                               active_id=self.case.id, active_ids=self.case.ids)
                booking = self.Booking.with_user(user).with_context(**context).create(
                    {"slot_id": slot.id, "purpose": purpose})
                self.assertEqual((booking.case_id, booking.state), (self.case, "booked"))
                # the private event is not linked to the case (nor has it an activity)
                event = booking.calendar_event_id.sudo()
                self.assertEqual((event.res_model, event.res_id, event.activity_ids),
                                 (False, 0, event.activity_ids.browse()))
        for user in (self.user_employee, self.user_doctor):
            with self.subTest(user=user.login):
                self.assertFalse(self.case.with_user(user).spreekuur_can_plan)

    def test_free_slots_menu_for_every_role(self):
        """Spreekuur > Free slots opens for every Verzuim user, read only: no write access
        to the slots is needed to look at them."""
        action = self.env.ref("erm_spreekuur.erm_spreekuur_slot_free_server_action")
        Slot = self.env["erm.spreekuur.slot"]
        for user in (self.user_employee, self.user_manager, self.user_coach,
                     self.user_doctor, self.user_hr):
            with self.subTest(user=user.login):
                result = action.with_user(user).run()
                self.assertEqual(result["res_model"], "erm.spreekuur.slot")
                self.assertEqual(Slot.with_user(user).search(result["domain"]),
                                 self.session.slot_ids.sorted("start"))
        for user in (self.user_employee, self.user_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.session.slot_ids[:1].with_user(user).write({"state": "blocked"})
