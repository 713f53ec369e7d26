/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// A tour step that clicks a print or export button and waits until the browser has the file.
// It watches Odoo's own download (the request runs for real); a tour cannot read the file,
// so the Python side of the test renders the same report and reads it.

import { download } from "@web/core/network/download";

/**
 * @param {Object} step  content and trigger of the button, and `file`: a RegExp the
 *     downloaded file's name must match
 */
export function clickAndDownload({ content, trigger, file }) {
    return {
        content,
        trigger,
        async run(helpers) {
            const original = download._download;
            let downloaded;
            const finished = new Promise((resolve, reject) => {
                downloaded = { resolve, reject };
            });
            download._download = (options) => {
                const result = original(options);
                result.then(downloaded.resolve, downloaded.reject);
                return result;
            };
            try {
                await helpers.click();
                const filename = await finished;
                if (file && !file.test(filename)) {
                    throw new Error(`Downloaded "${filename}", expected a name like ${file}`);
                }
            } finally {
                download._download = original;
            }
        },
    };
}
