/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// HR, the process guardian of a model III case in week 43, prints the re-integration report
// from the case and records the day it filed the 42nd-week notification with UWV.
// Data and checks: tests/test_tour_uwv_file.py (the file of erm_verzuim's uwv_file_common).

import { registry } from "@web/core/registry";
import { clickAndDownload } from "./download_helpers";
import { guideShot, openVerzuim } from "./tour_steps";

const { DateTime } = luxon;

registry.category("web_tour.tours").add("erm_uwv_file", {
    steps: () => [
        ...openVerzuim(),
        {
            content: "The employee's case on the board",
            trigger: ".o_kanban_record:not(.o_kanban_ghost):contains(Jan Jansen)",
            run: "click",
        },
        {
            content: "The 42nd-week notification is due",
            trigger: ".o_field_widget[name=erm_uwv42_date_deadline]:contains(-)",
        },
        guideShot("hr-uwv-dossier"),
        clickAndDownload({
            content: "Print the re-integration report",
            trigger: "button[name=action_erm_print_riv]:contains(Re-integratieverslag afdrukken)",
            file: /^Re-integratieverslag .*\.pdf$/,
        }),
        {
            content: "Still on the case, without an error",
            trigger: ".o_form_view:not(:has(.modal)) button[name=action_erm_print_uwv42]",
        },
        {
            content: "The day the notification was filed with UWV: today",
            trigger: ".o_field_widget[name=erm_uwv42_date_filed] input",
            run: `edit ${DateTime.now().toFormat("dd-MM-yyyy")} && press Enter`,
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The chatter notes the filing",
            trigger: ".o-mail-Message:contains(Ziekmelding na 42 weken bij UWV ingediend op)",
        },
        {
            content: "The step is done in the timeline",
            trigger: ".o_field_widget[name=milestone_ids] .o_data_row:contains(42e-weeksmelding UWV):contains(Gereed)",
        },
    ],
});
