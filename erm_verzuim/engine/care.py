# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Caremanagement rhythms (domain.md §7): whatever the ERM model, the employee's own manager
keeps in touch with his absent employee (care and attention, not case direction) in a rhythm
the company sets (default every 7 days in weeks 1-6, then every 14 days). Pure Python, no
ORM: the company's settings are ``res.company._erm_care_rhythm``."""

from datetime import timedelta

# The rhythm when the company set none: (weeks with the short interval, short interval,
# later interval) in days.
DEFAULT_RHYTHM = (6, 7, 14)


def rhythm_start(date_start, date_reported):
    """The rhythm runs from the day the employer knew of the absence: the first sick day,
    or the report when it came later (nobody missed a contact before the report)."""
    return max(date_start, date_reported or date_start)


def missed_due_date(date_start, reference, today, weeks_early, early, late):
    """The last day a contact was due and did not happen, or None when the rhythm is kept.

    The rhythm runs from `reference` (the last contact, else rhythm_start): the next
    contact is due `early` days later while the absence is in its first `weeks_early`
    weeks, else `late` days later; a due day passes without a contact when it lies before
    `today`. Each due day that passed is one missed period (the alert job raises one
    activity for it)."""
    if not reference:
        return None
    switch = date_start + timedelta(days=7 * weeks_early) if date_start else reference
    missed = None
    due = reference
    while True:
        due = due + timedelta(days=early if due < switch else late)
        if due >= today:
            return missed
        missed = due
