# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which ERM model fits the organisation (the factsheet's "Welk model kiest u?").

Pure logic, no ORM: :func:`recommend` takes the answers and returns the recommended model
(I-IV) with the codes of its reasons; the wizard (erm.model.choice.wizard) turns the codes
into translated sentences.

The factsheet's models, in short (domain.md §2): in model I the manager directs and guards
the process himself, so he must be fully equipped; in model II an absence coach (internal or
external) guards the process; in model III the HR adviser guards it; in model IV an internal
absence coach does everything and the manager only handles job performance."""

from dataclasses import dataclass, field

COMPETENCE_LEVELS = ("low", "medium", "high")
HR_CAPACITY = ("none", "limited", "strong")
COACH = ("none", "internal", "external")
SPREAD = ("single", "multiple")

# Up to this many employees a manager can carry the whole process himself (model I).
SMALL_ORGANISATION = 50
# Below this readiness (percent of the applicable preconditions in place) the organisation
# should first put its preconditions in place, whatever the model.
READINESS_WARNING = 50.0
# Coverage (percent of the required competence levels) that counts as high / medium.
COVERAGE_HIGH = 75.0
COVERAGE_MEDIUM = 50.0


@dataclass(frozen=True)
class Answers:
    manager_competence: str = "medium"
    hr_capacity: str = "limited"
    coach: str = "none"
    employees: int = 0
    spread: str = "single"
    keep_manager: bool = True
    readiness: float = 0.0

    def __post_init__(self):
        for name, allowed in (
            ("manager_competence", COMPETENCE_LEVELS), ("hr_capacity", HR_CAPACITY),
            ("coach", COACH), ("spread", SPREAD),
        ):
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name}: {getattr(self, name)!r} not in {allowed}")
        if self.employees < 0:
            raise ValueError("employees cannot be negative")


@dataclass
class Recommendation:
    model: str
    reasons: list = field(default_factory=list)


def competence_level(average_coverage):
    """The competence answer from the managers' average coverage (0..100)."""
    if average_coverage >= COVERAGE_HIGH:
        return "high"
    if average_coverage >= COVERAGE_MEDIUM:
        return "medium"
    return "low"


def recommend(answers):
    """The recommended model and the codes of the reasons, most decisive first."""
    a = answers
    reasons = []
    manager_can_direct = a.keep_manager and a.manager_competence != "low"
    if not manager_can_direct:
        reasons.append("manager_not_directing" if not a.keep_manager else "managers_weak")
        if a.coach == "internal":
            model = "IV"
            reasons.append("internal_coach_all_in")
        elif a.coach == "external":
            model = "II"
            reasons.append("external_coach_guards")
            reasons.append("iv_needs_internal_coach")
        elif a.hr_capacity == "strong":
            model = "III"
            reasons.append("hr_guards")
            reasons.append("train_managers")
        else:
            model = "II"
            reasons.append("engage_coach")
    elif a.coach != "none":
        model = "II"
        reasons.append("coach_guards")
    elif (a.manager_competence == "high" and a.employees <= SMALL_ORGANISATION
          and a.spread == "single"):
        model = "I"
        reasons.append("small_competent")
    elif a.hr_capacity == "strong":
        model = "III"
        reasons.append("hr_guards")
    elif a.manager_competence == "high":
        model = "I"
        reasons.append("competent_no_support")
        if a.employees > SMALL_ORGANISATION or a.spread == "multiple":
            reasons.append("large_for_model_i")
    else:
        model = "II"
        reasons.append("engage_coach")
    if a.spread == "multiple" and model in ("II", "III", "IV"):
        reasons.append("multiple_locations")
    if a.readiness < READINESS_WARNING:
        reasons.append("preconditions_first")
    return Recommendation(model=model, reasons=reasons)
