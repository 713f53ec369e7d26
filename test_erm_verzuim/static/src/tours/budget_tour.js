/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// The budget administrator opens the claims waiting for his decision, approves one and
// rejects another with the reason the employee reads. Data and checks:
// tests/test_tour_budget.py.

import { registry } from "@web/core/registry";
import { guideShot } from "./tour_steps";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const APPROVED = "Jan Jansen";
const REJECTED = "Fatima El Amrani";
const REASON = "Deze cursus staat niet in de catalogus van de organisatie.";

registry.category("web_tour.tours").add("erm_budget", {
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Inzetbaarheidsbudget app",
            trigger: ".o_app[data-menu-xmlid='erm_verzuim.menu_erm_budget_root']",
            run: "click",
        },
        {
            content: "The claims to decide, with their provider",
            trigger: `.o_list_view .o_data_row:contains(${APPROVED}):contains(Loopbaanpraktijk Rijnland)`,
        },
        guideShot("budgetbeheerder-aanvragen"),
        {
            content: `Open the claim of ${APPROVED}`,
            trigger: `.o_list_view .o_data_row:contains(${APPROVED}) td[name=employee_id]`,
            run: "click",
        },
        {
            content: "Approve it",
            trigger: ".o_form_view .o_statusbar_buttons button:contains(Goedkeuren)",
            run: "click",
        },
        {
            content: "It is approved",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(Goedgekeurd)",
        },
        {
            content: "Back to the claims",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Declaraties)",
            run: "click",
        },
        {
            content: `Open the claim of ${REJECTED}`,
            trigger: `.o_list_view .o_data_row:contains(${REJECTED}) td[name=employee_id]`,
            run: "click",
        },
        {
            content: "Write the reason the employee reads",
            trigger: ".o_form_view .o_field_widget[name=reject_reason] textarea",
            run: `edit ${REASON}`,
        },
        {
            content: "Reject it",
            trigger: ".o_form_view .o_statusbar_buttons button:contains(Afwijzen)",
            run: "click",
        },
        {
            content: "It is rejected, with the reason",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(Afgewezen)",
        },
        {
            content: "The reason stays on the claim",
            trigger: `.o_form_view .o_field_widget[name=reject_reason]:contains(${REASON})`,
        },
    ],
});
