# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The anonymous employability budget of the demo organisation, after the
consultation hours and the provider network (data/demo_spreekuur.py, demo_providers.py):

* the first company grants every employee 500 euro a year (any provider, with a free
  description; unspent budget carries over one year);
* the budget administrator ``budgetbeheerder`` / ``budgetbeheerder`` (group Verzuim:
  Budgetbeheerder, no case role), who alone sees who claimed what;
* claims of eight employees, among them ``portaal`` and ``medewerker``, in every state
  (draft, submitted, approved, rejected with its reason, paid), each with an invoice; six
  employees had a workplace assessment paid last quarter, so the anonymous aggregates
  (erm.budget.usage, the quarterly review) show that group and no smaller one.

Claims are history here: made as superuser in their final state, without notifications.
Idempotent: every record has an xml id in ``erm_demo``; returns {"claims": n, "created": n}.

    from data.demo_budget import generate_budget
    generate_budget(env); env.cr.commit()
"""

import base64
from datetime import date, timedelta

from odoo import Command

try:  # run as a script (data/ on the path) or imported as data.<module>
    from .demo_records import QUIET_CONTEXT, TZ, DemoRecords
except ImportError:
    from demo_records import QUIET_CONTEXT, TZ, DemoRecords

BUDGET_LOGIN = "budgetbeheerder"
YEARLY_AMOUNT = 500.0
INVOICE = base64.b64encode(b"%PDF-1.4\n% demo invoice (factuur)\n%%EOF\n")
# (xml id suffix, who: "portaal" / "medewerker" / "staff:N", provider xml id or None,
#  service name or None, free provider, free description, amount, days ago or "last
#  quarter", state, reject reason)
CLAIMS = (
    ("portal_training", "portaal", "provider_psycholoog", "Weerbaarheidstraining", None, None,
     250.0, 40, "paid", None),
    ("portal_course", "portaal", None, None, "Volksuniversiteit Leiden",
     "Cursus timemanagement", 95.0, 6, "submitted", None),
    ("medewerker_fitness", "medewerker", None, None, "Sportcentrum De Vliet",
     "Fitnessabonnement", 180.0, 20, "rejected",
     "Een sportabonnement valt niet onder het inzetbaarheidsbudget; een werkplekonderzoek "
     "wel."),
    ("medewerker_workplace", "medewerker", "provider_fysiotherapeut", "Werkplekonderzoek",
     None, None, 295.0, 10, "approved", None),
    ("medewerker_draft", "medewerker", None, None, "Loopbaanpraktijk Koers",
     "Loopbaangesprek", 120.0, 2, "draft", None),
) + tuple(
    (f"staff_{n}_workplace", f"staff:{n}", "provider_fysiotherapeut", "Werkplekonderzoek",
     None, None, 295.0, "last quarter", "paid", None)
    for n in range(6)
)


class _Budget(DemoRecords):
    def __init__(self, env, today):
        super().__init__(env(context=dict(env.context, **QUIET_CONTEXT)), today)

    def budget_user(self, company, companies):
        lang = "nl_NL" if self.env["res.lang"]._lang_get("nl_NL") else "en_US"
        Users = self.env["res.users"].with_context(no_reset_password=True)
        existing = Users.with_context(active_test=False).search(
            [("login", "=", BUDGET_LOGIN)], limit=1)
        if existing and not self.ref(f"user_{BUDGET_LOGIN}"):
            # adopted as is, like the role logins of demo_org.py
            self.env["ir.model.data"]._update_xmlids([{
                "xml_id": f"erm_demo.user_{BUDGET_LOGIN}", "record": existing,
                "noupdate": True}])
        return self.ensure(f"user_{BUDGET_LOGIN}", Users, lambda: {
            "name": "Salarisadministratie (budgetbeheer)", "login": BUDGET_LOGIN,
            "password": BUDGET_LOGIN, "email": f"{BUDGET_LOGIN}@example.com", "lang": lang,
            "tz": TZ, "company_id": company.id, "company_ids": [Command.set(companies.ids)],
            "groups_id": [Command.set([
                self.env.ref("base.group_user").id,
                self.env.ref("erm_verzuim.group_erm_budget_admin").id,
            ])],
        })

    def employees(self, company):
        Employee = self.env["hr.employee"]
        found = {}
        for login in ("portaal", "medewerker"):
            user = self.ref(f"user_{login}")
            found[login] = Employee.search([("user_id", "=", user.id)], limit=1) \
                if user else Employee
        taken = Employee.union(*found.values())
        staff = Employee.search([("company_id", "=", company.id), ("id", "not in", taken.ids)],
                                order="id", limit=6)
        for n, employee in enumerate(staff):
            found[f"staff:{n}"] = employee
        return found

    def service(self, provider_key, name):
        provider = self.ref(provider_key) if provider_key else None
        if not provider:
            return self.env["erm.provider.service"], self.env["erm.provider"]
        service = provider.service_ids.filtered(lambda s: s.name == name)[:1]
        return service, provider

    def claims(self, employees):
        quarter = self.today.replace(month=(self.today.month - 1) // 3 * 3 + 1, day=1)
        last_quarter = quarter - timedelta(days=45)
        count = 0
        for (key, who, provider_key, service_name, free_provider, description, amount,
             when, state, reason) in CLAIMS:
            employee = employees.get(who)
            if not employee:
                continue
            service, provider = self.service(provider_key, service_name)
            day = last_quarter if when == "last quarter" else self.today - timedelta(days=when)

            def values(employee=employee, service=service, provider=provider, day=day,
                       amount=amount, state=state, reason=reason,
                       free_provider=free_provider, description=description, key=key):
                return {
                    "employee_id": employee.id, "amount": amount, "date": day,
                    "state": state, "reject_reason": reason,
                    "service_id": service.id or False, "provider_id": provider.id or False,
                    "provider_name": free_provider, "description": description,
                    "invoice_file": INVOICE, "invoice_filename": f"factuur-{key}.pdf",
                }

            claim, created = self.ensure_created(f"budget_claim_{key}", "erm.budget.claim",
                                                 values)
            if created and employee.user_id:
                claim.message_subscribe(partner_ids=employee.user_id.partner_id.ids)
            count += 1
        return count


def generate_budget(env, today=None):
    """Create the demo's employability budget (idempotent); the caller commits."""
    today = today or date.today()
    maker = _Budget(env, today)
    medewerker = maker.ref("user_medewerker")
    if not medewerker:
        return {"claims": 0, "created": 0}
    company = env["hr.employee"].search([("user_id", "=", medewerker.id)], limit=1).company_id \
        or medewerker.company_id
    if not company.erm_budget_amount:
        company.write({"erm_budget_amount": YEARLY_AMOUNT, "erm_budget_services": "free",
                       "erm_budget_carry_over": True})
    maker.budget_user(company, medewerker.company_ids)
    count = maker.claims(maker.employees(company))
    return {"claims": count, "created": maker.created}
