# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The preconditions checklist (erm.precondition) of the demo companies, after the absence
history (data/demo_history.py):

* the first company (model III) is well on its way: most preconditions in place or in
  progress, budget responsibility not applicable (with its reason), owners among HR, the
  board, the administrator and the absence coach; one review date has passed, so ``hr`` finds
  an activity to review "Work agreements at three levels";
* the second company (model I, no policy) has just started.

Idempotent: every line it sets up gets an xml id in ``erm_demo`` and is left alone
afterwards; returns {"lines": n, "activities": n, "created": n}.

    from data.demo_preconditions import generate_preconditions
    generate_preconditions(env); env.cr.commit()
"""

from datetime import date, timedelta

MODULE = "erm_demo"
CONTEXT = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}

# code: (state, owner login, review in days from today (negative: passed), note or reason)
FIRST_COMPANY = {
    "vision": ("in_place", "directie", 180,
               "Visie vastgesteld door de directie (Huis van Werkvermogen)."),
    "tbv": ("in_place", "hr", 90, "TBV-tabel van model III gedeeld met alle leidinggevenden."),
    "shared_language": ("in_progress", "hr", 30, "Werksessie met bedrijfsarts en coach gepland."),
    "work_agreements": ("in_progress", "hr", -7, "Afspraken op teamniveau nog niet vastgelegd."),
    "partners": ("not_started", "directie", 60, ""),
    "procedures": ("in_place", "beheerder", 120, "Procedures vastgelegd in Verzuim."),
    "facilitated": ("in_progress", "hr", 45, "Training verzuimgesprek voor alle leidinggevenden."),
    "multi_year_policy": ("in_place", "directie", 365, "Meerjarenbeleid 2026-2029."),
    "provider_network": ("in_place", "hr", 90, "Providersboog gepubliceerd."),
    "trust": ("in_progress", "directie", 60, ""),
    "budget": ("not_applicable", "directie", 0,
               "Het verzuimbudget blijft centraal bij HR; de lijn stuurt niet op budget."),
    "competences": ("in_progress", "hr", 60, ""),
    "equipped": ("in_progress", "coach", 30, ""),
    "professionals": ("in_place", "coach", 180, "Behoefte aan professionals in kaart gebracht."),
    "quarterly_review": ("in_progress", "directie", 20, ""),
    "absence_system": ("in_place", "beheerder", 365, "Verzuim met managementinformatie."),
    "ba_agenda": ("in_place", "hr", 90, "Spreekuur van de bedrijfsarts op dinsdag."),
    "consultation_location": ("in_place", "beheerder", 180, "Twee spreekkamers op het hoofdadres."),
    "co_financing": ("not_started", "directie", 90, ""),
}
OTHER_COMPANY = {
    "vision": ("in_progress", "hr", 60, "Eerste opzet besproken."),
    "absence_system": ("in_place", "beheerder", 365, "Verzuim in gebruik."),
    "provider_network": ("in_progress", "hr", 90, ""),
}


def generate_preconditions(env, today=None):
    """Set up the demo checklists; see the module docstring."""
    if "erm.precondition" not in env:
        return {"lines": 0, "activities": 0, "created": 0}
    env = env(su=True, context={**env.context, **CONTEXT})
    today = today or date.today()
    Data = env["ir.model.data"]
    Precondition = env["erm.precondition"]
    companies = env["res.company"].browse(Data.search([
        ("module", "=", MODULE), ("model", "=", "res.company"),
    ], order="name").mapped("res_id")).sorted("id")
    if not companies:
        return {"lines": 0, "activities": 0, "created": 0}
    Precondition._erm_ensure_lines(companies)
    users = {}
    for login in ("hr", "directie", "beheerder", "coach"):
        users[login] = env.ref(f"{MODULE}.user_{login}", raise_if_not_found=False)
    done = set(Data.search([
        ("module", "=", MODULE), ("model", "=", "erm.precondition"),
    ]).mapped("res_id"))
    created = 0
    lines = Precondition.browse()
    for index, company in enumerate(companies):
        plan = FIRST_COMPANY if index == 0 else OTHER_COMPANY
        company_lines = Precondition.search([("company_id", "=", company.id)])
        lines |= company_lines
        xmlids = []
        for line in company_lines:
            if line.id in done or line.code not in plan:
                continue
            state, login, review, text = plan[line.code]
            owner = users.get(login)
            if not owner or company not in owner.company_ids:
                owner = env.ref("base.user_admin")
            vals = {
                "state": state, "owner_id": owner.id,
                "date_review": today + timedelta(days=review) if review else False,
            }
            if state == "not_applicable":
                vals["reason_not_applicable"] = text
            elif text:
                vals["note"] = f"<p>{text}</p>"
            line.write(vals)
            xmlids.append({
                "xml_id": f"{MODULE}.precondition_{company.id}_{line.code}",
                "record": line, "noupdate": True,
            })
        if xmlids:
            Data._update_xmlids(xmlids)
            created += len(xmlids)
    # the passed review date: its owner's activity, once (the daily job does the same)
    Precondition._cron_review_activities()
    activities = env["mail.activity"].search_count([
        ("res_model", "=", "erm.precondition"), ("res_id", "in", lines.ids),
    ])
    configured = Data.search_count([
        ("module", "=", MODULE), ("model", "=", "erm.precondition"),
    ])
    return {"lines": configured, "activities": activities, "created": created}
