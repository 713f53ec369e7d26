/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// The employee reports her recovery on the portal; the case stays open until her case
// director confirms the report on the case in the backend. Data and checks:
// tests/test_tour_recovery.py.

import { registry } from "@web/core/registry";
import { guideShot, openMenu } from "./tour_steps";

const EMPLOYEE = "Petra Portaal";

registry.category("web_tour.tours").add("erm_recovery", {
    steps: () => [
        {
            content: "My open case on /my/verzuim",
            trigger: "a[href^='/my/verzuim/case/']",
            run: "click",
        },
        {
            content: "Report recovery",
            trigger: ".o_erm_portal_case_link:contains(Hersteld melden)",
            run: "click",
        },
        {
            content: "Fully fit again",
            trigger: "label:contains(Ik ben weer volledig arbeidsgeschikt)",
            run: "click",
        },
        guideShot("medewerker-herstel"),
        {
            content: "Send the report",
            trigger: ".o_erm_recovery_form button[type=submit]:contains(Hersteld melden)",
            run: "click",
        },
        {
            content: "The report is received; the case stays open until it is confirmed",
            trigger: ".o_erm_portal_report_done:contains(tot dan blijft je dossier open)",
        },
        {
            content: "Back to my case",
            trigger: ".o_erm_portal_report_done a:contains(Terug naar mijn dossier)",
            run: "click",
        },
        {
            content: "It says the report waits for the case director",
            trigger: ".o_erm_portal_recovery_pending:contains(Je regievoerder bevestigt je melding)",
        },
    ],
});

registry.category("web_tour.tours").add("erm_recovery_confirm", {
    steps: () => [
        ...openMenu("Dossiers", "Verzuimdossiers"),
        {
            content: "Her case",
            trigger: `.o_kanban_record:contains(${EMPLOYEE})`,
            run: "click",
        },
        {
            content: "The case says what she reported",
            trigger: ".o_form_view .o_erm_recovery_request:contains(De medewerker heeft in het portaal gemeld)",
        },
        guideShot("leidinggevende-herstel-bevestigen"),
        {
            content: "Confirm her recovery",
            trigger: ".o_form_view .o_statusbar_buttons button:contains(Herstel bevestigen)",
            run: "click",
        },
        {
            content: "The case is recovered",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(Hersteld)",
        },
        {
            content: "Nothing left to decide",
            trigger: ".o_form_view:not(:has(.o_statusbar_buttons button:contains(Herstel bevestigen)))",
        },
    ],
});
