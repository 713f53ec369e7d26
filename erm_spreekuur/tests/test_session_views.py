# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Views, actions and menus of sessions, slots, locations and professionals: they load for
who uses them, in Dutch."""

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .session_common import SpreekuurSessionCommon

VIEWS = {
    "erm.spreekuur.session": ["calendar", "list", "form", "search"],
    "erm.spreekuur.slot": ["calendar", "list", "form", "search"],
    "erm.spreekuur.location": ["list", "form", "search"],
    "erm.spreekuur.professional": ["list", "form", "search"],
}


@tagged("post_install", "-at_install")
class TestSessionViews(SpreekuurSessionCommon):
    def test_views_load_for_every_verzuim_user(self):
        for user in (self.user_employee, self.user_hr, self.user_doctor, self.user_admin):
            for model, types in VIEWS.items():
                with self.subTest(user=user.login, model=model):
                    views = self.env[model].with_user(user).get_views(
                        [(False, view_type) for view_type in types]
                    )
                    self.assertEqual(set(views["views"]), set(types))

    def test_calendars_per_professional_and_per_location(self):
        for xmlid, color in (
            ("erm_spreekuur.erm_spreekuur_session_action", "professional_id"),
            ("erm_spreekuur.erm_spreekuur_session_location_action", "location_id"),
        ):
            action = self.env.ref(xmlid)
            self.assertEqual(action.view_mode.split(",")[0], "calendar")
            self.assertIn(f'color="{color}"', action.view_id.arch)

    def test_menus(self):
        hr_menus = self.env["ir.ui.menu"].with_user(self.user_hr)._visible_menu_ids()
        employee_menus = self.env["ir.ui.menu"].with_user(
            self.user_employee
        )._visible_menu_ids()
        for xmlid in ("erm_spreekuur_session_professional_menu",
                      "erm_spreekuur_session_location_menu", "erm_spreekuur_slot_free_menu"):
            menu = self.env.ref(f"erm_spreekuur.{xmlid}")
            self.assertIn(menu.id, employee_menus, xmlid)
            self.assertIn(menu.id, hr_menus, xmlid)
        for xmlid in ("erm_spreekuur_location_menu", "erm_spreekuur_professional_menu"):
            menu = self.env.ref(f"erm_spreekuur.{xmlid}")
            self.assertIn(menu.id, hr_menus, xmlid)
            self.assertNotIn(menu.id, employee_menus, xmlid)

    def test_dutch(self):
        if not self.env["res.lang"]._lang_get("nl_NL"):
            self.skipTest("Dutch is not loaded")
        nl = self.env(context={"lang": "nl_NL"})
        self.assertEqual(nl.ref("erm_spreekuur.erm_spreekuur_session_menu").name, "Spreekuren")
        self.assertEqual(nl.ref("erm_spreekuur.erm_spreekuur_slot_free_menu").name,
                         "Vrije tijdsloten")
        recurrences = dict(
            nl["erm.spreekuur.session"]._fields["recurrence"]._description_selection(nl)
        )
        self.assertEqual(recurrences["biweekly"], "Om de week")
        session = self.make_session()
        with self.assertRaises(ValidationError) as caught:
            session.with_context(lang="nl_NL").write({"slot_minutes": 0})
        self.assertIn("slotduur", str(caught.exception))
