# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..engine import aggregate_guard, care
from ..engine.competence import COMPETENCE_LEVELS, MODEL_FIELDS

COLUMN_DEFAULT_TYPES = {"boolean", "integer", "float", "monetary", "selection", "char"}


def set_column_defaults(model):
    """Gives the columns of our fields on one of Odoo's tables their Python default as the
    database's default too. While a module we depend on is updated, its tests run before our
    addons are loaded: the companies and users they create then get our defaults from the
    database (and pass the NOT NULL of a required setting) instead of failing or holding
    NULL."""
    for field in model._fields.values():
        if (field.name.startswith("erm_") and field.store and field.column_type
                and not field.compute and field.type in COLUMN_DEFAULT_TYPES
                and field.default is not None):
            value = field.convert_to_column(field.default(model), model)
            if value is not None:
                model.env.cr.execute(SQL(
                    "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s",
                    SQL.identifier(model._table), SQL.identifier(field.name), value,
                ))


class ResCompany(models.Model):
    _inherit = "res.company"

    def init(self):
        res = super().init()
        set_column_defaults(self)
        return res

    # Company-level absence policy (domain.md §2-§3). The ERM model choice and its
    # per-department overrides live in erm.model.policy records.
    erm_frequent_absence_threshold = fields.Integer(
        string="Frequent absence: reports",
        default=3,
        help="Number of sick reports in a rolling window that raises a frequent-absence "
        "signal (a signal for a conversation, never a sanction).",
    )
    erm_frequent_absence_window_days = fields.Integer(
        string="Frequent absence: window (days)",
        default=365,
    )
    erm_early_doctor = fields.Boolean(
        string="Early company doctor",
        help="Adds two milestones: the company doctor maps possibilities and limitations in "
        "week 1 and advises on interventions by week 4.",
    )
    # Figures about people (domain.md §5): every channel asks erm.aggregate.guard
    erm_min_group_size = fields.Integer(
        string="Minimum group size", default=aggregate_guard.DEFAULT_MINIMUM,
        help="A figure about a group smaller than this, or one from which such a group can "
        "be derived, is shown only to users who may read every case behind it; everyone "
        "else sees '< minimum'. At least 3.",
    )
    # ERM models and privacy (domain.md §2 and §5)
    erm_doctor_user_ids = fields.Many2many(
        "res.users", "erm_company_doctor_rel", "company_id", "user_id",
        string="Company doctors",
        help="The company doctors (bedrijfsartsen) serving this company: they see its cases "
        "and record their advice on them.",
    )
    erm_retention_reintegration_years = fields.Integer(
        string="Keep the re-integration dossier (years)", default=2,
        help="Years after the re-integration ended (the recovery) before the dossier is "
        "anonymised.",
    )
    erm_retention_admin_years = fields.Integer(
        string="Keep the absence administration (years)", default=2,
        help="Years after the employment ended before the cases are fully anonymised.",
    )
    erm_retention_erdzw_years = fields.Integer(
        string="Keep safety-net cases (ERD-ZW, years)", default=5,
        help="Years after the recovery before the dossier of a case under the Ziektewet "
        "safety net is anonymised (own-risk bearer for the Ziektewet).",
    )
    # Deadline alerts; lead times per milestone live in erm.milestone.lead.time.
    erm_escalation_days = fields.Integer(
        string="Escalate after (days overdue)",
        default=14,
        help="A milestone overdue by more than this many days is escalated once to the "
        "escalation contact.",
    )
    erm_escalation_user_id = fields.Many2one(
        "res.users",
        string="Escalation contact",
        domain="[('share', '=', False)]",
        help="Receives the escalations of overdue milestones (usually an HR adviser), and the "
        "deadline activities of cases without a responsible user. Empty: the company's HR "
        "advisers.",
    )

    @api.constrains("erm_retention_reintegration_years", "erm_retention_admin_years",
                    "erm_retention_erdzw_years")
    def _check_erm_retention(self):
        for company in self:
            if min(company.erm_retention_reintegration_years, company.erm_retention_admin_years,
                   company.erm_retention_erdzw_years) < 1:
                raise ValidationError(
                    self.env._("A retention term is at least one year.")
                )

    @api.constrains("erm_frequent_absence_threshold", "erm_frequent_absence_window_days")
    def _check_erm_frequent_absence(self):
        for company in self:
            if company.erm_frequent_absence_threshold < 1:
                raise ValidationError(
                    self.env._("The frequent-absence threshold must be at least 1.")
                )
            if company.erm_frequent_absence_window_days < 1:
                raise ValidationError(
                    self.env._("The frequent-absence window must be at least 1 day.")
                )

    @api.constrains("erm_escalation_days")
    def _check_erm_escalation_days(self):
        if any(company.erm_escalation_days < 0 for company in self):
            raise ValidationError(
                self.env._("The number of days before an overdue milestone is escalated "
                           "cannot be negative.")
            )

    # Approval limits of interventions: who approves up to which cost
    erm_intervention_limit_manager = fields.Monetary(
        string="Manager approves up to", currency_field="currency_id", default=1500.0,
        help="The case director, as the employee's manager, approves interventions up to "
        "this cost.",
    )
    erm_intervention_limit_hr = fields.Monetary(
        string="HR approves up to", currency_field="currency_id", default=10000.0,
        help="HR approves interventions up to this cost; above it the board decides.",
    )
    erm_intervention_limit_board = fields.Monetary(
        string="Board approves up to", currency_field="currency_id", default=0.0,
        help="0: no limit. Above it, no intervention can be approved.",
    )

    @api.constrains("erm_intervention_limit_manager", "erm_intervention_limit_hr",
                    "erm_intervention_limit_board")
    def _check_erm_intervention_limits(self):
        for company in self:
            manager = company.erm_intervention_limit_manager
            hr = company.erm_intervention_limit_hr
            board = company.erm_intervention_limit_board
            if min(manager, hr, board) < 0 or hr < manager or (board and board < hr):
                raise ValidationError(self.env._(
                    "Approval limits cannot be negative and rise from manager to HR to "
                    "board (0 for the board: no limit)."
                ))

    # Manager competences and caremanagement (engine/competence.py, engine/care.py):
    # the level of the ERM competences a case director needs per ERM model, and the rhythm
    # in which the manager keeps in touch with his absent employee.
    erm_competence_level_i = fields.Selection(
        COMPETENCE_LEVELS, string="Required competence level, model I", default="vaardig",
        required=True,
    )
    erm_competence_level_ii = fields.Selection(
        COMPETENCE_LEVELS, string="Required competence level, model II", default="vaardig",
        required=True,
    )
    erm_competence_level_iii = fields.Selection(
        COMPETENCE_LEVELS, string="Required competence level, model III",
        default="vaardig", required=True,
    )
    erm_competence_level_iv = fields.Selection(
        COMPETENCE_LEVELS, string="Required competence level, model IV", default="none",
        required=True,
        help="In model IV the absence coach directs the cases; the manager only handles job "
        "performance and keeps in touch.",
    )
    erm_sanction_advice_months = fields.Integer(
        string="Company doctor's judgement valid (months)", default=3,
        help="The company doctor's judgement may be at most this old at the WIA application "
        "(wage-sanction check; UWV's practice: 3 months).",
    )
    erm_care_weeks_early = fields.Integer(
        string="Care contact: first weeks", default=6,
        help="The weeks of absence in which the manager keeps the short contact interval.",
    )
    erm_care_interval_early = fields.Integer(
        string="Care contact: days between contacts at first", default=7,
    )
    erm_care_interval_late = fields.Integer(
        string="Care contact: days between contacts later", default=14,
    )

    @api.constrains("erm_care_weeks_early", "erm_care_interval_early",
                    "erm_care_interval_late")
    def _check_erm_care_rhythm(self):
        for company in self:
            if min(company.erm_care_interval_early, company.erm_care_interval_late) < 1 or (
                company.erm_care_weeks_early < 0
            ):
                raise ValidationError(self.env._(
                    "The contact rhythm needs at least one day between contacts and cannot "
                    "have a negative number of weeks."
                ))

    # Preconditions checklist: every new company gets its lines.
    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        self.env["erm.precondition"]._erm_ensure_lines(companies)
        return companies

    # Quarterly stakeholder review (domain.md §7)
    erm_review_organiser_id = fields.Many2one(
        "res.users", string="Quarterly review organiser", domain="[('share', '=', False)]",
        help="Plans the quarterly stakeholder review and writes its minutes. Empty: the "
        "company's first HR adviser.",
    )
    erm_review_lead_weeks = fields.Integer(
        string="Create the quarterly review (weeks ahead)", default=4,
        help="How many weeks before a quarter starts its review is created, with an "
        "activity for the organiser to plan the meeting.",
    )

    @api.constrains("erm_review_lead_weeks")
    def _check_erm_review_lead_weeks(self):
        if any(company.erm_review_lead_weeks < 0 for company in self):
            raise ValidationError(self.env._(
                "The number of weeks ahead for the quarterly review cannot be negative."
            ))

    # Employability budget (domain.md §5): see erm_budget_claim.py
    erm_budget_amount = fields.Monetary(
        string="Employability budget per year", currency_field="currency_id",
        help="The yearly amount each employee may spend on services for his employability. "
        "Zero: no budget.",
    )
    erm_budget_prorate = fields.Boolean(
        string="Prorate the budget",
        help="Prorate the yearly amount by the part-time factor and by the months employed "
        "in the year.",
    )
    erm_budget_services = fields.Selection(
        [("catalogue", "Prevention services of the provider catalogue"),
         ("free", "Any provider, with a free description")],
        string="Qualifying services", required=True, default="catalogue",
    )
    erm_budget_carry_over = fields.Boolean(
        string="Carry over one year",
        help="Unspent budget may be spent in the next year; after that it expires.",
    )

    @api.constrains("erm_budget_amount")
    def _check_erm_budget_amount(self):
        if any(company.erm_budget_amount < 0 for company in self):
            raise ValidationError(self.env._("The employability budget cannot be negative."))

    # What the employee may report himself in the portal
    erm_portal_sick_report = fields.Boolean(
        string="Employees report sick in the portal",
        help="Employees may report themselves sick in the portal. Off by default: many "
        "collective agreements (CAOs) and absence protocols require a phone call to the "
        "manager on the first sick day.",
    )
    erm_portal_recovery_report = fields.Boolean(
        string="Employees report recovery in the portal", default=True,
        help="Employees may report their partial or full recovery in the portal; the case "
        "director confirms it.",
    )

    # The access log and two-factor login for the case roles (domain.md §5)
    erm_access_log_retention_years = fields.Integer(
        string="Access log retention (years)", default=5,
        help="How long the access log keeps who read which case; at least five years. "
        "A weekly job removes older lines.",
    )
    erm_two_factor_required = fields.Boolean(
        string="Two-factor login required for absence case roles",
        help="HR advisers, company doctors, absence coaches and managers open absence "
        "cases only after they have enabled two-factor authentication in their profile.",
    )

    @api.constrains("erm_access_log_retention_years")
    def _check_erm_access_log_retention(self):
        if any(company.erm_access_log_retention_years < 5 for company in self):
            raise ValidationError(self.env._(
                "The access log is kept for at least five years."
            ))

    @api.constrains("erm_min_group_size")
    def _check_erm_min_group_size(self):
        if any(company.erm_min_group_size < aggregate_guard.FLOOR for company in self):
            raise ValidationError(self.env._(
                "The minimum group size must be at least %(floor)s: a smaller group points "
                "at a person.", floor=aggregate_guard.FLOOR,
            ))

    def _erm_required_competence(self, model):
        """The level the company requires of a case director under `model` ("none":
        nothing)."""
        self.ensure_one()
        return self[MODEL_FIELDS.get(model or "I", "erm_competence_level_i")] or "none"

    def _erm_care_rhythm(self):
        """(weeks with the short interval, short interval, later interval) in days: the
        caremanagement rhythm of the company (engine/care.py)."""
        self.ensure_one()
        weeks, early, late = care.DEFAULT_RHYTHM
        return (
            self.erm_care_weeks_early if self.erm_care_weeks_early is not None else weeks,
            self.erm_care_interval_early or early,
            self.erm_care_interval_late or late,
        )
