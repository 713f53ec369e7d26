#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Copies the pictures the browser tours took for the role guides into docs/guide/img/.

    PYTHON tools/guide_shots.py SCREENSHOTS_DIR DOCS_IMG_DIR

Run by ``bin/erm guide-shots``. A tour's ``guideShot(name)`` step leaves
``guide_<name>__<timestamp>.png`` (``-`` in the name as ``_``) in Odoo's screenshot folder;
the first picture of each name becomes ``<name>.png`` (a journey that runs twice, such as
the employee's view on a plan and then on an evaluation, shows the first time). Every
picture a guide names must be there: a guide that points at a missing picture is an error.
"""

import pathlib
import re
import shutil
import sys

SHOT = re.compile(r"^guide_(?P<name>[a-z0-9_]+?)__\d.*\.png$")
IMAGE_LINK = re.compile(r"\]\(img/(?P<name>[a-z0-9-]+)\.png\)")


def main(source, target):
    source, target = pathlib.Path(source), pathlib.Path(target)
    first = {}
    for path in sorted(source.glob("guide_*.png"), key=lambda p: p.stat().st_mtime):
        match = SHOT.match(path.name)
        if match:
            first.setdefault(match["name"].replace("_", "-"), path)
    target.mkdir(parents=True, exist_ok=True)
    for name, path in sorted(first.items()):
        shutil.copyfile(path, target / f"{name}.png")
    wanted = {
        match["name"]
        for guide in target.parent.glob("*.md")
        for match in IMAGE_LINK.finditer(guide.read_text(encoding="utf-8"))
    }
    missing = sorted(wanted - set(first))
    print(f"{len(first)} pictures copied to {target}")
    if missing:
        print("no picture for: " + ", ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
