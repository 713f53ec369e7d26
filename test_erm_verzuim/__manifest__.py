# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "ERM Verzuim - Cross-addon tests",
    "summary": "The cross-addon tests of the three addons, run under Odoo's own test runner",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "website": "https://github.com/erm-verzuim/erm-verzuim",
    "author": "ERM Verzuim",
    "maintainers": ["erm-verzuim"],
    "license": "AGPL-3",
    "installable": True,
    # Its tests exercise all three addons together.
    "depends": ["erm_verzuim", "erm_spreekuur", "erm_reports"],
    # The browser tours of tests/test_tour_*.py: each role's journey, clicked as that person.
    "assets": {
        "web.assets_tests": ["test_erm_verzuim/static/src/tours/*.js"],
    },
}
