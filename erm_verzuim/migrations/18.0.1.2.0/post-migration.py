# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: the record rules of the case's duty holders read the case's stored duty holders
(``erm.absence.case.duty_user_ids``: case director, process guardian and the casemanagers of
its plans) instead of repeating the three conditions.

The rules are noupdate, so an existing database keeps their old domains: rewrite each one
that still holds the domain shipped before (a rule the customer adapted is left alone and
logged). The stored field itself is computed for the existing cases when the update adds
it.

Whether a safety net applies moves from the contact data
(erm.absence.case.private, readable by every duty holder) to a record of its own,
erm.absence.case.vangnet, that only HR and the case's process guardian may read (domain.md §5).

The new model's table and its rules (new xml ids in a noupdate file) exist by now; the old
columns still hold the data. Copy them (one record per case, as the case makes), move their
chatter history along (the tracking lines would otherwise still tell every duty holder in the
contact data's chatter), and let Odoo drop the old columns with the old fields at the end of
the update.
"""

import logging
import re

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

# xml id: (the domain shipped before, the domain now)
RULES = {
    "erm_verzuim.erm_absence_case_rule_duty": (
        "['|', '|', ('regievoerder_user_id', '=', user.id), "
        "('procesbewaker_user_id', '=', user.id), ('plan_ids.casemanager_id', '=', user.id)]",
        "[('duty_user_ids', 'in', [user.id])]",
    ),
    "erm_verzuim.erm_absence_case_private_rule_duty": (
        "['|', '|', ('case_id.regievoerder_user_id', '=', user.id), "
        "('case_id.procesbewaker_user_id', '=', user.id), "
        "('case_id.plan_ids.casemanager_id', '=', user.id)]",
        "[('case_id.duty_user_ids', 'in', [user.id])]",
    ),
    "erm_verzuim.erm_absence_period_rule_duty": (
        "['|', '|', ('case_id.regievoerder_user_id', '=', user.id), "
        "('case_id.procesbewaker_user_id', '=', user.id), "
        "('case_id.plan_ids.casemanager_id', '=', user.id)]",
        "[('case_id.duty_user_ids', 'in', [user.id])]",
    ),
    "erm_verzuim.erm_wvp_milestone_rule_duty": (
        "['|', '|', ('case_id.regievoerder_user_id', '=', user.id), "
        "('case_id.procesbewaker_user_id', '=', user.id), "
        "('case_id.plan_ids.casemanager_id', '=', user.id)]",
        "[('case_id.duty_user_ids', 'in', [user.id])]",
    ),
    "erm_verzuim.erm_wachttijd_extension_rule_duty": (
        "['|', '|', ('case_id.regievoerder_user_id', '=', user.id), "
        "('case_id.procesbewaker_user_id', '=', user.id), "
        "('case_id.plan_ids.casemanager_id', '=', user.id)]",
        "[('case_id.duty_user_ids', 'in', [user.id])]",
    ),
    "erm_verzuim.erm_reintegration_plan_rule_duty": (
        "['|', '|', ('case_id.regievoerder_user_id', '=', user.id), "
        "('case_id.procesbewaker_user_id', '=', user.id), "
        "('case_id.plan_ids.casemanager_id', '=', user.id)]",
        "[('case_id.duty_user_ids', 'in', [user.id])]",
    ),
    "erm_verzuim.erm_ba_advice_rule_duty": (
        "[('state', '=', 'issued'), '|', '|', ('case_id.regievoerder_user_id', '=', user.id), "
        "('case_id.procesbewaker_user_id', '=', user.id), "
        "('case_id.plan_ids.casemanager_id', '=', user.id)]",
        "[('state', '=', 'issued'), ('case_id.duty_user_ids', 'in', [user.id])]",
    ),
    "erm_verzuim.erm_care_contact_rule_duty": (
        "['|', '|', '|', ('case_id.regievoerder_user_id', '=', user.id), "
        "('case_id.procesbewaker_user_id', '=', user.id), "
        "('case_id.plan_ids.casemanager_id', '=', user.id), "
        "('case_id.erm_care_user_id', '=', user.id)]",
        "['|', ('case_id.duty_user_ids', 'in', [user.id]), "
        "('case_id.erm_care_user_id', '=', user.id)]",
    ),
    "erm_verzuim.erm_intervention_rule_duty": (
        "['|', '|', ('case_id.regievoerder_user_id', '=', user.id), "
        "('case_id.procesbewaker_user_id', '=', user.id), "
        "('case_id.plan_ids.casemanager_id', '=', user.id)]",
        "[('case_id.duty_user_ids', 'in', [user.id])]",
    ),
}


def _normal(domain):
    return re.sub(r"\s+", " ", domain or "").replace("[ ", "[").replace(", ]", "]").strip()


def _rewrite_duty_rules(env):
    for xmlid, (before, now) in RULES.items():
        rule = env.ref(xmlid, raise_if_not_found=False)
        if not rule:
            continue
        if _normal(rule.domain_force) == before:
            rule.domain_force = now
        elif _normal(rule.domain_force) != now:
            _logger.warning("Record rule %s was adapted; its domain is left as it is.", xmlid)



OLD = "erm.absence.case.private"
NEW = "erm.absence.case.vangnet"
FIELDS = ("vangnet", "vangnet_regime")


def _column_exists(cr, table, column):
    cr.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
        (table, column),
    )
    return bool(cr.fetchone())


def _move_safety_net(cr):
    if not _column_exists(cr, "erm_absence_case_private", "vangnet"):
        return
    cr.execute("""
        INSERT INTO erm_absence_case_vangnet
               (case_id, company_id, vangnet, vangnet_regime,
                create_uid, create_date, write_uid, write_date)
        SELECT c.id, c.company_id, COALESCE(p.vangnet, FALSE), p.vangnet_regime,
               COALESCE(p.create_uid, c.create_uid), COALESCE(p.create_date, c.create_date),
               COALESCE(p.write_uid, c.write_uid), COALESCE(p.write_date, c.write_date)
          FROM erm_absence_case c
     LEFT JOIN erm_absence_case_private p ON p.case_id = c.id
         WHERE NOT EXISTS (SELECT 1 FROM erm_absence_case_vangnet v WHERE v.case_id = c.id)
    """)
    env = api.Environment(cr, SUPERUSER_ID, {})
    old_fields = env["ir.model.fields"].search([("model", "=", OLD), ("name", "in", FIELDS)])
    new_fields = {
        field.name: field
        for field in env["ir.model.fields"].search([("model", "=", NEW), ("name", "in", FIELDS)])
    }
    trackings = env["mail.tracking.value"].search([("field_id", "in", old_fields.ids)])
    if not trackings:
        return
    privates = env[OLD].browse(trackings.mail_message_id.mapped("res_id")).exists()
    vangnet_of = {
        record.case_id.id: record
        for record in env[NEW].search([("case_id", "in", privates.case_id.ids)])
    }
    case_of = {private.id: private.case_id.id for private in privates}
    for message in trackings.mail_message_id:
        target = vangnet_of.get(case_of.get(message.res_id))
        if not target:
            continue
        moved = env["mail.message"].create({
            "model": NEW, "res_id": target.id, "message_type": message.message_type,
            "subtype_id": message.subtype_id.id, "author_id": message.author_id.id,
            "date": message.date,
        })
        for tracking in trackings.filtered(lambda t, m=message: t.mail_message_id == m):
            tracking.write({
                "mail_message_id": moved.id,
                "field_id": new_fields[tracking.field_id.name].id,
            })


def _retype_private_deadlines(env):
    """The open deadlines of the safety-net report get the private step's own activity type,
    which the activity rule hides."""
    private_type = env.ref("erm_verzuim.mail_activity_type_erm_private_deadline")
    env.cr.execute(
        """UPDATE mail_activity a SET activity_type_id = %s
             FROM erm_wvp_milestone m
            WHERE a.erm_milestone_id = m.id AND m.code = 'uwv_vangnet'""",
        (private_type.id,),
    )


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    _rewrite_duty_rules(env)
    _move_safety_net(cr)
    _retype_private_deadlines(env)
