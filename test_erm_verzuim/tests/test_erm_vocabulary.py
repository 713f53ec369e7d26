# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""No medical data anywhere in the product (domain.md §5, AP beleidsregels 2016): no model,
field, selection, view, menu, action, mail template, report or activity type of the three
addons may name or invite a diagnosis, complaints, treatment, medication, symptoms or
pregnancy. Allowed are only the sentences that *tell the user* that such data does not
belong here, and the WAZO leave, which the Wet verbetering poortwachter itself names."""

import ast
import json
import os

import polib

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from odoo.addons.erm_verzuim.tests.vocabulary import FORBIDDEN

ADDONS = ("erm_verzuim", "erm_spreekuur", "erm_reports")
ROOT = os.path.join(os.path.dirname(__file__), "..", "..")


# The explanatory sentences, exactly as the UI states them (English source and the Dutch
# translation). Each names the forbidden data only to say that it does not belong here.
EXPLANATIONS = (
    # erm.absence.case form, the sick report
    "There is deliberately no field for the reason of the absence, complaints or a "
    "diagnosis: only the company doctor may hear those, and he keeps them in his own "
    "medical file.",
    # erm.reintegration.plan (help and form)
    "Work, agreements and views only: no diagnosis, complaints or treatment.",
    "Record work, agreements and views only. No diagnosis, complaints or treatment: those "
    "stay with the company doctor.",
    # erm.ba.advice (help, form, placeholder)
    "No diagnosis, complaints or treatment: the medical file stays in the company doctor's "
    "own system.",
    "What work the employee can and cannot do, in work terms. No diagnosis, complaints or "
    "treatment.",
    "No diagnosis, complaints or treatment: the medical file stays in the company doctor's "
    "own system.",
)
# The WAZO leave (pregnancy and maternity leave) exists by design: art. 7:629 BW.
WAZO = (
    "Pregnancy and maternity leave.",
    "Set when the company doctor states that this absence, after pregnancy or maternity "
    "leave, has the same cause as the absence before the leave.",
)
ALLOWED = tuple(" ".join(text.split()) for text in EXPLANATIONS + WAZO)


def _is_explanation(msgid):
    """A term that names forbidden data only inside the allowed sentences."""
    clean = " ".join(msgid.split())
    if not FORBIDDEN.search(clean):
        return False
    for allowed in ALLOWED:
        clean = clean.replace(allowed, "")
    return not FORBIDDEN.search(clean)


def _allowed_translations():
    """The Dutch translations of the allowed terms, as the po files give them: the views
    show these once the Dutch language is loaded."""
    allowed = []
    for addon in ADDONS:
        path = os.path.join(ROOT, addon, "i18n", "nl.po")
        if os.path.exists(path):
            allowed += [
                " ".join(entry.msgstr.split()) for entry in polib.pofile(path)
                if entry.msgstr and _is_explanation(entry.msgid)
            ]
    # longest first, so that a sentence inside a longer term does not break its removal
    return tuple(sorted(set(allowed), key=len, reverse=True))


def _texts(value):
    """The strings of a translated (jsonb) or plain value, every language."""
    if value is None:
        return []
    if isinstance(value, dict):
        return [str(v) for v in value.values() if v]
    if isinstance(value, str) and value.startswith("{"):
        try:
            return [str(v) for v in json.loads(value).values() if v]
        except ValueError:
            return [value]  # not JSON after all: the text itself
    return [str(value)]


@tagged("post_install", "-at_install", "erm_vocabulary")
class TestNoMedicalVocabulary(TransactionCase):
    def scan(self, query, params, label):
        """[(label, text)] for every column of every row of `query`."""
        self.env.flush_all()
        self.env.cr.execute(query, params)
        found = []
        for row in self.env.cr.fetchall():
            key, values = row[0], row[1:]
            for value in values:
                for text in _texts(value):
                    found.append((f"{label} {key}", text))
        return found

    def records_of(self, model):
        self.env.cr.execute(
            "SELECT res_id FROM ir_model_data WHERE module IN %s AND model = %s",
            [ADDONS, model],
        )
        return tuple(r[0] for r in self.env.cr.fetchall()) or (0,)

    def collect(self):
        cr = self.env.cr
        cr.execute(
            "SELECT DISTINCT res_id FROM ir_model_data WHERE module IN %s AND model = 'ir.model'",
            [ADDONS],
        )
        model_ids = tuple(r[0] for r in cr.fetchall()) or (0,)
        field_ids = self.records_of("ir.model.fields")
        texts = []
        texts += self.scan(
            "SELECT model, model, name::text, info FROM ir_model WHERE id IN %s",
            [model_ids], "model")
        texts += self.scan(
            "SELECT model || '.' || name, name, field_description::text, help::text "
            "FROM ir_model_fields WHERE model_id IN %s OR id IN %s",
            [model_ids, field_ids], "field")
        texts += self.scan(
            "SELECT f.model || '.' || f.name, s.value, s.name::text "
            "FROM ir_model_fields_selection s JOIN ir_model_fields f ON f.id = s.field_id "
            "WHERE f.model_id IN %s OR f.id IN %s",
            [model_ids, field_ids], "selection")
        texts += self.scan(
            "SELECT COALESCE(key, name), name, arch_db::text FROM ir_ui_view WHERE id IN %s",
            [self.records_of("ir.ui.view")], "view")
        texts += self.scan(
            "SELECT id, name::text FROM ir_ui_menu WHERE id IN %s",
            [self.records_of("ir.ui.menu")], "menu")
        texts += self.scan(
            "SELECT id, name::text, help::text FROM ir_act_window WHERE id IN %s",
            [self.records_of("ir.actions.act_window")], "action")
        texts += self.scan(
            "SELECT report_name, name::text, report_name FROM ir_act_report_xml "
            "WHERE id IN %s", [self.records_of("ir.actions.report")], "report")
        texts += self.scan(
            "SELECT id, name::text, subject::text, body_html::text FROM mail_template "
            "WHERE id IN %s", [self.records_of("mail.template")], "mail template")
        texts += self.scan(
            "SELECT id, name::text, summary::text, default_note::text FROM mail_activity_type "
            "WHERE id IN %s", [self.records_of("mail.activity.type")], "activity type")
        texts += self.scan(
            "SELECT id, name::text FROM hr_skill WHERE id IN %s",
            [self.records_of("hr.skill")], "skill")
        return texts

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.allowed = _allowed_translations() + ALLOWED

    def violations(self, texts):
        bad = []
        for label, text in texts:
            clean = " ".join(text.split())
            for allowed in self.allowed:
                clean = clean.replace(allowed, "")
            for match in FORBIDDEN.finditer(clean):
                start = max(0, match.start() - 60)
                bad.append(f"{label}: ...{clean[start:match.end() + 60]}...")
        return bad

    def test_no_medical_vocabulary(self):
        texts = self.collect()
        # the scan really covers the product
        labels = {label.split(" ")[0] for label, _text in texts}
        self.assertTrue({"model", "field", "selection", "view", "menu", "action",
                         "report"} <= labels, labels)
        self.assertGreater(len(texts), 500)
        bad = self.violations(texts)
        self.assertFalse(bad, "medical vocabulary found:\n" + "\n".join(bad))

    def test_the_scanner_finds_what_it_must(self):
        """The whitelist is exact: the same words elsewhere are still found."""
        self.assertEqual(len(self.violations([
            ("field x", "Symptoms"),
            ("view y", "<field name='diagnosis_code'/>"),
            ("help z", "Describe the complaints of the employee."),
            ("template", "Zwangerschapsverlof van Jan"),
            ("allowed", ALLOWED[1]),
        ])), 4)

    def test_no_medical_vocabulary_in_code_strings(self):
        """Chatter messages, activity summaries and errors are built in Python: every string
        literal of the addons (docstrings aside) passes the same check."""
        texts = []
        for addon in ADDONS:
            base = os.path.join(ROOT, addon)
            for root, _dirs, files in os.walk(base):
                if "tests" in os.path.relpath(root, base).split(os.sep):
                    continue
                for name in files:
                    if name.endswith(".py"):
                        path = os.path.join(root, name)
                        with open(path, encoding="utf-8") as handle:
                            texts += _code_strings(path, handle.read())
        self.assertGreater(len(texts), 100)
        bad = self.violations(texts)
        self.assertFalse(bad, "medical vocabulary in code:\n" + "\n".join(bad))

    def test_no_medical_vocabulary_in_translations(self):
        """A translation may name the forbidden data only where its source is one of the
        explanations above."""
        texts = []
        for addon in ADDONS:
            folder = os.path.join(ROOT, addon, "i18n")
            if not os.path.isdir(folder):
                continue
            for name in os.listdir(folder):
                if not name.endswith(".po"):
                    continue
                for entry in polib.pofile(os.path.join(folder, name)):
                    if entry.msgstr and _is_explanation(entry.msgid):
                        continue  # the translation of an explanation
                    texts.append((f"{addon}/{name} {entry.msgid[:40]!r}", entry.msgstr))
        self.assertFalse(self.violations(texts), "\n".join(self.violations(texts)))


def _code_strings(path, source):
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and body and (
            isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
        ):
            docstrings.add(id(body[0].value))
    return [
        (f"{path}:{node.lineno}", node.value) for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and id(node) not in docstrings
    ]
