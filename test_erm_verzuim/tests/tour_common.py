# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Base class of the browser tours: the roles of ErmTestCommon as Dutch users in Amsterdam.

A tour (test_erm_verzuim/static/src/tours/<journey>_tour.js) clicks like the role's user
would, in Dutch; the test makes its data and checks the outcome in the database afterwards.
"""
import os
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

from odoo.addons.erm_verzuim.tests.common import ErmTestCommon


@tagged("post_install", "-at_install", "erm_tour")
class ErmTourCase(ErmTestCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Tours run in the browser, which reads with the user's own environment: the
        # tracking_disable of the set-up does not reach it, so the chatter is as in production.
        cls.env["res.lang"]._activate_lang("nl_NL")
        cls.role_users = (
            cls.user_employee | cls.user_manager | cls.user_hr | cls.user_coach
            | cls.user_doctor | cls.user_board | cls.user_admin
        )
        cls.role_users.write({"lang": "nl_NL", "tz": "Europe/Amsterdam"})
        cls.env.ref("base.user_admin").write({"lang": "nl_NL", "tz": "Europe/Amsterdam"})
        # a Dutch organisation pays in euro
        euro = cls.env.ref("base.EUR")
        euro.active = True
        (cls.company | cls.company_2).currency_id = euro

    @classmethod
    def make_doctor_at_the_office(cls):
        """The company doctor Lucas de Wit with a consultation room at the company's address
        in Leiden, for the spreekuur journeys; returns (room, professional)."""
        cls.company.partner_id.write({"tz": "Europe/Amsterdam", "street": "Hoofdstraat 1",
                                      "zip": "2311 AB", "city": "Leiden"})
        room = cls.env["erm.spreekuur.location"].create({
            "name": "Spreekkamer 1", "partner_id": cls.company.partner_id.id,
            "company_id": cls.company.id,
        })
        cls.user_doctor.name = "Lucas de Wit"
        professional = cls.env["erm.spreekuur.professional"].create({
            "name": "Lucas de Wit", "kind": "bedrijfsarts", "user_id": cls.user_doctor.id,
            "partner_id": cls.user_doctor.partner_id.id, "company_id": cls.company.id,
            "location_ids": [(6, 0, room.ids)],
        })
        return room, professional

    def run_tour(self, tour, user, url="/odoo"):
        """Runs the tour as that user (login = password, as new_test_user sets it)."""
        self.start_tour(url, tour, login=user.login, timeout=180)

    def browser_js(self, *args, **kwargs):
        """With ERM_TOUR_SHOTS=1 in the environment (`bin/erm guide-shots`), a tour also
        leaves screenshots: one of the screen it ends on (`last_step_<test>_...png`) and one at
        each `guideShot(name)` step of its journey (`guide_<name>__...png`), beside the failure
        screenshots in .erm/log/<db>/screenshots/: the pictures of the role guides in docs/."""
        if not os.environ.get("ERM_TOUR_SHOTS"):
            return super().browser_js(*args, **kwargs)
        stop = ChromeBrowser.stop
        handle_console = ChromeBrowser._handle_console
        prefix = f"last_step_{self._testMethodName}_"

        def screenshot_then_stop(browser):
            try:
                browser.take_screenshot(prefix=prefix).result(timeout=10)
            except Exception:  # noqa: BLE001 - a missing picture never fails the journey
                browser._logger.warning("no last-step screenshot for %s", prefix)
            stop(browser)

        def screenshot_on_request(browser, type, args=None, **kw):  # noqa: A002 - CDP's name
            # guideShot() logs "erm-shot:<name>" and waits a moment for the picture
            if type == "log" and args and str(args[0].get("value", "")).startswith("erm-shot:"):
                # Odoo's file names take word characters only: "hr-start" -> guide_hr_start__
                name = args[0]["value"].split(":", 1)[1].replace("-", "_")
                browser.take_screenshot(prefix=f"guide_{name}__")
            return handle_console(browser, type, args=args, **kw)

        kwargs["cookies"] = dict(kwargs.get("cookies") or {}, erm_tour_shots="1")
        with patch.object(ChromeBrowser, "stop", screenshot_then_stop), \
                patch.object(ChromeBrowser, "_handle_console", screenshot_on_request):
            return super().browser_js(*args, **kwargs)
