"""Prints one closing line over everything `bin/erm test` ran: pytest (its JUnit XML) and
Odoo's own test suites (their log). Usage: test_summary.py JUNIT_XML [ODOO_SUITES_LOG]"""

import os
import re
import sys
import xml.etree.ElementTree as ET


def main(junit, suites_log=None):
    passed = failed = skipped = 0
    if os.path.exists(junit):
        for suite in ET.parse(junit).getroot().iter("testsuite"):
            tests, fail = int(suite.get("tests", 0)), int(suite.get("failures", 0))
            err, skip = int(suite.get("errors", 0)), int(suite.get("skipped", 0))
            passed += tests - fail - err - skip
            failed += fail + err
            skipped += skip
    if suites_log:
        text = ""
        if os.path.exists(suites_log):
            with open(suites_log, errors="replace") as log:
                text = log.read()
        found = re.findall(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading", text)
        if found:
            fail, err, total = map(int, found[-1])
            passed += total - fail - err
            failed += fail + err
        else:
            failed += 1  # the suites did not report at all: that is a failure
    print(f"total: {passed} passed, {failed} failed, {skipped} skipped")


if __name__ == "__main__":
    main(*sys.argv[1:3])
