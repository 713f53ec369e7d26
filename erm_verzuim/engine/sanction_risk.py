"""The wage-sanction risk check (poortwachtertoets): the rules UWV's assessment of the
re-integration file applies at the WIA application, checked on a case's plain data.

Rules: ``docs/domain.md`` §5b. Each rule of :data:`RULES` names its legal source, the versions
of the timeline (engine/milestones.py rule sets) it belongs to and its level when it fails;
:func:`check` returns per rule ok / late / missing / not yet due and the case's overall level
(groen / oranje / rood). Pure Python, no ORM: the Odoo layer (erm.sanction.risk) reads the
case into a :class:`CaseFile` and stores the results.

Statuses: *ok* done in time; *late* done, but after its deadline (UWV weighs whether the delay
harmed the re-integration: a warning); *missing* not done while due (the rule's level);
*not_due* not yet due. The overall level is the worst level of the results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .milestones import _lt

OK, LATE, MISSING, NOT_DUE = "ok", "late", "missing", "not_due"
STATUSES = (OK, LATE, MISSING, NOT_DUE)
GROEN, ORANJE, ROOD = "groen", "oranje", "rood"
LEVELS = (GROEN, ORANJE, ROOD)
_RANK = {GROEN: 0, ORANJE: 1, ROOD: 2}

# Defaults (company settings may change the first two).
ADVICE_MAX_DAYS = 91  # the BA's judgement not older than 3 months at the WIA application
INTERVENTION_START_DAYS = 28  # an intervention the BA advised starts (or is declined) within
SECOND_TRACK_START_DAYS = 42  # a second-track intervention starts within 6 weeks of the decision
EMPLOYEE_VIEW_DAYS = 7  # the employee gives his view within a week of the employer's
EERSTEJAARS_WINDOW_WEEK = 46  # the first-year evaluation is held in weeks 46-52

_WVP = _lt("art. 7:658a BW; Regeling procesgang eerste en tweede ziektejaar")
_WERKWIJZER = _lt("UWV Werkwijzer Poortwachter")


@dataclass(frozen=True)
class RiskRule:
    code: str
    description: str  # English source, translated where shown
    source: str
    level: str  # level when it fails (missing); late is always oranje
    versions: tuple[int, ...] | None = None  # rule sets it belongs to (None: all)
    milestone: str | None = None  # the milestone whose deadline it checks, if any


# The order is the order of the file (and of the reasons shown).
RULES: tuple[RiskRule, ...] = (
    RiskRule("probleemanalyse", _lt("Problem analysis by the end of week 6"),
             _lt("art. 7:658a lid 3 BW; art. 2 Regeling procesgang"), ROOD,
             milestone="probleemanalyse"),
    RiskRule("plan_van_aanpak",
             _lt("Plan of action by week 8, or 14 days after the problem analysis"),
             _lt("art. 25 lid 2 Wet WIA; art. 4 Regeling procesgang"), ROOD,
             milestone="plan_van_aanpak"),
    RiskRule("evaluatie", _lt("An evaluation of the plan at least every 6 weeks"),
             _lt("art. 4 lid 3 Regeling procesgang; UWV Werkwijzer Poortwachter"), ROOD,
             milestone="evaluatie"),
    RiskRule("employer_view", _lt("The employer's view in the plan and its adjustments"),
             _lt("art. 4 and 6 Regeling procesgang (since 1 July 2023)"), ORANJE),
    RiskRule("employee_view",
             _lt("The employee's own view in the plan and its adjustments, or his refusal "
                 "recorded"),
             _lt("art. 4 and 6 Regeling procesgang (since 1 July 2023)"), ORANJE),
    RiskRule("uwv_42", _lt("42nd-week report to UWV filed on time"),
             _lt("art. 38 lid 2 Ziektewet"), ROOD, milestone="uwv_42"),
    RiskRule("eerstejaars",
             _lt("First-year evaluation held in weeks 46-52, with both views"),
             _lt("art. 6 Regeling procesgang"), ROOD, milestone="eerstejaars"),
    RiskRule("tweede_spoor",
             _lt("Decision on the second track when the first offers no prospect of work"),
             _lt("art. 7:658a lid 1 BW; UWV Werkwijzer Poortwachter"), ROOD,
             milestone="tweede_spoor"),
    RiskRule("second_track_start",
             _lt("A second-track intervention started within 6 weeks of deciding on it"),
             _WERKWIJZER, ROOD),
    RiskRule("ba_actueel",
             _lt("A current judgement of the company doctor in the file at the WIA application"),
             _lt("art. 64 Wet WIA; UWV Werkwijzer Poortwachter"), ROOD,
             milestone="wia_aanvraag"),
    RiskRule("interventions",
             _lt("Interventions the company doctor advised started or declined with a reason"),
             _WVP, ROOD),
    RiskRule("care_contacts", _lt("Care contacts at the agreed rhythm"),
             _lt("Company policy (caremanagement); UWV Werkwijzer Poortwachter"), ORANJE),
)
BY_CODE: dict[str, RiskRule] = {rule.code: rule for rule in RULES}
CODES: tuple[str, ...] = tuple(BY_CODE)

# The reason a result gives, per status (English sources with placeholders the Odoo layer
# fills in the reader's language: dates as dd-mm-jjjj in Dutch).
MESSAGES = {
    OK: _lt("In order."),
    LATE: _lt("Done late: due %(due)s, done on %(done)s."),
    MISSING: _lt("Missing: due %(due)s."),
    NOT_DUE: _lt("Not yet due (due %(due)s)."),
}
MESSAGE_NO_DATE = {
    OK: _lt("In order."),
    LATE: _lt("Done late."),
    MISSING: _lt("Missing."),
    NOT_DUE: _lt("Not yet due."),
}


# --------------------------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Milestone:
    code: str
    sequence: int
    date_deadline: date
    date_done: date | None = None
    date_window_start: date | None = None


@dataclass(frozen=True)
class Plan:
    """A plan of action or one of its evaluations (kind as erm.reintegration.plan)."""

    kind: str
    date_done: date | None
    employer_view: bool = False
    employee_view: bool = False
    employee_view_refused: bool = False
    date_employer_view: date | None = None
    second_track: bool = False  # its goal is work with another employer


@dataclass(frozen=True)
class Intervention:
    advised_by_ba: bool
    date_advised: date
    started: bool  # approved, running or done
    declined: bool  # cancelled with a reason recorded
    second_track: bool = False


@dataclass(frozen=True)
class CaseFile:
    """What the check reads of one case (its chain)."""

    date_start: date  # the chain's first sick day
    milestones: tuple[Milestone, ...] = ()
    plans: tuple[Plan, ...] = ()
    advice_dates: tuple[date, ...] = ()  # issued advice of the company doctor
    interventions: tuple[Intervention, ...] = ()
    care_dates: tuple[date, ...] = ()
    care_rhythm: tuple[int, int, int] = (6, 7, 14)  # weeks early, early days, late days
    care_start: date | None = None  # the rhythm runs from here (the report)
    version: int = 1
    advice_max_days: int = ADVICE_MAX_DAYS


@dataclass(frozen=True)
class Result:
    code: str
    status: str
    level: str  # groen for ok / not_due
    date_due: date | None = None
    date_done: date | None = None


@dataclass(frozen=True)
class Outcome:
    level: str
    results: tuple[Result, ...] = field(default_factory=tuple)

    @property
    def failing(self) -> tuple[Result, ...]:
        return tuple(r for r in self.results if r.level != GROEN)


# --------------------------------------------------------------------------------------------
# The check
# --------------------------------------------------------------------------------------------


def _result(rule: RiskRule, status: str, due=None, done=None, level=None) -> Result:
    if level is None:
        level = {OK: GROEN, NOT_DUE: GROEN, LATE: ORANJE, MISSING: rule.level}[status]
    return Result(rule.code, status, level, due, done)


def _deadline(rule, milestone: Milestone, today: date) -> Result:
    due, done = milestone.date_deadline, milestone.date_done
    if done:
        return _result(rule, LATE if done > due else OK, due, done)
    return _result(rule, MISSING if due < today else NOT_DUE, due)


def _worst(rule, results: list[Result], default_due=None) -> Result:
    if not results:
        return _result(rule, NOT_DUE, default_due)
    return max(results, key=lambda r: (_RANK[r.level], r.status == MISSING,
                                       -(r.date_due or date.max).toordinal()))


def _views(rule, plans, today, employee: bool) -> Result:
    results = []
    for plan in plans:
        if plan.kind not in ("plan_van_aanpak", "evaluatie", "eerstejaars"):
            continue
        if not employee:
            if plan.date_done:
                results.append(_result(rule, OK if plan.employer_view else MISSING,
                                       plan.date_done))
            continue
        if not plan.date_done and not plan.date_employer_view:
            continue
        if plan.employee_view or plan.employee_view_refused:
            results.append(_result(rule, OK, plan.date_done))
            continue
        due = (plan.date_employer_view or plan.date_done) + timedelta(days=EMPLOYEE_VIEW_DAYS)
        results.append(_result(rule, MISSING if due < today else NOT_DUE, due))
    return _worst(rule, results)


def _eerstejaars(rule, milestone, plans, today) -> Result:
    result = _deadline(rule, milestone, today)
    window = milestone.date_window_start
    if result.status == OK and window and milestone.date_done < window:
        # held before week 46: too early to count as the first-year evaluation
        return _result(rule, LATE, milestone.date_deadline, milestone.date_done)
    if result.status in (OK, LATE):
        held = [p for p in plans if p.kind == "eerstejaars" and p.date_done]
        if held and not all(p.employer_view and (p.employee_view or p.employee_view_refused)
                            for p in held):
            return _result(rule, MISSING, milestone.date_deadline, milestone.date_done,
                           level=ORANJE)
    return result


def _second_track(rule, case, today, decided_on) -> Result:
    decided = [p.date_done for p in case.plans if p.second_track and p.date_done]
    if not decided:
        return _result(rule, NOT_DUE)
    start = min(decided)
    if decided_on:
        start = min(start, decided_on)
    due = start + timedelta(days=SECOND_TRACK_START_DAYS)
    if any(i.second_track and i.started for i in case.interventions):
        return _result(rule, OK, due)
    return _result(rule, MISSING if due < today else NOT_DUE, due)


def _advice(rule, case, milestone, today) -> Result:
    """The latest judgement must still be within the limit on the application's date: before
    that date a stale one is a warning (ask for a new one), after it a red flag."""
    due = milestone.date_deadline
    window = due - timedelta(days=case.advice_max_days)
    if today < window and not milestone.date_done:
        return _result(rule, NOT_DUE, due)
    moment = milestone.date_done or max(today, due)  # the (expected) application
    fresh = [d for d in case.advice_dates
             if d <= moment and moment - d <= timedelta(days=case.advice_max_days)]
    if fresh:
        return _result(rule, OK, due, max(fresh))
    latest = max(case.advice_dates, default=None)
    return _result(rule, MISSING, due, latest, level=ROOD if today > due else ORANJE)


def _interventions(rule, case, today) -> Result:
    results = []
    for item in case.interventions:
        if not item.advised_by_ba:
            continue
        due = item.date_advised + timedelta(days=INTERVENTION_START_DAYS)
        if item.started or item.declined:
            results.append(_result(rule, OK, due))
        else:
            results.append(_result(rule, MISSING if due < today else NOT_DUE, due))
    return _worst(rule, results)


def _care(rule, case, today) -> Result:
    """A gap in the agreed rhythm is a warning (never red): the first due contact that passed
    without one, from the report (or the last contact) on."""
    start = case.care_start or case.date_start
    weeks_early, early, late = case.care_rhythm
    switch = case.date_start + timedelta(days=7 * weeks_early)
    contacts = sorted(d for d in case.care_dates if d >= start)
    reference = start
    for moment in [*contacts, today]:
        due = reference + timedelta(days=early if reference < switch else late)
        if moment > due:
            return _result(rule, LATE, due, None if moment == today else moment, level=ORANJE)
        reference = moment
    return _result(rule, OK)


def applicable_rules(version: int) -> tuple[RiskRule, ...]:
    return tuple(r for r in RULES if r.versions is None or version in r.versions)


def check(case: CaseFile, today: date) -> Outcome:
    """Every rule of the case's version on its data as of `today`."""
    by_code: dict[str, list[Milestone]] = {}
    for milestone in case.milestones:
        by_code.setdefault(milestone.code, []).append(milestone)
    results = []
    for rule in applicable_rules(case.version):
        milestones = by_code.get(rule.milestone) if rule.milestone else None
        if rule.milestone and not milestones:
            continue  # the milestone does not apply to this case (or under this version)
        if rule.code == "evaluatie":
            result = _worst(rule, [_deadline(rule, m, today) for m in milestones])
        elif rule.code == "eerstejaars":
            result = _eerstejaars(rule, milestones[0], case.plans, today)
        elif rule.code == "ba_actueel":
            result = _advice(rule, case, milestones[0], today)
        elif rule.milestone:
            result = _deadline(rule, milestones[0], today)
        elif rule.code in ("employer_view", "employee_view"):
            result = _views(rule, case.plans, today, employee=rule.code == "employee_view")
        elif rule.code == "second_track_start":
            decision = by_code.get("tweede_spoor")
            result = _second_track(rule, case, today, decision[0].date_done if decision
                                   else None)
        elif rule.code == "interventions":
            result = _interventions(rule, case, today)
        else:
            result = _care(rule, case, today)
        results.append(result)
    level = max((r.level for r in results), key=_RANK.__getitem__, default=GROEN)
    return Outcome(level, tuple(results))
