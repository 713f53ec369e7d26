# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The case's stored duty holders (duty_user_ids): case director, process guardian and the
casemanagers of its plans, kept current when any of them changes, and the migration that
moves the noupdate record rules of existing databases onto them."""

import importlib.util
from pathlib import Path

from odoo.tests import tagged

from .common import ErmTestCommon

MIGRATION = (Path(__file__).parents[1] / "migrations" / "18.0.1.2.0" / "post-migration.py")


def _migration():
    spec = importlib.util.spec_from_file_location("erm_verzuim_duty_rules", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestDutyHolders(ErmTestCommon):
    def test_duty_holders_follow_the_plan_casemanager(self):
        case = self.make_case()
        # model I: the manager directs and guards
        self.assertEqual(case.duty_user_ids, self.user_manager)
        plan = self.env["erm.reintegration.plan"].create({
            "case_id": case.id, "casemanager_id": self.user_coach.id,
        })
        self.assertEqual(case.duty_user_ids, self.user_manager | self.user_coach)
        # the coach opens the case as its casemanager, and no longer once replaced
        self.assertEqual(self.Case.with_user(self.user_coach).search([("id", "=", case.id)]),
                         case)
        plan.casemanager_id = self.user_hr
        self.assertEqual(case.duty_user_ids, self.user_manager | self.user_hr)
        self.assertFalse(self.Case.with_user(self.user_coach).search([("id", "=", case.id)]))

    def test_duty_holders_follow_a_policy_change(self):
        case = self.make_case()
        self.env["erm.model.policy"].create({
            "company_id": self.company.id, "erm_model": "IV",
            "coach_user_ids": [(6, 0, self.user_coach.ids)], "date_from": case.date_start,
        })
        case._erm_refresh_duties()
        self.assertEqual(case.regievoerder_user_id, self.user_coach)
        self.assertEqual(case.duty_user_ids, self.user_coach)

    def test_migration_rewrites_the_shipped_rules_only(self):
        module = _migration()
        rule = self.env.ref("erm_verzuim.erm_wvp_milestone_rule_duty")
        before, now = module.RULES["erm_verzuim.erm_wvp_milestone_rule_duty"]
        adapted = self.env.ref("erm_verzuim.erm_intervention_rule_duty")
        adapted.domain_force = "[('case_id.regievoerder_user_id', '=', user.id)]"
        rule.domain_force = before.replace(", ", ",\n    ")  # as the XML wrote it
        module.migrate(self.env.cr, "18.0.1.1.0")
        self.assertEqual(rule.domain_force, now)
        self.assertEqual(adapted.domain_force,
                         "[('case_id.regievoerder_user_id', '=', user.id)]")
