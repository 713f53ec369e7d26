# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
""""Welk model kiest u?": questions about the organisation, the four ERM models side by side,
a recommendation with its reasons (engine/model_choice.py) and, after an explicit
confirmation, the chosen model as erm.model.policy records: for the company from a date, or
for one department as a dated pilot (domain.md §2)."""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date
from odoo.tools.translate import LazyTranslate

from ..engine import model_choice, tbv

_lt = LazyTranslate(__name__)

# The factsheet's characteristics of the four models, in our own words.
COMPARISON_ROWS = (
    (_lt("Directs the case"), {
        "I": _lt("The manager, who is also absence coach and employability specialist"),
        "II": _lt("The manager, for the content: guidance and the plan of action"),
        "III": _lt("The manager, for the content: guidance and the plan of action"),
        "IV": _lt("The absence coach, all-in; the manager only handles job performance"),
    }),
    (_lt("Guards the process and the dossier"), {
        "I": _lt("The manager himself"),
        "II": _lt("The absence coach (internal or external), who also supports the "
                  "conversations"),
        "III": _lt("The HR adviser"),
        "IV": _lt("The internal absence coach"),
    }),
    (_lt("Expert on social security and employment law"), {
        "I": _lt("An internal or external specialist, for the hard cases only"),
        "II": _lt("The absence coach"),
        "III": _lt("The HR adviser"),
        "IV": _lt("The internal absence coach, working closely with HR"),
    }),
    (_lt("Role of HR"), {
        "I": _lt("Facilitates and supports on policy and job performance"),
        "II": _lt("Facilitates and supports on policy and job performance"),
        "III": _lt("Guards the process and also facilitates on policy and job performance"),
        "IV": _lt("Policy and job performance only"),
    }),
    (_lt("What the company doctor must offer"), {
        "I": _lt("Experience with and training in the behavioural model and the "
                 "workload-capacity model"),
        "II": _lt("Experience with and training in the behavioural model"),
        "III": _lt("Experience with and training in the behavioural model"),
        "IV": _lt("Experience with and training in the behavioural model"),
    }),
    (_lt("What the provider network must offer"), {
        "I": _lt("Providers who fully match the organisation's vision and strategy"),
        "II": _lt("Providers who fully match the organisation's vision and strategy"),
        "III": _lt("Providers who fully match the organisation's vision and strategy"),
        "IV": _lt("Providers who fully match the organisation's vision and strategy"),
    }),
    (_lt("The manager needs"), {
        "I": _lt("All competences of the factsheet: he is fully responsible"),
        "II": _lt("The competences of a case director, supported by the coach"),
        "III": _lt("The competences of a case director, supported by HR"),
        "IV": _lt("Care and attention for his employee and job performance"),
    }),
)

REASONS = {
    "managers_weak": _lt("The managers do not yet have the competences to direct cases."),
    "manager_not_directing": _lt("You do not want to keep the manager as case director."),
    "internal_coach_all_in": _lt("An internal absence coach can take the cases over all-in."),
    "external_coach_guards": _lt("The external absence coach guards the process and "
                                 "supports the managers in the conversations."),
    "iv_needs_internal_coach": _lt("Model IV needs an internal absence coach; with one, "
                                   "consider model IV."),
    "hr_guards": _lt("HR has the capacity and the expertise to guard the process."),
    "train_managers": _lt("Train the managers: in model III they still direct the cases."),
    "engage_coach": _lt("Nobody in the organisation can guard the process yet: engage an "
                        "(external) absence coach."),
    "coach_guards": _lt("An absence coach is available to guard the process, so the "
                        "managers can concentrate on the content."),
    "small_competent": _lt("A small organisation at one location with competent managers: "
                           "the manager can direct and guard his cases himself."),
    "competent_no_support": _lt("The managers are competent, and there is neither an absence "
                                "coach nor enough HR capacity to guard the process."),
    "large_for_model_i": _lt("For an organisation of this size or spread model I asks a lot: "
                             "strengthen HR or engage an absence coach."),
    "multiple_locations": _lt("Several locations: one guard of the process keeps the "
                              "approach the same everywhere."),
    "preconditions_first": _lt("Fewer than half of the preconditions are in place: put them "
                               "in place first, whatever the model."),
}


class ErmModelChoiceWizard(models.TransientModel):
    _name = "erm.model.choice.wizard"
    _description = "ERM Model Choice"
    _check_company_auto = True

    step = fields.Selection(
        [("questions", "Questions"), ("confirm", "Confirm")], default="questions",
        required=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company,
    )
    # ---------------------------------------------------------------- the questions
    manager_competence = fields.Selection(
        [("low", "Below the required level"), ("medium", "Partly at the required level"),
         ("high", "At the required level")],
        string="Competences of the managers", required=True,
        default=lambda self: self._default_competence(),
        help="Defaults from the competence coverage of the managers who direct cases.",
    )
    competence_info = fields.Char(
        string="Competence coverage", readonly=True,
        default=lambda self: self._default_competence_info(),
    )
    hr_capacity = fields.Selection(
        [("none", "None"), ("limited", "Limited"), ("strong", "Sufficient")],
        string="HR capacity for absence", required=True, default="limited",
        help="Can HR advisers guard the process and the dossier of every case?",
    )
    coach = fields.Selection(
        [("none", "None"), ("internal", "Internal"), ("external", "External")],
        string="Absence coach", required=True, default=lambda self: self._default_coach(),
    )
    employee_count = fields.Integer(
        string="Employees", default=lambda self: self._default_employee_count(),
    )
    spread = fields.Selection(
        [("single", "One location"), ("multiple", "Several locations")],
        required=True, default=lambda self: self._default_spread(),
    )
    keep_manager = fields.Boolean(
        string="Keep the manager as case director", default=True,
    )
    readiness = fields.Float(
        string="Preconditions in place (%)", default=lambda self: self._default_readiness(),
        digits=(5, 1),
    )
    # ---------------------------------------------------------------- the advice
    recommended_model = fields.Selection(
        list(tbv.ERM_MODEL_LABELS.items()), string="Recommended model",
        compute="_compute_recommendation",
    )
    recommendation_html = fields.Html(
        string="Why", compute="_compute_recommendation", sanitize=False,
    )
    comparison_html = fields.Html(
        string="The four models", compute="_compute_comparison_html", sanitize=False,
    )
    # ---------------------------------------------------------------- applying it
    chosen_model = fields.Selection(list(tbv.ERM_MODEL_LABELS.items()), string="Apply model")
    scope = fields.Selection(
        [("company", "The whole company"), ("department", "One department (pilot)")],
        string="Apply to", required=True, default="company",
    )
    department_id = fields.Many2one("hr.department", check_company=True)
    date_from = fields.Date(
        string="From", required=True, default=fields.Date.context_today,
    )
    date_to = fields.Date(string="Until", help="The pilot's last day.")
    coach_user_ids = fields.Many2many(
        "res.users", "erm_model_choice_coach_rel", "wizard_id", "user_id",
        string="Absence coaches", default=lambda self: self._default_policy().coach_user_ids,
    )
    hr_user_ids = fields.Many2many(
        "res.users", "erm_model_choice_hr_rel", "wizard_id", "user_id",
        string="HR advisers", default=lambda self: self._default_policy().hr_user_ids,
    )
    summary = fields.Text(compute="_compute_summary")

    # ---------------------------------------------------------------- defaults
    def _default_company(self):
        return self.env["res.company"].browse(
            self.env.context.get("default_company_id") or self.env.company.id
        )

    def _competence_overview(self):
        return self.env["hr.employee"]._erm_competence_overview(self._default_company())

    def _default_competence(self):
        overview = self._competence_overview()
        if not overview or not overview.get("managers"):
            return "medium"
        return model_choice.competence_level(overview.get("average_coverage") or 0.0)

    def _default_competence_info(self):
        overview = self._competence_overview()
        if not overview or not overview.get("managers"):
            return False
        return self.env._(
            "%(managers)s managers direct cases, %(below)s of them below the required level; "
            "average coverage %(coverage)s%%.",
            managers=overview["managers"], below=overview.get("below_required", 0),
            coverage=round(overview.get("average_coverage") or 0.0),
        )

    def _default_policy(self):
        return self.env["erm.model.policy"]._company_default(
            self._default_company(), fields.Date.context_today(self),
        )

    def _default_coach(self):
        coaches = self._default_policy().coach_user_ids
        if not coaches:
            return "none"
        return "internal" if any(not user.share for user in coaches) else "external"

    def _default_employee_count(self):
        return self.env["hr.employee"].search_count(
            [("company_id", "=", self._default_company().id)]
        )

    def _default_spread(self):
        groups = self.env["hr.employee"]._read_group(
            [("company_id", "=", self._default_company().id), ("address_id", "!=", False)],
            ["address_id"],
        )
        return "multiple" if len(groups) > 1 else "single"

    def _default_readiness(self):
        Precondition = self.env["erm.precondition"]
        if not Precondition.has_access("read"):
            return 0.0
        company = self._default_company()
        return Precondition._erm_readiness(company)[company.id]["score"]

    # ---------------------------------------------------------------- computes
    def _answers(self):
        return model_choice.Answers(
            manager_competence=self.manager_competence or "medium",
            hr_capacity=self.hr_capacity or "limited", coach=self.coach or "none",
            employees=max(self.employee_count or 0, 0), spread=self.spread or "single",
            keep_manager=self.keep_manager, readiness=self.readiness or 0.0,
        )

    @api.depends("manager_competence", "hr_capacity", "coach", "employee_count", "spread",
                 "keep_manager", "readiness")
    @api.depends_context("lang")
    def _compute_recommendation(self):
        for wizard in self:
            advice = model_choice.recommend(wizard._answers())
            wizard.recommended_model = advice.model
            items = Markup("").join(
                Markup("<li>%s</li>") % str(REASONS[code]) for code in advice.reasons
            )
            wizard.recommendation_html = Markup("<ul class='mb-0'>%s</ul>") % items

    @api.onchange("recommended_model")
    def _onchange_recommended_model(self):
        if self.recommended_model:
            self.chosen_model = self.recommended_model

    @api.depends_context("lang")
    def _compute_comparison_html(self):
        labels = dict(self._fields["recommended_model"]._description_selection(self.env))
        head = Markup("").join(
            Markup("<th>%s</th>") % labels[model] for model in tbv.ERM_MODELS
        )
        rows = Markup("").join(
            Markup("<tr><th>%s</th>%s</tr>") % (
                str(title),
                Markup("").join(
                    Markup("<td>%s</td>") % str(texts[model]) for model in tbv.ERM_MODELS
                ),
            )
            for title, texts in COMPARISON_ROWS
        )
        html = Markup(
            "<table class='table table-sm table-bordered o_erm_model_comparison'>"
            "<thead><tr><th></th>%s</tr></thead><tbody>%s</tbody></table>"
        ) % (head, rows)
        for wizard in self:
            wizard.comparison_html = html

    @api.depends("chosen_model", "scope", "department_id", "date_from", "date_to",
                 "company_id")
    @api.depends_context("lang")
    def _compute_summary(self):
        labels = dict(self._fields["chosen_model"]._description_selection(self.env))
        for wizard in self:
            model = labels.get(wizard.chosen_model or wizard.recommended_model, "")
            start = format_date(self.env, wizard.date_from) if wizard.date_from else ""
            if wizard.scope == "department":
                wizard.summary = self.env._(
                    "%(model)s for the department %(department)s, as a pilot from %(start)s "
                    "until %(end)s. The company's model stays in force for the other "
                    "departments.",
                    model=model, department=wizard.department_id.display_name or "",
                    start=start,
                    end=format_date(self.env, wizard.date_to) if wizard.date_to else "",
                )
            else:
                wizard.summary = self.env._(
                    "%(model)s for %(company)s from %(start)s. The open cases follow the "
                    "new model from that day; the previous policy ends the day before.",
                    model=model, company=wizard.company_id.name, start=start,
                )

    # ---------------------------------------------------------------- actions
    def _reopen(self):
        return {
            "type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
            "view_mode": "form", "target": "new", "name": self.env._("Which model do you choose?"),
        }

    def _check_apply(self):
        self.ensure_one()
        if self.scope == "department":
            if not self.department_id:
                raise ValidationError(self.env._("Choose the department of the pilot."))
            if not self.date_to:
                raise ValidationError(self.env._(
                    "A pilot in one department needs an end date: give the last day of the "
                    "pilot."
                ))
            if self.date_to < self.date_from:
                raise ValidationError(self.env._("The pilot cannot end before it starts."))

    def action_to_confirm(self):
        """Step 2: show what will be applied; nothing changes before action_confirm."""
        self.ensure_one()
        if not self.chosen_model:
            self.chosen_model = self.recommended_model
        self._check_apply()
        self.step = "confirm"
        return self._reopen()

    def action_back(self):
        self.step = "questions"
        return self._reopen()

    def action_confirm(self):
        """Apply the chosen model as policy records, then show them."""
        self.ensure_one()
        if self.step != "confirm":
            # the confirmation step is not optional
            return self.action_to_confirm()
        self._check_apply()
        Policy = self.env["erm.model.policy"]
        model = self.chosen_model or self.recommended_model
        if self.scope == "department":
            policy = Policy.create({
                "company_id": self.company_id.id, "department_id": self.department_id.id,
                "erm_model": model, "date_from": self.date_from, "date_to": self.date_to,
                "coach_user_ids": [(6, 0, self.coach_user_ids.ids)],
                "hr_user_ids": [(6, 0, self.hr_user_ids.ids)],
                "note": self.env._("Pilot chosen with the model-choice wizard."),
            })
        else:
            policy = Policy._set_company_default(
                self.company_id, model, self.date_from, self.coach_user_ids, self.hr_user_ids,
            )
        if not policy:
            return {"type": "ir.actions.act_window_close"}
        return {
            "type": "ir.actions.act_window", "res_model": "erm.model.policy",
            "res_id": policy.id, "view_mode": "form", "target": "current",
        }
