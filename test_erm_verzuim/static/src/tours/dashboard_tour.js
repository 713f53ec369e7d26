/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// HR opens the absence dashboard, chooses a department and downloads its XLSX; the board
// opens the same dashboard and sees aggregates only, "< 5" for a department of two.
// Data: tests/test_tour_dashboard.py (Noord: 6 people, one sick all last month = 16,7 %).

import { registry } from "@web/core/registry";
import { guideShot } from "./tour_steps";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import { clickAndDownload } from "./download_helpers";

const RATE = ".o_erm_kpi_card[data-key=verzuimpercentage] .o_erm_kpi_value";

function openDashboard() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Verzuim app",
            trigger: ".o_app:contains(Verzuim)",
            run: "click",
        },
        {
            content: "Open the Rapportage menu",
            trigger: ".o_menu_sections button:contains(Rapportage)",
            run: "click",
        },
        {
            content: "Open the dashboard",
            trigger: ".dropdown-item:contains(Dashboard)",
            run: "click",
        },
        {
            content: "The dashboard shows last month's figures of the whole company",
            trigger: ".o_erm_dashboard h2:contains(Verzuimcijfers)",
        },
        {
            trigger: "select.o_erm_period:value(last_month)",
        },
    ];
}

registry.category("web_tour.tours").add("erm_dashboard", {
    steps: () => [
        ...openDashboard(),
        {
            content: "Choose the department Thuiszorg Noord",
            trigger: "select.o_erm_department",
            run: "selectByLabel Thuiszorg Noord",
        },
        {
            content: "Its absence rate: one of six sick the whole month",
            trigger: `${RATE}:contains(16,7 %)`,
        },
        guideShot("hr-dashboard"),
        {
            content: "HR may open the rows behind a figure",
            trigger: ".o_erm_kpi_card.cursor-pointer",
        },
        clickAndDownload({
            content: "Download the figures on screen as XLSX",
            trigger: ".o_erm_export:contains(Exporteren (XLSX))",
            file: /^Verzuimcijfers .*\.xlsx$/,
        }),
        {
            content: "Still on the dashboard, without an error",
            trigger: ".o_erm_dashboard:not(:has(.modal)) .o_erm_export:enabled",
        },
    ],
});

registry.category("web_tour.tours").add("erm_dashboard_board", {
    steps: () => [
        ...openDashboard(),
        {
            content: "The board sees the company's absence rate",
            trigger: `${RATE}:contains(%)`,
        },
        {
            content: "The readiness of the preconditions, a space before the words",
            trigger: ".o_erm_readiness:contains(/\\d toepasselijke randvoorwaarden ingevuld/)",
        },
        {
            content: "but cannot open the rows behind it",
            trigger: ".o_erm_kpi_card:not(.cursor-pointer)",
        },
        {
            content: "Choose the department Staf, of two people",
            trigger: "select.o_erm_department",
            run: "selectByLabel Staf",
        },
        {
            content: "No figures of a group below five",
            trigger: `${RATE}:contains(< 5)`,
        },
        guideShot("directie-dashboard"),
        {
            trigger: ".o_erm_dashboard .alert-info:contains(Deze groep telt minder dan 5)",
        },
        {
            content: "Choose Thuiszorg Noord, of six people",
            trigger: "select.o_erm_department",
            run: "selectByLabel Thuiszorg Noord",
        },
        {
            content: "Its figures are shown: an aggregate of six",
            trigger: `${RATE}:contains(16,7 %)`,
        },
        {
            trigger: ".o_erm_dashboard:not(:has(.alert-info))",
        },
        clickAndDownload({
            content: "Download the figures on screen as XLSX",
            trigger: ".o_erm_export",
            file: /^Verzuimcijfers .*\.xlsx$/,
        }),
        {
            content: "Still on the dashboard, without an error",
            trigger: ".o_erm_dashboard:not(:has(.modal)) .o_erm_export:enabled",
        },
        // the same through the menu's export dialog, for the small department
        {
            content: "Open the Rapportage menu",
            trigger: ".o_menu_sections button:contains(Rapportage)",
            run: "click",
        },
        {
            content: "Export absence figures",
            trigger: ".dropdown-item:contains(Exporteren (XLSX))",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=department_id] input",
            run: "edit Staf",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Staf)",
            run: "click",
        },
        clickAndDownload({
            content: "Download the workbook",
            trigger: ".modal-footer button:contains(Exporteren)",
            file: /^Verzuimcijfers .*\.xlsx$/,
        }),
        {
            content: "The dialog has closed after the download",
            trigger: "body:not(:has(.modal)) .o_erm_dashboard",
        },
    ],
});
