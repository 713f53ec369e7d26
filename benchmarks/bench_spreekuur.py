#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the free-slot search of erm_spreekuur: 50 professionals with a
session every weekday 9:00-17:00 for the next 3 months (half-hour slots, 30 % taken), the
search a user triggers for one professional over 3 months and for all 50.

    bin/erm bench spreekuur [--professionals 50] [--days 91] [--runs 5] [--no-oca]

Prints, per search: the free slots found, the time (median of --runs, caches of the ORM
emptied before each run; the first run is a warm-up) and the number of SQL queries; for
the search alone (``erm.spreekuur.slot.search_free_slots``) and for the search plus the read
of the fields the free-slot calendar shows. Goal: <= 100 ms, and a query count that does not
grow with the number of professionals or days.

The same figures for OCA ``resource_booking`` 18.0 (PyPI ``odoo-addon-resource_booking``),
installed in the same benchmark database when it installs within a few minutes: one booking
type with one combination (one user resource, working 9:00-17:00 on weekdays) per
professional, half-hour slots, and 30 % of the half hours taken by calendar events of the
resource's user (what resource_booking counts as busy), the search being its
``_get_available_slots`` for a new booking over the same period, for one combination and for
all. When it cannot be installed the benchmark says why and measures ours only.

Data: a template database ``erm_s9_bench_tpl`` (erm_spreekuur and, when available,
resource_booking; no demo data) is built once per day (the period starts tomorrow) and copied
to ``erm_s9_bench``. Sessions are made and opened through the ORM (the real slot
generation); the taken 30 % are marked on the slots by SQL (the search reads only the slots;
the booking flow itself is measured by the booking tests).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api  # noqa: E402

TEMPLATE_DB = "erm_s9_bench_tpl"
DB = "erm_s9_bench"
DATA_PARAM = "erm_bench.spreekuur"
TZ = "Europe/Amsterdam"
OCA_DIR = ROOT / ".erm" / "oca-bench"
OCA_PACKAGES = (
    "odoo-addon-resource_booking>=18.0,<18.1",
    "odoo-addon-web_calendar_slot_duration>=18.0,<18.1",
    "cssselect",  # resource_booking's declared external dependency
)
OCA_TIMEOUT = 240


def log(message):
    print(f"[bench] {message}", flush=True)


# ---------------------------------------------------------------------------- set-up
def fetch_oca():
    """Install resource_booking (and its dependency) from PyPI into a private directory,
    not into the shared virtualenv. Returns (site directory, None) or (None, reason)."""
    site = OCA_DIR / "site"
    if (site / "odoo" / "addons" / "resource_booking").is_dir():
        return site, None
    log("installing OCA resource_booking 18.0 from PyPI (private directory)")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
             str(site), *OCA_PACKAGES],
            capture_output=True, text=True, timeout=OCA_TIMEOUT, check=False,
        )
    except subprocess.TimeoutExpired:
        return None, f"pip did not finish within {OCA_TIMEOUT} s"
    if done.returncode:
        return None, "pip failed: " + (done.stderr.strip().splitlines() or ["?"])[-1]
    return site, None


def _setup_odoo(oca_site):
    conf = os.environ.get("ERM_CONF")
    if not conf:
        sys.exit("ERM_CONF is not set: run through `bin/erm python` or `bin/erm bench`.")
    args = ["-c", conf, "--log-level=warn"]
    if oca_site:
        sys.path.insert(0, str(oca_site))
        odoo.tools.config.parse_config(args, setup_logging=True)
        paths = odoo.tools.config["addons_path"]
        args.append(f"--addons-path={paths},{oca_site / 'odoo' / 'addons'}")
    odoo.tools.config.parse_config(args, setup_logging=True)
    odoo.modules.module.initialize_sys_path()


def _odoo_bin(database, *args, oca_site=None, timeout=None):
    odoo_bin = Path(odoo.__file__).resolve().parent.parent / "odoo-bin"
    env = dict(os.environ)
    extra = []
    if oca_site:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(oca_site),
                                                          env.get("PYTHONPATH")]))
        extra.append(f"--addons-path={odoo.tools.config['addons_path']}")
    return subprocess.run([
        sys.executable, str(odoo_bin), "-c", os.environ["ERM_CONF"], *extra, "-d", database,
        "--stop-after-init", "--log-level=warn", *args,
    ], check=False, env=env, timeout=timeout, capture_output=True, text=True)


def _list_dbs():
    from odoo.service import db

    return db.list_dbs(True)


def _drop(name):
    from odoo.service import db

    if name in _list_dbs():
        odoo.modules.registry.Registry.delete(name)
        odoo.sql_db.close_db(name)
        db.exp_drop(name)


def ensure_template(args, oca_site):
    """The template database with the modules and the data; returns (name, oca state)."""
    wanted = f"professionals={args.professionals} days={args.days} from={date.today()}"
    if TEMPLATE_DB in _list_dbs():
        registry = odoo.modules.registry.Registry(TEMPLATE_DB)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            current = env["ir.config_parameter"].get_param(DATA_PARAM)
            oca = env["ir.module.module"].search_count(
                [("name", "=", "resource_booking"), ("state", "=", "installed")]
            )
        odoo.modules.registry.Registry.delete(TEMPLATE_DB)
        odoo.sql_db.close_db(TEMPLATE_DB)
        if current == wanted and (oca or not oca_site):
            log(f"upgrading erm_spreekuur in {TEMPLATE_DB}")
            done = _odoo_bin(TEMPLATE_DB, "-u", "erm_spreekuur", oca_site=oca_site)
            if done.returncode:
                raise RuntimeError(done.stderr[-2000:])
            return TEMPLATE_DB, None if oca else "not installed"
        _drop(TEMPLATE_DB)
    log(f"installing erm_spreekuur in {TEMPLATE_DB} (once a day, ~1 min)")
    done = _odoo_bin(TEMPLATE_DB, "-i", "erm_spreekuur", "--without-demo=all",
                     oca_site=oca_site)
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
    oca_reason = "--no-oca" if args.no_oca else None
    if oca_site:
        log("installing resource_booking in the same database")
        try:
            done = _odoo_bin(TEMPLATE_DB, "-i", "resource_booking", "--without-demo=all",
                             oca_site=oca_site, timeout=OCA_TIMEOUT)
            if done.returncode:
                lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
                oca_reason = "install failed: " + (lines[-1] if lines else "?")
        except subprocess.TimeoutExpired:
            oca_reason = f"install took longer than {OCA_TIMEOUT} s"
    registry = odoo.modules.registry.Registry(TEMPLATE_DB)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        make_data(env, args, with_oca=oca_site is not None and not oca_reason)
        env["ir.config_parameter"].set_param(DATA_PARAM, wanted)
    odoo.modules.registry.Registry.delete(TEMPLATE_DB)
    odoo.sql_db.close_db(TEMPLATE_DB)
    return TEMPLATE_DB, oca_reason


def _workdays(days):
    first = date.today() + timedelta(days=1)
    return [first + timedelta(days=i) for i in range(days)
            if (first + timedelta(days=i)).weekday() < 5]


def make_data(env, args, with_oca):
    from odoo.addons.erm_spreekuur.engine import slots as engine

    started = time.perf_counter()
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                           mail_notrack=True, no_mail_to_attendees=True, dont_notify=True))
    company = env.ref("base.main_company")
    company.partner_id.tz = TZ
    address = env["res.partner"].create({"name": "Hoofdkantoor", "is_company": True})
    rooms = env["erm.spreekuur.location"].create([
        {"name": f"Kamer {i + 1}", "partner_id": address.id, "company_id": company.id}
        for i in range(args.professionals)
    ])
    users = env["res.users"].create([
        {"name": f"Professional {i + 1}", "login": f"bench.professional.{i + 1}",
         "tz": TZ, "company_id": company.id, "company_ids": [(6, 0, company.ids)]}
        for i in range(args.professionals)
    ])
    professionals = env["erm.spreekuur.professional"].create([
        {"name": user.name, "user_id": user.id, "company_id": company.id,
         "location_ids": [(6, 0, room.ids)]}
        for user, room in zip(users, rooms, strict=True)
    ])
    days = _workdays(args.days)
    Session = env["erm.spreekuur.session"]
    for professional, room in zip(professionals, rooms, strict=True):
        sessions = Session.create([{
            "professional_id": professional.id, "location_id": room.id,
            "company_id": company.id, "kind": "both", "slot_minutes": 30,
            "start": engine.to_utc(datetime(d.year, d.month, d.day, 9, 0), TZ),
            "stop": engine.to_utc(datetime(d.year, d.month, d.day, 17, 0), TZ),
        } for d in days])
        sessions.action_open()
        env.invalidate_all()
    log(f"{len(professionals)} professionals, {len(days) * len(professionals)} sessions "
        f"({time.perf_counter() - started:.0f} s)")
    # 30 % taken, spread evenly and deterministically
    env.cr.execute("UPDATE erm_spreekuur_slot SET state = 'booked' WHERE id % 10 < 3")
    env.cr.execute("SELECT state, count(*) FROM erm_spreekuur_slot GROUP BY state ORDER BY 1")
    log(f"slots: {dict(env.cr.fetchall())}")
    if with_oca:
        make_oca_data(env, users, company)
    env.cr.execute("ANALYZE")
    log(f"data ready ({time.perf_counter() - started:.0f} s)")


def make_oca_data(env, users, company):
    """resource_booking's equivalent: one booking type, one combination per professional
    (his user resource, 9:00-17:00 on weekdays), 30 % of the half hours busy in his
    calendar (the same slots as ours)."""
    started = time.perf_counter()
    calendar = env["resource.calendar"].create({
        "name": "Spreekuur 9-17", "tz": TZ, "company_id": company.id,
        "attendance_ids": [(5, 0, 0)] + [
            (0, 0, {"name": f"{day} {part}", "dayofweek": str(day), "hour_from": hour_from,
                    "hour_to": hour_to, "day_period": part})
            for day in range(5)
            for part, hour_from, hour_to in (("morning", 9, 12), ("afternoon", 12, 17))
        ],
    })
    resources = env["resource.resource"].create([
        {"name": user.name, "resource_type": "user", "user_id": user.id,
         "calendar_id": calendar.id, "tz": TZ, "company_id": company.id}
        for user in users
    ])
    combinations = env["resource.booking.combination"].create([
        {"resource_ids": [(6, 0, resource.ids)]} for resource in resources
    ])
    env["resource.booking.type"].create({
        "name": "Spreekuur", "duration": 0.5, "slot_duration": 0.5,
        "resource_calendar_id": calendar.id, "modifications_deadline": 0,
        "company_id": company.id,
        "combination_rel_ids": [(0, 0, {"combination_id": c.id}) for c in combinations],
    })
    env.cr.execute("""
        SELECT s.start, s.stop, p.user_id FROM erm_spreekuur_slot s
          JOIN erm_spreekuur_professional p ON p.id = s.professional_id
         WHERE s.state = 'booked' ORDER BY s.id
    """)
    rows = env.cr.fetchall()
    partner_of = {user.id: user.partner_id.id for user in users}
    Event = env["calendar.event"]
    for offset in range(0, len(rows), 2000):
        Event.create([
            {"name": "Bezet", "start": start, "stop": stop, "privacy": "private",
             "partner_ids": [(6, 0, [partner_of[user_id]])], "user_id": False}
            for start, stop, user_id in rows[offset:offset + 2000]
        ])
        env.invalidate_all()
    log(f"resource_booking: 1 type, {len(combinations)} combinations, {len(rows)} busy "
        f"events ({time.perf_counter() - started:.0f} s)")


# ---------------------------------------------------------------------------- measuring
def measure(registry, uid, func, runs):
    """Median seconds of ``runs`` runs after a warm-up, queries of the last, result size."""
    times, queries, size = [], 0, 0
    with registry.cursor() as cr:
        env = api.Environment(cr, uid, {"tz": TZ, "lang": "en_US"})
        func(env)  # warm-up: registry, access rules, prepared statements
        for _i in range(runs):
            env.invalidate_all()
            before = cr.sql_log_count
            started = time.perf_counter()
            size = func(env)
            times.append(time.perf_counter() - started)
            queries = cr.sql_log_count - before
        cr.rollback()
    return statistics.median(times), queries, size


def ours(registry, args):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        professional_ids = env["erm.spreekuur.professional"].search([], order="id").ids
        user = env.ref("base.user_admin")  # a Verzuim administrator: the rules apply
    date_from = datetime.combine(date.today() + timedelta(days=1), datetime.min.time())
    date_to = date_from + timedelta(days=args.days)
    fields_shown = ["start", "stop", "professional_id", "location_id", "kind", "state"]

    def search(ids):
        return lambda env: len(env["erm.spreekuur.slot"].search_free_slots(
            ids, date_from, date_to))

    def search_read(ids):
        def run(env):
            slots = env["erm.spreekuur.slot"].search_free_slots(ids, date_from, date_to)
            return len(slots.read(fields_shown))
        return run

    def week(ids):
        # the free-slot calendar opens on a week (mode="week"): what it reads
        def run(env):
            slots = env["erm.spreekuur.slot"].search_free_slots(
                ids, date_from, date_from + timedelta(days=7))
            return len(slots.read(fields_shown))
        return run

    rows = []
    for label, ids in (("1 professional", professional_ids[:1]),
                       (f"all {len(professional_ids)}", professional_ids)):
        rows.append((f"erm_spreekuur search, {label}",
                     measure(registry, user.id, search(ids), args.runs)))
        rows.append((f"erm_spreekuur search + read, {label}",
                     measure(registry, user.id, search_read(ids), args.runs)))
    rows.append((f"erm_spreekuur calendar week, all {len(professional_ids)} (search + read)",
                 measure(registry, user.id, week(professional_ids), args.runs)))
    return rows


def oca(registry, args):
    import pytz

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        booking_type = env["resource.booking.type"].search([], limit=1)
        first = booking_type.combination_rel_ids[:1].combination_id
        type_id, first_id = booking_type.id, first.id
        total = len(booking_type.combination_rel_ids)
    start = pytz.timezone(TZ).localize(
        datetime.combine(date.today() + timedelta(days=1), datetime.min.time()))
    end = start + timedelta(days=args.days)

    def slots(combination_id):
        def run(env):
            values = {"type_id": type_id}
            if combination_id:
                values.update(combination_id=combination_id, combination_auto_assign=False)
            booking = env["resource.booking"].new(values)
            return sum(len(v) for v in booking._get_available_slots(start, end).values())
        return run

    return [
        ("resource_booking _get_available_slots, 1 combination",
         measure(registry, SUPERUSER_ID, slots(first_id), args.runs)),
        (f"resource_booking _get_available_slots, all {total}",
         measure(registry, SUPERUSER_ID, slots(None), args.runs)),
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--professionals", type=int, default=50)
    parser.add_argument("--days", type=int, default=91)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-oca", action="store_true",
                        help="leave OCA resource_booking out")
    args = parser.parse_args(argv)
    oca_site, oca_reason = (None, "left out (--no-oca)") if args.no_oca else fetch_oca()
    _setup_odoo(oca_site)
    template, install_reason = ensure_template(args, oca_site)
    oca_reason = oca_reason or install_reason
    _drop(DB)
    from odoo.service import db

    db.exp_duplicate_database(template, DB)
    registry = odoo.modules.registry.Registry(DB)
    with registry.cursor() as cr:
        # as the autovacuum daemon would after the bulk load: statistics and visibility map
        cr._cnx.autocommit = True
        cr.execute("VACUUM ANALYZE erm_spreekuur_slot")
        cr._cnx.autocommit = False
        cr.execute("SELECT state, count(*) FROM erm_spreekuur_slot GROUP BY state")
        counts = dict(cr.fetchall())
    rows = ours(registry, args)
    if not oca_reason:
        try:
            rows += oca(registry, args)
        except Exception as exc:  # noqa: BLE001 - report, keep our figures
            oca_reason = f"measuring failed: {exc!r}"

    print()
    total, taken = sum(counts.values()), counts.get("booked", 0)
    print(f"Free-slot search benchmark ({os.cpu_count()} CPUs, database {DB}): "
          f"{args.professionals} professionals x {args.days} days, sessions 9:00-17:00 on "
          f"weekdays, 30-minute slots: {total} slots, {taken} taken "
          f"({100 * taken / max(total, 1):.0f} %)")
    for label, (seconds, queries, size) in rows:
        print(f"  {label:<56} {seconds * 1000:8.1f} ms {queries:5d} queries "
              f"{size:7d} free slots")
    if oca_reason:
        print(f"  OCA resource_booking 18.0: not measured: {oca_reason}")
    else:
        print("  (resource_booking answers with start times at which at least one combination "
              "is free: for all combinations it counts each time once, where erm_spreekuur "
              "returns every professional's free slot)")
    searches = [r for r in rows if r[0].startswith("erm_spreekuur search,")]
    worst = max(seconds for _label, (seconds, _q, _s) in searches)
    query_counts = {queries for _label, (_s, queries, _n) in searches}
    print(f"  goal for the search: <= 100 ms ({'met' if worst <= 0.1 else 'NOT met'}: "
          f"slowest {worst * 1000:.1f} ms); its query count is the same for 1 and all "
          f"professionals: {'yes' if len(query_counts) == 1 else 'no'} "
          f"({', '.join(map(str, sorted(query_counts)))})")
    print("  (search + read: the search and the ORM read of the fields the free-slot views "
          "show, for every slot found; the calendar itself reads one week at a time)")
    return rows


if __name__ == "__main__":
    main()
