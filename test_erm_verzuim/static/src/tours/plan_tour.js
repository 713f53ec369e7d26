/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// The plan of action (week 8) and its evaluation: the case director writes them, the
// employee adds and signs his own view on the portal, the director records them as agreed.
// Data and checks: tests/test_tour_plan.py.

import { registry } from "@web/core/registry";
import { clickMenu, guideShot, openVerzuim } from "./tour_steps";

const EMPLOYEE = "Jan Jansen";
const tours = registry.category("web_tour.tours");


function openPlansMenu() {
    return [
        ...openVerzuim(),
        ...clickMenu("Dossiers", "Plannen en evaluaties"),
    ];
}

// The director's part of a plan or evaluation, in the form of `scope` (a dialog or the page).
function writePlan(scope, agreements, employerView) {
    return [
        {
            content: "The goal",
            trigger: `${scope} .o_field_widget[name=goal] select`,
            run: "selectByLabel Terugkeer in eigen werk",
        },
        {
            content: "The agreements",
            trigger: `${scope} .o_field_widget[name=agreements] textarea`,
            run: `edit ${agreements}`,
        },
        {
            content: "The employer's view",
            trigger: `${scope} .o_field_widget[name=view_employer] textarea`,
            run: `edit ${employerView}`,
        },
        {
            content: "The employee's view is his own: not editable here",
            trigger: `${scope} .o_form_view:not(:has(.o_field_widget[name=view_employee] textarea))`,
        },
        {
            content: "... the form says where he writes it",
            trigger: `${scope} .o_form_view:contains(op zijn eigen portaalpagina)`,
        },
        guideShot("leidinggevende-plan-van-aanpak"),
    ];
}

// The director opens the draft in the list of the menu and records it as agreed.
function agreeDraft() {
    return [
        ...openPlansMenu(),
        {
            content: "The draft with the employee's signed view",
            trigger: `.o_list_view .o_data_row:contains(${EMPLOYEE}):contains(Concept) td[name=kind]`,
            run: "click",
        },
        {
            content: "The employee's view is there",
            trigger: ".o_field_widget[name=view_employee]:contains(Ik begin met drie ochtenden)",
        },
        {
            content: "Record as agreed",
            trigger: "button[name=action_done]",
            run: "click",
        },
        {
            content: "Agreed",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Gereed)",
        },
    ];
}

// 1. The plan of action, from the case (tab Plannen en evaluaties > Regel toevoegen).
tours.add("erm_plan_make", {
    steps: () => [
        ...openVerzuim(),
        {
            content: "The employee's case on the board",
            trigger: `.o_kanban_record:not(.o_kanban_ghost):contains(${EMPLOYEE})`,
            run: "click",
        },
        {
            content: "Tab Plannen en evaluaties",
            trigger: ".o_notebook .nav-link:contains(Plannen en evaluaties)",
            run: "click",
        },
        {
            content: "Add a plan",
            trigger: ".o_field_widget[name=plan_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "The dialog's title reads well",
            trigger: ".modal .modal-title:contains(Plan of evaluatie maken)",
        },
        {
            content: "A plan of action",
            trigger: ".modal .o_field_widget[name=kind] select",
            run: 'select "plan_van_aanpak"',
        },
        {
            content: "Name the casemanager",
            trigger: ".modal .o_field_widget[name=casemanager_id] input",
            run: "edit Erm Coach",
        },
        {
            content: "Pick her",
            trigger: ".o-autocomplete--dropdown-item:contains(Erm Coach)",
            run: "click",
        },
        ...writePlan(
            ".modal",
            "Drie ochtenden per week eigen werk, na vier weken uitbreiden.",
            "Opbouw in eigen werk is haalbaar met aangepaste diensten."
        ),
        {
            content: "Opslaan & Sluiten",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The plan is in the tab",
            trigger: ".o_field_widget[name=plan_ids] .o_data_row:contains(Plan van aanpak)",
        },
        {
            content: "Save the case",
            trigger: ".o_form_status_indicator .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_status_indicator_buttons:not(:visible)",
        },
    ],
});

// 2. The employee writes and signs his own view of the open plan or evaluation.
tours.add("erm_plan_employee_view", {
    steps: () => [
        {
            content: "My open case",
            trigger: ".o_erm_portal_case a",
            run: "click",
        },
        {
            content: "The document waiting for my view",
            trigger: ".o_erm_portal_plan:contains(Concept) a",
            run: "click",
        },
        {
            content: "The employer's view is shown to me",
            trigger: ".o_erm_portal_plan:contains(haalbaar)",
        },
        guideShot("medewerker-eigen-visie"),
        {
            content: "My view",
            trigger: "textarea[name=view_employee]",
            run: "edit Ik begin met drie ochtenden en wil na vier weken uitbreiden.",
        },
        {
            content: "Save and sign off",
            trigger: "button.o_erm_sign",
            run: "click",
        },
        {
            content: "Signed: locked",
            trigger: ".o_erm_view_employee_signed:contains(Ik begin met drie ochtenden)",
        },
    ],
});

// 3. The director records the plan as agreed and makes the evaluation from the menu.
tours.add("erm_plan_agree_and_evaluate", {
    steps: () => [
        ...agreeDraft(),
        {
            content: "Back to the list",
            trigger: ".o_breadcrumb a:contains(Plannen en evaluaties)",
            run: "click",
        },
        {
            content: "New",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The case",
            trigger: ".o_field_widget[name=case_id] input",
            run: `edit ${EMPLOYEE}`,
        },
        {
            content: "Pick his case (found by his name)",
            trigger: ".o_field_widget[name=case_id] .o-autocomplete--dropdown-item:not(.o_m2o_dropdown_option)",
            run: "click",
        },
        {
            content: "An evaluation",
            trigger: ".o_field_widget[name=kind] select",
            // the option's value: its label is also part of "Eindevaluatie"
            run: 'select "evaluatie"',
        },
        ...writePlan(
            ".o_action_manager",
            "Uitbreiden naar vier ochtenden per week.",
            "De opbouw verloopt volgens plan: haalbaar om uit te breiden."
        ),
        {
            content: "Save",
            trigger: ".o_form_status_indicator .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_status_indicator_buttons:not(:visible)",
        },
    ],
});

// 4. The director records the evaluation as agreed.
tours.add("erm_plan_agree", {
    steps: () => agreeDraft(),
});
