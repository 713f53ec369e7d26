# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The names the daily alert job (erm.alert.manager) still imports from here; the rules
live in engine/care.py (rhythms), res.company (the company's rhythm) and erm.care.contact
(closing the reminders). Delete once the alert job calls those directly."""

from ..engine.care import missed_due_date, rhythm_start  # noqa: F401


def rhythm(company):
    return company._erm_care_rhythm()


def close_care_activities(env, case_ids, contact_dates=None):
    return env["erm.care.contact"]._close_care_activities(case_ids, contact_dates)
