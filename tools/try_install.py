"""Installs ERM Verzuim into an existing Odoo 18 the way an administrator does, backs the
database up and restores it, and uninstalls the addons again; fails on anything that breaks
or stays behind.

    bin/erm try-install [DB] [--keep]

Steps, on a new database DB (default erm_try; an existing one of that name is replaced):
 1. an "existing Odoo": hr, hr_holidays and calendar without demo data, Dutch loaded, and a
    small Dutch organisation of its own (departments, employees, an HR officer and a manager
    with their logins, password = login);
 2. installs erm_verzuim, erm_spreekuur and erm_reports one by one with Odoo's module
    installer (button_immediate_install, what Apps does), as the administrator; the
    administrator then gives the HR officer the role Verzuim: HR-adviseur;
 3. in headless Chromium (test_erm_verzuim/tests/test_empty_organisation.py, installed for
    the walk only): the administrator and the HR officer open every Verzuim menu item, the
    settings and the dashboard of the empty organisation (no policies, contracts, cases or
    consultation hours): no error, and every empty list says in Dutch what to do first; the
    HR officer reports a first case through the sick-report form and sees its deadlines;
 4. two cases with an attachment, the deadline alert job; a backup with Odoo's own dump
    (odoo-bin db dump, the database and its filestore in one zip), restored under DB_restored
    (odoo-bin db load): cases, attachment and constraints are there, and the alert job run
    twice on the copy adds no activity;
 5. uninstalls the three addons (button_immediate_uninstall) and compares the database with
    the snapshot taken before step 2: no table, column, index, constraint, rule, cron, menu,
    view, action, xml id or record of ours is left;
 6. Odoo's own browser tests on the database without our addons: every app's menu (web),
    the employee form (hr) and a time-off request made and approved in the Time Off app
    (hr_holidays).

Prints a line per step with its time and exits 1 at the first failure. Both databases are
dropped at the end unless --keep. The logs of the Odoo processes are in .erm/log/.
Run with the environment's python and ERM_CONF set (bin/erm try-install does both).
"""

import argparse
import contextlib
import datetime
import hashlib
import json
import os
import socket
import subprocess
import sys
import time

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.service import db as db_service
from odoo.tools import config

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
ADDONS = ("erm_verzuim", "erm_spreekuur", "erm_reports")
TEST_ADDON = "test_erm_verzuim"
EXISTING = "hr,hr_holidays,calendar"
OURS = (*ADDONS, TEST_ADDON)

# The organisation the database holds before our addons arrive: departments and employees
# (name, department, manager's name, login or None). The HR officer and the manager log in.
DEPARTMENTS = ("Directie", "Personeelszaken", "Zorg", "Facilitair")
EMPLOYEES = (
    ("Hendrik Mulder", "Directie", None, None),
    ("Ingrid de Vries", "Personeelszaken", "Hendrik Mulder", "ingrid.devries"),
    ("Pieter Bakker", "Zorg", "Hendrik Mulder", "pieter.bakker"),
    ("Sanne Jansen", "Zorg", "Pieter Bakker", None),
    ("Mohamed Amrani", "Zorg", "Pieter Bakker", None),
    ("Lotte van Dijk", "Zorg", "Pieter Bakker", None),
    ("Kees Smit", "Facilitair", "Hendrik Mulder", None),
    ("Fenna Visser", "Facilitair", "Kees Smit", None),
)
HEADS = {"Directie": "Hendrik Mulder", "Personeelszaken": "Ingrid de Vries",
         "Zorg": "Pieter Bakker", "Facilitair": "Kees Smit"}
HR_LOGIN = "ingrid.devries"
MANAGER_LOGIN = "pieter.bakker"

# Odoo's own browser tests run on the database after the uninstall.
ODOO_UI_TESTS = "/web:TestMenusAdminLight,/hr:TestEmployeeUi,/hr_holidays:TestHrHolidaysTour"


# Odoo's runner first generates every asset bundle of the database, committed, when a
# post-install browser test is selected (90 s on two busy cores). These tests need only the
# web client's: odoo-bin with the pregeneration narrowed to those (made once, not in each
# test's rolled-back transaction).
BACKEND_BUNDLES = """
import runpy, sys
from odoo.addons.base.models.ir_qweb import IrQWeb

def pregenerate_backend(self):
    links = []
    for bundle in ("web.assets_web", "web.assets_tests", "bus.websocket_worker_assets"):
        links += self._get_asset_bundle(bundle, css=False, js=True).js()
    for bundle in ("web.assets_web", "web.assets_web_print"):
        links += self._get_asset_bundle(bundle, css=True, js=False).css()
    return links

IrQWeb._pregenerate_assets_bundles = pregenerate_backend
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


class Failed(Exception):
    pass


def say(message):
    print(f"[try-install] {message}", flush=True)


def check(condition, message):
    if not condition:
        raise Failed(message)


@contextlib.contextmanager
def step(title):
    start = time.time()
    say(f"{title} ...")
    yield
    say(f"{title}: ok ({time.time() - start:.0f} s)")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TryInstall:
    def __init__(self, db, keep):
        self.db = db
        self.restored = f"{db}_restored"
        self.keep = keep
        self.conf = os.environ["ERM_CONF"]
        self.log_dir = os.path.join(os.path.dirname(self.conf), "log")
        os.makedirs(self.log_dir, exist_ok=True)
        self.odoo_bin = os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)),
                                     "odoo-bin")
        self.before = None
        # the snapshot, for a run that starts at a later step (--start-at)
        self.snapshot_file = os.path.join(self.log_dir, f"try-install-{db}-before.json")

    # ------------------------------------------------------------------ helpers
    def run_odoo(self, name, *args, env=None):
        """odoo-bin in a process of its own (as a person runs it), its log in .erm/log/;
        returns the log's path, fails when odoo-bin does."""
        sub, args = (args[0], args[1:]) if not args[0].startswith("-") else ("server", args)
        logfile = os.path.join(self.log_dir, f"try-install-{self.db}-{name}.log")
        with contextlib.suppress(FileNotFoundError):
            os.remove(logfile)
        cmd = [sys.executable, self.odoo_bin, sub, "-c", self.conf, *args]
        if "--test-enable" in args:
            cmd[1:2] = ["-c", BACKEND_BUNDLES, self.odoo_bin]
        if sub == "server":
            cmd.append(f"--logfile={logfile}")
        res = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=1200,
                             env={**os.environ, **(env or {})})
        # it may have changed the modules: the next environment loads them again
        Registry.delete(self.db)
        if sub != "server":
            with open(logfile, "w") as log:
                log.write(res.stdout[-20000:] + res.stderr)
        if res.returncode:
            tail = res.stderr[-4000:]
            if os.path.exists(logfile):
                with open(logfile, errors="replace") as log:
                    tail = log.read()[-4000:]
            raise Failed(f"odoo-bin {' '.join(args)} failed (exit {res.returncode}; log "
                         f"{logfile}):\n{tail}")
        return logfile

    def run_tests(self, name, tags, expected, *args, env=None):
        """Odoo's test runner on the database; every selected test must pass (none skipped,
        a browser test skipped for want of Chromium included)."""
        sys.path.insert(0, os.path.join(ROOT, "tools"))
        from test_summary import count_odoo_log  # noqa: PLC0415 - a script beside this one

        logfile = self.run_odoo(name, "-d", self.db, *args, "--test-enable",
                                f"--test-tags={tags}", "--stop-after-init", "--log-level=info",
                                f"--http-port={free_port()}", env=env)
        passed, failed, skipped = count_odoo_log(logfile)
        check(not failed and not skipped and passed >= expected,
              f"{name}: {passed} passed, {failed} failed, {skipped} skipped of the "
              f"{expected} tests expected (log {logfile})")
        return passed

    @contextlib.contextmanager
    def env(self, db=None):
        """A superuser environment; commits at the end."""
        with Registry(db or self.db).cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, {"lang": "nl_NL", "tz": "Europe/Amsterdam"})

    def drop(self, db):
        Registry.delete(db)
        odoo.sql_db.close_db(db)
        if db in db_service.list_dbs(True):
            db_service.exp_drop(db)

    # ------------------------------------------------------------------ 1. the existing Odoo
    def make_existing_odoo(self):
        self.drop(self.restored)
        self.drop(self.db)
        self.run_odoo("create", "-d", self.db, "-i", EXISTING, "--without-demo=all",
                      "--load-language=nl_NL", "--stop-after-init", "--log-level=warn",
                      "--http-port=0")
        with self.env() as env:
            company = env.ref("base.main_company")
            company.write({
                "name": "Zorggroep De Linde", "country_id": env.ref("base.nl").id,
                "city": "Utrecht", "currency_id": env.ref("base.EUR").id,
            })
            env.ref("base.EUR").active = True
            env.ref("base.user_admin").write({
                "name": "Marieke Visser", "lang": "nl_NL", "tz": "Europe/Amsterdam",
            })
            env.ref("base.user_admin").partner_id.email = "beheer@delinde.example"
            departments = {name: env["hr.department"].create({"name": name})
                           for name in DEPARTMENTS}
            employees = {}
            for name, department, manager, login in EMPLOYEES:
                user = env["res.users"]
                if login:
                    user = env["res.users"].create({
                        "name": name, "login": login, "password": login,
                        "email": f"{login}@delinde.example", "lang": "nl_NL",
                        "tz": "Europe/Amsterdam",
                        "groups_id": [(6, 0, [env.ref("base.group_user").id])],
                    })
                employees[name] = env["hr.employee"].create({
                    "name": name, "department_id": departments[department].id,
                    "parent_id": employees[manager].id if manager else False,
                    "user_id": user.id, "work_email": f"{name.split()[0].lower()}@delinde.example",
                })
            for department, head in HEADS.items():
                departments[department].manager_id = employees[head]
            # the HR officer administers employees and time off, as Odoo's own groups allow
            env["res.users"].search([("login", "=", HR_LOGIN)]).groups_id = [
                (4, env.ref("hr.group_hr_user").id),
                (4, env.ref("hr_holidays.group_hr_holidays_user").id),
            ]
            # a time-off request of its own, to find again after the uninstall
            leave_type = env["hr.leave.type"].create({
                "name": "Bijzonder verlof", "requires_allocation": "no",
            })
            start = datetime.date.today() + datetime.timedelta(days=21)
            env["hr.leave"].create({
                "name": "Verhuizing", "employee_id": employees["Sanne Jansen"].id,
                "holiday_status_id": leave_type.id,
                "request_date_from": start, "request_date_to": start,
            })
            self.before = self.snapshot(env)
        with open(self.snapshot_file, "w") as snapshot:
            json.dump({key: sorted(value) for key, value in self.before.items()}, snapshot)

    # ------------------------------------------------------------------ 2. install via Apps
    def install(self, addon):
        with self.env() as env:
            admin = env.ref("base.user_admin")
            module = env["ir.module.module"].with_user(admin).search([("name", "=", addon)])
            check(module.state == "uninstalled", f"{addon}: {module.state or 'not found'}")
            module.button_immediate_install()
        with self.env() as env:
            module = env["ir.module.module"].search([("name", "=", addon)])
            check(module.state == "installed", f"{addon} is {module.state} after the install")
            # the Dutch of the addon came with it (the database speaks Dutch)
            menu = env.ref("erm_verzuim.menu_erm_cases").with_context(lang="nl_NL")
            check(menu.name == "Dossiers", f"Dutch not loaded: menu {menu.name!r}")

    def give_roles(self):
        with self.env() as env:
            admin = env.ref("base.user_admin")
            hr = env["res.users"].with_user(admin).search([("login", "=", HR_LOGIN)])
            hr.groups_id = [(4, env.ref("erm_verzuim.group_erm_hr").id)]
            manager = env["res.users"].with_user(admin).search([("login", "=", MANAGER_LOGIN)])
            manager.groups_id = [(4, env.ref("erm_verzuim.group_erm_manager").id)]
            check(admin.has_group("erm_verzuim.group_erm_admin"),
                  "the administrator is no Verzuim: Beheerder after the install")

    # ------------------------------------------------------------------ 3. in the browser
    def walk_empty_organisation(self):
        # The walk is a test of the test-only addon, installed for it and uninstalled with
        # ours; it skips unless this script tells it who the HR officer is.
        self.run_tests("walk", "erm_empty_org", 5, "-i", TEST_ADDON,
                       env={"ERM_TRY_INSTALL_HR": HR_LOGIN})

    # ------------------------------------------------------------------ 4. backup, restore
    def make_cases(self):
        """Two cases reported by the HR officer (weeks ago, so deadlines fall due), a document
        in one of them, and the alert job; returns what the restored copy must hold."""
        with self.env() as env:
            hr = env["res.users"].search([("login", "=", HR_LOGIN)])
            cases = env["erm.absence.case"]
            for name, weeks in (("Mohamed Amrani", 7), ("Kees Smit", 3)):
                employee = env["hr.employee"].search([("name", "=", name)])
                first_day = datetime.date.today() - datetime.timedelta(weeks=weeks)
                wizard = env["erm.sick.report.wizard"].with_user(hr).create({
                    "employee_id": employee.id, "date_start": first_day,
                    "date_reported": first_day,
                })
                cases |= cases.browse(wizard.action_confirm()["res_id"])
            check(len(cases) == 2 and all(cases.milestone_ids), "no cases with deadlines")
            raw = b"%PDF-1.4\n% verzuimmelding\n" + os.urandom(2048)
            # (a document the company doctor sent, filed by the administrator)
            attachment = env["ir.attachment"].create({
                "name": "verzuimmelding.pdf", "raw": raw, "res_model": "erm.absence.case",
                "res_id": cases[0].id, "mimetype": "application/pdf",
            })
            check(attachment.sudo().store_fname, "the attachment is not in the filestore")
            env.cr.commit()
            self.run_alert_job(env)
            return {
                "cases": sorted(cases.ids),
                "attachment": (attachment.id, hashlib.sha1(raw).hexdigest()),
                "activities": self.activities(env),
            }

    def run_alert_job(self, env):
        """The scheduled action as the scheduler runs it when an administrator presses
        "Run manually"; committed."""
        cron = env.ref("erm_verzuim.ir_cron_erm_deadline_alerts")
        cron.method_direct_trigger()
        env.cr.commit()

    def activities(self, env):
        """The open activities on our records, and those that occur more than once."""
        env.cr.execute("""
            SELECT res_model, res_id, activity_type_id, erm_milestone_id, erm_alert_kind,
                   user_id, date_deadline, count(*)
              FROM mail_activity
             WHERE res_model LIKE 'erm.%%'
             GROUP BY 1, 2, 3, 4, 5, 6, 7
        """)
        rows = env.cr.fetchall()
        return {
            "total": sum(row[-1] for row in rows),
            "duplicates": [row for row in rows if row[-1] > 1],
        }

    def backup_and_restore(self, expected):
        dump = os.path.join(self.log_dir, f"try-install-{self.db}.zip")
        with contextlib.suppress(FileNotFoundError):
            os.remove(dump)
        # what bin/erm backup and bin/erm restore run
        self.run_odoo("dump", "db", "dump", self.db, dump)
        check(os.path.getsize(dump) > 0, "empty dump")
        self.run_odoo("load", "db", "load", self.restored, dump)
        say(f"   dump {os.path.getsize(dump) / 2**20:.1f} MB (database and filestore)")
        check(expected["activities"]["total"] > 0, "the alert job raised no activity to compare")
        with self.env(self.restored) as env:
            cases = env["erm.absence.case"].search([])
            check(sorted(cases.ids) == expected["cases"],
                  f"restored cases {cases.ids} != {expected['cases']}")
            attachment_id, sha1 = expected["attachment"]
            attachment = env["ir.attachment"].browse(attachment_id)
            check(attachment.exists() and attachment.raw
                  and hashlib.sha1(attachment.raw).hexdigest() == sha1,
                  "the attachment's file did not come back with the restored filestore")
            path = attachment._full_path(attachment.store_fname)
            check(path.startswith(config.filestore(self.restored)) and os.path.exists(path),
                  f"the attachment is not in the restored database's filestore ({path})")
            # the PostgreSQL-level guarantees came back too (btree_gist exclusion constraints,
            # partial unique indexes)
            restored_schema = self.schema(env.cr)
            with self.env() as original:
                original_schema = self.schema(original.cr)
            for kind in ("constraints", "indexes", "extensions"):
                missing = original_schema[kind] - restored_schema[kind]
                check(not missing, f"restored database lacks {kind}: {sorted(missing)[:10]}")
            env.cr.commit()
            for run in (1, 2):
                self.run_alert_job(env)
                found = self.activities(env)
                check(not found["duplicates"], f"run {run} on the restored copy duplicated "
                      f"activities: {found['duplicates'][:5]}")
                check(found["total"] == expected["activities"]["total"],
                      f"run {run} on the restored copy: {found['total']} open activities, "
                      f"{expected['activities']['total']} before the backup")
        self.drop(self.restored)
        os.remove(dump)

    # ------------------------------------------------------------------ 5. uninstall
    def uninstall(self):
        with self.env() as env:
            admin = env.ref("base.user_admin")
            modules = env["ir.module.module"].with_user(admin).search([("name", "in", OURS)])
            modules.button_immediate_uninstall()
        with self.env() as env:
            states = env["ir.module.module"].search([("name", "in", OURS)]).mapped("state")
            check(set(states) == {"uninstalled"}, f"after the uninstall: {states}")
            leftovers = self.leftovers(env)
            check(not leftovers, "left behind after the uninstall:\n  " + "\n  ".join(leftovers))
            # the organisation's own data is untouched
            check(env["hr.employee"].search_count([]) >= len(EMPLOYEES), "employees lost")
            leave = env["hr.leave"].search([("name", "=", "Verhuizing")])
            check(len(leave) == 1, "the time-off request is gone")

    # ------------------------------------------------------------------ snapshot and diff
    @staticmethod
    def schema(cr):
        queries = {
            "tables": """SELECT table_name FROM information_schema.tables
                          WHERE table_schema = 'public'""",
            "columns": """SELECT table_name || '.' || column_name FROM information_schema.columns
                           WHERE table_schema = 'public'""",
            "indexes": """SELECT tablename || ':' || indexname FROM pg_indexes
                           WHERE schemaname = 'public'""",
            "constraints": """SELECT c.conrelid::regclass::text || ':' || c.conname
                                FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                               WHERE n.nspname = 'public'""",
            "functions": """SELECT p.proname FROM pg_proc p
                              JOIN pg_namespace n ON n.oid = p.pronamespace
                             WHERE n.nspname = 'public' AND NOT EXISTS (
                                   SELECT 1 FROM pg_depend d
                                    WHERE d.objid = p.oid AND d.deptype = 'e')""",
            "triggers": """SELECT tgrelid::regclass::text || ':' || tgname FROM pg_trigger
                            WHERE NOT tgisinternal""",
            "sequences": """SELECT sequence_name FROM information_schema.sequences
                             WHERE sequence_schema = 'public'""",
            "extensions": "SELECT extname FROM pg_extension",
        }
        result = {}
        for kind, query in queries.items():
            cr.execute(query)
            result[kind] = {row[0] for row in cr.fetchall()}
        return result

    # Odoo's registry tables whose rows a module adds; a row added since the snapshot must
    # belong to a module still installed.
    IR_TABLES = {
        "ir_model": "ir.model", "ir_model_fields": "ir.model.fields",
        "ir_model_fields_selection": "ir.model.fields.selection",
        "ir_model_constraint": "ir.model.constraint", "ir_model_relation": "ir.model.relation",
        "ir_model_access": "ir.model.access", "ir_rule": "ir.rule", "ir_cron": "ir.cron",
        "ir_ui_menu": "ir.ui.menu", "ir_ui_view": "ir.ui.view",
        "ir_act_server": "ir.actions.server", "ir_act_window": "ir.actions.act_window",
        "ir_act_client": "ir.actions.client", "ir_act_report_xml": "ir.actions.report",
        "ir_act_window_view": "ir.actions.act_window.view", "res_groups": "res.groups",
        "ir_module_category": "ir.module.category", "mail_activity_type": "mail.activity.type",
        "mail_template": "mail.template", "ir_sequence": "ir.sequence",
        "ir_config_parameter": "ir.config_parameter", "ir_asset": "ir.asset",
    }

    def snapshot(self, env):
        snap = self.schema(env.cr)
        for table in self.IR_TABLES:
            env.cr.execute(f"SELECT id FROM {table}")  # noqa: S608 - our own constant names
            snap[table] = {row[0] for row in env.cr.fetchall()}
        return snap

    def leftovers(self, env):
        """Everything the install added that no module still installed owns."""
        cr = env.cr
        now = self.snapshot(env)
        found = []
        # tables and columns: those of the models (and many2many tables) of the registry
        owned_tables, owned_columns = set(), set()
        for model in env.registry.values():
            if model._abstract:
                continue
            owned_tables.add(model._table)
            for field in model._fields.values():
                if field.store and field.column_type:
                    owned_columns.add(f"{model._table}.{field.name}")
                if field.type == "many2many" and field.store:
                    owned_tables.add(field.relation)
                    owned_columns.update({f"{field.relation}.{field.column1}",
                                          f"{field.relation}.{field.column2}"})
        new = {kind: now[kind] - self.before[kind] for kind in now}
        found += [f"table {t}" for t in sorted(new["tables"] - owned_tables)]
        found += [f"column {c}" for c in sorted(new["columns"] - owned_columns)
                  if c.split(".")[0] in owned_tables]
        for kind in ("indexes", "constraints", "triggers", "functions", "sequences"):
            for name in sorted(new[kind]):
                table = name.split(":")[0] if ":" in name else None
                if "erm" in name or (table and table not in owned_tables):
                    found.append(f"{kind[:-1] if kind != 'indexes' else 'index'} {name}")
        # registry rows: new since the snapshot, and without an xml id of an installed module
        cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed'")
        installed = {row[0] for row in cr.fetchall()}
        for table, model in self.IR_TABLES.items():
            ids = sorted(new[table])
            if not ids:
                continue
            if table in ("ir_model_constraint", "ir_model_relation"):
                # these name their module in a column (foreign keys have no xml id)
                cr.execute(f"""SELECT t.id, ARRAY[m.name] FROM {table} t
                                 JOIN ir_module_module m ON m.id = t.module
                                WHERE t.id = ANY(%s)""", [ids])  # noqa: S608
            else:
                cr.execute("""SELECT res_id, array_agg(module) FROM ir_model_data
                               WHERE model = %s AND res_id = ANY(%s) GROUP BY res_id""",
                           [model, ids])
            modules = dict(cr.fetchall())
            for res_id in ids:
                if not set(modules.get(res_id, ())) & installed:
                    record = env[model].browse(res_id)
                    label = record.display_name if model in env else res_id
                    found.append(f"{model} {res_id} {label!r} ({modules.get(res_id)})")
        # The neutral time-off type "Absent" stays while time-off records of the cases use
        # it (the organisation's Time Off history); its xml id stays with it, so that a
        # reinstall finds it again instead of making a second one.
        cr.execute("""SELECT module || '.' || name FROM ir_model_data d
                       WHERE module IN %s AND NOT (
                             d.model = 'hr.leave.type' AND d.name = 'leave_type_erm_absence'
                             AND EXISTS (SELECT 1 FROM hr_leave l
                                          WHERE l.holiday_status_id = d.res_id))""", [OURS])
        found += [f"xml id {xmlid}" for xmlid, in cr.fetchall()]
        # records of other models that point at our models
        cr.execute("""SELECT table_name, column_name FROM information_schema.columns
                       WHERE table_schema = 'public' AND column_name IN ('res_model', 'model')
                         AND data_type IN ('character varying', 'text')""")
        for table, column in cr.fetchall():
            cr.execute(f'SELECT count(*) FROM "{table}" WHERE "{column}" LIKE %s',  # noqa: S608
                       ["erm.%"])
            count = cr.fetchone()[0]
            if count:
                found.append(f"{count} rows of {table} with {column} = erm.*")
        return found

    # ------------------------------------------------------------------ 6. Odoo's own UI
    def odoo_ui_after_uninstall(self):
        self.run_tests("odoo-ui", ODOO_UI_TESTS, 3)

    # ------------------------------------------------------------------ all
    def run(self, start_at=1):
        start = time.time()
        if start_at > 1:
            with open(self.snapshot_file) as snapshot:
                self.before = {key: set(value) for key, value in json.load(snapshot).items()}
        try:
            if start_at <= 1:
                with step(f"1. an existing Odoo on {self.db}: {EXISTING}, Dutch, an organisation"):
                    self.make_existing_odoo()
            if start_at <= 2:
                for addon in ADDONS:
                    with step(f"2. install {addon} (button_immediate_install)"):
                        self.install(addon)
                self.give_roles()
            if start_at <= 3:
                with step("3. the empty organisation in the browser (admin, HR), a first case"):
                    self.walk_empty_organisation()
            if start_at <= 4:
                with step("4. cases, alert job, backup (odoo-bin db dump), restore (db load)"):
                    self.backup_and_restore(self.make_cases())
            if start_at <= 5:
                with step("5. uninstall the three (button_immediate_uninstall), nothing left"):
                    self.uninstall()
            with step("6. Odoo's own menus, employee form and Time Off still work"):
                self.odoo_ui_after_uninstall()
        except Failed as failure:
            say(f"FAILED: {failure}")
            return 1
        finally:
            if not self.keep:
                for db in (self.restored, self.db):
                    self.drop(db)
        say(f"all steps passed in {time.time() - start:.0f} s")
        return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", nargs="?", default="erm_try")
    parser.add_argument("--keep", action="store_true", help="keep the databases at the end")
    parser.add_argument("--start-at", type=int, default=1, metavar="STEP",
                        help="(development) go on from this step on a database kept earlier")
    args = parser.parse_args()
    config.parse_config(["-c", os.environ["ERM_CONF"], "--log-level=warn", "--logfile",
                         os.path.join(os.path.dirname(os.environ["ERM_CONF"]), "log",
                                      f"try-install-{args.database}.log")],
                        setup_logging=True)
    config["list_db"] = True
    return TryInstall(args.database, args.keep).run(args.start_at)


if __name__ == "__main__":
    sys.exit(main())
