/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// Each role opens the Verzuim app and lands on its own work: the case roles on their cases,
// the company doctor on his advice, the board on the dashboard; with nothing to show, a
// Dutch empty state instead of Odoo's faded sample cards. Data: tests/test_tour_start_screen.py.

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import { guideShot } from "./tour_steps";

const OPEN_APP = {
    content: "Open Verzuim",
    trigger: ".o_app[data-menu-xmlid='erm_verzuim.menu_erm_root']",
    run: "click",
};
const NO_SAMPLES = {
    content: "No sample data, no error",
    trigger: "body:not(:has(.o_view_sample_data)):not(:has(.o_error_dialog))",
};

function startTour(name, ...steps) {
    registry.category("web_tour.tours").add(name, {
        steps: () => [stepUtils.showAppsMenuItem(), OPEN_APP, ...steps, NO_SAMPLES],
    });
}

const CASE_CARD = {
    content: "The case of Jan Jansen on the kanban",
    trigger: ".o_kanban_view .o_kanban_record:contains(Jan Jansen)",
};

startTour("erm_start_manager", CASE_CARD, guideShot("leidinggevende-start"));
startTour("erm_start_hr", CASE_CARD, guideShot("hr-start"));
startTour("erm_start_coach", CASE_CARD, guideShot("coach-start"));
startTour("erm_start_employee", {
    content: "His own case",
    trigger: ".o_kanban_view .o_kanban_record:contains(Jan Jansen)",
}, guideShot("medewerker-start"));
startTour("erm_start_doctor", {
    content: "His advice to finish",
    trigger: ".o_list_view .o_data_row:contains(Jan Jansen):contains(Concept)",
}, guideShot("bedrijfsarts-start"));
startTour("erm_start_board", {
    content: "The dashboard",
    trigger: ".o_erm_dashboard",
}, guideShot("directie-start"));
startTour("erm_start_empty", {
    content: "A manager without absent employees reads what to do first",
    trigger: ".o_kanban_view .o_view_nocontent:contains(Niemand in uw team verzuimt):contains(Ziekmelden)",
});
