#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Runs every benchmark in this directory (bench_*.py, each with a main()); `bin/erm bench`
calls it. Leading arguments select benchmarks by name, options after them go to each selected
benchmark: `bin/erm bench deadline_alerts --cases 100000`."""

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    first_option = next((i for i, a in enumerate(argv) if a.startswith("-")), len(argv))
    names, options = argv[:first_option], argv[first_option:]
    paths = sorted(HERE.glob("bench_*.py"))
    if names:
        paths = [p for p in paths if any(n in p.stem for n in names)]
    failed = 0
    for path in paths:
        print(f"=== {path.stem}", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        started = time.perf_counter()
        try:
            module.main(options)
        except Exception as exc:  # noqa: BLE001 - report and run the others
            failed += 1
            print(f"!!! {path.stem} failed: {exc!r}", flush=True)
        print(f"=== {path.stem}: {time.perf_counter() - started:.0f} s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
