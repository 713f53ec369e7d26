/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// The manager reports an employee of his team sick through the menu (the form says why it
// has no field for the reason), sees the case and its first deadlines, finds it on the
// board and logs a care contact. Data and checks: tests/test_tour_sick_report.py.

import { registry } from "@web/core/registry";
import { guideShot, openMenu } from "./tour_steps";

const EMPLOYEE = "Fatima El Amrani";

registry.category("web_tour.tours").add("erm_sick_report", {
    steps: () => [
        ...openMenu("Dossiers", "Ziekmelden"),
        {
            content: "The form says why there is no field for the reason",
            trigger: ".modal .alert-info:contains(Er is bewust geen veld voor de reden)",
        },
        {
            content: "No field asks for the reason or a diagnosis",
            trigger: ".modal .o_form_view:not(:has(.o_field_widget[name*=reason]))",
        },
        {
            content: "Choose the employee",
            trigger: ".modal .o_field_widget[name=employee_id] input",
            run: "edit Fatima",
        },
        {
            content: "Pick her from the team",
            trigger: `.o-autocomplete--dropdown-item:contains(${EMPLOYEE})`,
            run: "click",
        },
        {
            content: "Her phone during the absence",
            trigger: ".modal .o_field_widget[name=contact_phone] input",
            run: "edit 06 12345678",
        },
        {
            content: "Expected duration",
            trigger: ".modal .o_field_widget[name=expected_duration] select",
            run: "selectByLabel Tot één week",
        },
        guideShot("leidinggevende-ziekmelden"),
        {
            content: "Report her sick",
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The case opens",
            trigger: `.o_form_view h1:contains(${EMPLOYEE})`,
        },
        {
            content: "Its first deadline: the problem analysis",
            trigger: ".o_field_widget[name=milestone_ids] .o_data_row:contains(Probleemanalyse)",
        },
        {
            content: "... and the plan of action",
            trigger: ".o_field_widget[name=milestone_ids] .o_data_row:contains(Plan van aanpak)",
        },
        guideShot("leidinggevende-dossier"),
        {
            content: "Back to the board: menu Dossiers",
            trigger: ".o_main_navbar .dropdown-toggle:contains(Dossiers)",
            run: "click",
        },
        {
            content: "Verzuimdossiers",
            trigger: ".dropdown-menu .dropdown-item:contains(Verzuimdossiers)",
            run: "click",
        },
        {
            content: "Her case is on the board",
            trigger: `.o_kanban_record:not(.o_kanban_ghost):contains(${EMPLOYEE})`,
            run: "click",
        },
        {
            content: "Tab Zorg en aandacht",
            trigger: ".o_notebook .nav-link:contains(Zorg en aandacht)",
            run: "click",
        },
        {
            content: "Log a contact",
            trigger: "button[name=action_erm_log_care_contact]",
            run: "click",
        },
        {
            content: "How she is doing, in general terms",
            trigger: ".modal .o_field_widget[name=note] input",
            run: "edit Gebeld, het gaat iets beter. Vrijdag bel ik weer.",
        },
        {
            content: "Save the contact",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The contact is in the case's log",
            trigger: ".o_field_widget[name=erm_care_contact_ids] .o_data_row:contains(Gebeld)",
        },
        guideShot("leidinggevende-zorgcontact"),
    ],
});
