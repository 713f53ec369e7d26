# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""bin/erm itself: its help, and the checks on a given Odoo archive. Every run uses a
temporary ERM_CACHE and ERM_STATE, never the machine's cache or the clone's state."""

import fcntl
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

from odoo.tests import tagged
from odoo.tests.common import BaseCase

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
ERM = os.path.join(ROOT, "bin", "erm")
RELEASE_18 = "version_info = (18, 0, 0, FINAL, 0, '')\n"


def fake_odoo_archive(path, release=RELEASE_18):
    """A .tar.gz shaped like Odoo's source archive (one top directory), with odoo/release.py
    first and a large incompressible file after it, so a truncated copy still holds
    release.py."""
    with tarfile.open(path, "w:gz") as archive:
        for name, data in (("odoo-18.0/odoo/release.py", release.encode()),
                           ("odoo-18.0/odoo/filler.bin", os.urandom(256 * 1024))):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


@tagged("post_install", "-at_install", "erm_bin")
class TestBinErm(BaseCase):
    def setUp(self):
        super().setUp()
        self.tmp = tempfile.mkdtemp(prefix="erm-bin-test-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.cache = os.path.join(self.tmp, "cache")

    def erm(self, *args, **env):
        environ = {key: value for key, value in os.environ.items()
                   if not key.startswith(("ODOO_", "ERM_", "XDG_CACHE"))}
        environ.update(ERM_CACHE=self.cache, ERM_STATE=os.path.join(self.tmp, "state"), **env)
        return subprocess.run([ERM, *args], env=environ, capture_output=True, text=True,
                              timeout=300, check=False)

    def assert_nothing_installed(self):
        left = sorted(os.listdir(self.cache)) if os.path.isdir(self.cache) else []
        self.assertFalse([name for name in left if name != ".setup.lock"], left)

    def test_help_prints_usage_not_code(self):
        for args in (("help",), ("--help",), ()):
            res = self.erm(*args)
            self.assertEqual(res.returncode, 0, res.stderr)
            self.assertIn("Usage: bin/erm COMMAND", res.stdout)
            for command in ("run", "test", "test-external-pg", "setup", "odoo", "shell", "bench",
                            "pg", "help", "try-install", "backup", "restore"):
                self.assertIn(f"\n  {command} ", res.stdout)
            self.assertIn("ODOO_SRC", res.stdout)
            for code in ("set -euo", "ERM_ROOT=", "#!/", "$(", "() {"):
                self.assertNotIn(code, res.stdout)
        self.assertFalse(os.path.exists(self.cache), "help must set nothing up")

    def test_unknown_command(self):
        res = self.erm("frobnicate")
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("unknown command 'frobnicate'", res.stderr)

    def test_backup_and_restore_need_their_arguments(self):
        """Checked before anything is set up or started (tools/try_install.py runs the
        dump and load themselves)."""
        for args, usage in ((("backup", "erm_demo"), "usage: bin/erm backup DB FILE.zip"),
                            (("restore", "x.zip"), "usage: bin/erm restore FILE.zip DB"),
                            (("restore", os.path.join(self.tmp, "none.zip"), "copy"),
                             "no such file")):
            res = self.erm(*args)
            self.assertNotEqual(res.returncode, 0, args)
            self.assertIn(usage, res.stderr)
        self.assertFalse(os.path.exists(self.cache), "nothing set up")

    def test_corrupt_archive(self):
        path = os.path.join(self.tmp, "odoo_18.0.tar.gz")
        with open(path, "wb") as archive:
            archive.write(os.urandom(4096))
        res = self.erm("setup", ODOO_SRC=path)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("is not a complete .tar.gz/.tgz/.zip archive", res.stderr)
        self.assert_nothing_installed()

    def test_partly_downloaded_archive(self):
        path = os.path.join(self.tmp, "odoo_18.0.tar.gz")
        fake_odoo_archive(path)
        with open(path, "r+b") as archive:
            archive.truncate(os.path.getsize(path) * 6 // 10)
        res = self.erm("setup", ODOO_SRC=path)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("corrupt or partly downloaded", res.stderr)
        self.assert_nothing_installed()

    def test_archive_without_odoo_18(self):
        path = os.path.join(self.tmp, "odoo_17.0.tar.gz")
        fake_odoo_archive(path, release="version_info = (17, 0, 0, FINAL, 0, '')\n")
        res = self.erm("setup", ODOO_SRC=path)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("holds no Odoo 18.0 source tree", res.stderr)
        self.assert_nothing_installed()

    def test_checksum(self):
        path = os.path.join(self.tmp, "odoo_18.0.tar.gz")
        fake_odoo_archive(path)
        res = self.erm("setup", ODOO_SRC=path, ODOO_SHA256="0" * 64)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("but ODOO_SHA256 is " + "0" * 64, res.stderr)
        self.assert_nothing_installed()
        # The right checksum (any case) installs the tree; the fake tree then stops the
        # setup, as it has no requirements.txt, before any virtualenv is made.
        with open(path, "rb") as archive:
            digest = hashlib.sha256(archive.read()).hexdigest()
        res = self.erm("setup", ODOO_SRC=path, ODOO_SHA256=digest.upper())
        tree = os.path.join(self.cache, "odoo-18.0")
        self.assertTrue(os.path.isfile(os.path.join(tree, "odoo", "release.py")), res.stderr)
        with open(os.path.join(tree, ".erm-source")) as source:
            self.assertEqual(source.read().strip(), path)
        self.assertFalse(os.path.exists(os.path.join(self.cache, "venv")))

    def test_concurrent_setup_waits_for_the_lock(self):
        if not shutil.which("flock"):
            self.skipTest("flock(1) is not installed")
        os.makedirs(self.cache)
        path = os.path.join(self.tmp, "odoo_18.0.tar.gz")
        fake_odoo_archive(path)
        with open(os.path.join(self.cache, ".setup.lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            res = self.erm("setup", ODOO_SRC=path, ERM_LOCK_WAIT="1")
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("waiting for another bin/erm setup", res.stderr)
        self.assertIn("still holds", res.stderr)
        self.assert_nothing_installed()

    def test_summary_fails_when_browser_tests_were_skipped(self):
        """Odoo skips a browser test when it finds no Chrome; the closing line of bin/erm
        test counts that skip as a failure, while other skips stay skips."""
        def summary(*skip_reasons):
            prefix = "2026-12-07 09:00:00,000 42 {} erm_test {}: {}\n"
            logger = "odoo.addons.test_erm_verzuim.tests.test_tour_x"
            lines = [prefix.format("INFO", logger, "Starting TestTour.test_ok ...")]
            for n, reason in enumerate(skip_reasons):
                lines.append(prefix.format("INFO", logger, f"Starting TestTour.test_{n} ..."))
                lines.append(prefix.format(
                    "INFO", logger, f"skipped test_{n} (TestTour.test_{n}) : {reason}"))
            lines.append(prefix.format(
                "INFO", "odoo.tests.result",
                f"0 failed, 0 error(s) of {len(skip_reasons) + 1} tests when loading database "
                "'erm_test'"))
            path = os.path.join(self.tmp, f"odoo-{len(skip_reasons)}.log")
            with open(path, "w") as log:
                log.writelines(lines)
            return subprocess.run(
                [sys.executable, os.path.join(ROOT, "tools", "test_summary.py"),
                 "--odoo-log", path],
                capture_output=True, text=True, timeout=60, check=False)

        res = summary("flock(1) is not installed")
        self.assertEqual(res.returncode, 0, res.stdout)
        self.assertIn("total: 1 passed, 0 failed, 1 skipped", res.stdout)
        for reason in ("Chrome executable not found", "/usr/bin/chromium not found",
                       "Failed to detect chrome devtools port after 10.0s."):
            res = summary(reason)
            self.assertEqual(res.returncode, 1, (reason, res.stdout))
            self.assertIn("total: 1 passed, 1 failed, 0 skipped", res.stdout)
            self.assertIn("skipped for want of a browser", res.stdout)
