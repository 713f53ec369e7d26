/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// HR runs "Welk model kiest u?" and applies model IV to the department Zorg as a pilot of
// half a year, with the absence coach; the new policy opens. Data and checks:
// tests/test_tour_model_choice.py.

import { registry } from "@web/core/registry";
import { guideShot, openMenu } from "./tour_steps";

const { DateTime } = luxon;

registry.category("web_tour.tours").add("erm_model_choice", {
    steps: () => [
        ...openMenu("Organisatie", "Welk model kiest u?"),
        {
            content: "The wizard recommends a model, with its reasons",
            trigger: ".modal .alert-info:contains(Aanbevolen) li",
        },
        {
            content: "HR may apply it: the button is there",
            trigger: ".modal footer button[name=action_to_confirm]",
        },
        guideShot("hr-modelkeuze"),
        {
            content: "Apply model IV",
            trigger: ".modal .o_field_widget[name=chosen_model] select",
            run: "selectByLabel Model IV - de verzuimcoach doet alles",
        },
        {
            content: "To one department, as a pilot",
            trigger: ".modal .o_field_widget[name=scope] label:contains(Eén afdeling)",
            run: "click",
        },
        {
            content: "The department",
            trigger: ".modal .o_field_widget[name=department_id] input",
            run: "edit Zorg",
        },
        {
            content: "Zorg",
            trigger: ".o-autocomplete--dropdown-item:contains(Zorg)",
            run: "click",
        },
        {
            content: "The pilot's last day, half a year ahead",
            trigger: ".modal .o_field_widget[name=date_to] input",
            run: `edit ${DateTime.now().plus({ months: 6 }).toFormat("dd-MM-yyyy")}`,
        },
        {
            content: "The absence coach runs the cases",
            trigger: ".modal .o_field_widget[name=coach_user_ids] input",
            run: "edit Erm Coach",
        },
        {
            content: "Erm Coach",
            trigger: ".o-autocomplete--dropdown-item:contains(Erm Coach)",
            run: "click",
        },
        {
            content: "The coach is chosen",
            trigger: ".modal .o_field_widget[name=coach_user_ids] .o_tag:contains(Erm Coach)",
        },
        {
            content: "Apply...",
            trigger: ".modal footer button[name=action_to_confirm]",
            run: "click",
        },
        {
            content: "The confirmation says what will change",
            trigger: ".modal .alert-warning:contains(Zorg):contains(pilot)",
        },
        {
            content: "Confirm",
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The new policy opens",
            trigger: ".o_action_manager .o_form_view h1:contains(Model IV):contains(Zorg)",
        },
    ],
});
