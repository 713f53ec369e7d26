# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Manager competences (domain.md §2): the ERM factsheet's tasks and skills of a manager who
directs absence cases, as the hr_skills skill type ERM-competenties with the levels basis /
vaardig / expert, and the level each company requires per ERM model.

Pure data and arithmetic, no ORM; ``hr.employee._erm_competence_data`` reads the skills."""

SKILL_TYPE = "erm_verzuim.hr_skill_type_erm"
COMPETENCE_LEVELS = [
    ("none", "No requirement"),
    ("basis", "Basic"),
    ("vaardig", "Skilled"),
    ("expert", "Expert"),
]
# The level records behind the keys (xml ids kept from the first version of the data).
LEVEL_XMLIDS = {
    "basis": "erm_verzuim.hr_skill_level_erm_training",
    "vaardig": "erm_verzuim.hr_skill_level_erm_mastered",
    "expert": "erm_verzuim.hr_skill_level_erm_expert",
}
# A level's progress when the administrator removed its record.
DEFAULT_PROGRESS = {"basis": 33, "vaardig": 67, "expert": 100}
# The company field holding the required level per ERM model.
MODEL_FIELDS = {
    "I": "erm_competence_level_i",
    "II": "erm_competence_level_ii",
    "III": "erm_competence_level_iii",
    "IV": "erm_competence_level_iv",
}


def strictest(keys, progress):
    """The level of ``keys`` with the highest progress ({level key: progress}); "none"
    when none of them requires anything."""
    keys = [key for key in keys if key and key != "none"]
    return max(keys, key=lambda key: progress[key]) if keys else "none"


def coverage(total, missing):
    """The share (0..100) of ``total`` competences held when ``missing`` are below the
    level; 100 without competences."""
    return 100.0 * (total - missing) / total if total else 100.0
