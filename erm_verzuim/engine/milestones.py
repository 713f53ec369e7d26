"""The WvP milestones: everything known about each one, in one table.

Rules: ``docs/domain.md`` §3. The engine (:mod:`.wvp`) computes the deadlines from the anchors
of this table; the Odoo layer derives from it the milestone selection, who holds each one, the
default lead times and the texts of the deadline alerts. Pure Python, no ORM.

Texts are English sources. The summaries and legal sources are marked with ``_lt``, a no-op
here: Odoo's translation extractor collects the calls to ``_lt`` of every Python file of the
addon, so i18n/nl.po translates them and the Odoo layer renders them in the language of whoever
reads them. The labels are the milestone selection's, which Odoo translates as field terms.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date


def _lt(source: str) -> str:
    """Marks a text for translation (extracted by Odoo; translated where it is shown)."""
    return source


# Who holds a milestone (domain.md §2: the case's duty holders resolve these roles).
REGIEVOERDER = "regievoerder"
PROCESBEWAKER = "procesbewaker"
ROLES = (REGIEVOERDER, PROCESBEWAKER)

# How a deadline is computed ("anchor"), with the meaning of ``offset``:
WEEK = "week"  # end of sick week `offset`
WERKDAG_AFTER_WEEK = "werkdag_after_week"  # first working day after the end of week `offset`
AFTER = "after"  # `offset` days after `after`'s done date, else after its deadline
EVERY = "every"  # repeats `offset` days (default) after `after`, then after the previous one
BEFORE_END = "before_end"  # `offset` days before the end of the waiting time
WAITING_TIME_END = "waiting_time_end"  # end of week `offset`, or the latest extension's end
VANGNET = "vangnet"  # by the safety-net regime (end of week 6, sick day 4, employment end)
ANCHORS = (WEEK, WERKDAG_AFTER_WEEK, AFTER, EVERY, BEFORE_END, WAITING_TIME_END, VANGNET)

# When a milestone applies at all (None: always).
EARLY_DOCTOR = "early_doctor"  # the company lets the doctor see the employee in week 1 and 4
VANGNET_CASE = "vangnet"  # the case falls under the safety net (Ziektewet)
CONDITIONS = (None, EARLY_DOCTOR, VANGNET_CASE)

# Codes other tables refer to (the advice types, the spreekuur's purposes).
BA_MOGELIJKHEDEN = "ba_mogelijkheden"
BA_INTERVENTIEADVIES = "ba_interventieadvies"
PROBLEEMANALYSE = "probleemanalyse"

_SOURCE_PROCESGANG = _lt("art. 7:658a BW / Regeling procesgang eerste en tweede ziektejaar")
_SOURCE_EARLY = _lt("Company policy: early consultation of the company doctor (Arbowet art. 14)")


@dataclass(frozen=True)
class MilestoneRule:
    """One milestone. ``done_field`` is the engine's Progress field holding its done date
    (None: evaluations are counted separately, the end of the waiting time is never done)."""

    code: str
    label: str  # English; translated as the selection label of the milestone code
    anchor: str
    offset: int
    role: str
    lead_days: int | None  # default lead time of its alert; None: no alert
    summary: str | None  # the alert activity's summary; None: no alert
    source: str  # the legal source of the deadline
    done_field: str | None = None
    after: str | None = None  # the milestone an AFTER / EVERY anchor counts from
    early_after: tuple[str, int] | None = None  # (code, days): earlier when that one is done
    window_day: int | None = None  # first sick day of the sensible window
    condition: str | None = None
    # Only HR and the process guardian may know it (docs/privacy.md): the record rules and
    # every channel that shows a milestone to others leave it out.
    private: bool = False
    # Done by an issued advice of the company doctor of the same type (erm.ba.advice).
    by_doctor_advice: bool = False

    @property
    def alert(self) -> bool:
        return self.summary is not None

    @property
    def task(self) -> bool:
        """Something to do (it has an alert); the end of the waiting time is only a date."""
        return self.alert


# The order is part of the public data model: it breaks ties between deadlines on one date.
MILESTONES: tuple[MilestoneRule, ...] = (
    MilestoneRule(
        BA_MOGELIJKHEDEN, "Company doctor: possibilities and limitations",
        WEEK, 1, PROCESBEWAKER, 7,
        _lt("Have the company doctor record the possibilities and limitations"),
        _SOURCE_EARLY,
        done_field="ba_mogelijkheden_done", condition=EARLY_DOCTOR, by_doctor_advice=True,
    ),
    MilestoneRule(
        BA_INTERVENTIEADVIES, "Company doctor: advice on interventions",
        WEEK, 4, PROCESBEWAKER, 7,
        _lt("Ask the company doctor for advice on interventions"),
        _SOURCE_EARLY,
        done_field="ba_interventieadvies_done", condition=EARLY_DOCTOR, by_doctor_advice=True,
    ),
    MilestoneRule(
        PROBLEEMANALYSE, "Problem analysis",
        WEEK, 6, PROCESBEWAKER, 14,
        _lt("Have the company doctor draw up the problem analysis"),
        _SOURCE_PROCESGANG,
        done_field="probleemanalyse_done", by_doctor_advice=True,
    ),
    MilestoneRule(
        "plan_van_aanpak", "Plan of action",
        WEEK, 8, REGIEVOERDER, 14,
        _lt("Draw up the plan of action with the employee"),
        _SOURCE_PROCESGANG,
        done_field="plan_done", early_after=("probleemanalyse", 14),
    ),
    MilestoneRule(
        "evaluatie", "Evaluation",
        EVERY, 42, REGIEVOERDER, 7,
        _lt("Evaluate the plan of action (evaluation %(sequence)s)"),
        _SOURCE_PROCESGANG,
        after="plan_van_aanpak",
    ),
    MilestoneRule(
        "uwv_42", "42nd-week report to UWV",
        WERKDAG_AFTER_WEEK, 42, PROCESBEWAKER, 21,
        _lt("Make the 42nd-week report to UWV"),
        _lt("art. 38 Ziektewet"),
        done_field="uwv_42_done",
    ),
    MilestoneRule(
        "eerstejaars", "First-year evaluation",
        WEEK, 52, REGIEVOERDER, 28,
        _lt("Hold the first-year evaluation with the employee"),
        _SOURCE_PROCESGANG,
        done_field="eerstejaars_done", window_day=7 * 45 + 1,
    ),
    MilestoneRule(
        "tweede_spoor", "Second-track decision",
        AFTER, 42, REGIEVOERDER, 14,
        _lt("Decide on re-integration in the second track"),
        _lt("art. 7:658a BW (second track)"),
        done_field="tweede_spoor_done", after="eerstejaars",
    ),
    MilestoneRule(
        "eindevaluatie", "Final evaluation",
        WEEK, 91, PROCESBEWAKER, 28,
        _lt("Draw up the final evaluation"),
        _SOURCE_PROCESGANG,
        done_field="eindevaluatie_done",
    ),
    MilestoneRule(
        "wia_aanvraag", "WIA application",
        BEFORE_END, 77, PROCESBEWAKER, 28,
        _lt("Support the employee with the WIA application"),
        _lt("art. 64 Wet WIA"),
        done_field="wia_aanvraag_done",
    ),
    MilestoneRule(
        "einde_wachttijd", "End of the waiting time",
        WAITING_TIME_END, 104, PROCESBEWAKER, None, None,
        _lt("art. 7:629 BW / art. 23 and 24 Wet WIA"),
    ),
    MilestoneRule(
        "uwv_vangnet", "Safety-net report to UWV",
        VANGNET, 0, PROCESBEWAKER, 14,
        _lt("Make the safety-net report to UWV"),
        _lt("art. 38 Ziektewet (safety net)"),
        done_field="uwv_vangnet_done", condition=VANGNET_CASE, private=True,
    ),
)

# Derived views of the table.
BY_CODE: dict[str, MilestoneRule] = {rule.code: rule for rule in MILESTONES}
MILESTONE_CODES: tuple[str, ...] = tuple(rule.code for rule in MILESTONES)
PRIVATE_CODES: frozenset[str] = frozenset(rule.code for rule in MILESTONES if rule.private)
DOCTOR_ADVICE_CODES: tuple[str, ...] = tuple(
    rule.code for rule in MILESTONES if rule.by_doctor_advice)
SELECTION: list[tuple[str, str]] = [(rule.code, rule.label) for rule in MILESTONES]
CODE_ROLE: dict[str, str] = {rule.code: rule.role for rule in MILESTONES}
ALERT_CODES: tuple[str, ...] = tuple(rule.code for rule in MILESTONES if rule.alert)
FALLBACK_LEAD_DAYS = 7  # a code without a default of its own (kept for configured lines)
DEFAULT_LEAD_DAYS: dict[str, int] = {
    rule.code: rule.lead_days for rule in MILESTONES if rule.lead_days is not None
}
SUMMARIES: dict[str, str] = {rule.code: rule.summary for rule in MILESTONES if rule.alert}
PROGRESS_FIELD: dict[str, str] = {
    rule.code: rule.done_field for rule in MILESTONES if rule.done_field
}
LEGAL_SOURCE: dict[str, str] = {rule.code: rule.source for rule in MILESTONES}
# The code whose evaluations repeat (its sequence numbers them 1, 2, 3...).
REPEATING_CODE = next(rule.code for rule in MILESTONES if rule.anchor == EVERY)
EVALUATION_INTERVAL_DAYS = BY_CODE[REPEATING_CODE].offset

__all__ = [
    "ALERT_CODES",
    "CURRENT_RULES",
    "DOCTOR_ADVICE_CODES",
    "PRIVATE_CODES",
    "RULE_SETS",
    "RuleSet",
    "rule_set_for",
    "ANCHORS",
    "BY_CODE",
    "CODE_ROLE",
    "CONDITIONS",
    "DEFAULT_LEAD_DAYS",
    "EVALUATION_INTERVAL_DAYS",
    "FALLBACK_LEAD_DAYS",
    "LEGAL_SOURCE",
    "MILESTONES",
    "MILESTONE_CODES",
    "PROGRESS_FIELD",
    "REPEATING_CODE",
    "ROLES",
    "SELECTION",
    "SUMMARIES",
    "MilestoneRule",
    "summary",
]


def summary(code: str, sequence: int = 0, translate=None) -> str:
    """The alert summary of a milestone, through `translate` (source -> text; default: the
    English source)."""
    text = SUMMARIES.get(code) or BY_CODE[code].label
    text = translate(text) if translate else text
    return text % {"sequence": sequence} if "%(sequence)s" in text else text


# --------------------------------------------------------------------------------------------
# Versions of the timeline (domain.md §3a)
# --------------------------------------------------------------------------------------------
# The law changes (the announced simpler WvP): a rule set holds the milestones as they apply
# to cases whose chain's first sick day is on or after its start date. The codes and their
# texts stay those of MILESTONES (a code is a concept: its label, alert text and privacy); a
# set changes when and whether each one applies. The Odoo layer stores the sets as data
# (erm.wvp.rule.set, seeded with set 1 from this table) and passes them back in as RuleSets.


@dataclass(frozen=True)
class RuleSet:
    """One version of the timeline: applies to chains starting on or after ``date_start``."""

    version: int
    date_start: date
    rules: tuple[MilestoneRule, ...]

    @property
    def by_code(self) -> dict[str, MilestoneRule]:
        return {rule.code: rule for rule in self.rules}

    @property
    def evaluation_interval_days(self) -> int:
        return next((rule.offset for rule in self.rules if rule.anchor == EVERY),
                    EVALUATION_INTERVAL_DAYS)


# Set 1: the rules in force since the WvP (2002) and the Regeling procesgang as of 2023.
CURRENT_RULES = RuleSet(1, date(2002, 4, 1), MILESTONES)
RULE_SETS: tuple[RuleSet, ...] = (CURRENT_RULES,)

# The fields of a rule an administrator may change per set (the rest is the code's).
EDITABLE_FIELDS = ("anchor", "offset", "role", "lead_days", "after", "window_day",
                   "condition")


def rule_set_for(first_sick_day: date, rule_sets: Sequence[RuleSet] = RULE_SETS) -> RuleSet:
    """The set that applies to a chain starting on `first_sick_day`: the latest set started
    on or before it (the oldest set for a chain older than every set)."""
    ordered = sorted(rule_sets, key=lambda item: item.date_start)
    if not ordered:
        return CURRENT_RULES
    chosen = ordered[0]
    for item in ordered:
        if item.date_start <= first_sick_day:
            chosen = item
    return chosen


def build_rule_set(version: int, date_start: date, lines: Iterable[dict]) -> RuleSet:
    """A RuleSet from plain data: one dict per milestone with ``code`` and any of
    EDITABLE_FIELDS plus ``early_after_code``/``early_after_days``; a code missing from
    `lines` does not apply under this set. The order follows MILESTONES (ties)."""
    given = {line["code"]: line for line in lines}
    unknown = set(given) - set(BY_CODE)
    if unknown:
        raise ValueError(f"unknown milestone codes {sorted(unknown)}")
    rules = []
    for base in MILESTONES:
        line = given.get(base.code)
        if line is None:
            continue
        changes = {name: line[name] for name in EDITABLE_FIELDS if name in line}
        if "early_after_code" in line:
            code = line.get("early_after_code")
            changes["early_after"] = (code, line.get("early_after_days") or 0) if code else None
        rules.append(replace(base, **changes))
    return RuleSet(version, date_start, tuple(rules))
