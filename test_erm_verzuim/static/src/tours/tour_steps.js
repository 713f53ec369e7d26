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
