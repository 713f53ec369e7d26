#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Deterministic demo organisation for ERM Verzuim.

Builds a realistic Dutch organisation: companies, a department tree with a manager per
department, employees with one running contract each (hours and wage), and one login per
role of docs/domain.md §1. Three uses:

* library (demo, tests)::

      generate_organisation(env, employees=60, seed=42, companies=2, with_users=True)

* benchmark data, the same generator at scale (batched creates, minutes not hours)::

      generate_organisation(env, employees=50000, seed=1, companies=3, with_users=False)

* command line, what ``bin/erm run`` calls after every start::

      python data/demo_org.py --config .erm/odoo.conf -d DB [--employees 60] [--seed 42]
                              [--companies 2] [--no-users]

Two steps make it deterministic and idempotent:

1. ``plan_organisation()`` is pure Python: the whole organisation as frozen dataclasses,
   drawn from ``random.Random(seed)`` and a fixed reference date, never from the database
   or the clock. Same arguments, same plan, on any machine and any day.
2. ``generate_organisation()`` materialises the plan. Every record it creates gets an xml id
   in the pseudo-module ``erm_demo`` (``erm_demo.company_1``, ``erm_demo.employee_00042``,
   ``erm_demo.user_medewerker``...). A later run looks those ids up first and creates only
   what is missing, so a second run with the same arguments creates nothing. Existing
   records are never rewritten: whatever a demo user changed stays.

Speed: records are created with batch ``create([...])`` in chunks of ``CHUNK_SIZE`` under a
context that switches chatter tracking off. Values that Odoo would otherwise fill record by
record (the work contact, its e-mail and mobile, the address, the generated avatar) are
passed in up front, because each of those fallbacks costs a ``write`` per employee.
"""

import argparse
import base64
import io
import logging
import random
import sys
import time
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

import odoo
from odoo import Command
from odoo.tools import SQL

from odoo.addons.base.models.avatar_mixin import get_hsl_from_seed

# under "odoo" so that Odoo's --log-level governs it (the CLI prints its own summary)
_logger = logging.getLogger("odoo.erm_demo")

MODULE = "erm_demo"  # module part of every generated xml id
CHUNK_SIZE = 2000
# Tables worth fresh planner statistics after a chunk of creates of a model (see
# _Builder._analyze_if_grown); other models: their own table.
ANALYZE_MIN_ROWS = 1000
ANALYZE_TABLES = {
    "hr.employee": ("hr_employee", "res_partner", "resource_resource", "ir_attachment"),
    "hr.contract": ("hr_contract", "hr_employee"),
}
# Dates are drawn relative to this fixed day, not to today, so that a plan never changes.
REFERENCE_DATE = date(2025, 1, 1)
EARLIEST_START = date(1990, 1, 1)
FULL_TIME_HOURS = 36  # the companies' full-time week; part-time factor = hours / 36
TZ = "Europe/Amsterdam"

# Context for every create: no tracking values, no "created" chatter notes, no followers,
# and no signup invitation mail (auth_signup) for the new users.
CREATE_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "mail_create_nosubscribe": True,
    "no_reset_password": True,
}

# --------------------------------------------------------------------------- content
COMPANIES = (
    # name, street, zip, city, e-mail domain; the first one is the demo company
    ("Zorggroep Rijnland B.V.", "Rijnsburgerweg 10", "2334 BA", "Leiden", "zorggroep-rijnland.nl"),
    ("Thuiszorg Rijnland B.V.", "Hoofdstraat 120", "2404 GL", "Alphen aan den Rijn",
     "thuiszorg-rijnland.nl"),
    ("Rijnland Facilitaire Diensten B.V.", "Zeeweg 4", "2224 CK", "Katwijk",
     "rijnland-facilitair.nl"),
    ("Revalidatiecentrum De Horst B.V.", "Hoofdstraat 31", "2351 AH", "Leiderdorp",
     "dehorst.nl"),
    ("Woonzorg Duin- en Bollenstreek B.V.", "Wilhelminalaan 2", "2171 CS", "Sassenheim",
     "woonzorg-dbs.nl"),
    ("Rijnland Jeugdzorg B.V.", "Lange Voort 15", "2341 KA", "Oegstgeest",
     "rijnland-jeugdzorg.nl"),
)

DEPARTMENTS = (
    # code, name, parent code, share of the staff, manager's job, staff jobs.
    # Listed parents first: the order is also the creation order of their managers.
    ("directie", "Directie", None, 1, "Algemeen directeur",
     ("Bestuurssecretaris", "Beleidsmedewerker", "Managementassistent")),
    ("zorg", "Zorg", "directie", 14, "Manager Zorg",
     ("Verzorgende IG", "Verpleegkundige", "Wijkverpleegkundige", "Helpende", "Begeleider",
      "Activiteitenbegeleider")),
    ("facilitair", "Facilitair", "directie", 4, "Manager Facilitair",
     ("Medewerker schoonmaak", "Kok", "Medewerker technische dienst", "Receptionist")),
    ("financien", "Financiën", "directie", 2, "Manager Financiën",
     ("Financieel administrateur", "Controller", "Salarisadministrateur")),
    ("ict", "ICT", "directie", 2, "Manager ICT",
     ("Applicatiebeheerder", "Systeembeheerder", "Servicedeskmedewerker")),
    ("hr", "HR", "directie", 2, "Manager HR",
     ("HR-adviseur", "HR-medewerker", "Recruiter", "Verzuimcoach")),
)
# Big companies get teams (sub-departments with a team leader) of about TEAM_SIZE people,
# so a manager never has thousands of direct reports.
TEAM_THRESHOLD = 200
TEAM_SIZE = 25
TEAM_LOCATIONS = (
    "Leiden-Noord", "Leiden-Zuid", "Oegstgeest", "Katwijk", "Noordwijk", "Voorschoten",
    "Leiderdorp", "Zoeterwoude", "Alphen", "Lisse", "Hillegom", "Sassenheim", "Teylingen",
    "Kaag", "Wassenaar", "Rijnsburg",
)

# The role logins of domain.md §1 (password = login) and their group.
ROLES = (
    ("medewerker", "erm_verzuim.group_erm_employee"),
    ("leidinggevende", "erm_verzuim.group_erm_manager"),
    ("hr", "erm_verzuim.group_erm_hr"),
    ("coach", "erm_verzuim.group_erm_coach"),
    ("bedrijfsarts", "erm_verzuim.group_erm_doctor"),
    ("directie", "erm_verzuim.group_erm_board"),
    ("beheerder", "erm_verzuim.group_erm_admin"),
)
# Which employee of the first company holds a role: ordinary staff (department, job) ...
ROLE_STAFF = {
    "medewerker": ("zorg", "Verzorgende IG"),
    "hr": ("hr", "HR-adviseur"),
    "coach": ("hr", "Verzuimcoach"),
    "beheerder": ("ict", "Applicatiebeheerder"),
}
# ... or the manager of a department. The medewerker's manager is the leidinggevende.
ROLE_MANAGERS = {"leidinggevende": "zorg", "directie": "directie"}
# The bedrijfsarts works for an external occupational health service (arbodienst): a user
# without an employee, so he is in no department and in no absence statistic.
DOCTOR_DOMAIN = "arbodienst-rijnland.nl"

FIRST_NAMES = {
    "female": (
        "Anna", "Emma", "Julia", "Sophie", "Lotte", "Sanne", "Eva", "Lisa", "Anouk", "Fleur",
        "Iris", "Femke", "Marieke", "Ingrid", "Monique", "Petra", "Esther", "Linda", "Wendy",
        "Karin", "Mirjam", "Annemarie", "Ilse", "Noor", "Tessa", "Maud", "Romy", "Fatima",
        "Samira", "Yasmina", "Zeynep", "Chantal", "Marloes", "Hanneke", "Joke", "Zoë",
        "Renée", "Gerda", "Wilma", "Nathalie",
    ),
    "male": (
        "Jan", "Pieter", "Kees", "Joost", "Bram", "Daan", "Sem", "Lucas", "Thijs", "Ruben",
        "Jeroen", "Martijn", "Erik", "Marco", "Sander", "Bas", "Wouter", "Koen", "Tim",
        "Niels", "Gerrit", "Henk", "Willem", "Hans", "Mohamed", "Yusuf", "Mehmet", "Rachid",
        "Stefan", "Dennis", "Arjen", "Frank", "Rik", "Jelle", "Job", "Teun", "René", "Guus",
    ),
    "other": ("Sam", "Robin", "Kim", "Charlie", "Noa", "Alex", "Sascha", "Jip"),
}
SURNAMES = (  # with their tussenvoegsels, as written after a first name
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen",
    "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
    "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits",
    "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
    "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "van der Heijden",
    "Schouten", "van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas",
    "Verhoeven", "Koster", "van Dam", "van der Wal", "Prins", "Blom", "Huisman", "de Jonge",
    "Kuipers", "van Veen", "Post", "Veenstra", "Kramer", "van den Brink", "Scholten",
    "van Wijk", "Postma", "Vink", "de Ruiter", "Timmermans", "Groen", "Gerritsen", "Jonker",
    "van Loon", "van der Velde", "Willemsen", "de Lange", "de Vos", "van Dongen", "Schipper",
    "de Koning", "van der Laan", "Driessen", "van Doorn", "Hermans", "van den Bosch",
    "van der Meulen", "Hofman", "Bosman", "Wolters", "van der Horst", "Molenaar",
    "van de Pol", "de Leeuw", "Verbeek", "El Amrani", "Bouzid", "Öztürk", "Yilmaz", "Pinas",
    "Nguyen", "ter Horst", "van 't Hof", "in 't Veld",
)
DAY_NAMES = ("Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag")
IMAGE_FIELDS = ("image_1920", "image_1024", "image_512", "image_256", "image_128")
CALENDARS = (
    # hours per week, name, working days (0 = Monday), hours per day
    (36, "Voltijd 36 uur", (0, 1, 2, 3, 4), 7.2),
    (32, "Deeltijd 32 uur", (0, 1, 2, 3), 8.0),
    (24, "Deeltijd 24 uur", (0, 1, 3), 8.0),
)


# --------------------------------------------------------------------------- the plan
@dataclass(frozen=True)
class CompanySpec:
    key: str  # xml id name, e.g. company_1
    name: str
    street: str
    zip: str
    city: str
    domain: str  # e-mail and web domain
    registry: str  # KvK number


@dataclass(frozen=True)
class DepartmentSpec:
    key: str  # e.g. department_1_zorg, department_1_team_0003
    name: str
    company: str  # CompanySpec.key
    parent: str | None  # DepartmentSpec.key
    level: int  # 0 = Directie, 1 = main department, 2 = team
    manager: str  # EmployeeSpec.key


@dataclass(frozen=True)
class EmployeeSpec:
    key: str  # e.g. employee_00042; the contract is contract_00042
    name: str
    gender: str
    birthday: date
    email: str
    mobile: str
    job_title: str
    company: str
    department: str
    parent: str | None  # manager, an EmployeeSpec.key
    level: int  # manager of a level-N department, or 3 for staff
    hours: int  # contracted hours a week: 36, 32 or 24
    wage: int  # monthly gross in EUR for those hours
    date_start: date
    login: str | None  # the role login this employee holds, if any

    @property
    def contract_key(self):
        return "contract_" + self.key.split("_", 1)[1]


@dataclass(frozen=True)
class UserSpec:
    key: str  # e.g. user_medewerker
    login: str
    name: str
    email: str
    mobile: str
    group: str  # xml id of the role group
    employee: str | None  # EmployeeSpec.key


@dataclass(frozen=True)
class Plan:
    companies: tuple
    departments: tuple
    employees: tuple
    users: tuple


def _split(total, weights):
    """Split ``total`` into integer parts proportional to ``weights`` (largest remainder)."""
    exact = [total * w / sum(weights) for w in weights]
    parts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (parts[i] - exact[i], i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _ascii(text):
    """'Öztürk' -> 'Ozturk': e-mail addresses stay plain ASCII."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


class _Drawer:
    """All random draws of the plan, from one ``random.Random(seed)`` stream."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.emails = set()

    def person(self, domain):
        rng = self.rng
        gender = rng.choices(("female", "male", "other"), weights=(64, 35, 1))[0]
        first = rng.choice(FIRST_NAMES[gender])
        last = rng.choice(SURNAMES)
        local = _ascii(f"{first}.{last}".lower()).replace(" ", "").replace("'", "")
        email, n = f"{local}@{domain}", 1
        while email in self.emails:  # namesakes get a number, as mail servers do
            n += 1
            email = f"{local}{n}@{domain}"
        self.emails.add(email)
        return gender, f"{first} {last}", email

    def employee(self, key, domain, level, job, company, department, parent, login=None):
        rng = self.rng
        gender, name, email = self.person(domain)
        # managers are older and more often full-time; wages in EUR a month, by level
        age = rng.randint(35, 62) if level < 3 else rng.randint(19, 66)
        birthday = date(REFERENCE_DATE.year - age - 1, rng.randint(1, 12), rng.randint(1, 28))
        if level < 3:
            hours = rng.choices((36, 32), weights=(80, 20))[0]
        else:
            hours = rng.choices((36, 32, 24), weights=(40, 35, 25))[0]
        # monthly gross for the contracted hours: a full-time scale by level, pro rata,
        # kept within EUR 2,500-6,500
        low, high = {0: (6000, 6500), 1: (4800, 6200), 2: (4000, 5200)}.get(level, (3000, 4800))
        low, high = max(2500, low * hours // 36), min(6500, high * hours // 36)
        wage = rng.randint(low, high) // 10 * 10
        # employed since some day after the 18th birthday; spread over the years
        first_day = max(birthday.replace(year=birthday.year + 18), EARLIEST_START)
        last_day = REFERENCE_DATE - timedelta(days=30)
        date_start = first_day + timedelta(days=rng.randint(0, (last_day - first_day).days))
        return EmployeeSpec(
            key=key, name=name, gender=gender, birthday=birthday, email=email,
            mobile=f"06-{rng.randint(10000000, 99999999)}", job_title=job, company=company,
            department=department, parent=parent, level=level, hours=hours, wage=wage,
            date_start=date_start, login=login,
        )


def plan_organisation(employees=60, seed=42, companies=2):
    """Return the whole demo organisation as a ``Plan``; pure Python, no database.

    The first company gets twice the share of the others. Every department has a manager
    (an employee of that department whose manager is the parent department's manager);
    the remaining employees are staff spread over the departments (and teams, in big
    companies) by weight. All employees count, managers included.
    """
    if not 1 <= companies <= len(COMPANIES):
        raise ValueError(f"companies must be between 1 and {len(COMPANIES)}")
    headcounts = _split(employees, [2] + [1] * (companies - 1))
    drawer = _Drawer(seed)
    width = max(5, len(str(employees)))
    company_specs, department_specs, employee_specs = [], [], []
    number = 0

    def next_key():
        nonlocal number
        number += 1
        return f"employee_{number:0{width}d}"

    for index, headcount in enumerate(headcounts):
        c = index + 1
        name, street, zip_code, city, domain = COMPANIES[index]
        company = CompanySpec(
            key=f"company_{c}", name=name, street=street, zip=zip_code, city=city,
            domain=domain, registry=f"{28000000 + 1317 * c:08d}",
        )
        company_specs.append(company)
        roles = ROLE_STAFF if index == 0 else {}
        # teams: about one per TEAM_SIZE staff, in the main departments by their weight
        base = len(DEPARTMENTS) + len(roles)
        teams = (headcount - base) // (TEAM_SIZE + 1) if headcount > TEAM_THRESHOLD else 0
        if headcount < base + teams:
            raise ValueError(
                f"{name} needs at least {base} employees (one manager per department"
                f"{' and the role holders' if roles else ''}); got {headcount} of {employees}"
            )
        # departments (with their manager's key reserved now, drawn below in level order)
        units = []  # (DepartmentSpec, staff jobs, weight) where staff can be placed
        managers = {}  # department code -> manager key
        by_code = {}
        for code, dname, parent, weight, job, jobs in DEPARTMENTS:
            dept = DepartmentSpec(
                key=f"department_{c}_{code}", name=dname, company=company.key,
                parent=by_code[parent].key if parent else None, level=0 if not parent else 1,
                manager=next_key(),
            )
            by_code[code], managers[code] = dept, dept.manager
            department_specs.append(dept)
            employee_specs.append(drawer.employee(
                dept.manager, domain, dept.level, job, company.key, dept.key,
                managers[parent] if parent else None,
                login=next((r for r, d in ROLE_MANAGERS.items() if d == code and roles), None),
            ))
            units.append((dept, jobs, weight))
        main = [d for d in DEPARTMENTS if d[2]]  # departments under the Directie
        team_counts = _split(teams, [d[3] for d in main]) if teams else [0] * len(main)
        team_number = 0
        for department, count in zip(main, team_counts, strict=True):
            code, dname, _parent, weight, _job, jobs = department
            if count:
                # 10% of the department stays directly under its manager (staff office)
                units = [(u, j, w / 10 if u is by_code[code] else w) for u, j, w in units]
            for t in range(count):
                team_number += 1
                location = TEAM_LOCATIONS[t % len(TEAM_LOCATIONS)]
                suffix = f" {t // len(TEAM_LOCATIONS) + 1}" if t >= len(TEAM_LOCATIONS) else ""
                team = DepartmentSpec(
                    key=f"department_{c}_team_{team_number:04d}",
                    name=f"{dname} {location}{suffix}", company=company.key,
                    parent=by_code[code].key, level=2, manager=next_key(),
                )
                department_specs.append(team)
                employee_specs.append(drawer.employee(
                    team.manager, domain, 2, f"Teamleider {dname}", company.key, team.key,
                    managers[code],
                ))
                units.append((team, jobs, weight * 9 / 10 / count))
        # the role holders, then the staff
        dept_manager = {d.key: d.manager for d in department_specs}
        for login, (code, job) in roles.items():
            dept = by_code[code]
            employee_specs.append(drawer.employee(
                next_key(), domain, 3, job, company.key, dept.key, dept.manager, login=login,
            ))
        staff = headcount - base - teams
        placed = drawer.rng.choices(units, weights=[w for _, _, w in units], k=staff)
        for dept, jobs, _weight in placed:
            employee_specs.append(drawer.employee(
                next_key(), domain, 3, drawer.rng.choice(jobs), company.key, dept.key,
                dept_manager[dept.key],
            ))

    holders = {e.login: e for e in employee_specs if e.login}
    user_specs = []
    for login, group in ROLES:
        employee = holders.get(login)
        if employee:
            name, email, mobile = employee.name, employee.email, employee.mobile
        else:  # the bedrijfsarts: a user of the external occupational health service
            _gender, name, email = drawer.person(DOCTOR_DOMAIN)
            mobile = f"06-{drawer.rng.randint(10000000, 99999999)}"
        user_specs.append(UserSpec(
            key=f"user_{login}", login=login, name=name, email=email, mobile=mobile,
            group=group, employee=employee.key if employee else None,
        ))
    return Plan(
        companies=tuple(company_specs), departments=tuple(department_specs),
        employees=tuple(employee_specs), users=tuple(user_specs),
    )


# --------------------------------------------------------------------------- materialise
def _avatar(name):
    """The same SVG initial avatar Odoo draws itself, passed at create time.

    Without an image, hr.employee.create() writes a generated avatar on every employee
    one by one (and on its work contact); passing it keeps the create a batch.
    """
    svg = (
        "<?xml version='1.0' encoding='UTF-8' ?>"
        "<svg height='180' width='180' xmlns='http://www.w3.org/2000/svg' "
        "xmlns:xlink='http://www.w3.org/1999/xlink'>"
        f"<rect fill='{get_hsl_from_seed(name)}' height='180' width='180'/>"
        "<text fill='#ffffff' font-size='96' text-anchor='middle' x='90' y='125' "
        f"font-family='sans-serif'>{name[0].upper()}</text></svg>"
    )
    return base64.b64encode(svg.encode())


class _Builder:
    """Find-or-create by xml id, in batches."""

    def __init__(self, env, chunk_size):
        self.env = env
        self.chunk_size = chunk_size
        self.created = {}  # model -> number of records created in this run
        self.analyzed = {}  # model -> records created when its tables were last analysed

    def existing(self, model):
        """{xml id name: id} of the live records of ``model`` generated before."""
        rows = self.env["ir.model.data"].search_read(
            [("module", "=", MODULE), ("model", "=", model)], ["name", "res_id"]
        )
        alive = set(self.env[model].browse([r["res_id"] for r in rows]).exists().ids)
        return {r["name"]: r["res_id"] for r in rows if r["res_id"] in alive}

    def create(self, model, keyed_values, ids, after_create=None):
        """Create ``[(key, vals)]`` in chunks, register their xml ids, add them to ``ids``.

        ``keyed_values`` may be a generator, so the values of a chunk can refer to
        records of earlier chunks through ``ids``. ``after_create(records)`` runs on
        every chunk.
        """
        chunk = []
        for item in keyed_values:
            chunk.append(item)
            if len(chunk) == self.chunk_size:
                self._create_chunk(model, chunk, ids, after_create)
                chunk = []
        if chunk:
            self._create_chunk(model, chunk, ids, after_create)
        return ids

    def _create_chunk(self, model, chunk, ids, after_create):
        records = self.env[model].create([vals for _key, vals in chunk])
        if after_create:
            after_create(records)
        self.env["ir.model.data"]._update_xmlids([
            {"xml_id": f"{MODULE}.{key}", "record": record, "noupdate": True}
            for (key, _vals), record in zip(chunk, records, strict=True)
        ])
        ids.update(zip([key for key, _vals in chunk], records.ids, strict=True))
        self.created[model] = self.created.get(model, 0) + len(records)
        # write everything out and drop the cache: memory stays flat at 50,000 employees
        self.env.flush_all()
        self.env.invalidate_all()
        self._analyze_if_grown(model)

    def _analyze_if_grown(self, model):
        """ANALYZE the tables a create of ``model`` fills once they grew by a fifth since
        the last time (a handful of times per run: the growth is geometric).

        The whole organisation is built in one transaction, which autovacuum never sees:
        without fresh statistics PostgreSQL plans the ORM's lookups and batched UPDATEs
        for the near-empty tables of the template and scans every row of tables that grow
        to 100,000 rows, once per chunk, which makes the build quadratic.
        """
        created = self.created.get(model, 0)
        if created < ANALYZE_MIN_ROWS or created < self.analyzed.get(model, 0) * 1.2:
            return
        for table in ANALYZE_TABLES.get(model, (self.env[model]._table,)):
            self.env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
        self.analyzed[model] = created


def _ensure_companies(builder, plan):
    env = builder.env
    ids = builder.existing("res.company")
    netherlands, euro = env.ref("base.nl"), env.ref("base.EUR")
    if not euro.active:
        euro.active = True
    extra = {}
    if "iap_enrich_auto_done" in env["res.company"]._fields:
        # partner_autocomplete would look the made-up domains up at Odoo's IAP service
        extra["iap_enrich_auto_done"] = True
    builder.create("res.company", (
        (c.key, {
            "name": c.name, "street": c.street, "zip": c.zip, "city": c.city,
            "country_id": netherlands.id, "currency_id": euro.id, "email": f"info@{c.domain}",
            "website": f"https://www.{c.domain}", "company_registry": c.registry, **extra,
        })
        for c in plan.companies if c.key not in ids
    ), ids)
    # A logo (instead of Odoo's "Your logo" on the login and portal pages) and Dutch as the
    # company's language; also for companies of an earlier run that lack them.
    # The login page shows the logo of the main company: the first demo company's.
    lang = _user_lang(env)
    placeholder = env["res.company"]._get_logo()
    main = env.ref("base.main_company")
    if main.currency_id != euro:  # a Dutch group: amounts in euro for every company
        main.currency_id = euro
    for index, c in enumerate(plan.companies):
        company = env["res.company"].browse(ids[c.key])
        for target in (company | main) if index == 0 else company:
            if not target.logo or target.logo == placeholder:
                target.logo = demo_logo(c.name, LOGO_COLOURS[index % len(LOGO_COLOURS)])
        if company.partner_id.lang != lang:
            company.partner_id.lang = lang
    return {c.key: ids[c.key] for c in plan.companies}  # not those of an earlier, bigger run


LOGO_COLOURS = ("#1B6E8A", "#7A3E72", "#3C7A3A", "#B5651D", "#4A4E9C", "#8A1B2E")
LOGO_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def demo_logo(name, colour):
    """A small PNG logo (base64) made on the fly: a coloured badge with the initials of
    the company's name and the name beside it. No binary in the repository."""
    from PIL import Image, ImageDraw, ImageFont  # Odoo requires Pillow

    def font(size):
        try:
            return ImageFont.truetype(LOGO_FONT, size)
        except OSError:
            return ImageFont.load_default()

    words = [w for w in name.replace("B.V.", "").split() if w[:1].isalpha()]
    initials = "".join(w[0] for w in words if w[0].isupper())[:2] or name[:1]
    title = words[0] if words else name
    for word in words[1:]:  # a short title: "Zorggroep Rijnland", "Woonzorg"
        if word.endswith("-") or len(title) + len(word) >= 20:
            break
        title = f"{title} {word}"
    width = 156 + int(ImageDraw.Draw(Image.new("RGB", (1, 1))).textlength(title, font(34))) + 12
    image = Image.new("RGBA", (width, 140), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((6, 6, 134, 134), radius=24, fill=colour)
    draw.text((70, 70), initials, font=font(64), fill="white", anchor="mm")
    draw.text((156, 70), title, font=font(34), fill=colour, anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return base64.b64encode(buffer.getvalue())


def _calendar_key(company_key, hours):
    return f"calendar_{company_key.split('_')[1]}_{hours}"  # e.g. calendar_1_36


def _ensure_calendars(builder, plan, company_ids):
    """A 36-hour full-time and two part-time calendars per company, keyed (company, hours)."""
    env = builder.env
    ids = builder.existing("resource.calendar")

    def attendances(days, per_day):
        lines = []
        for day in days:
            lines.append(Command.create({
                "name": f"{DAY_NAMES[day]} ochtend", "dayofweek": str(day),
                "hour_from": 8.5, "hour_to": 12.5, "day_period": "morning",
            }))
            lines.append(Command.create({
                "name": f"{DAY_NAMES[day]} middag", "dayofweek": str(day),
                "hour_from": 13.0, "hour_to": 13.0 + per_day - 4.0, "day_period": "afternoon",
            }))
        return lines

    new = [c for c in plan.companies if _calendar_key(c.key, FULL_TIME_HOURS) not in ids]
    builder.create("resource.calendar", (
        (_calendar_key(c.key, hours), {
            "name": name, "company_id": company_ids[c.key], "tz": TZ,
            "full_time_required_hours": FULL_TIME_HOURS,
            "attendance_ids": attendances(days, per_day),
        })
        for c in plan.companies for hours, name, days, per_day in CALENDARS
        if _calendar_key(c.key, hours) not in ids
    ), ids)
    # The new full-time calendar becomes the company's working time (the denominator of
    # the part-time factor); a handful of writes, and only once.
    for c in new:
        env["res.company"].browse(company_ids[c.key]).resource_calendar_id = ids[
            _calendar_key(c.key, FULL_TIME_HOURS)
        ]
    return {
        (c.key, hours): ids[_calendar_key(c.key, hours)]
        for c in plan.companies for hours, *_rest in CALENDARS
    }


def _ensure_departments(builder, plan, company_ids):
    ids = builder.existing("hr.department")
    # parents before children: one pass per level, so a chunk refers only to earlier ones
    for level in (0, 1, 2):
        builder.create("hr.department", (
            (d.key, {
                "name": d.name, "company_id": company_ids[d.company],
                "parent_id": ids[d.parent] if d.parent else False,
            })
            for d in plan.departments if d.level == level and d.key not in ids
        ), ids)
    return ids


def _user_lang(env):
    """nl_NL when Odoo knows the language (activating it if needed), else en_US."""
    return "nl_NL" if env["res.lang"]._activate_lang("nl_NL") else "en_US"


def dutch_env(env):
    """The demo speaks Dutch: what the generator and the code it calls write (chatter
    notes, Odoo's own "done" messages of activities, names) in Dutch when Odoo has it."""
    return env(context={**env.context, "lang": _user_lang(env), "tz": TZ})


def _ensure_users(builder, plan, company_ids):
    env = builder.env
    ids = builder.existing("res.users")
    missing = [u for u in plan.users if u.key not in ids]
    # A user with a role login made by hand is adopted as is, never duplicated.
    adopted = env["res.users"].with_context(active_test=False).search(
        [("login", "in", [u.login for u in missing])]
    )
    if adopted:
        _logger.warning("adopting existing users %s unchanged", adopted.mapped("login"))
        by_login = {u.login: u for u in missing}
        env["ir.model.data"]._update_xmlids([
            {"xml_id": f"{MODULE}.{by_login[user.login].key}", "record": user, "noupdate": True}
            for user in adopted
        ])
        ids.update({by_login[user.login].key: user.id for user in adopted})
    first_company = company_ids[plan.companies[0].key]
    lang = _user_lang(env) if len(ids) < len(plan.users) else None  # activate only if needed
    base_user = env.ref("base.group_user").id
    builder.create("res.users", (
        (u.key, {
            "name": u.name, "login": u.login, "password": u.login, "email": u.email,
            "mobile": u.mobile,
            "company_id": first_company,
            "company_ids": [Command.set(list(company_ids.values()))],
            "groups_id": [Command.set([base_user, env.ref(u.group).id])],
            "tz": TZ, "lang": lang,
        })
        for u in plan.users if u.key not in ids
    ), ids)
    # The administrator may switch to the demo companies too.
    admin = env.ref("base.user_admin", raise_if_not_found=False)
    if admin and set(company_ids.values()) - set(admin.company_ids.ids):
        admin.company_ids = [Command.link(cid) for cid in company_ids.values()]
    return ids


def _ensure_employees(builder, plan, company_ids, calendar_ids, department_ids, user_ids):
    env = builder.env
    ids = builder.existing("hr.employee")
    users_by_employee = {u.employee: user_ids[u.key] for u in plan.users if u.key in user_ids}
    company_partner = {
        c.id: c.partner_id.id for c in env["res.company"].browse(list(company_ids.values()))
    }

    def values(specs):
        """Employee values for one chunk, with their work contacts made in one batch."""
        without_user = [e for e in specs if e.key not in users_by_employee]
        # The work contact carries the work e-mail and mobile: hr.employee computes them
        # from it. Made here in one create instead of Odoo's write per employee.
        partners = env["res.partner"].create([
            {"name": e.name, "email": e.email, "mobile": e.mobile, "tz": TZ,
             "company_id": company_ids[e.company]}
            for e in without_user
        ])
        contact = dict(zip([e.key for e in without_user], partners.ids, strict=True))
        for e in specs:
            company_id = company_ids[e.company]
            vals = {
                "name": e.name, "company_id": company_id, "job_title": e.job_title,
                "department_id": department_ids[e.department],
                "parent_id": ids[e.parent] if e.parent else False,
                "gender": e.gender, "birthday": e.birthday,
                "resource_calendar_id": calendar_ids[(e.company, e.hours)], "tz": TZ,
                "address_id": company_partner[company_id], "employee_type": "employee",
                # all sizes given: Odoo would otherwise store each size of each employee
                # with a query of its own (an SVG is not resized anyway)
                **dict.fromkeys(IMAGE_FIELDS, _avatar(e.name)),
            }
            if e.key in users_by_employee:  # hr links the user's partner as work contact
                vals["user_id"] = users_by_employee[e.key]
            else:
                vals["work_contact_id"] = contact[e.key]
            yield e.key, vals

    def chunked_values(specs):
        for start in range(0, len(specs), builder.chunk_size):
            yield from values(specs[start:start + builder.chunk_size])

    # Managers level by level (each one's manager exists before him), then the staff.
    for level in (0, 1, 2, 3):
        builder.create("hr.employee", chunked_values(
            [e for e in plan.employees if e.level == level and e.key not in ids]
        ), ids)
        if level < 3:
            _ensure_department_managers(env, plan, ids, department_ids, level)
    return ids


def _ensure_department_managers(env, plan, employee_ids, department_ids, level):
    """Give the departments of ``level`` that have no manager yet their planned manager.

    One write per department (Odoo re-parents its members and subscribes the manager);
    departments are a few percent of the employees, and a re-run writes none. A manager
    set by hand is kept.
    """
    specs = [d for d in plan.departments if d.level == level]
    departments = env["hr.department"].browse([department_ids[d.key] for d in specs])
    without_manager = set(departments.filtered(lambda d: not d.manager_id).ids)
    for d in specs:
        if department_ids[d.key] in without_manager:
            env["hr.department"].browse(department_ids[d.key]).manager_id = employee_ids[d.manager]


def _ensure_user_links(env, plan, user_ids, employee_ids):
    """Link role users to their employees when the users came later (a run without users,
    then one with). Only free employees and free users are linked, never relinked."""
    wanted = {employee_ids[u.employee]: user_ids[u.key] for u in plan.users
              if u.employee and u.key in user_ids}
    linked = set(env["hr.employee"].with_context(active_test=False).search(
        [("user_id", "in", list(wanted.values()))]
    ).user_id.ids)
    for employee in env["hr.employee"].browse(list(wanted)):  # at most seven
        if not employee.user_id and wanted[employee.id] not in linked:
            employee.user_id = wanted[employee.id]


def _ensure_contracts(builder, plan, company_ids, calendar_ids, department_ids, employee_ids):
    env = builder.env
    ids = builder.existing("hr.contract")
    contract_type = env.ref("hr.contract_type_permanent", raise_if_not_found=False)
    # One open contract for an indefinite period (onbepaalde tijd) per employee, created as
    # draft and opened by _open_contracts below.
    builder.create("hr.contract", (
        (e.contract_key, {
            "name": f"Arbeidsovereenkomst {e.name}", "employee_id": employee_ids[e.key],
            "company_id": company_ids[e.company],
            "department_id": department_ids[e.department], "date_start": e.date_start,
            "wage": e.wage, "resource_calendar_id": calendar_ids[(e.company, e.hours)],
            "contract_type_id": contract_type.id if contract_type else False,
            "state": "draft",
        })
        for e in plan.employees if e.contract_key not in ids
    ), ids, after_create=_open_contracts)
    return ids


def _open_contracts(contracts):
    """Run freshly created draft contracts, in bulk.

    Creating a contract as 'open' makes hr_contract write its employee once per contract
    (contract_id, department_id, working hours): about 6 ms each, and the department write
    re-derives a department head's manager as himself. For a new employee whose department
    and calendar already match, the only effect is employee.contract_id. So: two UPDATEs,
    then ``modified()`` so that the ORM recomputes whatever depends on them (first contract
    date, contract warning...) in batch. The overlap check of hr_contract is moot here:
    these employees are new and get exactly one contract.
    """
    env = contracts.env
    env.flush_all()
    ids = tuple(contracts.ids)
    env.cr.execute("UPDATE hr_contract SET state = 'open' WHERE id IN %s", [ids])
    env.cr.execute(
        "UPDATE hr_employee e SET contract_id = c.id FROM hr_contract c"
        " WHERE c.id IN %s AND e.id = c.employee_id",
        [ids],
    )
    env.invalidate_all()
    contracts.modified(["state"])
    contracts.employee_id.modified(["contract_id"])
    env.flush_all()


def generate_organisation(env, employees=60, seed=42, companies=2, with_users=True,
                          chunk_size=CHUNK_SIZE):
    """Create (or complete) the demo organisation; return its counts.

    Returns ``{"companies", "calendars", "departments", "employees", "contracts", "users":
    int, "logins": [role logins], "created": {model: records created by this call}}``.
    The counts are those of the whole generated organisation, so a second call returns
    the same counts with nothing in ``created``. Runs as superuser in the caller's
    transaction; the caller commits.
    """
    plan = plan_organisation(employees=employees, seed=seed, companies=companies)
    env = env(su=True, context={**env.context, **CREATE_CONTEXT})
    builder = _Builder(env, chunk_size)
    timings, t0 = {}, time.perf_counter()

    def lap(step):
        nonlocal t0
        now = time.perf_counter()
        timings[step], t0 = round(now - t0, 2), now

    company_ids = _ensure_companies(builder, plan)
    calendar_ids = _ensure_calendars(builder, plan, company_ids)
    department_ids = _ensure_departments(builder, plan, company_ids)
    lap("companies")
    user_ids = _ensure_users(builder, plan, company_ids) if with_users else {}
    lap("users")
    employee_ids = _ensure_employees(
        builder, plan, company_ids, calendar_ids, department_ids, user_ids
    )
    _ensure_user_links(env, plan, user_ids, employee_ids)
    lap("employees")
    contract_ids = _ensure_contracts(
        builder, plan, company_ids, calendar_ids, department_ids, employee_ids
    )
    env.flush_all()
    lap("contracts")
    _logger.info("demo organisation: %s employees, step timings %s", employees, timings)
    return {
        "companies": len(company_ids),
        "calendars": len(calendar_ids),
        "departments": sum(d.key in department_ids for d in plan.departments),
        "employees": sum(e.key in employee_ids for e in plan.employees),
        "contracts": sum(e.contract_key in contract_ids for e in plan.employees),
        "users": sum(u.key in user_ids for u in plan.users),
        "logins": [u.login for u in plan.users if u.key in user_ids],
        "created": dict(builder.created),
        "timings": timings,
    }


# --------------------------------------------------------------------------- ERM set-up
# The ERM models of the demo (domain.md §2): every model in use somewhere, so that every
# role has work. (xml id, department code or None for the company default, model, duty
# holders, days the policy started before / ends after today (None: open-ended), note).
# The default dates from before any demo history; the pilot is dated around today.
DEMO_POLICIES = (
    ("policy_1_default", None, "III", "hr", None, None,
     "Standaard voor de hele organisatie: de leidinggevende voert de regie, de HR-adviseur "
     "bewaakt het proces."),
    ("policy_1_ict", "ict", "II", "coach", 400, None,
     "ICT: de leidinggevende voert de regie, de verzuimcoach bewaakt het proces."),
    ("policy_1_facilitair_pilot", "facilitair", "IV", "coach", 120, 245,
     "Pilot met een casemanager: de leidinggevenden van Facilitair missen de kennis om "
     "verzuim goed te begeleiden. Een jaar lang neemt de verzuimcoach als casemanager de "
     "begeleiding van deze afdeling over (regie en procesbewaking). Na de evaluatie aan het "
     "eind van de pilot volgt de afdeling weer het standaardmodel, tenzij besloten wordt de "
     "pilot voort te zetten."),
)
POLICY_DEFAULT_FROM = date(2023, 1, 1)  # before the demo history's oldest case


def _manager_login(department_key):
    """department_1_facilitair -> leidinggevende.facilitair; department_2_zorg ->
    leidinggevende.zorg.2 (the first company's heads get the short logins)."""
    _dept, company_number, code = department_key.split("_", 2)
    return f"leidinggevende.{code}" + ("" if company_number == "1" else f".{company_number}")


def _ensure_manager_users(env, plan):
    """A login (group Leidinggevende, password = login) for every department head who has
    no role login, so that each case is run by its own manager and none falls to the
    general director. xml ids erm_demo.user_manager_<department key>."""
    builder = _Builder(env, CHUNK_SIZE)
    ids = builder.existing("res.users")
    employees = builder.existing("hr.employee")
    companies = builder.existing("res.company")
    role_holders = {u.employee for u in plan.users if u.employee}
    heads = [d for d in plan.departments
             if d.manager not in role_holders and d.manager in employees
             and f"user_manager_{d.key}" not in ids]
    if not heads:
        return ids
    specs = {e.key: e for e in plan.employees}
    groups = [env.ref("base.group_user").id, env.ref("erm_verzuim.group_erm_manager").id]
    lang = _user_lang(env)
    Employee = env["hr.employee"]
    builder.create("res.users", (
        (f"user_manager_{d.key}", {
            "name": specs[d.manager].name, "login": _manager_login(d.key),
            "password": _manager_login(d.key), "email": specs[d.manager].email,
            "partner_id": Employee.browse(employees[d.manager]).work_contact_id.id or False,
            "company_id": companies[d.company],
            "company_ids": [Command.set(list(companies.values()))],
            "groups_id": [Command.set(groups)], "tz": TZ, "lang": lang,
        })
        for d in heads
    ), ids)
    for d in heads:  # a handful of department heads
        employee = Employee.browse(employees[d.manager])
        if not employee.user_id:
            employee.user_id = ids[f"user_manager_{d.key}"]
    return ids


def configure_demo(env, today=None, employees=60, seed=42, companies=2):
    """ERM set-up of the demo organisation, after ``generate_organisation``: the company
    doctor for every demo company, a login for every department head, and the ERM model
    policies of DEMO_POLICIES (company default model III, ICT on model II, a dated model IV
    pilot in Facilitair; the second company has no policy: model I).

    Idempotent (xml ids in ``erm_demo``); a policy whose scope already has one in force
    (configured by hand) is left alone. Returns {"policies": n, "doctor": user}."""
    env = env(su=True, context={**env.context, **CREATE_CONTEXT})
    today = today or date.today()
    plan = plan_organisation(employees=employees, seed=seed, companies=companies)
    users = _ensure_manager_users(env, plan)
    ref = env.ref
    doctor = ref(f"{MODULE}.user_bedrijfsarts", raise_if_not_found=False)
    demo_companies = env["res.company"].browse(
        [ref(f"{MODULE}.{c.key}").id for c in plan.companies]
    )
    if doctor:
        for company in demo_companies.filtered(lambda c: doctor not in c.erm_doctor_user_ids):
            company.erm_doctor_user_ids = [Command.link(doctor.id)]
    # The administrator logs in on the demo company, not on Odoo's empty main company;
    # only while he still has the main company, so a later choice of his stays.
    admin = ref("base.user_admin", raise_if_not_found=False)
    main_company = ref("base.main_company", raise_if_not_found=False)
    if admin and main_company and admin.company_id == main_company and demo_companies:
        if demo_companies[0] in admin.company_ids:
            admin.company_id = demo_companies[0]
    Policy = env["erm.model.policy"].with_context(tracking_disable=True)
    company = ref(f"{MODULE}.company_1")
    count = 0
    for key, code, model, holder, days_before, days_after, note in DEMO_POLICIES:
        if ref(f"{MODULE}.{key}", raise_if_not_found=False):
            count += 1
            continue
        holder_user = ref(f"{MODULE}.user_{holder}", raise_if_not_found=False)
        if not holder_user:
            continue  # without the role users the models II-IV have nobody to run them
        department = ref(f"{MODULE}.department_1_{code}") if code else env["hr.department"]
        date_from = today - timedelta(days=days_before) if days_before else POLICY_DEFAULT_FROM
        in_force = Policy.search([
            ("company_id", "=", company.id), ("department_id", "=", department.id or False),
            ("date_from", "<=", today), "|", ("date_to", "=", False), ("date_to", ">=", today),
        ], limit=1)
        if in_force:
            continue  # configured by hand: kept as it is
        policy = Policy.create({
            "company_id": company.id, "department_id": department.id or False,
            "erm_model": model, "date_from": date_from,
            "date_to": today + timedelta(days=days_after) if days_after else False,
            "coach_user_ids": [Command.set(holder_user.ids)] if holder == "coach" else [],
            "hr_user_ids": [Command.set(holder_user.ids)] if holder == "hr" else [],
            "note": note,
        })
        env["ir.model.data"]._update_xmlids([
            {"xml_id": f"{MODULE}.{key}", "record": policy, "noupdate": True}
        ])
        count += 1
    env.flush_all()
    return {"policies": count, "doctor": doctor, "manager_users": len(
        [k for k in users if k.startswith("user_manager_")])}


# --------------------------------------------------------------------------- command line
def describe_logins(env):
    """One line per generated role user: login, group, employee and department."""
    lines = []
    # + the employee with a portal user of data/demo_spreekuur.py
    for login, group_xmlid in ROLES + (("portaal", "base.group_portal"),):
        user = env.ref(f"{MODULE}.user_{login}", raise_if_not_found=False)
        if not user:
            continue
        # employee_ids only lists the employees of the current company: search instead
        employee = env["hr.employee"].sudo().search([("user_id", "=", user.id)], limit=1)
        where = (f"{employee.name}, {employee.job_title}, {employee.department_id.name}"
                 if employee else f"{user.name} (external, no employee)")
        lines.append(f"  {login:<15} {env.ref(group_xmlid).name:<15} {where}")
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description="Create the ERM Verzuim demo organisation.")
    parser.add_argument("-c", "--config", required=True, help="odoo.conf")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--employees", type=int, default=60)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--companies", type=int, default=2)
    parser.add_argument("--no-users", action="store_true", help="skip the role users")
    parser.add_argument("--log-level", default="warn", help="Odoo log level (default warn)")
    args = parser.parse_args(argv)

    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.database, f"--log-level={args.log_level}"],
        setup_logging=True,
    )
    from odoo.modules.registry import Registry  # needs the parsed configuration

    started = time.perf_counter()
    registry = Registry(args.database)
    # One transaction: the cursor commits when the block ends without an error.
    with registry.cursor() as cr:
        env = dutch_env(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}))
        result = generate_organisation(
            env, employees=args.employees, seed=args.seed, companies=args.companies,
            with_users=not args.no_users,
        )
        logins = describe_logins(env)
    created = ", ".join(f"{n} {m}" for m, n in result["created"].items()) or "nothing"
    print(
        f"Demo organisation in {args.database} (seed {args.seed}): "
        f"{result['companies']} companies, {result['departments']} departments, "
        f"{result['employees']} employees, {result['contracts']} contracts, "
        f"{result['users']} users; created now: {created}. "
        f"{time.perf_counter() - started:.1f} s in all (steps: "
        + ", ".join(f"{step} {seconds} s" for step, seconds in result["timings"].items())
        + ")"
    )
    if logins:
        print("Logins (password = login):")
        print("\n".join(logins))
    return 0


if __name__ == "__main__":
    sys.exit(main())
