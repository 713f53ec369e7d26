# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The UI is fully Dutch: every translatable term of our addons (model and field labels,
selections, views, menus, Python strings) has a Dutch translation in i18n/nl.po."""

import os

import polib

from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools.translate import TranslationModuleReader

ADDONS = ("erm_verzuim", "erm_spreekuur", "erm_reports")
ROOT = os.path.join(os.path.dirname(__file__), "..", "..")


def _identical_in_po():
    """(module, source) of the terms whose Dutch is the source itself: names that are Dutch
    by design (groups, menus, mail templates written in Dutch) and words Dutch shares with
    English (Code, ID, Postcode). Odoo's reader reports a translation equal to its source as
    empty, so these count as translated when i18n/nl.po gives them explicitly."""
    identical = set()
    for addon in ADDONS:
        path = os.path.join(ROOT, addon, "i18n", "nl.po")
        if os.path.exists(path):
            identical.update(
                (addon, entry.msgid) for entry in polib.pofile(path)
                if entry.msgstr and entry.msgstr == entry.msgid and not entry.obsolete
            )
    return identical


@tagged("post_install", "-at_install", "erm_i18n")
class TestDutchTranslations(TransactionCase):
    def test_every_term_translated(self):
        reader = TranslationModuleReader(self.env.cr, modules=list(ADDONS), lang="nl_NL")
        identical = _identical_in_po()
        missing = sorted({
            f"{module}: {source!r}"
            for module, _type, _name, _res_id, source, value, _comments in reader
            if source and source.strip() and not (value or "").strip()
            and (module, source) not in identical
        })
        self.assertFalse(missing, "untranslated terms:\n" + "\n".join(missing[:80]))

    def test_po_files_parse_and_are_complete(self):
        for addon in ADDONS:
            path = os.path.join(ROOT, addon, "i18n", "nl.po")
            with self.subTest(addon=addon):
                self.assertTrue(os.path.exists(path), path)
                po = polib.pofile(path)
                self.assertEqual(po.metadata.get("Language"), "nl")
                self.assertFalse([e.msgid for e in po.untranslated_entries()])
                self.assertFalse([e.msgid for e in po.fuzzy_entries()])

    def test_case_labels_in_dutch(self):
        Case = self.env["erm.absence.case"].with_context(lang="nl_NL")
        self.assertEqual(Case._description, "Absence Case")  # source stays English
        states = dict(Case._fields["state"]._description_selection(Case.env))
        self.assertEqual(states["hersteld"], "Hersteld")
        menu = self.env.ref("erm_verzuim.menu_erm_case_list").with_context(lang="nl_NL")
        self.assertEqual(menu.name, "Verzuimdossiers")
