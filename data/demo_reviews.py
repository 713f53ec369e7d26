# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Quarterly stakeholder reviews of the demo organisation, after the absence
history and the consultation hours (data/demo_history.py, data/demo_spreekuur.py):

* the last four quarters' reviews of the first company, each with its meeting in the
  calendar, the agenda with the figures, minutes, decisions and follow-up actions, some
  done and some still open (the next review carries them over); the oldest three with the
  minutes approved by the board (``directie``), the last one held and waiting for his
  approval;
* the current quarter's review planned: the meeting in the calendar a few weeks ahead with
  the participants invited (no mail leaves for demo data), the agenda made, and the open
  actions of the earlier reviews on it.

The organiser is ``hr``; the participants are ``directie``, ``hr``, ``coach``,
``leidinggevende`` and ``bedrijfsarts``, with two external contacts (the arbeidsdeskundige
of the consultation hours and the insurer's account manager). Idempotent: every review has
an xml id in ``erm_demo`` and is made only when missing; returns {"reviews": n,
"created": n}.

    from data.demo_reviews import generate_reviews
    generate_reviews(env); env.cr.commit()
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command

try:  # run as a script (data/ on the path) or imported as data.<module>
    from .demo_records import QUIET_CONTEXT, TZ, DemoRecords, amsterdam_utc
except ImportError:
    from demo_records import QUIET_CONTEXT, TZ, DemoRecords, amsterdam_utc

INSURER = ("R. (Ruud) de Groot, accountmanager verzuimverzekering",
           "r.degroot@verzuimverzekeraar-voorbeeld.nl")

# per quarter back from the current one: minutes, decisions, actions (summary, owner login,
# days after the meeting, done)
QUARTERS = {
    4: ("<p>Verzuim licht gestegen in de wintermaanden. Afgesproken dat leidinggevenden een "
        "training verzuimgesprekken volgen en dat de verzuimcoach de termijnbewaking van ICT "
        "overneemt.</p>",
        ["Training verzuimgesprekken voor alle leidinggevenden in Q1",
         "Verzuimcoach bewaakt de termijnen van ICT (model II)"],
        [("Training verzuimgesprekken inplannen", "coach", 30, True),
         ("Werkafspraken met de bedrijfsarts op papier zetten", "hr", 45, True)]),
    3: ("<p>De spreekuurlocatie is ingericht; het spreekuur van de bedrijfsarts wordt goed "
        "benut. Cofinanciering met de verzekeraar verkennen.</p>",
        ["Wekelijks spreekuur van de bedrijfsarts op eigen locatie",
         "Verzekeraar uitnodigen voor het volgende overleg"],
        [("Afspraken met de verzekeraar over cofinanciering", "hr", 60, False),
         ("Spreekuur bekendmaken op het intranet", "coach", 14, True)]),
    2: ("<p>Naleving van de WvP-termijnen verbeterd. Twee casussen uit het tweede ziektejaar "
        "besproken op hoofdlijnen, zonder namen. De providersboog wordt geactualiseerd.</p>",
        ["Providersboog jaarlijks actualiseren",
         "Pilot model IV bij Facilitair voortzetten tot het einde van het jaar"],
        [("Providersboog actualiseren met de arbeidsdeskundige", "coach", 30, True),
         ("Evaluatie pilot Facilitair voorbereiden", "coach", 75, False)]),
    1: ("<p>Kwartaalcijfers besproken tegen vorig kwartaal en vorig jaar. De meldingsfrequentie "
        "in Zorg vraagt aandacht; preventief spreekuur vaker onder de aandacht brengen.</p>",
        ["Preventief spreekuur actief aanbieden in Zorg",
         "Terugkoppeling van de kwartaalcijfers in de teamoverleggen"],
        [("Kwartaalcijfers bespreken in het teamoverleg Zorg", "leidinggevende", 21, False),
         ("Voorstel inzetbaarheidsbudget voor de directie", "hr", 40, False)]),
}


class _Reviews(DemoRecords):
    ensure = DemoRecords.ensure_created  # here: (record, created)
    utc = staticmethod(amsterdam_utc)

    @staticmethod
    def tuesday(day):
        return day + timedelta(days=(1 - day.weekday()) % 7)

    def review(self, company, start, participants, externals, organiser, back):
        Review = self.env["erm.stakeholder.review"]
        name = f"stakeholder_review_{start.year}_q{(start.month - 1) // 3 + 1}"
        if back:
            meeting_day = self.tuesday(start + timedelta(weeks=5))
        else:
            meeting_day = self.tuesday(max(self.today + timedelta(weeks=2),
                                           start + timedelta(weeks=5)))
        review, new = self.ensure(name, Review._name, lambda: {
            "company_id": company.id, "date_quarter_start": start,
            "organiser_id": organiser.id,
            "participant_user_ids": [Command.set(participants.ids)],
            "participant_partner_ids": [Command.set(externals.ids)],
            "date_meeting": self.utc(meeting_day, 14), "meeting_duration": 2.0,
            "meeting_location": "Vergaderzaal directie, hoofdkantoor",
        })
        if not new:
            return review
        review.action_schedule_meeting()
        review._erm_make_agenda()
        transition = review.with_context(erm_review_transition=True)
        if not back:  # the coming review's agenda is made now, not on a day ahead
            return review
        transition.write({"date_snapshot": self.utc(meeting_day - timedelta(days=7), 9)})
        minutes, decisions, actions = QUARTERS[back]
        review.write({
            "minutes": minutes,
            "decision_ids": [Command.create({"name": text, "sequence": index, "owner_id":
                                             organiser.id}) for index, text in
                             enumerate(decisions)],
        })
        review.action_mark_held()
        transition.write({"date_held": meeting_day})
        for summary, login, days, done in actions:
            owner = self.ref(f"user_{login}")
            activity = review._erm_add_action(summary, owner, meeting_day + timedelta(days=days))
            if done and meeting_day + timedelta(days=days - 3) < self.today:
                activity.action_feedback(feedback="Gedaan.")
                activity.date_done = meeting_day + timedelta(days=days - 3)
        if back > 1:
            board = self.ref("user_directie")
            review.with_user(board).action_approve()
            transition.write({"date_approved": self.utc(meeting_day + timedelta(days=10), 10)})
        return review


def generate_reviews(env, today=None):
    """Create the demo's quarterly reviews; see the module docstring."""
    today = today or date.today()
    env = env(su=True, context={**env.context, **QUIET_CONTEXT})
    builder = _Reviews(env, today)
    company = builder.ref("company_1")
    organiser = builder.ref("user_hr")
    if not company or not organiser:
        return {"reviews": 0, "created": 0}
    if not company.erm_review_organiser_id:
        company.erm_review_organiser_id = organiser
    participants = env["res.users"]
    for login in ("directie", "hr", "coach", "leidinggevende", "bedrijfsarts"):
        participants |= builder.ref(f"user_{login}") or env["res.users"]
    lang = "nl_NL" if env["res.lang"]._lang_get("nl_NL") else "en_US"
    insurer, _new = builder.ensure("review_partner_insurer", "res.partner", lambda: {
        "name": INSURER[0], "email": INSURER[1], "lang": lang, "tz": TZ,
    })
    externals = insurer | (builder.ref("spreekuur_partner_arbeidsdeskundige")
                           or env["res.partner"])
    current = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    reviews = env["erm.stakeholder.review"]
    for back in (4, 3, 2, 1, 0):
        start = current - relativedelta(months=3 * back)
        reviews |= builder.review(company, start, participants, externals, organiser, back)
    env.flush_all()
    return {"reviews": len(reviews), "created": builder.created}
