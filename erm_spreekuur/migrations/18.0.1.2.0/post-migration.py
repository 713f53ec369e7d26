# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: the record rules of the case's duty holders read the case's stored duty holders
(``erm.absence.case.duty_user_ids``: case director, process guardian and the casemanagers of
its plans) instead of repeating the three conditions.

The rules are noupdate, so an existing database keeps their old domains: rewrite each one
that still holds the domain shipped before (a rule the customer adapted is left alone and
logged). The stored field itself is computed for the existing cases when the update adds
it."""

import logging
import re

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

# xml id: (the domain shipped before, the domain now)
RULES = {
    "erm_spreekuur.erm_spreekuur_booking_rule_case_duty": (
        "[('kind', '=', 'case'), '|', '|', ('case_id.regievoerder_user_id', '=', user.id), "
        "('case_id.procesbewaker_user_id', '=', user.id), "
        "('case_id.plan_ids.casemanager_id', '=', user.id)]",
        "[('kind', '=', 'case'), ('case_id.duty_user_ids', 'in', [user.id])]",
    ),
}


def _normal(domain):
    return re.sub(r"\s+", " ", domain or "").replace("[ ", "[").replace(", ]", "]").strip()


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, (before, now) in RULES.items():
        rule = env.ref(xmlid, raise_if_not_found=False)
        if not rule:
            continue
        if _normal(rule.domain_force) == before:
            rule.domain_force = now
        elif _normal(rule.domain_force) != now:
            _logger.warning("Record rule %s was adapted; its domain is left as it is.", xmlid)
