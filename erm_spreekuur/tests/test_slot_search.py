# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""search_free_slots: what is offered, and one query whatever the size."""

from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .session_common import SpreekuurSessionCommon


@tagged("post_install", "-at_install")
class TestFreeSlotSearch(SpreekuurSessionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.s_doctor = cls.make_session()  # Tuesday 2030-01-08, case
        cls.s_expert = cls.make_session(
            professional=cls.expert, location=cls.room_2, kind="open"
        )
        cls.s_later = cls.make_session(
            datetime(2030, 1, 15, 8, 0), datetime(2030, 1, 15, 11, 0), kind="both",
            recurrence="weekly", recurrence_count=2,
        )
        cls.s_later.action_open_series()
        cls.s_draft = cls.make_session(
            datetime(2030, 2, 5, 8, 0), datetime(2030, 2, 5, 11, 0), open_it=False
        )

    def test_what_is_offered(self):
        free = self.Slot.search_free_slots()
        self.assertEqual(len(free), 6 * 4)
        self.assertEqual(free, free.sorted(lambda s: (s.start, s.id)))
        self.book(self.s_doctor.slot_ids[0])
        self.s_doctor.slot_ids[1].action_block()
        self.assertEqual(len(self.Slot.search_free_slots()), 6 * 4 - 2)
        self.assertFalse(set(self.Slot.search_free_slots().mapped("state")) - {"free"})

    def test_filters(self):
        Slot = self.Slot
        self.assertEqual(len(Slot.search_free_slots(self.expert.ids)), 6)
        self.assertEqual(len(Slot.search_free_slots(self.expert.id)), 6)
        self.assertEqual(len(Slot.search_free_slots(self.expert)), 6)
        self.assertEqual(len(Slot.search_free_slots([])), 0)
        self.assertEqual(len(Slot.search_free_slots(kind="case")), 6 + 12)
        self.assertEqual(len(Slot.search_free_slots(kind="open")), 6 + 12)
        self.assertEqual(len(Slot.search_free_slots(kind="preventive")), 6 + 12)
        self.assertEqual(
            len(Slot.search_free_slots(date_from="2030-01-10", date_to=datetime(2030, 1, 16))),
            6,
        )
        self.assertEqual(len(Slot.search_free_slots(limit=5)), 5)

    def test_not_in_the_past(self):
        with freeze_time("2030-01-08 09:10:00"):
            free = self.Slot.search_free_slots(self.doctor.ids, date_from="2029-01-01")
        # 9:00 local (8:00 UTC) to 10:10 local gone: 10:30, 11:00, 11:30 left that day
        self.assertEqual(len(free.filtered(lambda s: s.session_id == self.s_doctor)), 3)

    def test_cancelled_session_offers_nothing(self):
        self.s_later.action_cancel()
        self.assertNotIn(self.s_later, self.Slot.search_free_slots().session_id)

    def test_one_query_whatever_the_size(self):
        Slot = self.Slot.with_user(self.user_hr)
        Slot.search_free_slots(self.doctor.ids)  # warm the rule and access caches
        for professionals in (self.doctor.ids, (self.doctor | self.expert).ids, None):
            with self.assertQueryCount(1):
                Slot.search_free_slots(professionals, "2030-01-01", "2030-04-01")

    def test_uses_the_partial_index(self):
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'erm_spreekuur_slot_free_idx'"
        )
        definition = self.env.cr.fetchone()[0]
        self.assertIn("WHERE ((state)::text = 'free'::text)", definition)
        self.assertIn("INCLUDE (company_id, kind)", definition)

    def test_free_slot_action(self):
        action = self.env.ref("erm_spreekuur.erm_spreekuur_slot_free_server_action").run()
        self.assertEqual(action["res_model"], "erm.spreekuur.slot")
        self.assertEqual(len(self.Slot.search(action["domain"])), 24)
        self.assertEqual(
            self.s_doctor.action_view_free_slots()["domain"][-1],
            ("session_id", "in", self.s_doctor.ids),
        )
