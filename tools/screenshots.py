#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One screenshot per demo role of its main Verzuim page, with headless Chromium.

    bin/erm python tools/screenshots.py [--url http://127.0.0.1:8069] [--db erm_demo] OUTDIR

Logs into a running demo (``bin/erm run``) as each role login (password = login) and saves
OUTDIR/<login>.png, plus OUTDIR/<login>-activities.png for the roles with deadline
activities. Needs Playwright for Python (``pip install playwright``) and the system's
Chromium (Debian package ``chromium``); it never downloads a browser. Neither is a
dependency of the product.
"""

import argparse
import os
import pathlib
import sys

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
# login -> (what its main page is, the action and view to open)
PAGES = {
    "medewerker": ("case kanban", "erm_verzuim.erm_absence_case_action", "kanban"),
    "leidinggevende": ("case kanban", "erm_verzuim.erm_absence_case_action", "kanban"),
    "hr": ("case kanban", "erm_verzuim.erm_absence_case_action", "kanban"),
    "coach": ("case kanban", "erm_verzuim.erm_absence_case_action", "kanban"),
    "bedrijfsarts": ("company doctor's advice", "erm_verzuim.erm_ba_advice_action", "list"),
    "directie": ("Verzuim app", None, None),
    "beheerder": ("ERM models", "erm_verzuim.erm_model_policy_action", "list"),
}
# roles whose deadline activities get a second picture (the case activity view)
ACTIVITIES = ("leidinggevende", "hr", "coach")
VIEWPORT = {"width": 1440, "height": 900}


def _wait_idle(page):
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(800)  # let the last OWL render settle


def _login(page, url, db, login):
    page.goto(f"{url}/web/login?db={db}")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", login)
    page.click("button[type=submit]")
    page.wait_for_url(lambda u: "/web/login" not in u, timeout=30000)
    _wait_idle(page)


def _open(page, url, action, view):
    if not action:  # the Verzuim app as its menu opens it
        page.goto(f"{url}/odoo")
        _wait_idle(page)
        page.click(".o_navbar_apps_menu button")
        page.click(".o_app:has-text('Verzuim'), .dropdown-item:has-text('Verzuim')")
        _wait_idle(page)
        return
    target = f"{url}/odoo/action-{action}"
    if view:
        target += f"?view_type={view}"
    page.goto(target)
    _wait_idle(page)


def take(url, db, outdir, logins):
    from playwright.sync_api import sync_playwright  # only this tool needs it

    outdir = pathlib.Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    args = list(CHROMIUM_FLAGS)
    if os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    saved = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
        try:
            for login in logins:
                what, action, view = PAGES[login]
                context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
                page = context.new_page()
                _login(page, url, db, login)
                _open(page, url, action, view)
                path = outdir / f"{login}.png"
                page.screenshot(path=str(path), full_page=True)
                saved.append((login, what, path))
                if login in ACTIVITIES:
                    _open(page, url, "erm_verzuim.erm_absence_case_action", "activity")
                    path = outdir / f"{login}-activities.png"
                    page.screenshot(path=str(path), full_page=True)
                    saved.append((login, "case activity view", path))
                context.close()
        finally:
            browser.close()
    return saved


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", help="folder for the PNG files")
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="erm_demo")
    parser.add_argument("--logins", default=",".join(PAGES),
                        help="comma-separated role logins (default: all)")
    args = parser.parse_args(argv)
    logins = [login for login in args.logins.split(",") if login]
    unknown = set(logins) - set(PAGES)
    if unknown:
        parser.error(f"unknown logins: {', '.join(sorted(unknown))}")
    if not os.path.exists(CHROMIUM):
        parser.error(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)")
    for login, what, path in take(args.url.rstrip("/"), args.db, args.outdir, logins):
        print(f"{login:<15} {what:<26} {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
