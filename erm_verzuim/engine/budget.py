# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The anonymous employability budget (inzetbaarheidsbudget, domain.md §5): entitlement,
proration, carry-over and balance, without the ORM (standard library only).

The entitlement of a year is the company's yearly amount, optionally prorated by the
part-time factor and by the months employed in that year (a month counts when the employee
is employed on at least one of its days). Unspent budget may carry over ONE year: what is
left of year Y can be spent in Y+1 and expires at its end; spending in Y+1 uses the carried
amount first (first in, first out), so the carry never snowballs.
"""

from datetime import date

# Aggregates of budget use follow the aggregate guard (aggregate_guard.py): the company's
# minimum group size, never below its floor.


def months_employed(year, date_start=None, date_end=None):
    """Months of `year` with at least one employed day (0-12)."""
    first = max(date_start or date(year, 1, 1), date(year, 1, 1))
    last = min(date_end or date(year, 12, 31), date(year, 12, 31))
    if first > last:
        return 0
    return last.month - first.month + 1


def entitlement(year, yearly_amount, prorate=False, part_time_factor=1.0,
                date_start=None, date_end=None):
    """The budget granted for `year`, rounded to cents. Without proration the full amount
    (as long as the employee is employed in that year at all)."""
    months = months_employed(year, date_start, date_end)
    if not months or yearly_amount <= 0:
        return 0.0
    if not prorate:
        return round(float(yearly_amount), 2)
    factor = min(max(part_time_factor or 0.0, 0.0), 1.0)  # more hours never give more budget
    return round(yearly_amount * factor * months / 12.0, 2)


def balance(year, entitlements, spent, carry_over=False):
    """What is left to spend in `year`.

    `entitlements` and `spent` are {year: amount}; spent counts the claims that hold budget
    (submitted, approved, paid). Returns a dict: entitlement, carried (from year-1), spent,
    available (entitlement + carried - spent, never below 0 for display; `remaining` keeps
    the sign so that a caller can detect an overdraft)."""
    carried = 0.0
    if carry_over:
        years = [y for y in set(entitlements) | set(spent) if y < year]
        carry_in = 0.0
        for y in range(min(years), year) if years else ():
            granted = entitlements.get(y, 0.0)
            used = spent.get(y, 0.0)
            # spending uses last year's carry first; what is left of it expires now
            from_own = max(used - carry_in, 0.0)
            carry_in = max(granted - from_own, 0.0)
        carried = carry_in
    granted = entitlements.get(year, 0.0)
    used = spent.get(year, 0.0)
    remaining = round(granted + carried - used, 2)
    return {
        "year": year,
        "entitlement": round(granted, 2),
        "carried": round(carried, 2),
        "spent": round(used, 2),
        "remaining": remaining,
        "available": max(remaining, 0.0),
    }
