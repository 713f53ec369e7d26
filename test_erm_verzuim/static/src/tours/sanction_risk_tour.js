/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// HR opens Dossiers > Dossiers met loonsanctierisico, opens the red case, reads why it is
// red (in Dutch, with the date it was due) and has it checked again.
// Data and checks: tests/test_tour_sanction_risk.py.

import { registry } from "@web/core/registry";
import { guideShot, openMenu } from "./tour_steps";

registry.category("web_tour.tours").add("erm_sanction_risk", {
    steps: () => [
        ...openMenu("Dossiers", "Dossiers met loonsanctierisico"),
        {
            content: "The red case is listed",
            trigger: ".o_list_view .o_data_row:contains(Jan Jansen):contains(Rood)",
        },
        {
            content: "The green case is not among the cases at risk",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Fatima El Amrani)))",
        },
        {
            content: "Open the red case",
            trigger: ".o_data_row:contains(Jan Jansen) .o_data_cell:first",
            run: "click",
        },
        {
            content: "Why it is red, in Dutch",
            trigger: ".o_erm_sanction_reasons:contains(Probleemanalyse uiterlijk aan het einde van week 6):contains(Ontbreekt: uiterlijk)",
        },
        {
            content: "The rule and its legal source",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains(art. 7:658a lid 3 BW)",
        },
        guideShot("hr-loonsanctierisico"),
        {
            content: "Check the file again",
            trigger: ".o_form_view .o_statusbar_buttons button:contains(Toets nu)",
            run: "click",
        },
        {
            content: "Still red",
            trigger: ".o_form_view .o_field_widget[name=level]:contains(Rood)",
        },
    ],
});
