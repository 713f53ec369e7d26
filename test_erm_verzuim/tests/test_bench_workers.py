# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The multi-worker benchmark in its short version: odoo-bin with two workers and the cron
worker, client processes doing the same things at once; nothing duplicated, lost or
failed. The benchmark makes its own databases (a template with the three addons, built once
and kept, and a copy), so this test's transaction holds nothing of it."""

import json
import os
import subprocess
import sys
import tempfile

from odoo.tests import tagged
from odoo.tests.common import BaseCase
from odoo.tools import config

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))


@tagged("post_install", "-at_install", "erm_bench")
class TestSeveralWorkers(BaseCase):
    def test_quick_run(self):
        conf = os.environ.get("ERM_CONF") or config.rcfile
        with tempfile.TemporaryDirectory(prefix="erm-workers-") as tmp:
            path = os.path.join(tmp, "summary.json")
            done = subprocess.run(
                [sys.executable, os.path.join(ROOT, "benchmarks", "run.py"), "workers",
                 "--quick", "--json", path],
                env=dict(os.environ, ERM_CONF=conf), capture_output=True, text=True,
                timeout=900, check=False,
            )
            self.assertTrue(os.path.exists(path), done.stdout[-3000:] + done.stderr[-3000:])
            with open(path, encoding="utf-8") as summary_file:
                summary = json.load(summary_file)
        report = done.stdout[-4000:]
        totals = summary["totals"]
        self.assertEqual(
            (totals["duplicates"], totals["lost"], totals["errors"], totals["deadlocks"]),
            (0, 0, 0, 0), report)
        self.assertEqual(summary["server"]["given_up"], 0, report)
        self.assertEqual(summary["server"]["log_errors"], [], report)
        self.assertTrue(summary["goal_met"], report)
        rows = {row["scenario"]: row for row in summary["scenarios"]}
        # the races took place: every item was won once, the other clients refused
        for name in ("slots", "sick", "recover", "approve"):
            with self.subTest(scenario=name):
                self.assertGreater(rows[name]["accepted"], 0, report)
                self.assertGreater(rows[name]["refused"], 0, report)
                self.assertEqual(rows[name]["accepted"] + rows[name]["refused"],
                                 rows[name]["requests"], report)
        self.assertEqual(rows["approve"]["accepted"], rows["approve"]["requests"] // 2, report)
        self.assertIn("This time has just been taken", " ".join(rows["slots"]["refusals"]))
        self.assertEqual(done.returncode, 0, report)
