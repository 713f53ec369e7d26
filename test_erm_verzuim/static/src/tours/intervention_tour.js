/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// The manager proposes an intervention above his approval limit through Dossiers >
// Interventies > Nieuw (the case field offers his case); HR finds it under "Wacht op mijn
// goedkeuring" and approves it. Data and checks: tests/test_tour_intervention.py.

import { registry } from "@web/core/registry";
import { guideShot, openMenu } from "./tour_steps";

const SERVICE = "Kortdurende begeleiding";

function openInterventions() {
    return [
        ...openMenu("Dossiers", "Interventies"),
    ];
}

registry.category("web_tour.tours").add("erm_intervention_propose", {
    steps: () => [
        ...openInterventions(),
        {
            content: "New intervention",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Look for the case of Jan Jansen",
            trigger: ".o_field_widget[name=case_id] input",
            run: "edit Jan Jansen",
        },
        {
            content: "His case is offered",
            trigger: ".o-autocomplete--dropdown-item:not(.o_m2o_dropdown_option):first",
            run: "click",
        },
        {
            content: "Choose the service",
            trigger: ".o_field_widget[name=service_id] input",
            run: `edit ${SERVICE}`,
        },
        {
            content: "Pick it from the provider network",
            trigger: `.o-autocomplete--dropdown-item:contains(${SERVICE})`,
            run: "click",
        },
        {
            content: "Its cost, above the manager's limit",
            trigger: ".o_field_widget[name=cost] input",
            run: "edit 5000",
        },
        guideShot("leidinggevende-interventie"),
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "It waits for HR's approval",
            trigger: ".o_form_view .alert-info:contains(Wacht op de goedkeuring van):contains(Erm Hr)",
        },
        {
            content: "... and he cannot approve it himself",
            trigger: ".o_form_view:not(:has(button[name=action_approve]))",
        },
    ],
});

registry.category("web_tour.tours").add("erm_intervention_approve", {
    steps: () => [
        ...openInterventions(),
        {
            content: "Filter: awaiting my approval",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Wacht op mijn goedkeuring",
            trigger: ".o_filter_menu .o_menu_item:contains(Wacht op mijn goedkeuring)",
            run: "click",
        },
        {
            content: "Open the proposal",
            trigger: `.o_list_view .o_data_row:contains(${SERVICE}):contains(Voorgesteld) td.o_data_cell`,
            run: "click",
        },
        guideShot("hr-interventie-goedkeuren"),
        {
            content: "Approve",
            trigger: ".o_form_view button[name=action_approve]",
            run: "click",
        },
        {
            content: "Approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Goedgekeurd)",
        },
        {
            content: "Nobody is awaited any more",
            trigger: ".o_form_view:not(:has(.alert-info:contains(Wacht op de goedkeuring van)))",
        },
    ],
});
