/** @odoo-module **/
/**
 * The format check of tests/test_dutch_rendering.py: waits until the page shows what it
 * should (every selector of `ready`) and the client is idle, then reads the text a person
 * sees in `scope` (the text of the page and the values of its fields) and reports every date
 * that is not written the Dutch way (dd-mm-jjjj) and every amount in dollars or with a
 * currency code instead of the euro sign.
 *
 * Ends with console.log(SUCCESS) or one console.error listing every wrong text.
 */
import { App } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { rpcBus } from "@web/core/network/rpc";

export const SUCCESS = "erm dutch rendering succeeded";
export const FAILURE = "erm dutch rendering found";
// shared with the Python side (tests/test_dutch_rendering.py, NOT_DUTCH)
export const NOT_DUTCH = [
    ["ISO date", /\b\d{4}-\d{2}-\d{2}\b/g],
    ["US date", /\b\d{1,2}\/\d{1,2}\/\d{4}\b/g],
    ["dollar amount", /\$\s?\d|\d\s?\$/g],
    ["currency code instead of €", /\d\s?(EUR|USD)\b|\b(EUR|USD)\s?\d/g],
];

const sleep = (ms) => new Promise((resolve) => browser.setTimeout(resolve, ms));

export function wrongTexts(text) {
    const found = [];
    for (const [kind, pattern] of NOT_DUTCH) {
        for (const match of text.matchAll(pattern)) {
            const start = Math.max(0, match.index - 50);
            const context = text.slice(start, match.index + match[0].length + 30);
            found.push(`${kind}: "${context.replace(/\s+/g, " ").trim()}"`);
        }
    }
    return found;
}

export async function check(ready, scope = ".o_action_manager") {
    let pending = 0;
    const onRequest = () => pending++;
    const onResponse = () => pending--;
    rpcBus.addEventListener("RPC:REQUEST", onRequest);
    rpcBus.addEventListener("RPC:RESPONSE", onResponse);
    const busy = () =>
        pending > 0 || [...App.apps].some((app) => app.scheduler.tasks.size > 0);
    try {
        let waited = 0;
        while (!ready.every((selector) => document.querySelector(selector)) || busy()) {
            if (waited > 30000) {
                const missing = ready.filter((selector) => !document.querySelector(selector));
                browser.console.error(`${FAILURE}: the page never showed ${missing.join(", ")}`);
                return;
            }
            await sleep(50);
            waited += 50;
        }
        const idle = async () => {
            await sleep(100);
            while (busy()) {
                await sleep(50);
            }
            await sleep(100); // let the last renders (chatter, widgets) land
        };
        const read = () => {
            const root = document.querySelector(scope);
            const values = [...root.querySelectorAll("input, textarea")].map((el) => el.value);
            return [root.innerText, ...values].join("\n");
        };
        await idle();
        const texts = [read()];
        // a notebook shows one page at a time: read each of them
        const tabs = document.querySelectorAll(`${scope} .o_notebook_headers .nav-link`);
        for (const tab of tabs) {
            tab.click();
            await idle();
            texts.push(read());
        }
        const text = texts.join("\n");
        const found = wrongTexts(text);
        if (found.length) {
            browser.console.error(`${FAILURE} ${found.length}:\n${found.join("\n")}`);
        } else {
            const messages = document.querySelectorAll(`${scope} .o-mail-Message`).length;
            browser.console.log(
                `checked ${text.length} characters, ${tabs.length} tabs, ${messages} messages`
            );
            browser.console.log(SUCCESS);
        }
    } finally {
        rpcBus.removeEventListener("RPC:REQUEST", onRequest);
        rpcBus.removeEventListener("RPC:RESPONSE", onResponse);
    }
}
