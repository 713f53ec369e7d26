/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// HR's first day in an organisation that has just installed the addons: the dashboard and
// the empty list of cases say where the figures and the cases come from; HR reports an
// employee sick through the sick-report form and sees the case's deadlines. Data and checks: tests/test_empty_organisation.py.

import { registry } from "@web/core/registry";
import { clickMenu, openVerzuim } from "./tour_steps";

const EMPLOYEE = "Sanne Jansen";

registry.category("web_tour.tours").add("erm_first_case", {
    steps: () => [
        ...openVerzuim(),
        ...clickMenu("Rapportage", "Dashboard"),
        {
            content: "The dashboard of an organisation without absence says where figures come from",
            trigger: ".o_erm_no_absence_yet:contains(Ziekmelden)",
        },
        ...clickMenu("Dossiers", "Verzuimdossiers"),
        {
            content: "No case yet: the list says how the first one is made",
            trigger: ".o_view_nocontent:contains(Ziekmelden)",
        },
        ...clickMenu("Dossiers", "Ziekmelden"),
        {
            content: "Choose the employee",
            trigger: ".modal .o_field_widget[name=employee_id] input",
            run: `edit ${EMPLOYEE}`,
        },
        {
            content: "Pick her",
            trigger: `.o-autocomplete--dropdown-item:contains(${EMPLOYEE})`,
            run: "click",
        },
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
    ],
});
