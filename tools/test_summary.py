"""Prints the closing line of `bin/erm test` over everything that ran, and fails (exit 1) on
any failed test, on any test skipped for want of a browser, and when no test ran at all.

    test_summary.py --odoo-log LOG [--odoo-log LOG]   runs of Odoo's test runner (log level info)
    test_summary.py --junit XML                       a pytest run (its JUnit XML)

The closing line is `total: N passed, N failed, N skipped`; for Odoo's runner a line per
addon comes first.
"""

import argparse
import collections
import os
import re
import sys
import xml.etree.ElementTree as ET

# Odoo's log format: "<date> <time> <pid> <LEVEL> <db> <logger>: <message>"; test results are
# logged by the test's own module logger (odoo.addons.<addon>.tests.<file>).
LOG_LINE = re.compile(r"^\S+ \S+ \d+ (?P<level>[A-Z]+) \S+ (?P<logger>[\w.]+): (?P<message>.*)$")
TEST_LOGGER = re.compile(r"^odoo\.addons\.(?P<addon>\w+)\.tests\.")
FINAL = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
# Odoo's HttpCase skips a browser test it cannot run (odoo/tests/common.py): "Chrome
# executable not found", "/usr/bin/chromium not found", "Failed to detect chrome devtools
# port", "Cannot connect to chrome dev tools", "websocket-client module is not installed".
# Such a skip hides a tour that never ran: it counts as a failure.
BROWSER_SKIP = re.compile(r"chrom|websocket", re.IGNORECASE)


def count_junit(path):
    passed = failed = skipped = 0
    if os.path.exists(path):
        for suite in ET.parse(path).getroot().iter("testsuite"):
            tests, fail = int(suite.get("tests", 0)), int(suite.get("failures", 0))
            err, skip = int(suite.get("errors", 0)), int(suite.get("skipped", 0))
            passed += tests - fail - err - skip
            failed += fail + err
            skipped += skip
    return passed, failed, skipped


def count_odoo_log(path):
    """Counts from the runner's log: per addon the tests started, failed (FAIL/ERROR) and
    skipped, checked against Odoo's own final line "F failed, E error(s) of N tests"."""
    started = collections.Counter()
    failed = collections.Counter()
    skipped = collections.Counter()
    no_browser = collections.Counter()
    final = None
    if os.path.exists(path):
        with open(path, errors="replace") as log:
            for line in log:
                match = LOG_LINE.match(line.rstrip("\n"))
                if not match:
                    continue
                message = match["message"]
                final_match = FINAL.search(message)
                if final_match:
                    final = tuple(map(int, final_match.groups()))
                    continue
                addon = TEST_LOGGER.match(match["logger"])
                if not addon:
                    continue
                addon = addon["addon"]
                if match["level"] == "INFO" and message.startswith("Starting "):
                    started[addon] += 1
                elif match["level"] == "INFO" and message.startswith("skipped "):
                    # "skipped <test> : <reason>" (odoo/tests/result.py)
                    if BROWSER_SKIP.search(message.rpartition(" : ")[2]):
                        no_browser[addon] += 1
                    else:
                        skipped[addon] += 1
                elif match["level"] == "ERROR" and message.startswith(("FAIL: ", "ERROR: ")):
                    failed[addon] += 1
    for addon in sorted(started):
        print(f"  {addon}: {started[addon]} run, {failed[addon]} failed, "
              f"{skipped[addon]} skipped")
        if no_browser[addon]:
            print(f"  {addon}: {no_browser[addon]} browser test(s) skipped for want of a "
                  f"browser (install Debian's chromium): failures")
    skip, unrun = sum(skipped.values()), sum(no_browser.values())
    if final is None:
        # The run stopped before its end: what ran counts, and the stop is one more failure.
        print(f"  {path}: no result line (the run stopped before its end): a failure")
        ran, fail = sum(started.values()), sum(failed.values())
        return max(ran - fail - skip - unrun, 0), fail + unrun + 1, skip
    fail, err, total = final
    # (an error in a class set-up counts as an error without a test run)
    return max(total - fail - err - skip - unrun, 0), fail + err + unrun, skip


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--junit", help="pytest's JUnit XML")
    parser.add_argument("--odoo-log", action="append", default=[],
                        help="the log of a run of Odoo's test runner (repeatable)")
    args = parser.parse_args(argv)
    passed = failed = skipped = 0
    if args.junit:
        passed, failed, skipped = count_junit(args.junit)
    for log in args.odoo_log:
        counts = count_odoo_log(log)
        passed, failed, skipped = (a + b for a, b in zip((passed, failed, skipped), counts,
                                                          strict=True))
    print(f"total: {passed} passed, {failed} failed, {skipped} skipped")
    if failed or not passed + failed:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
