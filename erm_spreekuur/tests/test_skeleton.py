# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSpreekuurSkeleton(TransactionCase):
    def test_open_session_generates_slots(self):
        partner = self.env["res.partner"].create({"name": "Hoofdlocatie"})
        location = self.env["erm.spreekuur.location"].create(
            {"name": "Kamer 1", "partner_id": partner.id}
        )
        professional = self.env["erm.spreekuur.professional"].create(
            {"name": "Dr. Jansen", "partner_id": partner.id, "location_ids": [(4, location.id)]}
        )
        self.env.company.partner_id.tz = "Europe/Amsterdam"
        session = self.env["erm.spreekuur.session"].create({
            "professional_id": professional.id,
            "location_id": location.id,
            # 9:00-12:00 in Amsterdam, winter time (UTC+1)
            "start": datetime(2030, 1, 8, 8, 0),
            "stop": datetime(2030, 1, 8, 11, 0),
            "slot_minutes": 30,
        })
        session.action_open()
        self.assertEqual(session.state, "open")
        self.assertEqual(len(session.slot_ids), 6)
        self.assertEqual(session.slot_ids[0].start, datetime(2030, 1, 8, 8, 0))
        self.assertEqual(session.slot_ids[-1].stop, datetime(2030, 1, 8, 11, 0))
        self.assertEqual(set(session.slot_ids.mapped("state")), {"free"})
