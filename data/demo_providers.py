# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The provider network and interventions of the demo organisation, after the
absence history (data/demo_history.py):

* a shared catalogue of about ten providers with their services and prices: the demo's
  company doctor (``bedrijfsarts``), an arbeidsdeskundige, a register casemanager, the
  in-house absence coach, a psycholoog, a fysiotherapeut, a mediator, a loopbaancoach, a
  re-integratiebureau and a verzuimverzekeraar, one of them archived;
* interventions on open demo cases in every state: one awaiting the approval of
  ``leidinggevende`` (within the manager's limit), one awaiting ``hr`` (above it), one
  above HR's limit with the board's decision recorded, approved, running, done with an
  outcome, and cancelled; the case in week 8 or later without any (``case_overdue``) gets
  its "interventions too late" activity from the deadline-alert job.

Idempotent: every record has an xml id in ``erm_demo`` and is made only when missing;
returns {"providers": n, "interventions": n, "created": n}.

    from data.demo_providers import generate_providers
    generate_providers(env); env.cr.commit()
"""

from datetime import date, timedelta

from odoo import Command

try:  # run as a script (data/ on the path) or imported as data.<module>
    from .demo_records import DemoRecords
except ImportError:
    from demo_records import DemoRecords

CONTEXT = {
    "tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True,
    "mail_create_nosubscribe": True, "mail_activity_quick_update": True,
}

# (xml id, name, kind, internal, e-mail, active, services: (name, phase, price, unit))
PROVIDERS = (
    ("provider_bedrijfsarts", None, "bedrijfsarts", False, None, True, (
        ("Spreekuur bedrijfsarts", "absence", 165.0, "hour"),
        ("Preventief consult", "prevention", 145.0, "hour"),
    )),
    ("provider_arbeidsdeskundige", "Arbeidsdeskundigen Rijnland", "arbeidsdeskundige", False,
     "planning@arbeidsdeskundigen-rijnland.nl", True, (
         ("Arbeidsdeskundig onderzoek", "first_track", 1450.0, "trajectory"),
         ("Onderzoek passende arbeid", "second_track", 1650.0, "trajectory"),
     )),
    ("provider_casemanager", "Casemanagement Holland B.V.", "casemanager", False,
     "info@casemanagement-holland.nl", True, (
         ("Register casemanager (complexe dossiers)", "absence", 115.0, "hour"),
     )),
    ("provider_coach", "Interne verzuimcoach", "verzuimcoach", True, None, True, (
        ("Begeleiding door de verzuimcoach", "absence", 0.0, "trajectory"),
        ("Werkvermogengesprek", "prevention", 0.0, "trajectory"),
    )),
    ("provider_psycholoog", "Psychologenpraktijk De Linde", "psycholoog", False,
     "praktijk@delinde.nl", True, (
         ("Kortdurende begeleiding (6 gesprekken)", "absence", 950.0, "trajectory"),
         ("Weerbaarheidstraining", "prevention", 650.0, "trajectory"),
     )),
    ("provider_fysiotherapeut", "Fysiotherapie Bedrijfsleven Leiden", "fysiotherapeut", False,
     "bedrijven@fysio-leiden.nl", True, (
         ("Werkplekonderzoek", "prevention", 295.0, "trajectory"),
         ("Arbeidsgerichte training", "first_track", 1250.0, "trajectory"),
     )),
    ("provider_mediator", "Mediationbureau Samen Verder", "mediator", False,
     "info@samenverder-mediation.nl", True, (
         ("Arbeidsmediation", "absence", 175.0, "hour"),
     )),
    ("provider_loopbaancoach", "Loopbaanpraktijk Koers", "loopbaancoach", False,
     "contact@loopbaankoers.nl", True, (
         ("Loopbaanoriëntatie", "first_track", 1800.0, "trajectory"),
     )),
    ("provider_reintegratie", "Re-integratiebureau WerkWijs", "reintegratiebureau", False,
     "aanmelden@werkwijs-reintegratie.nl", True, (
         ("Tweede spoor traject", "second_track", 4500.0, "trajectory"),
         ("Jobhunting en plaatsing", "second_track", 12500.0, "trajectory"),
     )),
    ("provider_verzekeraar", "Verzuimverzekeraar Zekerheid N.V.", "verzekeraar", False,
     "verzuim@zekerheid-verzekeringen.nl", True, (
         ("Casemanagement vanuit de verzuimverzekering", "absence", 0.0, "trajectory"),
     )),
    ("provider_oud_reintegratie", "Re-integratie Noord (contract beëindigd)",
     "reintegratiebureau", False, "info@reintegratie-noord.nl", False, (
         ("Tweede spoor traject", "second_track", 4900.0, "trajectory"),
     )),
)

# (xml id, case xml id, provider xml id, service index, cost, state, days ago approved,
# days ago started, days ago ended, outcome, advised by). Proposed ones get their approver
# from the company's limits: 950 -> the case director (leidinggevende), 4500 -> HR.
INTERVENTIONS = (
    ("intervention_zorg_plan_psycholoog", "case_zorg_plan", "provider_psycholoog", 0, 950.0,
     "proposed", None, None, None, None, "ba"),
    ("intervention_zorg_uwv_reintegratie", "case_zorg_uwv", "provider_reintegratie", 0, 4500.0,
     "proposed", None, None, None, None, "procesbewaker"),
    ("intervention_zorg_uwv_fysio", "case_zorg_uwv", "provider_fysiotherapeut", 1, 1250.0,
     "done", 240, 235, 150, "capacity_up", "ba"),
    ("intervention_long_jobhunting", "case_long", "provider_reintegratie", 1, 12500.0,
     "running", 300, 290, None, None, "hr"),
    ("intervention_partial_ad", "case_partial", "provider_arbeidsdeskundige", 0, 1450.0,
     "running", 60, 50, None, None, "regievoerder"),
    ("intervention_first_year_mediation", "case_zorg_first_year", "provider_mediator", 0,
     1400.0, "done", 300, 290, 250, "adapted_work", "regievoerder"),
    ("intervention_pilot_coaching", "case_pilot_reintegration", "provider_loopbaancoach", 0,
     1800.0, "approved", 5, None, None, None, "regievoerder"),
    ("intervention_chain_cancelled", "case_chain_2", "provider_mediator", 0, 700.0,
     "cancelled", None, None, None, None, "employee"),
)


class _Providers(DemoRecords):
    def __init__(self, env, today):
        super().__init__(env(context=dict(env.context, **CONTEXT)), today)

    def providers(self):
        doctor = self.ref("user_bedrijfsarts")
        result = {}
        for key, name, kind, internal, email, active, services in PROVIDERS:
            if kind == "bedrijfsarts" and not doctor:
                continue

            def values(name=name, kind=kind, internal=internal, email=email, active=active,
                       services=services):
                vals = {
                    "kind": kind, "internal": internal, "active": active,
                    "date_start": date(self.today.year - 2, 1, 1),
                    "service_ids": [Command.create({
                        "name": service, "phase": phase, "price": price, "price_unit": unit,
                    }) for service, phase, price, unit in services],
                }
                if kind == "bedrijfsarts":
                    vals["partner_id"] = doctor.partner_id.id
                else:
                    vals.update(name=name, email=email)
                if not active:
                    vals["date_end"] = date(self.today.year - 1, 12, 31)
                return vals

            result[key] = self.ensure(key, "erm.provider", values)
        return result

    def interventions(self, providers):
        count = 0
        for (key, case_key, provider_key, index, cost, state, approved, started, ended,
             outcome, advised_by) in INTERVENTIONS:
            case = self.ref(case_key)
            provider = providers.get(provider_key)
            if not case or not provider or not case.active or case.date_recovered:
                continue
            services = provider.with_context(active_test=False).service_ids.sorted("id")
            service = services[min(index, len(services) - 1)]
            requester = (case.regievoerder_user_id if advised_by != "hr"
                         else self.ref("user_hr")) or self.env.user

            def values(case=case, service=service, cost=cost, advised_by=advised_by,
                       requester=requester):
                vals = {"case_id": case.id, "service_id": service.id, "cost": cost,
                        "advised_by": advised_by, "requested_by_id": requester.id}
                if advised_by == "ba":
                    advice = case.ba_advice_ids.filtered(lambda a: a.state == "issued")[:1]
                    vals["ba_advice_id"] = advice.id
                return vals

            intervention = self.ensure(key, "erm.intervention", values)
            count += 1
            if state == "proposed" or intervention.state != "proposed":
                continue
            today = self.today

            def day(days, today=today):
                return today - timedelta(days=days)

            vals = {"state": state}
            if approved is not None:
                role = intervention._erm_required_role()
                approver = (case.regievoerder_user_id if role == "manager"
                            else self.ref("user_hr")) or self.env.user
                vals.update(approved_by_id=approver.id, date_approved=day(days=approved))
                if role == "board":
                    vals.update(board_user_id=(self.ref("user_directie") or approver).id,
                                board_decision_date=day(days=approved + 3))
            if started is not None:
                vals["date_start"] = day(days=started)
            if ended is not None:
                vals["date_end"] = day(days=ended)
            if outcome:
                vals["outcome"] = outcome
            # history: the approval happened back then (no activity is left open for it)
            intervention.sudo().write(vals)
            intervention._erm_close_approval_activities(unlink=True)
        return count


def generate_providers(env, today=None):
    """Create the demo's provider network and interventions (idempotent); the caller
    commits."""
    today = today or date.today()
    maker = _Providers(env, today)
    providers = maker.providers()
    count = maker.interventions(providers)
    if maker.created:
        # the "interventions too late" signals of today, as the daily job would raise them
        env["erm.alert.manager"]._run_deadline_alerts()
    return {"providers": len(providers), "interventions": count, "created": maker.created}
