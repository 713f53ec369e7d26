#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Several workers, as production runs Odoo: a server with ``--workers`` and one cron
worker (``--max-cron-threads=1``) on a database with our three addons, and several client
processes that each hold their own JSON-RPC session (/web/session/authenticate,
/web/dataset/call_kw) and do the same things at the same moment.

    bin/erm bench workers [--quick] [--clients 4] [--json PATH]

Scenarios (each item is started by all its clients at once, behind a barrier):
- slots: every client (an employee user) books the same free consultation slots for
  himself; one booking per slot may win;
- sick: every client (an HR user) reports the same employees sick, then reports their
  recovery (clients alternate between two recovery dates), for --rounds rounds: one case per
  employee and round, never two open at once, and the recovery that was accepted is the one
  in the database;
- approve: two HR users approve the same intervention at once: approved once, one
  approval in its chatter;
- crons: two administrators trigger each of our scheduled actions at once (ir.cron
  method_direct_trigger, while the cron worker runs them too): no duplicate activity,
  message or review.

Prints per scenario: requests, accepted, refused (grouped by message), errors (anything the
client got back that is not a UserError/ValidationError), deadlocks and serialization failures
returned to the client, and what the database holds afterwards: duplicates and lost updates.
The server's log gives the serialization failures that Odoo retried itself (fine). Last, the
throughput of sick reports per second (distinct employees, no conflicts) with 1 and with 2
workers. Goal: 0 duplicates, 0 lost updates, 0 errors, 0 deadlocks returned. The run fails
(exit status 1) when the goal is missed.

Data: a template database ``erm_workers_bench_tpl`` (the three addons, no demo data), built
once and upgraded when the addons' source changed, copied to ``erm_workers_bench``; there the
organisation is made through the ORM: departments with managers, employees with users, HR
users, a consultation room, a doctor and open sessions (one half-hour slot a day), open cases
started weeks ago (for the scheduled actions to find work), and proposed interventions
waiting for an HR approval.
"""

import argparse
import hashlib
import http.cookiejar
import json
import multiprocessing
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api  # noqa: E402

from benchmarks.common import list_dbs, log, odoo_bin, setup_odoo  # noqa: E402

TEMPLATE_DB = "erm_workers_bench_tpl"
DB = "erm_workers_bench"
ADDONS = ("erm_verzuim", "erm_spreekuur", "erm_reports")
SOURCE_PARAM = "erm_bench.workers_source"
TZ = "Europe/Amsterdam"
REFUSALS = ("odoo.exceptions.UserError", "odoo.exceptions.ValidationError")
CONCURRENCY = ("SerializationFailure", "DeadlockDetected", "LockNotAvailable",
               "TransactionRollbackError")
SIZES = {
    # clients, employees raced, rounds, slots, interventions, cron rounds, throughput reports
    "full": dict(clients=4, employees=8, rounds=3, slots=8, interventions=4, cron_rounds=2,
                 reports=48),
    "quick": dict(clients=3, employees=3, rounds=1, slots=3, interventions=2, cron_rounds=1,
                  reports=0),
}


# ---------------------------------------------------------------------------- database
def source_fingerprint():
    """A hash of our addons' source (tests left out): the template is upgraded when it
    changed."""
    digest = hashlib.sha256()
    for addon in ADDONS:
        for path in sorted((ROOT / addon).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".xml", ".csv", ".po") and not {
                    "__pycache__", "tests"} & set(path.parts):
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def forget(name):
    odoo.modules.registry.Registry.delete(name)
    odoo.sql_db.close_db(name)


def drop(name):
    from odoo.service import db

    if name in list_dbs():
        forget(name)
        db.exp_drop(name)


def ensure_template():
    wanted = source_fingerprint()
    if TEMPLATE_DB in list_dbs():
        with odoo.modules.registry.Registry(TEMPLATE_DB).cursor() as cr:
            current = api.Environment(cr, SUPERUSER_ID, {})["ir.config_parameter"].get_param(
                SOURCE_PARAM)
        forget(TEMPLATE_DB)
        if current == wanted:
            return
        log(f"upgrading our addons in {TEMPLATE_DB}")
        odoo_bin(TEMPLATE_DB, "-u", ",".join(ADDONS))
    else:
        log(f"installing our addons in {TEMPLATE_DB} (once, ~1 min)")
        odoo_bin(TEMPLATE_DB, "-i", ",".join(ADDONS), "--without-demo=all")
    with odoo.modules.registry.Registry(TEMPLATE_DB).cursor() as cr:
        api.Environment(cr, SUPERUSER_ID, {})["ir.config_parameter"].set_param(
            SOURCE_PARAM, wanted)
    forget(TEMPLATE_DB)


def make_data(env, size):
    """The organisation of the scenarios; returns the ids and logins the clients need."""
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                           mail_notrack=True, no_mail_to_attendees=True))
    company = env.ref("base.main_company")
    company.partner_id.tz = TZ
    env.ref("base.user_admin").write({"tz": TZ})
    groups = {name: env.ref(f"erm_verzuim.group_erm_{name}").id
              for name in ("employee", "manager", "hr")}

    def users(prefix, count, group):
        return env["res.users"].create([{
            "name": f"{prefix.title()} {n + 1}", "login": f"{prefix}{n + 1}",
            "password": f"{prefix}{n + 1}", "tz": TZ, "company_id": company.id,
            "company_ids": [(6, 0, company.ids)], "groups_id": [(6, 0, [group])],
        } for n in range(count)])

    Employee = env["hr.employee"]
    managers = Employee.create([{
        "name": f"Leidinggevende {n + 1}", "company_id": company.id, "user_id": user.id,
    } for n, user in enumerate(users("manager", 3, groups["manager"]))])
    departments = env["hr.department"].create([{
        "name": name, "company_id": company.id, "manager_id": manager.id,
    } for name, manager in zip(("Zorg", "Facilitair", "Administratie"), managers,
                               strict=True)])
    for manager, department in zip(managers, departments, strict=True):
        manager.department_id = department

    def employees(prefix, count, with_users=False, team=None):
        linked = users(prefix, count, groups["employee"]) if with_users else [None] * count
        return Employee.create([{
            "name": f"{prefix.title()} {n + 1}", "company_id": company.id,
            "department_id": departments[team if team is not None else n % 3].id,
            "parent_id": managers[team if team is not None else n % 3].id,
            "user_id": user.id if user else False,
        } for n, user in enumerate(linked)])

    clients = max(size["clients"], 2)
    hr_users = users("hr", clients, groups["hr"])
    bookers = employees("medewerker", clients, with_users=True)
    # one team: its manager, the case director of their cases, reports their recovery
    raced = employees("collega", size["employees"], with_users=True, team=0)
    throughput = [employees(f"teller{w}-", size["reports"]) for w in (1, 2)]
    long_sick = employees("langdurig", 8)

    # open cases started weeks ago: the scheduled actions find deadlines, care contacts,
    # late interventions to signal
    today = date.today()
    cases = env["erm.absence.case"].create([{
        "employee_id": employee.id, "date_start": today - timedelta(days=days),
    } for employee, days in zip(long_sick, (3, 12, 40, 60, 90, 200, 380, 620), strict=True)])
    provider = env["erm.provider"].create({"name": "Re-integratiebureau", "kind": "other",
                                           "company_id": company.id})
    service = env["erm.provider.service"].create({
        "provider_id": provider.id, "name": "Coaching", "price": 900.0,
    })
    cost = (company.erm_intervention_limit_manager + company.erm_intervention_limit_hr) / 2
    interventions = env["erm.intervention"].create([{
        "case_id": case.id, "service_id": service.id, "cost": cost,
    } for case in cases[:size["interventions"]]])
    assert set(interventions.mapped("state")) == {"proposed"}, interventions.mapped("state")

    # the doctor's open consultation hours: one half-hour slot a day, from the day after
    # tomorrow (an employee may hold one preventive booking a day)
    partner = env["res.partner"].create({"name": "Hoofdkantoor", "is_company": True})
    room = env["erm.spreekuur.location"].create({
        "name": "Spreekkamer", "partner_id": partner.id, "company_id": company.id,
    })
    doctor = env["erm.spreekuur.professional"].create({
        "name": "Dr. Bakker", "partner_id": env["res.partner"].create(
            {"name": "Dr. Bakker"}).id,
        "company_id": company.id, "location_ids": [(6, 0, room.ids)],
    })
    sessions = env["erm.spreekuur.session"].create([{
        "professional_id": doctor.id, "location_id": room.id, "company_id": company.id,
        "kind": "open", "slot_minutes": 30,
        "start": datetime.combine(today + timedelta(days=2 + n), datetime.min.time())
        + timedelta(hours=8),
        "stop": datetime.combine(today + timedelta(days=2 + n), datetime.min.time())
        + timedelta(hours=8, minutes=30),
    } for n in range(size["slots"])])
    sessions.action_open()

    crons = env["ir.model.data"].search([
        ("module", "in", ADDONS), ("model", "=", "ir.cron"),
    ])
    cron_ids = sorted(crons.mapped("res_id"))
    # the cron worker finds them due at its start, as after a night without a scheduler
    env["ir.cron"].browse(cron_ids).write({"nextcall": datetime.now() - timedelta(minutes=1)})
    env.cr.execute("ANALYZE")
    return {
        "hr": hr_users.mapped("login"),
        "director": managers[0].user_id.login,
        "bookers": [(e.user_id.login, e.id) for e in bookers],
        "raced": raced.ids,
        "throughput": [t.ids for t in throughput],
        "slots": sessions.slot_ids.sorted("start").ids,
        "interventions": interventions.ids,
        "crons": cron_ids,
        "approval_type": env.ref(
            "erm_verzuim.mail_activity_type_erm_intervention_approval").id,
        "today": today.isoformat(),
    }


# ---------------------------------------------------------------------------- the server
def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """odoo-bin with --workers on a free port, until stop()."""

    def __init__(self, workers, logfile):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.logfile = logfile
        path = Path(odoo.__file__).resolve().parent.parent / "odoo-bin"
        command = [
            sys.executable, str(path), "-c", os.environ["ERM_CONF"], "-d", DB,
            f"--db-filter=^{DB}$", f"--workers={workers}", "--max-cron-threads=1",
            f"--http-port={self.port}", f"--gevent-port={free_port()}",
            "--http-interface=127.0.0.1", f"--logfile={logfile}", "--log-level=info",
            "--limit-time-real=600", "--limit-time-cpu=600",
        ]
        Path(logfile).unlink(missing_ok=True)
        # its own process group: stop() ends the master and its workers, nothing else
        # what is not logged (the gevent process's start-up errors) goes to <log>.out
        self.out = Path(f"{logfile}.out")
        with self.out.open("wb") as out:
            self.process = subprocess.Popen(command, start_new_session=True, stdout=out,
                                            stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/web/health", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except (OSError, urllib.error.URLError):
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the server did not start (log: {logfile})")
            time.sleep(0.5)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def retries(self):
        """What the log says about concurrency: failures Odoo retried, given up, errors."""
        text = Path(self.logfile).read_text(errors="replace") if Path(
            self.logfile).exists() else ""
        retried = Counter(re.findall(r"(SERIALIZATION_FAILURE|DEADLOCK_DETECTED|"
                                     r"LOCK_NOT_AVAILABLE), \d+ tries left", text))
        # one record per log line that starts with a date; a failed query's record holds
        # the PostgreSQL error: the concurrency failures among them are retried, not errors
        records = re.split(r"\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ )", text)
        errors = [record[:300] for record in records
                  if (" ERROR " in record or " CRITICAL " in record)
                  and "could not serialize access" not in record
                  and "deadlock detected" not in record]
        out = self.out.read_text(errors="replace") if self.out.exists() else ""
        # the websocket process (gevent) is started again by the master when it dies
        gevent = len(re.findall(r"odoo-bin\", line \d+, in <module>", out))
        return {"retried": dict(retried), "given_up": text.count("maximum number of tries"),
                "log_errors": errors, "gevent_crashes": gevent,
                "gevent_error": (out.strip().splitlines() or [""])[-1][:200] if gevent else ""}


# ---------------------------------------------------------------------------- clients
class RpcError(Exception):
    def __init__(self, name, message):
        super().__init__(message)
        self.name = name
        self.message = message


class Client:
    """One browser-like JSON-RPC session."""

    def __init__(self, url, login, password):
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.call("/web/session/authenticate",
                  {"db": DB, "login": login, "password": password})

    def call(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1,
                           "params": params}).encode()
        request = urllib.request.Request(self.url + path, body,
                                         {"Content-Type": "application/json"})
        try:
            with self.opener.open(request, timeout=600) as answer:
                reply = json.loads(answer.read())
        except urllib.error.HTTPError as exc:
            raise RpcError(f"HTTP {exc.code}", exc.reason) from None
        if "error" in reply:
            data = reply["error"].get("data") or {}
            raise RpcError(data.get("name", "?"), data.get("message")
                           or reply["error"].get("message"))
        return reply["result"]

    def kw(self, model, method, *args, **kwargs):
        return self.call(f"/web/dataset/call_kw/{model}/{method}", {
            "model": model, "method": method, "args": list(args), "kwargs": kwargs,
        })

    def attempt(self, results, scenario, func, **extra):
        """Run one request, file its outcome."""
        started = time.perf_counter()
        try:
            value = func()
            outcome, message = "accepted", ""
        except RpcError as exc:
            value = None
            message = exc.message.split("\n")[0][:200] if exc.message else exc.name
            if exc.name in REFUSALS:
                outcome = "refused"
            elif any(name in exc.name for name in CONCURRENCY):
                outcome = "deadlock"
                message = f"{exc.name}: {message}"
            else:
                outcome = "error"
                message = f"{exc.name}: {message}"
        except OSError as exc:
            value, outcome, message = None, "error", f"connection: {exc}"
        results.append(dict(extra, scenario=scenario, outcome=outcome, message=message,
                            seconds=time.perf_counter() - started, value=value))
        return value


def sick_report(client, employee_id, day):
    wizard = client.kw("erm.sick.report.wizard", "create",
                       {"employee_id": employee_id, "date_start": day, "date_reported": day})
    return client.kw("erm.sick.report.wizard", "action_confirm", [wizard])["res_id"]


def recovery(client, case_id, day):
    wizard = client.kw("erm.absence.recovery.wizard", "create",
                       {"case_id": case_id, "date_recovered": day})
    client.kw("erm.absence.recovery.wizard", "action_confirm", [wizard])
    return day


def client_main(index, login, url, job, data, barrier, queue):
    """One client process: log in, warm up, then the scenario's items in step with the
    others (a barrier before each). Puts its results on the queue."""
    results = []
    try:
        client = Client(url, login, login)  # every password is its login
        for _i in range(3):  # registry and caches of the workers loaded before the race
            client.kw("res.users", "search_count", [])
        rng = random.Random(index)
        if job == "throughput":
            barrier.wait()
            started = time.perf_counter()
            for employee_id in data["employees"]:
                client.attempt(results, "throughput", lambda e=employee_id: sick_report(
                    client, e, data["day"]))
            results.append({"scenario": "throughput_wall", "outcome": "info",
                            "seconds": time.perf_counter() - started, "message": ""})
        elif job == "slots":
            employee_id = data["employee"]
            for slot_id in data["slots"]:
                barrier.wait()
                client.attempt(results, "slots", lambda s=slot_id: client.kw(
                    "erm.spreekuur.booking", "create", {
                        "slot_id": s, "employee_id": employee_id, "kind": "preventive",
                        "purpose": "preventief"}), slot=slot_id)
        elif job == "sick":
            for employee_id in data["employees"]:
                barrier.wait()
                client.attempt(results, "sick", lambda e=employee_id: sick_report(
                    client, e, data["day"]), employee=employee_id)
        elif job == "recover":
            # two dates: a lost update would show as an accepted date the case does not hold
            day = data["days"][index % 2]
            for case_id in data["cases"]:
                barrier.wait()
                client.attempt(results, "recover", lambda c=case_id: recovery(
                    client, c, day), case=case_id)
        elif job == "approve":
            for intervention_id in data["interventions"]:
                barrier.wait()
                client.attempt(results, "approve", lambda i=intervention_id: client.kw(
                    "erm.intervention", "action_approve", [i]), intervention=intervention_id)
        elif job == "crons":
            for _round in range(data["rounds"]):
                for cron_id in data["crons"]:
                    barrier.wait()
                    time.sleep(rng.random() * 0.01)
                    client.attempt(results, "crons", lambda c=cron_id: client.kw(
                        "ir.cron", "method_direct_trigger", [c]), cron=cron_id)
    except Exception as exc:  # noqa: BLE001 - the parent counts it as an error
        results.append({"scenario": job, "outcome": "error", "message": f"client: {exc!r}",
                        "seconds": 0})
        barrier.abort()
    queue.put(results)


def run_clients(url, job, logins, data_per_client):
    """Start one process per login (fork: nothing to pickle), wait for all, return their
    results in one list."""
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(logins), timeout=600)
    queue = context.Queue()
    processes = [context.Process(target=client_main, args=(
        index, login, url, job, data, barrier, queue))
        for index, (login, data) in enumerate(zip(logins, data_per_client, strict=True))]
    for process in processes:
        process.start()
    results = []
    for _process in processes:
        results.extend(queue.get(timeout=1800))
    for process in processes:
        process.join()
    return results


# ---------------------------------------------------------------------------- checks
def query(cr, sql, params=()):
    cr.execute(sql, params)
    return cr.fetchall()


def check_slots(cr, data, results):
    duplicates = query(cr, """
        SELECT slot_id, count(*) FROM erm_spreekuur_booking
         WHERE slot_id = ANY(%s) AND state <> 'cancelled' GROUP BY slot_id HAVING count(*) > 1
    """, [data["slots"]])
    won = {r["value"]: r["slot"] for r in results if r["outcome"] == "accepted"}
    held = dict(query(cr, """
        SELECT b.id, b.slot_id FROM erm_spreekuur_booking b
         WHERE b.slot_id = ANY(%s) AND b.state <> 'cancelled'
    """, [data["slots"]]))
    # an accepted booking that is not there, or a slot whose state disagrees with its booking
    lost = [f"booking {b} of slot {s} missing" for b, s in won.items() if held.get(b) != s]
    lost += [f"slot {s} is {state} with {n} booking(s)" for s, state, n in query(cr, """
        SELECT s.id, s.state, count(b.id) FROM erm_spreekuur_slot s
          LEFT JOIN erm_spreekuur_booking b ON b.slot_id = s.id AND b.state <> 'cancelled'
         WHERE s.id = ANY(%s) GROUP BY s.id, s.state
    """, [data["slots"]]) if (state == "booked") != (n == 1)]
    lost += [f"booking {b} has {n} calendar events" for b, n in query(cr, """
        SELECT b.id, count(e.id) FROM erm_spreekuur_booking b
          LEFT JOIN calendar_event e ON e.id = b.calendar_event_id AND e.active
         WHERE b.slot_id = ANY(%s) AND b.state <> 'cancelled' GROUP BY b.id
    """, [data["slots"]]) if n != 1]
    return [f"slot {s}: {n} bookings" for s, n in duplicates], lost


def check_sick(cr, data, accepted_recoveries):
    employees = data["raced"]
    duplicates = [f"employee {e}: {n} open cases" for e, n in query(cr, """
        SELECT employee_id, count(*) FROM erm_absence_case
         WHERE employee_id = ANY(%s) AND date_recovered IS NULL AND active
         GROUP BY employee_id HAVING count(*) > 1
    """, [employees])]
    duplicates += [f"employee {e}: {n} cases from {d}" for e, d, n in query(cr, """
        SELECT employee_id, date_start, count(*) FROM erm_absence_case
         WHERE employee_id = ANY(%s) GROUP BY employee_id, date_start HAVING count(*) > 1
    """, [employees])]
    counts = dict(query(cr, """
        SELECT employee_id, count(*) FROM erm_absence_case
         WHERE employee_id = ANY(%s) GROUP BY employee_id
    """, [employees]))
    lost = [f"employee {e}: {counts.get(e, 0)} cases for {data['rounds']} rounds"
            for e in employees if counts.get(e, 0) < data["rounds"]]
    recovered = dict(query(cr, """
        SELECT id, date_recovered::text FROM erm_absence_case WHERE employee_id = ANY(%s)
    """, [employees]))
    for case_id, day in accepted_recoveries:
        if recovered.get(case_id) != day:
            lost.append(f"case {case_id}: recovery on {day} accepted, "
                        f"the case holds {recovered.get(case_id)}")
    duplicates += [f"case {c}: {n} recovery messages" for c, n in query(cr, """
        SELECT m.res_id, count(*) FROM mail_tracking_value v
          JOIN mail_message m ON m.id = v.mail_message_id
          JOIN ir_model_fields f ON f.id = v.field_id
         WHERE m.model = 'erm.absence.case' AND f.name = 'date_recovered'
           AND f.model = 'erm.absence.case' AND m.res_id = ANY(%s)
           AND v.new_value_datetime IS NOT NULL
         GROUP BY m.res_id HAVING count(*) > 1
    """, [list(recovered)])]
    return duplicates, lost


def check_approvals(cr, data, results):
    ids = data["interventions"]
    accepted = Counter(r["intervention"] for r in results if r["outcome"] == "accepted")
    duplicates = [f"intervention {i}: approved {n} times" for i, n in accepted.items() if n > 1]
    duplicates += [f"intervention {i}: {n} approval messages" for i, n in query(cr, """
        SELECT m.res_id, count(*) FROM mail_message m
         WHERE m.model = 'erm.intervention' AND m.res_id = ANY(%s)
           AND m.mail_activity_type_id = %s
         GROUP BY m.res_id HAVING count(*) > 1
    """, [ids, data["approval_type"]])]
    duplicates += [f"intervention {i}: state tracked {n} times" for i, n in query(cr, """
        SELECT m.res_id, count(*) FROM mail_tracking_value v
          JOIN mail_message m ON m.id = v.mail_message_id
          JOIN ir_model_fields f ON f.id = v.field_id
         WHERE m.model = 'erm.intervention' AND f.name = 'state' AND m.res_id = ANY(%s)
         GROUP BY m.res_id HAVING count(*) > 1
    """, [ids])]
    states = dict(query(cr, "SELECT id, state FROM erm_intervention WHERE id = ANY(%s)", [ids]))
    lost = [f"intervention {i}: {states[i]} after an accepted approval"
            for i in accepted if states.get(i) != "approved"]
    lost += [f"intervention {i}: nobody's approval was accepted" for i in ids if not accepted[i]]
    return duplicates, lost


def check_crons(cr, since):
    duplicates = [f"{n} open activities '{summary}' on {model} {res_id}"
                  for model, res_id, summary, n in query(cr, """
        SELECT res_model, res_id, summary, count(*) FROM mail_activity WHERE active
         GROUP BY res_model, res_id, activity_type_id, user_id, erm_milestone_id,
                  erm_alert_kind, erm_care_due_date, summary, date_deadline
        HAVING count(*) > 1
    """)]
    # the same message twice on one record from the jobs' run (a digest, a review's log)
    duplicates += [f"{n} identical messages on {model} {res_id}"
                   for model, res_id, n in query(cr, """
        SELECT model, res_id, count(*) FROM mail_message
         WHERE create_date >= %s AND message_type <> 'user_notification'
         GROUP BY model, res_id, body, subtype_id, mail_activity_type_id,
                  COALESCE(subject, '') HAVING count(*) > 1
    """, [since])]
    duplicates += [f"company {c}: {n} draft retention reviews" for c, n in query(cr, """
        SELECT company_id, count(*) FROM erm_retention_review WHERE state = 'draft'
         GROUP BY company_id HAVING count(*) > 1
    """)]
    return duplicates, []


# ---------------------------------------------------------------------------- report
# names, case numbers and dates out of a message, to group the refusals by their kind
GENERIC = [(re.compile(r"\b(Collega|Medewerker|Langdurig) \d+\b"), "<employee>"),
           (re.compile(r"\b[A-Z]+/\d{4}/\d+\b"), "<case>"),
           (re.compile(r"\b\d{1,4}[-/]\d\d[-/]\d{2,4}\b"), "<date>")]


def generic(message):
    for pattern, placeholder in GENERIC:
        message = pattern.sub(placeholder, message)
    return message


def summarize(name, results, duplicates, lost):
    requests = [r for r in results if r["outcome"] != "info"]
    for request in requests:
        request["message"] = generic(request["message"] or "")
    by = Counter(r["outcome"] for r in requests)
    return {
        "scenario": name, "requests": len(requests), "accepted": by["accepted"],
        "refused": by["refused"], "errors": by["error"], "deadlocks": by["deadlock"],
        "refusals": dict(Counter(r["message"] for r in requests if r["outcome"] == "refused")),
        "error_messages": dict(Counter(r["message"] for r in requests
                                       if r["outcome"] in ("error", "deadlock"))),
        "duplicates": duplicates, "lost": lost,
        "slowest_s": round(max((r["seconds"] for r in requests), default=0), 2),
    }


def print_report(summary):
    print()
    print(f"Several workers ({os.cpu_count()} CPUs, load average {summary['load']}, "
          f"database {DB}, {summary['clients']} clients, size {summary['size']}):")
    print(f"  {'scenario':<10} {'requests':>8} {'accepted':>8} {'refused':>8} {'errors':>6} "
          f"{'deadlock':>8} {'dupl.':>5} {'lost':>5} {'slowest':>8}")
    for row in summary["scenarios"]:
        print(f"  {row['scenario']:<10} {row['requests']:>8} {row['accepted']:>8} "
              f"{row['refused']:>8} {row['errors']:>6} {row['deadlocks']:>8} "
              f"{len(row['duplicates']):>5} {len(row['lost']):>5} {row['slowest_s']:>7}s")
    for row in summary["scenarios"]:
        for message, count in sorted(row["refusals"].items(), key=lambda i: -i[1]):
            print(f"    {row['scenario']} refused {count}x: {message}")
        for message, count in row["error_messages"].items():
            print(f"    {row['scenario']} ERROR {count}x: {message}")
        for line in row["duplicates"][:10]:
            print(f"    {row['scenario']} DUPLICATE: {line}")
        for line in row["lost"][:10]:
            print(f"    {row['scenario']} LOST: {line}")
    server = summary["server"]
    print(f"  retried by Odoo itself (fine): {server['retried'] or 'none'}; given up after "
          f"5 tries: {server['given_up']}; ERROR lines in the server log: "
          f"{len(server['log_errors'])}")
    for line in server["log_errors"][:10]:
        print(f"    {line}")
    if server["gevent_crashes"]:
        print(f"  the websocket process (gevent) died {server['gevent_crashes']} times at its "
              f"start and was restarted by the master: {server['gevent_error']}")
    for workers, rate in summary["throughput"].items():
        print(f"  sick reports per second with {workers} worker(s): {rate['per_second']:.2f} "
              f"({rate['reports']} reports by {summary['clients']} clients in "
              f"{rate['seconds']:.1f} s, {rate['not_accepted']} not accepted)")
    totals = summary["totals"]
    print(f"  total: {totals['requests']} requests, {totals['duplicates']} duplicates, "
          f"{totals['lost']} lost updates, {totals['errors']} errors, {totals['deadlocks']} "
          f"deadlocks returned -> goal {'met' if summary['goal_met'] else 'NOT met'}")


# ---------------------------------------------------------------------------- main
def throughput(workers, data, size, logdir):
    """Sick reports of distinct employees by every client at once, on a server with
    `workers` workers; returns its figures and the server's log summary."""
    employees = data["throughput"][workers - 1]
    server = Server(workers, logdir / f"bench-workers-{workers}.log")
    try:
        logins = data["hr"][:size["clients"]]
        share = [{"employees": employees[i::len(logins)], "day": data["today"]}
                 for i in range(len(logins))]
        results = run_clients(server.url, "throughput", logins, share)
    finally:
        server.stop()
    wall = max(r["seconds"] for r in results if r["scenario"] == "throughput_wall")
    done = [r for r in results if r["scenario"] == "throughput"]
    accepted = sum(r["outcome"] == "accepted" for r in done)
    return {"reports": accepted, "seconds": wall, "per_second": accepted / wall if wall else 0,
            "not_accepted": len(done) - accepted}, server.retries()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="a short run (the test's): few items, no throughput figures")
    parser.add_argument("--clients", type=int, help="client processes (default 4, quick 3)")
    parser.add_argument("--json", help="also write the summary as JSON to this file")
    args = parser.parse_args(argv)
    size = dict(SIZES["quick" if args.quick else "full"])
    if args.clients:
        size["clients"] = max(args.clients, 2)
    setup_odoo()
    logdir = Path(odoo.tools.config["logfile"] or "").parent if odoo.tools.config[
        "logfile"] else Path(os.environ["ERM_CONF"]).parent / "log"
    logdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    ensure_template()
    drop(DB)
    from odoo.service import db

    db.exp_duplicate_database(TEMPLATE_DB, DB)
    with odoo.modules.registry.Registry(DB).cursor() as cr:
        data = make_data(api.Environment(cr, SUPERUSER_ID, {}), size)
    forget(DB)
    odoo.sql_db.close_all()  # the client processes are forks: no connection to share
    log(f"database ready ({time.perf_counter() - started:.0f} s)")

    rates = {}
    server_log = {"retried": Counter(), "given_up": 0, "log_errors": [], "gevent_crashes": 0,
                  "gevent_error": ""}

    def add_log(info):
        server_log["retried"].update(info["retried"])
        server_log["given_up"] += info["given_up"]
        server_log["log_errors"] += info["log_errors"]
        server_log["gevent_crashes"] += info["gevent_crashes"]
        server_log["gevent_error"] = server_log["gevent_error"] or info["gevent_error"]

    if size["reports"]:
        rates[1], info = throughput(1, data, size, logdir)
        add_log(info)
        log(f"throughput with 1 worker: {rates[1]['per_second']:.2f}/s")
        rates[2], info = throughput(2, data, size, logdir)
        add_log(info)
        log(f"throughput with 2 workers: {rates[2]['per_second']:.2f}/s")

    clients = size["clients"]
    hr = data["hr"][:clients]
    raced = data["raced"][:size["employees"]]
    first_day = date.fromisoformat(data["today"]) - timedelta(days=3 * size["rounds"] + 3)
    recoveries, outcomes = [], defaultdict(list)
    cron_since = None
    server = Server(2, logdir / "bench-workers-races.log")
    try:
        log("slots: every client books the same slots")
        outcomes["slots"] = run_clients(server.url, "slots", [b[0] for b in data["bookers"]][
            :clients], [{"slots": data["slots"], "employee": employee_id}
                        for _login, employee_id in data["bookers"][:clients]])
        for round_ in range(size["rounds"]):
            day = first_day + timedelta(days=3 * round_)
            log(f"sick, round {round_ + 1}: every client reports the same employees sick "
                f"from {day}, then their recovery")
            outcomes["sick"] += run_clients(server.url, "sick", hr, [
                {"employees": raced, "day": day.isoformat()}] * clients)
            with odoo.modules.registry.Registry(DB).cursor() as cr:
                cases = [c for c, in query(cr, """
                    SELECT id FROM erm_absence_case WHERE employee_id = ANY(%s)
                       AND date_start = %s ORDER BY id""", [raced, day])]
            odoo.sql_db.close_all()
            days = [(day + timedelta(days=n)).isoformat() for n in (1, 2)]
            # the case director in several sessions (tabs, a double click)
            results = run_clients(server.url, "recover", [data["director"]] * clients, [
                {"cases": cases, "days": days}] * clients)
            recoveries += [(r["case"], r["value"]) for r in results
                           if r["outcome"] == "accepted"]
            outcomes["recover"] += results
        log("approve: two HR users approve the same interventions at once")
        outcomes["approve"] = run_clients(server.url, "approve", hr[:2], [
            {"interventions": data["interventions"]}] * 2)
        log("crons: two administrators trigger each of our scheduled actions at once")
        cron_since = datetime.now().replace(microsecond=0) - timedelta(seconds=1)
        outcomes["crons"] = run_clients(server.url, "crons", ["admin", "admin"], [
            {"crons": data["crons"], "rounds": size["cron_rounds"]}] * 2)
    finally:
        server.stop()
    add_log(server.retries())

    with odoo.modules.registry.Registry(DB).cursor() as cr:
        data["rounds"] = size["rounds"]
        data["raced"] = raced
        rows = [
            summarize("slots", outcomes["slots"], *check_slots(cr, data, outcomes["slots"])),
            summarize("sick", outcomes["sick"], *check_sick(cr, data, [])),
            summarize("recover", outcomes["recover"], *check_sick(cr, data, recoveries)),
            summarize("approve", outcomes["approve"],
                      *check_approvals(cr, data, outcomes["approve"])),
            summarize("crons", outcomes["crons"], *check_crons(cr, cron_since)),
        ]
        # the sick and recovery checks look at the same cases: count them once
        rows[2]["duplicates"] = [d for d in rows[2]["duplicates"]
                                 if d not in rows[1]["duplicates"]]
        rows[2]["lost"] = [x for x in rows[2]["lost"] if x not in rows[1]["lost"]]
    forget(DB)
    totals = {key: sum(row[key] for row in rows) for key in ("requests", "errors",
                                                             "deadlocks")}
    totals["duplicates"] = sum(len(row["duplicates"]) for row in rows)
    totals["lost"] = sum(len(row["lost"]) for row in rows)
    server_log["retried"] = dict(server_log["retried"])
    summary = {
        "size": "quick" if args.quick else "full", "clients": clients, "scenarios": rows,
        "server": server_log, "totals": totals,
        "throughput": {str(k): v for k, v in rates.items()},
        "seconds": round(time.perf_counter() - started, 1),
        "load": " ".join(f"{load:.1f}" for load in os.getloadavg()),
    }
    summary["goal_met"] = not (totals["duplicates"] or totals["lost"] or totals["errors"]
                               or totals["deadlocks"] or server_log["given_up"])
    print_report(summary)
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1, default=str))
    if not summary["goal_met"]:
        raise RuntimeError("several workers: the goal is not met (see above)")
    return summary


if __name__ == "__main__":
    main()
