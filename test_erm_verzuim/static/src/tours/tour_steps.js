/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// The steps the backend journeys share: open the Verzuim app from the apps menu and an item
// of one of its top menus, as a person clicks them (Dutch menu names).

import { stepUtils } from "@web_tour/tour_service/tour_utils";

export function openVerzuim() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open Verzuim",
            trigger: ".o_app[data-menu-xmlid='erm_verzuim.menu_erm_root']",
            run: "click",
        },
    ];
}

export function clickMenu(top, item) {
    return [
        {
            content: `Menu ${top}`,
            trigger: `.o_main_navbar .dropdown-toggle:contains(${top})`,
            run: "click",
        },
        {
            content: item,
            trigger: `.dropdown-menu .dropdown-item:contains(${item})`,
            run: "click",
        },
    ];
}

export function openMenu(top, item) {
    return [...openVerzuim(), ...clickMenu(top, item)];
}

// A picture for the role guides (docs/guide/): only when the tours run for them
// (`bin/erm guide-shots` sets the cookie); then the test takes a screenshot of the screen as
// the trigger shows it, and the step waits until it is taken before the journey goes on.
export function guideShot(name, trigger = "body") {
    return {
        content: `Guide picture ${name}`,
        trigger,
        async run() {
            if (document.cookie.includes("erm_tour_shots=1")) {
                console.log(`erm-shot:${name}`);
                await new Promise((resolve) => setTimeout(resolve, 1200));
            }
        },
    };
}
