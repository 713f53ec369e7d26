# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The four ERM models (domain.md §1-§2): who holds which duty under each model, and the TBV
table (tasks (taken), authorities (bevoegdheden) and responsibilities (verantwoordelijkheden)
of every stakeholder). The one source of the model duties: the policy's check of its duty
holders, the models in which the manager directs (his competence check) and the escalation
of model IV derive from ``MODEL_DUTIES``.

Pure data, no ORM. Texts are English sources marked with the no-op ``_lt`` of
:mod:`.milestones` (extracted by Odoo's translator); ``erm.model.policy._render_tbv`` renders
the table in the reader's language."""

from .milestones import _lt

# The ERM models: code -> label (the selection of every field that holds a model).
ERM_MODEL_LABELS = {
    "I": "Model I - the manager directs and guards",
    "II": "Model II - the manager directs, the absence coach guards",
    "III": "Model III - the manager directs, HR guards",
    "IV": "Model IV - the absence coach does everything",
}
ERM_MODELS = tuple(ERM_MODEL_LABELS)
DEFAULT_MODEL = "I"

# (regievoerder, procesbewaker) per model, as the stakeholder that holds the duty.
MODEL_DUTIES = {
    "I": ("manager", "manager"),
    "II": ("manager", "coach"),
    "III": ("manager", "hr"),
    "IV": ("coach", "coach"),
}
# The models in which the manager directs the case (his competence is checked for them).
DIRECTING_MODELS = tuple(model for model, (regie, _proces) in MODEL_DUTIES.items()
                         if regie == "manager")
# The models without a manager in the case's duties: a missed deadline escalates to the board.
BOARD_ESCALATION_MODELS = tuple(model for model, duties in MODEL_DUTIES.items()
                                if "manager" not in duties)


def models_needing(role):
    """The models in which a duty is held by ``role`` ("coach", "hr"): a policy of such a
    model must name at least one person for it."""
    return tuple(model for model, duties in MODEL_DUTIES.items() if role in duties)


STAKEHOLDERS = [
    ("employee", _lt("Employee")),
    ("manager", _lt("Manager")),
    ("coach", _lt("Absence coach")),
    ("hr", _lt("HR adviser")),
    ("doctor", _lt("Company doctor")),
    ("board", _lt("Board")),
]

# The parts that do not depend on the model.
_COMMON = {
    "employee": (
        [_lt("Reports sick to the manager on the first day and stays reachable."),
         _lt("Attends the company doctor's consultations."),
         _lt("Draws up the plan of action and the evaluations with the case director and "
             "records his own view in them."),
         _lt("Applies for WIA benefit in week 93, supported by the process guardian.")],
        [_lt("Records his own view in every plan and evaluation."),
         _lt("Asks UWV for an expert opinion (deskundigenoordeel) when he disagrees."),
         _lt("Inspects his own case and who read it.")],
        [_lt("Cooperates actively in his own reintegration.")],
    ),
    "doctor": (
        [_lt("Judges fitness for work and draws up the problem analysis by week 6."),
         _lt("Advises on functional possibilities, limitations and interventions.")],
        [_lt("Determines the degree of incapacity for work."),
         _lt("Is the only one who holds medical data, in his own file outside this "
             "system.")],
        [_lt("Gives the employer independent advice in work terms only.")],
    ),
    "board": (
        [_lt("Chooses the ERM model and provides the means."),
         _lt("Steers on management information and holds the quarterly review.")],
        [_lt("Sets the absence policy and its budget.")],
        [_lt("Answers for the employer's obligations under the Wet verbetering "
             "poortwachter; sees figures only, never an individual case.")],
    ),
}

_MANAGER_ALL = (
    [_lt("First contact on the sick report and during the absence."),
     _lt("Guides and coaches the employee and looks for suitable work."),
     _lt("Draws up the plan of action and the evaluations with the employee."),
     _lt("Plans the problem analysis, keeps the dossier and reports to UWV in week 42.")],
    [_lt("Decides on adjustments, adapted work and interventions from the provider "
         "network.")],
    [_lt("The whole case: reintegration result, deadlines and dossier.")],
)
_MANAGER_CONTENT = (
    [_lt("First contact on the sick report and during the absence."),
     _lt("Guides the employee and carries out the plan of action."),
     _lt("Draws up the plan of action and the evaluations with the employee.")],
    [_lt("Decides on adjustments, adapted work and interventions from the provider "
         "network.")],
    [_lt("The content of the reintegration and its result.")],
)
_MANAGER_WORK_ONLY = (
    [_lt("Handles job performance and the work itself; informs the absence coach."),
     _lt("Offers suitable work when the coach asks for it.")],
    [_lt("Decides on the work and the team's planning.")],
    [_lt("Job performance, not the absence case.")],
)
_GUARD = (
    [_lt("Guards the deadlines of the Wet verbetering poortwachter and plans the problem "
         "analysis."),
     _lt("Keeps the reintegration dossier complete and reports to UWV in week 42."),
     _lt("Advises the case director on social security law.")],
    [_lt("Escalates overdue steps and asks the company doctor for advice.")],
    [_lt("A complete, timely dossier that holds at UWV.")],
)
_COACH_ALL = (
    [_lt("First contact on the absence; guides the employee and looks for suitable work."),
     _lt("Draws up the plan of action and the evaluations with the employee."),
     _lt("Guards the deadlines, keeps the dossier and reports to UWV in week 42.")],
    [_lt("Decides on interventions from the provider network and asks the company doctor "
         "for advice.")],
    [_lt("The whole case: reintegration result, deadlines and dossier.")],
)
_COACH_NONE = (
    [_lt("Not involved by default; can be called in as an external specialist for hard "
         "cases.")],
    [],
    [],
)
_HR_FACILITATES = (
    [_lt("Maintains the absence policy, trains the managers and advises on request."),
     _lt("Calls in an external specialist for hard cases.")],
    [_lt("Sets the procedures and the provider network.")],
    [_lt("The absence policy and its tools; sees the cases of his companies.")],
)

MODEL_ROLES = {
    "I": {"manager": _MANAGER_ALL, "coach": _COACH_NONE, "hr": _HR_FACILITATES},
    "II": {"manager": _MANAGER_CONTENT, "coach": _GUARD, "hr": _HR_FACILITATES},
    "III": {"manager": _MANAGER_CONTENT, "coach": _COACH_NONE, "hr": _GUARD},
    "IV": {"manager": _MANAGER_WORK_ONLY, "coach": _COACH_ALL, "hr": _HR_FACILITATES},
}

def tbv_rows(model):
    """[(stakeholder key, label, (tasks, authorities, responsibilities))] for `model`."""
    roles = dict(_COMMON, **MODEL_ROLES[model])
    return [(key, label, roles[key]) for key, label in STAKEHOLDERS]
