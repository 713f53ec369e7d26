#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One screenshot per demo role of its main Verzuim page, with headless Chromium.

    PYTHON tools/screenshots.py [--url http://127.0.0.1:8069] [--db erm_demo] OUTDIR

Logs into a running demo (``bin/erm run``) as each role login (password = login) and saves
OUTDIR/<login>.png (its main Verzuim page), plus OUTDIR/<login>-<page>.png for a few more
pages of some roles (activities, plans, settings, consultation hours, dashboard; the portal
page of the portal user). PYTHON is any Python with Playwright (``pip install playwright``,
in a virtualenv of its own: it needs a newer greenlet than Odoo pins); it uses the system's
Chromium (Debian package ``chromium``) and never downloads a browser. Neither is a
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
CASES = "erm_verzuim.erm_absence_case_action"
# login -> its pages: (file suffix, what it shows, action xml id, view type or "#id" of the
# element to scroll to); the first one
# is the role's main Verzuim page. No action: the Verzuim app as its menu opens it. View
# "card": the form of the kanban's first card.
PAGES = {
    "medewerker": [("", "case kanban", CASES, "kanban"),
                   ("-providers", "provider network", "erm_verzuim.erm_provider_action",
                    None),
                   ("-portal", "my absence (portal pages, internal user)", "/my/verzuim",
                    None)],
    "leidinggevende": [("", "case kanban", CASES, "kanban"),
                       ("-case", "a case of his team (form)", CASES, "card"),
                       ("-report", "sick report", "erm_verzuim.erm_absence_case_action_report",
                        None),
                       ("-activities", "case activity view", CASES, "activity"),
                       ("-plans", "plans and evaluations",
                        "erm_verzuim.erm_reintegration_plan_action", "list"),
                       ("-interventions", "interventions",
                        "erm_verzuim.erm_intervention_action", "list"),
                       ("-care", "care contacts", "erm_verzuim.erm_care_contact_action",
                        "list")],
    "hr": [("", "case kanban", CASES, "kanban"),
           ("-activities", "case activity view", CASES, "activity"),
           ("-analysis", "absence analysis (pivot)", "erm_reports.erm_absence_report_action",
            "pivot"),
           ("-sessions", "consultation sessions", "erm_spreekuur.erm_spreekuur_session_action",
            None),
           ("-preconditions", "preconditions", "erm_verzuim.erm_precondition_action", None),
           ("-competences", "managers with development points",
            "erm_verzuim.hr_employee_action_erm_competence_gaps", None),
           ("-reviews", "quarterly reviews", "erm_verzuim.erm_stakeholder_review_action",
            None),
           ("-review", "a quarterly review (form)", "erm_verzuim.erm_stakeholder_review_action",
            "row"),
           ("-review-groups", "review groups",
            "erm_verzuim.erm_stakeholder_review_scope_action", None),
           ("-budget-use", "employability budget use (anonymous)",
            "erm_verzuim.erm_budget_usage_action", None)],
    "coach": [("", "case kanban", CASES, "kanban"),
              ("-activities", "case activity view", CASES, "activity")],
    "bedrijfsarts": [("", "company doctor's advice", "erm_verzuim.erm_ba_advice_action", "list"),
                     ("-cases", "case kanban", CASES, "kanban"),
                     ("-consultations", "his consultations",
                      "erm_spreekuur.erm_spreekuur_booking_action_mine", None)],
    "directie": [("", "Verzuim app", None, None),
                 ("-reviews", "quarterly reviews", "erm_verzuim.erm_stakeholder_review_action",
                  None),
                 ("-dashboard", "absence dashboard", "erm_reports.erm_dashboard_action", None)],
    # a portal user: no backend, his own page on the portal
    "portaal": [("", "my absence (portal)", "/my/verzuim", None),
                ("-case", "my open case", "/my/verzuim", "a[href^='/my/verzuim/case/']"),
                ("-plan", "my view in the plan of action", "/my/verzuim",
                 "a[href^='/my/verzuim/case/'] | a[href^='/my/verzuim/plan/']"),
                ("-log", "who read my case", "/my/verzuim",
                 "a[href^='/my/verzuim/case/'] | a[href$='/log']"),
                ("-prevention", "prevention", "/my/verzuim/prevention", None),
                ("-budget", "my employability budget", "/my/verzuim/budget", None),
                ("-spreekuur", "my consultations (portal)", "/my/spreekuur", None)],
    "budgetbeheerder": [("", "budget claims", "erm_verzuim.erm_budget_claim_action", "list"),
                        ("-claim", "a claim (form)", "erm_verzuim.erm_budget_claim_action",
                         "row")],
    "beheerder": [("", "ERM models", "erm_verzuim.erm_model_policy_action", "list"),
                  ("-wizard", "which model do you choose?",
                   "erm_verzuim.erm_model_choice_wizard_action", None)],
    # Odoo's settings page needs Settings access (base.group_system): the admin login
    "admin": [("", "Verzuim settings", "erm_verzuim.res_config_settings_action_erm", None),
              ("-doctors", "Verzuim settings, company doctors",
               "erm_verzuim.res_config_settings_action_erm", "#erm_doctor_setting")],
}
PORTAL_LOGINS = {"portaal"}
VIEWPORT = {"width": 1440, "height": 900}


def _wait_idle(page):
    # Not "networkidle": Odoo's bus keeps a connection open. Wait for a view instead.
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.wait_for_load_state("load")
    try:
        page.wait_for_selector(
            ".o_action_manager .o_view_controller, .o_action_manager .o_action, .modal-dialog",
            timeout=60000,
        )
    except PlaywrightTimeout:
        print(f"  no view on {page.url} after 60 s; taking the picture anyway", file=sys.stderr)
    page.wait_for_timeout(1500)  # let the last OWL render settle


def _login(page, url, db, login):
    page.goto(f"{url}/web/login?db={db}")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", login)
    page.click("button[type=submit]")
    page.wait_for_url(lambda u: "/web/login" not in u, timeout=30000)
    if login in PORTAL_LOGINS:
        page.wait_for_load_state("load")
        return
    page.wait_for_selector(".o_main_navbar", timeout=60000)


def _open(page, url, action, view):
    if action and action.startswith("/"):  # a portal page, then the links to follow
        page.goto(f"{url}{action}")
        page.wait_for_load_state("load")
        for selector in (view or "").split(" | ") if view else []:
            page.locator(selector).first.click()
            page.wait_for_load_state("load")
        page.wait_for_timeout(1000)
        return
    if not action:  # the Verzuim app as its menu opens it
        page.goto(f"{url}/odoo")
        page.wait_for_selector(".o_main_navbar", timeout=60000)
        page.click(".o_navbar_apps_menu button")
        page.click(".o_app:has-text('Verzuim'), .dropdown-item:has-text('Verzuim')")
        _wait_idle(page)
        return
    target = f"{url}/odoo/action-{action}"
    if view and not view.startswith("#"):
        target += f"?view_type={ {'card': 'kanban', 'row': 'list'}.get(view, view)}"
    page.goto(target)
    _wait_idle(page)
    if view in ("card", "row"):  # the form of the first card of the kanban, row of the list
        page.click(".o_kanban_record:not(.o_kanban_ghost)" if view == "card"
                   else ".o_data_row .o_data_cell")
        page.wait_for_selector(".o_form_view", timeout=60000)
        page.wait_for_timeout(1500)
    if view and view.startswith("#"):  # a part of a long page, e.g. one settings block
        page.locator(view).scroll_into_view_if_needed()
        page.wait_for_timeout(500)


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
                context = browser.new_context(viewport=VIEWPORT, locale="nl-NL",
                                              timezone_id="Europe/Amsterdam")
                page = context.new_page()
                _login(page, url, db, login)
                for suffix, what, action, view in PAGES[login]:
                    _open(page, url, action, view)
                    path = outdir / f"{login}{suffix}.png"
                    page.screenshot(path=str(path), full_page=True)
                    saved.append((login, what, path))
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
