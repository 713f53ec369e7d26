/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// The administrator opens the settings of Verzuim and reads the block Managementinformatie
// in Dutch: one "%" after each percentage, and the choice for employees without a
// contract readable in full. Data: tests/test_dutch_formats.py.

import { registry } from "@web/core/registry";
import { guideShot } from "./tour_steps";

// The width the text of the chosen option needs in the select's own font.
function textWidth(select) {
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d");
    context.font = window.getComputedStyle(select).font;
    return context.measureText(select.options[select.selectedIndex].text).width;
}

registry.category("web_tour.tours").add("erm_dutch_settings", {
    steps: () => [
        {
            content: "Open the settings of Verzuim",
            trigger: ".settings_tab .tab:contains(Verzuim)",
            run: "click",
        },
        {
            content: "The block Managementinformatie",
            trigger: "#erm_cost_setting:contains(werkgeverslasten)",
        },
        guideShot("beheerder-instellingen"),
        {
            content: "Each percentage has one % sign, with a space before the next word",
            trigger: "#erm_cost_setting",
            run() {
                for (const id of ["erm_pay_setting", "erm_cost_setting"]) {
                    const box = document.getElementById(id);
                    const text = box.innerText.replace(/\s+/g, " ");
                    if (/%\s*%/.test(text)) {
                        throw new Error(`Two % signs in a row: ${text}`);
                    }
                    // nothing runs into the next setting (where a "%" met the next one's)
                    const right = box.getBoundingClientRect().right;
                    for (const el of box.querySelectorAll("span, input, label, div")) {
                        if (el.getBoundingClientRect().right > right + 1) {
                            throw new Error(`"${el.innerText || el.value}" runs out of ${id}`);
                        }
                    }
                }
            },
        },
        {
            content: "The choice for employees without a contract is not cut off",
            trigger: "#erm_no_contract_setting select",
            run() {
                const select = document.querySelector("#erm_no_contract_setting select");
                const style = window.getComputedStyle(select);
                const room =
                    select.clientWidth -
                    parseFloat(style.paddingLeft) -
                    parseFloat(style.paddingRight);
                if (textWidth(select) > room) {
                    throw new Error(
                        `Cut off: "${select.options[select.selectedIndex].text}" needs ` +
                            `${textWidth(select)}px, the select has ${room}px`
                    );
                }
            },
        },
    ],
});
