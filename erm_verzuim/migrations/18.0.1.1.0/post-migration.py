# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.1.0: the ERM competences get the levels basis / vaardig / expert.

data/erm_skill_data.xml is noupdate, so an existing database keeps its old level records:
rename them here under their kept xml ids ("In training" becomes basis, "Mastered" becomes
vaardig: what a manager had mastered stays enough for the default required level). The new
expert level and the new skills are created by the data file itself (new xml ids), and the
skills' order follows the factsheet."""

from odoo import SUPERUSER_ID, api

LEVELS = {
    "hr_skill_level_erm_none": ("Nog niet", 0),
    "hr_skill_level_erm_training": ("Basis", 33),
    "hr_skill_level_erm_mastered": ("Vaardig", 67),
}
SEQUENCES = {
    "hr_skill_erm_guidance": 1,
    "hr_skill_erm_absence_performance": 2,
    "hr_skill_erm_communication": 5,
    "hr_skill_erm_wvp": 12,
    "hr_skill_erm_cao": 15,
    "hr_skill_erm_cost": 20,
    "hr_skill_erm_prevention": 21,
    "hr_skill_erm_management_information": 23,
    "hr_skill_erm_providers": 24,
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, (name, progress) in LEVELS.items():
        level = env.ref(f"erm_verzuim.{xmlid}", raise_if_not_found=False)
        if level:
            level.write({"name": name, "level_progress": progress})
    for xmlid, sequence in SEQUENCES.items():
        skill = env.ref(f"erm_verzuim.{xmlid}", raise_if_not_found=False)
        if skill:
            skill.sequence = sequence
