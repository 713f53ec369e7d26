/** @odoo-module **/
/**
 * The menu crawl of tests/test_menu_crawl.py: as the logged-in user, open every menu item of
 * the given apps that the user sees, every view of the action it opens (list, kanban, pivot,
 * ...) and the first record of its list or kanban, and collect every error dialog (access
 * error, user error, traceback) on the way. Odoo's clickbot (@web/webclient/clickbot) does
 * the same for one app but opens no record and stops at the first error; this reports all.
 *
 * With options.emptyStates (an organisation without records yet), every list or kanban
 * that opens empty must show its action's help: what to do first.
 *
 * Ends with console.log(SUCCESS) or one console.error listing every problem.
 */
import { App } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { rpcBus } from "@web/core/network/rpc";

export const SUCCESS = "erm menu crawl succeeded";
export const FAILURE = "erm menu crawl found errors";
const RECORD_VIEWS = ["list", "kanban"];
const TIMEOUT = 30000;

const sleep = (ms) => new Promise((resolve) => browser.setTimeout(resolve, ms));

/** The empty list or kanban shows no help text (Odoo's sample records count as empty). */
function lacksEmptyState() {
    const records = document.querySelector(
        ".o_list_renderer .o_data_row, .o_kanban_renderer .o_kanban_record:not(.o_kanban_ghost)"
    );
    if (records && !document.querySelector(".o_view_sample_data")) {
        return false;
    }
    const help = document.querySelector(".o_view_nocontent");
    return !help || help.innerText.trim().length < 20;
}

export async function crawl(appXmlids, options = {}) {
    const env = odoo.__WOWL_DEBUG__.root.env;
    const action = env.services.action;
    const menus = env.services.menu;
    const pending = new Set();
    const onRequest = ({ detail }) => pending.add(detail.data.id);
    const onResponse = ({ detail }) => pending.delete(detail.data.id);
    rpcBus.addEventListener("RPC:REQUEST", onRequest);
    rpcBus.addEventListener("RPC:RESPONSE", onResponse);
    let uiUpdates = 0;
    const onUpdate = () => uiUpdates++;
    env.bus.addEventListener("ACTION_MANAGER:UI-UPDATED", onUpdate);
    const problems = [];
    let where = "";
    let sawDialog = false;
    let visited = 0;
    let records = 0;

    const busy = () =>
        pending.size > 0 || [...App.apps].some((app) => app.scheduler.tasks.size > 0);

    /** Waits until the condition holds and the client is idle, or an error dialog shows. */
    async function settle(condition = () => true) {
        for (let waited = 0; waited < TIMEOUT; waited += 25) {
            if (document.querySelector(".o_error_dialog")) {
                return true;
            }
            if (condition() && !busy()) {
                await sleep(0);
                await new Promise((resolve) => requestAnimationFrame(resolve));
                if (!busy()) {
                    return true;
                }
            }
            await sleep(25);
        }
        problems.push(`${where}: nothing loaded within ${TIMEOUT / 1000} s`);
        return false;
    }

    /** Records an error dialog, if any, and closes every dialog. False on an error. */
    function checkAndClose() {
        const errorDialog = document.querySelector(".o_error_dialog");
        if (errorDialog) {
            const modal = errorDialog.closest(".modal") || errorDialog;
            const title = modal.querySelector(".modal-title")?.innerText.trim() || "";
            const body = errorDialog.querySelector(".modal-body") || errorDialog;
            problems.push(
                `${where}: "${title}" ${body.innerText.trim().replace(/\s+/g, " ").slice(0, 400)}`
            );
        }
        sawDialog = Boolean(document.querySelector(".modal"));
        env.services.dialog.closeAll();
        return !errorDialog;
    }

    async function run(description, step, condition) {
        where = description;
        const before = uiUpdates;
        try {
            await step();
        } catch (error) {
            // an action that cannot load rejects; a person would see its error dialog
            await settle();
            if (!document.querySelector(".o_error_dialog")) {
                problems.push(`${where}: ${error?.data?.message || error?.message || error}`);
            }
            checkAndClose();
            return false;
        }
        await settle(() => (condition ? condition() : uiUpdates !== before));
        return checkAndClose();
    }

    async function openFirstRecord(label) {
        if (document.querySelector(".o_view_sample_data")) {
            return; // Odoo's sample records are no records
        }
        const row = document.querySelector(
            ".o_list_renderer .o_data_row .o_data_cell:not(.o_list_record_selector)"
        );
        const card = document.querySelector(
            ".o_kanban_renderer .o_kanban_record:not(.o_kanban_ghost)"
        );
        const target = row || card;
        if (!target) {
            return;
        }
        records++;
        await run(
            `${label} > first record`,
            async () => target.click(),
            () =>
                document.querySelector(
                    ".o_form_view .o_form_sheet, .o_form_view .o_form_nosheet, .o_selected_row"
                )
        );
        if (document.querySelector(".o_selected_row")) {
            // an editable list edits in its row: leave it unchanged
            document.querySelector(".o_list_button_discard")?.click();
            await settle();
            return;
        }
    }

    try {
        for (const xmlid of appXmlids) {
            const app = menus.getApps().find((menu) => menu.xmlid === xmlid);
            if (!app) {
                problems.push(`app ${xmlid}: not in the user's menu`);
                continue;
            }
            const leaves = [];
            const walk = (menu, path) => {
                const label = path ? `${path} > ${menu.name}` : menu.name;
                if (menu.actionID) {
                    leaves.push([label, menu]);
                }
                for (const child of menus.getMenuAsTree(menu.id).childrenTree) {
                    walk(child, label);
                }
            };
            walk(menus.getMenuAsTree(app.id), "");
            for (const [label, menu] of leaves) {
                visited++;
                const before = uiUpdates;
                const opened = await run(
                    `${label} (${menu.xmlid})`,
                    () => menus.selectMenu(menu),
                    () => uiUpdates !== before || document.querySelector(".modal")
                );
                if (!opened || sawDialog) {
                    continue; // a wizard (target new) opened and was closed
                }
                const controller = action.currentController;
                if (controller?.action?.type !== "ir.actions.act_window") {
                    continue;
                }
                if (
                    options.emptyStates &&
                    RECORD_VIEWS.includes(controller.view?.type) &&
                    lacksEmptyState()
                ) {
                    problems.push(`${label} (${menu.xmlid}): empty, without a help text`);
                }
                const types = controller.views.map((view) => view.type);
                // without a form view (e.g. a report's lines) a record does not open
                const opens = types.includes("form");
                // every other view, the list and kanban last: from there a record opens
                const others = types
                    .filter((type) => ![controller.view.type, "form", "search"].includes(type))
                    .sort((a, b) => RECORD_VIEWS.includes(a) - RECORD_VIEWS.includes(b));
                let ok = true;
                for (const type of others) {
                    ok = await run(
                        `${label} [${type}] (${menu.xmlid})`,
                        () => action.switchView(type),
                        () => action.currentController?.view?.type === type
                    );
                    if (!ok) {
                        break;
                    }
                }
                const current = action.currentController?.view?.type;
                if (ok && opens && RECORD_VIEWS.includes(current)) {
                    await openFirstRecord(`${label} [${current}] (${menu.xmlid})`);
                }
            }
        }
    } catch (error) {
        problems.push(`${where}: the crawl itself failed: ${error?.message || error}`);
    } finally {
        rpcBus.removeEventListener("RPC:REQUEST", onRequest);
        rpcBus.removeEventListener("RPC:RESPONSE", onResponse);
        env.bus.removeEventListener("ACTION_MANAGER:UI-UPDATED", onUpdate);
    }
    browser.console.log(`erm menu crawl: ${visited} menu items, ${records} records opened`);
    if (problems.length) {
        browser.console.error(`${FAILURE} (${problems.length}):\n${problems.join("\n")}`);
    } else {
        browser.console.log(SUCCESS);
    }
}
