/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// A consultation for an absence case: the process guardian plans it from the case by
// choosing a free time; the company doctor finds it under Spreekuur > Vandaag, records the
// attendance and issues his advice; the manager reads the advice on the case.
// Data and checks: tests/test_tour_spreekuur_case.py.

import { registry } from "@web/core/registry";
import { guideShot, openMenu } from "./tour_steps";

const EMPLOYEE = "Jan Jansen";
const DOCTOR = "Lucas de Wit";
const POSSIBILITIES = "Kan aangepast werk doen, vier uur per dag, zonder tillen.";
const tours = registry.category("web_tour.tours");

tours.add("erm_spreekuur_case_plan", {
    steps: () => [
        {
            content: "The case of the employee",
            trigger: `.o_form_view .o_field_widget[name=employee_id]:contains(${EMPLOYEE})`,
        },
        {
            content: "Plan a consultation",
            trigger: ".o_form_view .o_statusbar_buttons button:contains(Plan spreekuur)",
            run: "click",
        },
        {
            content: "The company doctor is proposed",
            trigger: `.modal .o_field_widget[name=plan_professional_id] input:value(${DOCTOR})`,
        },
        {
            content: "Open the free times",
            trigger: ".modal .o_field_widget[name=slot_id] input",
            run: "click",
        },
        {
            content: "Choose the first free time",
            trigger:
                ".modal .o_field_widget[name=slot_id] .o-autocomplete--dropdown-item:not(.o_m2o_no_result):first a",
            run: "click",
        },
        {
            content: "The time is chosen",
            trigger: ".modal .o_field_widget[name=slot_id] input:value(-20)",
        },
        guideShot("hr-spreekuur-plannen"),
        {
            content: "Book",
            trigger: ".modal .modal-footer button:contains(Boeken)",
            run: "click",
        },
        {
            content: "The case counts the consultation",
            trigger:
                "body:not(:has(.modal)) .o_form_view button[name=action_view_spreekuur_bookings]:contains(1)",
        },
    ],
});

tours.add("erm_spreekuur_case_doctor", {
    steps: () => [
        ...openMenu("Spreekuur", "Vandaag"),
        {
            content: "The employee came: Verschenen",
            trigger: `.o_kanban_record:contains(${EMPLOYEE}) button:contains(Verschenen)`,
            run: "click",
        },
        {
            content: "The advice of the problem analysis opens for the case",
            trigger: `.o_form_view .o_field_widget[name=employee_id]:contains(${EMPLOYEE})`,
        },
        {
            content: "... of the type problem analysis",
            trigger: ".o_form_view .o_field_widget[name=advice_type] select:value(probleemanalyse)",
        },
        {
            content: "Work possibilities, in work terms",
            trigger: ".o_form_view .o_field_widget[name=possibilities] textarea",
            run: `edit ${POSSIBILITIES}`,
        },
        {
            content: "Hours per day",
            trigger: ".o_form_view .o_field_widget[name=hours_per_day] input",
            run: "edit 4",
        },
        guideShot("bedrijfsarts-advies"),
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Issue the advice",
            trigger: ".o_form_view .o_statusbar_buttons button:contains(Advies uitbrengen)",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The advice is issued",
            trigger:
                "body:not(:has(.modal)) .o_form_view .o_statusbar_status .o_arrow_button_current:contains(Uitgebracht)",
        },
    ],
});

tours.add("erm_spreekuur_case_manager", {
    steps: () => [
        {
            content: "The case of his employee",
            trigger: `.o_form_view .o_field_widget[name=employee_id]:contains(${EMPLOYEE})`,
        },
        {
            content: "The company doctor's advice",
            trigger: ".o_form_view .o_notebook .nav-link:contains(Advies bedrijfsarts)",
            run: "click",
        },
        {
            content: "The issued problem analysis",
            trigger:
                ".o_form_view .o_field_widget[name=ba_advice_ids] .o_data_row:contains(Probleemanalyse):contains(Uitgebracht) td.o_data_cell:first",
            run: "click",
        },
        {
            content: "He reads the work possibilities",
            trigger: `.modal .o_field_widget[name=possibilities]:contains(${POSSIBILITIES})`,
        },
        guideShot("leidinggevende-advies"),
    ],
});
