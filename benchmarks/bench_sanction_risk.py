#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the wage-sanction risk check (erm.sanction.risk._refresh_cases) over 1,000
and 10,000 open cases, in batches as the daily deadline job runs it (one committed
transaction per batch of erm.sanction.risk.BATCH_SIZE cases).

    bin/erm bench sanction_risk [--cases 10000] [--orm-cases 1000]

Prints per size the first check (every result and line created) and a re-check (nothing
changed): duration, queries, queries per case. Goals: the first check of 10,000 cases
<= 30 s, queries per case flat (the same at 1,000 and 10,000 cases).

Measured (2 shared cores, --orm-cases 500): first check 2.9 s at 1,000 cases (0.10 queries
per case) and 23.8 s at 10,000 (0.09 queries per case, at most 47 queries per batch of 500);
re-checks 0.6 s and 8.1 s (0.04 queries per case).

Data: the template database and the cases of bench_deadline_alerts (the demo organisation and
data/demo_cases.py); --orm-cases are made through the ORM, the rest copied from them in SQL
(bench_deadline_alerts.clone_cases), the organisation scaled in SQL (scale_employees).
"""

import argparse
import importlib.util
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from odoo import SUPERUSER_ID, api  # noqa: E402

from benchmarks.common import setup_odoo  # noqa: E402

DB = "erm_risk_bench"
SEED = 1


def alerts_bench():
    """The deadline-alert benchmark's module (its data helpers)."""
    path = Path(__file__).resolve().parent / "bench_deadline_alerts.py"
    spec = importlib.util.spec_from_file_location("bench_deadline_alerts", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_check(registry):
    """Check every open case, one committed transaction per batch."""
    from odoo.addons.erm_verzuim.models.erm_sanction_risk import BATCH_SIZE as size

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        case_ids = env["erm.absence.case"].search(
            [("active", "=", True), ("date_recovered", "=", False)], order="id").ids
    totals = {"seconds": 0.0, "queries": 0, "batches": 0, "cases": len(case_ids),
              "max_batch_queries": 0}
    started = time.perf_counter()
    for offset in range(0, len(case_ids), size):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            before = cr.sql_log_count
            cases = env["erm.absence.case"].browse(case_ids[offset:offset + size])
            env["erm.sanction.risk"]._refresh_cases(cases)
            env.flush_all()
            queries = cr.sql_log_count - before
            cr.commit()
        totals["queries"] += queries
        totals["max_batch_queries"] = max(totals["max_batch_queries"], queries)
        totals["batches"] += 1
    totals["seconds"] = time.perf_counter() - started
    return totals


def levels(registry):
    with registry.cursor() as cr:
        cr.execute("SELECT level, count(*) FROM erm_sanction_risk GROUP BY level ORDER BY 1")
        return dict(cr.fetchall())


def fmt(run):
    per_case = run["queries"] / max(run["cases"], 1)
    return (f"{run['seconds']:7.1f} s {run['queries']:7d} queries "
            f"{per_case:6.2f} queries/case {run['batches']:3d} batches "
            f"(max {run['max_batch_queries']} queries/batch)")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--small", type=int, default=None, help="default: cases / 10")
    parser.add_argument("--orm-cases", type=int, default=None,
                        help="cases made through the ORM (default: the small size)")
    args = parser.parse_args(argv)
    args.small = args.small or max(args.cases // 10, 1)
    orm_cases = min(args.orm_cases or args.small, args.small)
    setup_odoo()
    bench = alerts_bench()
    employees = int(args.small * 1.1)
    registry = bench.fresh_database(bench.ensure_template(employees), DB)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        employee_ids = env["hr.employee"].search([], order="id").ids
    random.Random(SEED).shuffle(employee_ids)
    bench.make_cases(registry, employee_ids[:orm_cases])
    if orm_cases < args.small:
        bench.clone_cases(registry, employee_ids[orm_cases:args.small])
    with registry.cursor() as cr:
        cr.execute("ANALYZE")
    results = {"small_first": run_check(registry), "small_rerun": run_check(registry)}
    small_levels = levels(registry)
    if len(employee_ids) < int(args.cases * 1.05):
        employee_ids += bench.scale_employees(registry, int(args.cases * 1.05)
                                              - len(employee_ids))
    bench.clone_cases(registry, employee_ids[args.small:args.cases])
    with registry.cursor() as cr:
        cr.execute("ANALYZE")
    results["large_first"] = run_check(registry)
    results["large_rerun"] = run_check(registry)
    large_levels = levels(registry)

    print()
    print(f"Wage-sanction risk check benchmark ({os.cpu_count()} CPUs, database {DB})")
    print(f"  levels at {results['small_first']['cases']} cases: {small_levels}")
    print(f"  levels at {results['large_first']['cases']} cases: {large_levels}")
    for key in ("small_first", "small_rerun", "large_first", "large_rerun"):
        run = results[key]
        label = f"{run['cases']} cases, {'first' if key.endswith('first') else 're-run'}"
        print(f"  {label:<22} {fmt(run)}")
    small, large = results["small_first"], results["large_first"]
    qpc = [r["queries"] / max(r["cases"], 1) for r in (small, large)]
    print(f"  goals: first check of {large['cases']} cases <= 30 s ({large['seconds']:.1f} s), "
          f"queries per case flat ({qpc[0]:.2f} -> {qpc[1]:.2f})")
    return results


if __name__ == "__main__":
    main()
