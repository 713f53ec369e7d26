# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every test also runs under Odoo's own runner (what the OCA's CI runs), not only under
pytest. Odoo's runner only sees unittest classes in the modules that a `tests` package imports,
of an installed addon; pytest sees every test_*.py file and plain test functions too. These
checks keep the two in step: a test file that its package does not import, or a plain pytest
function, would silently run under pytest only."""

import ast
import os

from odoo.tests import tagged
from odoo.tests.common import BaseCase

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
HOST = "test_erm_verzuim"  # the test-only addon that holds the cross-addon tests


def addons():
    return sorted(
        name for name in os.listdir(ROOT)
        if os.path.isfile(os.path.join(ROOT, name, "__manifest__.py"))
    )


def folders_with_tests():
    dirs = [os.path.join(ROOT, name, "tests") for name in addons()]
    return [path for path in dirs if os.path.isdir(path)]


def parse(path):
    with open(path, encoding="utf-8") as source:
        return ast.parse(source.read(), path)


@tagged("post_install", "-at_install", "erm_runner")
class TestTestWiring(BaseCase):
    def test_every_test_file_is_imported_by_its_package(self):
        for folder in folders_with_tests():
            files = {name[:-3] for name in os.listdir(folder)
                     if name.startswith("test_") and name.endswith(".py")}
            imported = {
                alias.name
                for node in parse(os.path.join(folder, "__init__.py")).body
                if isinstance(node, ast.ImportFrom) and node.level == 1 and not node.module
                for alias in node.names
            }
            with self.subTest(folder=os.path.relpath(folder, ROOT)):
                self.assertFalse(sorted(files - imported),
                                 "add `from . import <file>` to the package's __init__.py")

    def test_no_plain_test_functions(self):
        for folder in folders_with_tests():
            for name in sorted(os.listdir(folder)):
                if not name.endswith(".py"):
                    continue
                functions = [
                    node.name for node in parse(os.path.join(folder, name)).body
                    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                    and node.name.startswith("test")
                ]
                with self.subTest(file=os.path.relpath(os.path.join(folder, name), ROOT)):
                    self.assertFalse(functions, "make them methods of a test class")

    def test_the_host_addon_depends_on_every_addon(self):
        with open(os.path.join(ROOT, HOST, "__manifest__.py"), encoding="utf-8") as source:
            manifest = ast.literal_eval(source.read())
        self.assertEqual(set(manifest["depends"]), set(addons()) - {HOST})
