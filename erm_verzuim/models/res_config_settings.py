# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..engine import tbv


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    erm_frequent_absence_threshold = fields.Integer(
        related="company_id.erm_frequent_absence_threshold", readonly=False
    )
    erm_frequent_absence_window_days = fields.Integer(
        related="company_id.erm_frequent_absence_window_days", readonly=False
    )
    erm_early_doctor = fields.Boolean(related="company_id.erm_early_doctor", readonly=False)
    erm_min_group_size = fields.Integer(related="company_id.erm_min_group_size", readonly=False)
    erm_escalation_days = fields.Integer(
        related="company_id.erm_escalation_days", readonly=False
    )
    erm_escalation_user_id = fields.Many2one(
        related="company_id.erm_escalation_user_id", readonly=False
    )

    # ERM model of the company: the company default policy, saved as a new dated
    # policy when it changes (erm.model.policy keeps the history).
    # A static selection, not a callable: Odoo translates the labels of static selections
    # only (ir.model.fields.selection), so a callable left the radio English.
    erm_model = fields.Selection(
        selection=list(tbv.ERM_MODEL_LABELS.items()),
        string="ERM model", compute="_compute_erm_model_settings", readonly=False,
    )
    erm_model_date_from = fields.Date(
        string="ERM model from", compute="_compute_erm_model_settings", readonly=False,
        help="The day a changed model or duty holder applies from; open cases follow it "
        "from that day.",
    )
    erm_coach_user_ids = fields.Many2many(
        "res.users", "erm_settings_coach_rel", "settings_id", "user_id",
        string="Absence coaches", compute="_compute_erm_model_settings", readonly=False,
    )
    erm_hr_user_ids = fields.Many2many(
        "res.users", "erm_settings_hr_rel", "settings_id", "user_id",
        string="HR advisers", compute="_compute_erm_model_settings", readonly=False,
    )
    erm_doctor_user_ids = fields.Many2many(
        related="company_id.erm_doctor_user_ids", readonly=False,
    )
    erm_retention_reintegration_years = fields.Integer(
        related="company_id.erm_retention_reintegration_years", readonly=False,
    )
    erm_retention_admin_years = fields.Integer(
        related="company_id.erm_retention_admin_years", readonly=False,
    )
    erm_retention_erdzw_years = fields.Integer(
        related="company_id.erm_retention_erdzw_years", readonly=False,
    )

    # Manager competences and caremanagement
    erm_competence_level_i = fields.Selection(
        related="company_id.erm_competence_level_i", readonly=False,
    )
    erm_competence_level_ii = fields.Selection(
        related="company_id.erm_competence_level_ii", readonly=False,
    )
    erm_competence_level_iii = fields.Selection(
        related="company_id.erm_competence_level_iii", readonly=False,
    )
    erm_competence_level_iv = fields.Selection(
        related="company_id.erm_competence_level_iv", readonly=False,
    )
    erm_sanction_advice_months = fields.Integer(
        related="company_id.erm_sanction_advice_months", readonly=False,
    )
    erm_care_weeks_early = fields.Integer(
        related="company_id.erm_care_weeks_early", readonly=False,
    )
    erm_care_interval_early = fields.Integer(
        related="company_id.erm_care_interval_early", readonly=False,
    )
    erm_care_interval_late = fields.Integer(
        related="company_id.erm_care_interval_late", readonly=False,
    )

    @api.depends("company_id")
    def _compute_erm_model_settings(self):
        Policy = self.env["erm.model.policy"]
        today = fields.Date.context_today(self)
        for settings in self:
            policy = Policy._company_default(settings.company_id, today)
            settings.erm_model = policy.erm_model or "I"
            settings.erm_model_date_from = today
            settings.erm_coach_user_ids = policy.coach_user_ids
            settings.erm_hr_user_ids = policy.hr_user_ids

    def set_values(self):
        res = super().set_values()
        if self.env.user.has_group("erm_verzuim.group_erm_admin"):
            self.env["erm.model.policy"]._set_company_default(
                self.company_id, self.erm_model or "I", self.erm_model_date_from,
                self.erm_coach_user_ids, self.erm_hr_user_ids,
            )
        return res

    def action_erm_model_policies(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "erm_verzuim.erm_model_policy_action"
        )
        action["context"] = {"default_company_id": self.company_id.id}
        return action

    def action_erm_lead_times(self):
        """The lead times of the current company, completed with the defaults."""
        self.env["erm.milestone.lead.time"]._ensure_defaults(self.company_id)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Lead times"),
            "res_model": "erm.milestone.lead.time",
            "view_mode": "list",
            "domain": [("company_id", "=", self.company_id.id)],
            "context": {"default_company_id": self.company_id.id},
        }

    # Approval limits of interventions
    erm_company_currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id", string="Company currency",
    )
    erm_intervention_limit_manager = fields.Monetary(
        related="company_id.erm_intervention_limit_manager", readonly=False,
        currency_field="erm_company_currency_id",
    )
    erm_intervention_limit_hr = fields.Monetary(
        related="company_id.erm_intervention_limit_hr", readonly=False,
        currency_field="erm_company_currency_id",
    )
    erm_intervention_limit_board = fields.Monetary(
        related="company_id.erm_intervention_limit_board", readonly=False,
        currency_field="erm_company_currency_id",
    )
    # Preconditions checklist: the company's readiness score.
    erm_precondition_readiness = fields.Float(
        string="Readiness", compute="_compute_erm_precondition_readiness", digits=(5, 1),
        help="The share of the applicable preconditions that are in place.",
    )
    erm_precondition_counts = fields.Char(
        string="Preconditions in place", compute="_compute_erm_precondition_readiness",
    )

    @api.depends("company_id")
    def _compute_erm_precondition_readiness(self):
        readiness = self.env["erm.precondition"]._erm_readiness(self.company_id)
        for settings in self:
            values = readiness.get(settings.company_id.id, {})
            settings.erm_precondition_readiness = values.get("score", 0.0)
            settings.erm_precondition_counts = self.env._(
                "%(in_place)s of %(applicable)s applicable preconditions in place",
                in_place=values.get("in_place", 0), applicable=values.get("applicable", 0),
            )

    def action_erm_preconditions(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "erm_verzuim.erm_precondition_action"
        )
        action["domain"] = [("company_id", "=", self.company_id.id)]
        return action

    def action_erm_model_choice(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "erm_verzuim.erm_model_choice_wizard_action"
        )
        action["context"] = {"default_company_id": self.company_id.id}
        return action

    # Quarterly stakeholder review
    erm_review_organiser_id = fields.Many2one(
        related="company_id.erm_review_organiser_id", readonly=False,
    )
    erm_review_lead_weeks = fields.Integer(
        related="company_id.erm_review_lead_weeks", readonly=False,
    )

    # Employability budget
    erm_budget_amount = fields.Monetary(
        related="company_id.erm_budget_amount", readonly=False,
        currency_field="erm_company_currency_id",
    )
    erm_budget_prorate = fields.Boolean(related="company_id.erm_budget_prorate", readonly=False)
    erm_budget_services = fields.Selection(
        related="company_id.erm_budget_services", readonly=False,
    )
    erm_budget_carry_over = fields.Boolean(
        related="company_id.erm_budget_carry_over", readonly=False,
    )
    # What the employee may report himself in the portal
    erm_portal_sick_report = fields.Boolean(
        related="company_id.erm_portal_sick_report", readonly=False,
    )
    erm_portal_recovery_report = fields.Boolean(
        related="company_id.erm_portal_recovery_report", readonly=False,
    )

    # The access log and two-factor login for the case roles (domain.md §5)
    erm_access_log_retention_years = fields.Integer(
        related="company_id.erm_access_log_retention_years", readonly=False,
    )
    erm_two_factor_required = fields.Boolean(
        related="company_id.erm_two_factor_required", readonly=False,
    )
