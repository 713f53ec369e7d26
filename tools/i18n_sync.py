"""Regenerates each addon's .pot from an installed database and brings its nl.po in line.

Odoo loads a .po through its .pot (the .pot's references say whether a term is a field label,
a view term or a Python string), so both must list every term with the right references.
This exports the .pot with Odoo's own exporter, then rewrites nl.po with the .pot's entries and
the Dutch already translated (matched on the English source); it prints what is still missing.

    bin/erm python tools/i18n_sync.py -d erm_test [--check] [addon ...]

--check writes nothing and exits 1 when a .pot or nl.po would change or a term lacks Dutch.
"""

import argparse
import io
import os
import sys

import polib

import odoo
from odoo.tools import config
from odoo.tools.translate import trans_export

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
ADDONS = ("erm_verzuim", "erm_spreekuur", "erm_reports")


def export_pot(cr, addon):
    buffer = io.BytesIO()
    trans_export(None, [addon], buffer, "po", cr)
    return polib.pofile(buffer.getvalue().decode())


def merged_po(pot, old):
    known = {entry.msgid: entry.msgstr for entry in old if entry.msgstr and not entry.obsolete}
    po = polib.POFile(wrapwidth=pot.wrapwidth)
    po.header = old.header or pot.header
    po.metadata = dict(old.metadata or pot.metadata)
    po.metadata["Language"] = "nl"
    po.metadata.setdefault("Plural-Forms", "nplurals=2; plural=(n != 1);")
    missing = []
    for entry in pot:
        new = polib.POEntry(
            msgid=entry.msgid, msgstr=known.get(entry.msgid, ""),
            occurrences=entry.occurrences, comment=entry.comment, tcomment=entry.tcomment,
            flags=[flag for flag in entry.flags if flag != "fuzzy"],
        )
        if not new.msgstr:
            missing.append(entry.msgid)
        po.append(new)
    return po, missing


def _undated(text):
    """The file without its creation/revision dates, which change on every export."""
    return "\n".join(line for line in text.splitlines()
                     if not line.startswith(('"POT-Creation-Date', '"PO-Revision-Date')))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("addons", nargs="*", default=list(ADDONS))
    args = parser.parse_args()
    config.parse_config(["-c", os.environ["ERM_CONF"]])
    registry = odoo.modules.registry.Registry(args.database)
    failed = False
    with registry.cursor() as cr:
        for addon in args.addons:
            i18n = os.path.join(ROOT, addon, "i18n")
            pot_path = os.path.join(i18n, f"{addon}.pot")
            po_path = os.path.join(i18n, "nl.po")
            pot = export_pot(cr, addon)
            old = polib.pofile(po_path) if os.path.exists(po_path) else polib.POFile()
            po, missing = merged_po(pot, old)
            for msgid in missing:
                print(f"{addon}: untranslated: {msgid!r}")
            new_pot, new_po = str(pot), str(po)
            changed = [
                path for path, text in ((pot_path, new_pot), (po_path, new_po))
                if not os.path.exists(path)
                or _undated(open(path, encoding="utf-8").read()) != _undated(text)
            ]
            if args.check:
                for path in changed:
                    print(f"{addon}: out of date: {os.path.relpath(path, ROOT)}")
                failed = failed or bool(changed or missing)
                continue
            for path, text in ((pot_path, new_pot), (po_path, new_po)):
                if path not in changed:
                    continue
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(text)
            print(f"{addon}: {len(pot)} terms, {len(missing)} without Dutch")
            failed = failed or bool(missing)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
