/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// The quarterly stakeholder review: HR (the organiser) plans the meeting, makes the agenda
// with the figures, writes the minutes and marks the meeting held; the board approves the
// minutes; HR prints agenda and minutes. Data: tests/test_tour_review.py (nine people, one
// sick the whole last quarter: 11,1 %).

import { registry } from "@web/core/registry";
import { guideShot } from "./tour_steps";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import { clickAndDownload } from "./download_helpers";

const { DateTime } = luxon;

function quarter() {
    const now = DateTime.now().setZone("Europe/Amsterdam");
    return `Q${Math.ceil(now.month / 3)} ${now.year}`;
}

function openReview() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Verzuim app",
            trigger: ".o_app:contains(Verzuim)",
            run: "click",
        },
        {
            content: "Open the Organisatie menu",
            trigger: ".o_menu_sections button:contains(Organisatie)",
            run: "click",
        },
        {
            content: "Open the quarterly reviews",
            trigger: ".dropdown-item:contains(Kwartaaloverleg)",
            run: "click",
        },
        {
            content: "Open this quarter's review",
            trigger: `.o_data_row:contains(Kwartaaloverleg ${quarter()}) .o_data_cell[name=name]`,
            run: "click",
        },
        {
            trigger: `.o_form_view .oe_title:contains(Kwartaaloverleg ${quarter()})`,
        },
    ];
}

function button(label) {
    return `.o_form_view .o_statusbar_buttons button:contains(${label})`;
}

function stateIs(label) {
    return {
        content: `The review is ${label}`,
        trigger: `.o_form_view .o_statusbar_status .o_arrow_button_current:contains(${label})`,
    };
}

function openTab(label) {
    return {
        content: `Open the tab ${label}`,
        trigger: `.o_form_view .o_notebook .nav-link:contains(${label})`,
        run: "click",
    };
}

registry.category("web_tour.tours").add("erm_review", {
    steps: () => [
        ...openReview(),
        stateIs("Gepland"),
        {
            content: "The meeting: next week at two",
            trigger: ".o_form_view .o_field_widget[name=date_meeting] input",
            run: `edit ${DateTime.now().plus({ days: 7 }).toFormat("dd-MM-yyyy")} 14:00:00 && press Enter`,
        },
        {
            content: "Where",
            trigger: ".o_form_view .o_field_widget[name=meeting_location] input",
            run: "edit Vergaderzaal directie",
        },
        {
            content: "Send the invitation to the participants",
            trigger: button("Uitnodiging versturen"),
            run: "click",
        },
        {
            content: "The meeting is in the calendar: it can be moved now",
            trigger: button("Overleg bijwerken"),
        },
        {
            content: "Make the agenda with the figures of the last quarter",
            trigger: button("Agenda maken"),
            run: "click",
        },
        {
            content: "The figures are taken as they are now: confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        openTab("Agenda"),
        {
            content: "The agenda shows the absence figures of the last quarter",
            trigger: ".o_field_widget[name=snapshot_html] tr:contains(Verzuimpercentage (%)):contains(11,1)",
        },
        guideShot("hr-kwartaaloverleg"),
        {
            trigger: ".o_field_widget[name=snapshot_html]:contains(Openstaande verzuimdossiers per fase)",
        },
        openTab("Verslag"),
        {
            content: "Write the minutes",
            trigger: ".o_field_widget[name=minutes] .odoo-editor-editable",
            run: "editor Afgesproken: preventief spreekuur in Noord",
        },
        {
            content: "Add a decision",
            trigger: ".o_field_widget[name=decision_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=decision_ids] .o_selected_row [name=name] input",
            run: "edit Preventief spreekuur in Noord",
        },
        {
            content: "The meeting was held",
            trigger: button("Overleg gehouden"),
            run: "click",
        },
        stateIs("Gehouden"),
        {
            content: "The agenda is frozen now",
            trigger: `.o_form_view:not(:has(${button("Agenda maken")}))`,
        },
    ],
});

registry.category("web_tour.tours").add("erm_review_approve", {
    steps: () => [
        ...openReview(),
        stateIs("Gehouden"),
        openTab("Agenda"),
        {
            content: "The board reads the figures of the agenda",
            trigger: ".o_field_widget[name=snapshot_html] tr:contains(Verzuimpercentage (%)):contains(11,1)",
        },
        openTab("Verslag"),
        {
            content: "and the minutes, which it cannot change",
            trigger: ".o_field_widget[name=minutes]:contains(Afgesproken: preventief spreekuur in Noord)",
        },
        guideShot("directie-kwartaaloverleg"),
        {
            trigger: ".o_form_view:not(:has(.o_field_widget[name=minutes] .odoo-editor-editable[contenteditable=true]))",
        },
        {
            content: "Approve the minutes",
            trigger: button("Verslag goedkeuren"),
            run: "click",
        },
        stateIs("Verslag goedgekeurd"),
        {
            trigger: ".o_form_view .o_field_widget[name=approved_user_id]:contains(Erm Board)",
        },
    ],
});

registry.category("web_tour.tours").add("erm_review_print", {
    steps: () => [
        ...openReview(),
        stateIs("Verslag goedgekeurd"),
        clickAndDownload({
            content: "Print the agenda and the minutes",
            trigger: button("Agenda en verslag afdrukken"),
            file: /^Kwartaaloverleg .*\.pdf$/,
        }),
        {
            content: "Still on the review, without an error",
            trigger: ".o_form_view:not(:has(.modal))",
        },
    ],
});
