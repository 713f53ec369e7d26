# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""On the Dutch demo, every date a person reads is dd-mm-jjjj and every amount is in euros
with the € sign: in the case form and its chatter (as rendered by the web client, for `hr`),
in the dashboard, the provider services' prices, the quarterly review's agenda, and on the
employee's portal pages (for `portaal`).

These checks need the demo organisation, which takes long to build: they run in
TestDemoInBrowser (tests/test_menu_crawl.py), which builds it once for the menu crawl and
for them.
"""
import json
import re

from lxml import html

# Mirrors NOT_DUTCH of test_erm_verzuim/static/src/tours/dutch_rendering.js.
NOT_DUTCH = (
    ("ISO date", re.compile(r"\b\d{4}-\d{2}-\d{2}\b")),
    ("US date", re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")),
    ("dollar amount", re.compile(r"\$\s?\d|\d\s?\$")),
    ("currency code instead of €", re.compile(r"\d\s?(EUR|USD)\b|\b(EUR|USD)\s?\d")),
)
CHECK = ("odoo.loader.modules.get('@test_erm_verzuim/tours/dutch_rendering')"
         ".check(%s, %s)")
SUCCESS = "erm dutch rendering succeeded"
FAILURE = "erm dutch rendering found"


def wrong_texts(text):
    """Every date or amount in the text not written the Dutch way, with some context."""
    found = []
    for kind, pattern in NOT_DUTCH:
        for match in pattern.finditer(text):
            context = " ".join(text[max(0, match.start() - 50):match.end() + 30].split())
            found.append(f'{kind}: "{context}"')
    return found


def page_text(source):
    """What a person reads on an HTML page: its text and the values of its fields, but not
    the value of a date input, which HTML writes as ISO and the browser shows localised."""
    root = html.fromstring(source)
    for element in root.xpath("//script | //style | //head"):
        element.drop_tree()
    values = [
        node.get("value") or "" for node in root.xpath("//input[not(@type='hidden')]")
        if node.get("type") not in ("date", "datetime-local")
    ]
    return "\n".join([root.text_content(), *values, *root.xpath("//textarea/text()")])


class DutchRenderingChecks:
    """Test methods for a HttpCase whose class holds the demo organisation."""

    def check_in_browser(self, url, ready, login, scope=".o_action_manager"):
        self.browser_js(
            url, CHECK % (json.dumps(ready), json.dumps(scope)), "odoo.isReady === true",
            login=login, timeout=120, success_signal=SUCCESS,
        )

    def test_dutch_case_form_and_chatter(self):
        """The case form, each of its tabs and its chatter, as `hr` sees them, of the
        portal employee's open case (advice, plan, intervention with a price, access log)
        and of a case in its second year."""
        for name in ("case_portal_open", "case_zorg_plan", "case_long"):
            case = self.env.ref(f"erm_demo.{name}")
            with self.subTest(case=case.name):
                self.check_in_browser(
                    f"/odoo/action-erm_verzuim.erm_absence_case_action/{case.id}",
                    [".o_form_view .o_form_sheet", ".o-mail-Message"], "hr",
                )

    def test_dutch_dashboard(self):
        self.check_in_browser("/odoo/action-erm_reports.erm_dashboard_action",
                              [".o_erm_dashboard"], "hr")

    def test_dutch_prices_and_review_agenda(self):
        """The provider network's service prices and the last quarterly review with its
        agenda (figures, cost of absence), as `hr` sees them."""
        with self.subTest(page="provider services"):
            self.check_in_browser("/odoo/action-erm_verzuim.erm_provider_service_action",
                                  [".o_list_view .o_data_row"], "hr")
        review = self.env["erm.stakeholder.review"].search(
            [("date_quarter_start", "<", self.env.cr.now().date())], limit=1)
        self.assertTrue(review)
        with self.subTest(page="quarterly review"):
            self.check_in_browser(
                f"/odoo/action-erm_verzuim.erm_stakeholder_review_action/{review.id}",
                [".o_form_view .o_form_sheet"], "hr")

    def test_dutch_portal_pages(self):
        case = self.env.ref("erm_demo.case_portal_open")
        plan = self.env.ref("erm_demo.portal_plan_open")
        self.authenticate("portaal", "portaal")
        problems = []
        for url in ("/my/verzuim", f"/my/verzuim/case/{case.id}", f"/my/verzuim/plan/{plan.id}",
                    "/my/verzuim/prevention", "/my/verzuim/budget", "/my/spreekuur",
                    "/my/spreekuur/book"):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
            problems += [f"{url}: {problem}" for problem in wrong_texts(page_text(response.text))]
        self.assertFalse(problems, "\n".join(problems))
