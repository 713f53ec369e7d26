# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The company doctor's advice: the only output of the bedrijfsarts the employer holds.

Only what the AP allows (domain.md §5): functional possibilities and limitations in the six
domains of the UWV functional possibilities list (FML), the hours that are possible, the
expected duration, the degree of incapacity, the adjustments needed and advice on
interventions. The medical file stays in the doctor's own system. An issued advice is final;
its incapacity percentage is the source of the case's course."""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from ..engine import milestones
from .erm_absence_case import EXPECTED_DURATION
from .erm_absence_period import format_number
from .erm_format import org_env

# The types that complete a milestone are the engine's (by_doctor_advice), in its order.
_ADVICE_LABELS = {
    milestones.BA_MOGELIJKHEDEN: "Early assessment of possibilities (week 1)",
    milestones.BA_INTERVENTIEADVIES: "Early advice on interventions (week 4)",
    milestones.PROBLEEMANALYSE: "Problem analysis",
}
ADVICE_TYPES = [
    *((code, _ADVICE_LABELS[code]) for code in milestones.DOCTOR_ADVICE_CODES),
    ("update", "Updated advice"),
]

FML_LEVELS = [
    ("normal", "No limitation"),
    ("limited", "Limited"),
    ("strongly_limited", "Strongly limited"),
    ("not_possible", "Not possible"),
]

# The domains of the functional possibilities list, in the FML's order.
FML_DOMAINS = [
    ("fml_personal", "Personal functioning"),
    ("fml_social", "Social functioning"),
    ("fml_environment", "Adjustment to the physical environment"),
    ("fml_dynamic", "Dynamic actions"),
    ("fml_static", "Static postures"),
    ("fml_hours", "Working hours"),
]

# The explanation shown wherever the doctor types: part of the UI by design.
NO_MEDICAL_HELP = (
    "Describe work only: what the employee can and cannot do. No diagnosis, complaints or "
    "treatment: the medical file stays in the company doctor's own system."
)

# Fields the anonymisation of the re-integration dossier clears (statistics keep the rest).
DOSSIER_FIELDS = (
    "fml_personal", "fml_social", "fml_environment", "fml_dynamic", "fml_static", "fml_hours",
    "hours_per_day", "hours_per_week", "possibilities", "adjustments", "intervention_advice",
)


class ErmBaAdvice(models.Model):
    _name = "erm.ba.advice"
    _description = "Company Doctor's Advice"
    _inherit = ["mail.thread", "mail.activity.mixin", "erm.access.logged.mixin"]
    _order = "date_advice desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["case_id", "employee_id"]

    # Computed in the reader's language (type label and date format), hence not stored.
    name = fields.Char(compute="_compute_name", compute_sudo=True, search="_search_name")
    # No check_company: the company follows from the case, and its domain would offer
    # only cases without a company (none) on a new advice; the rules narrow the cases.
    case_id = fields.Many2one(
        "erm.absence.case", string="Absence case", required=True, index=True,
        ondelete="cascade", tracking=True,
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    employee_id = fields.Many2one(related="case_id.employee_id", store=True, index=True)
    doctor_user_id = fields.Many2one(
        "res.users", string="Company doctor", required=True, readonly=True, index=True,
        default=lambda self: self.env.user,
    )
    advice_type = fields.Selection(
        ADVICE_TYPES, string="Type", required=True, default="update", tracking=True,
    )
    date_advice = fields.Date(
        string="Advice date", required=True, default=fields.Date.context_today, tracking=True,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("issued", "Issued")], default="draft", required=True,
        readonly=True, tracking=True, index=True,
    )
    date_issued = fields.Date(string="Issued on", readonly=True, copy=False)
    # --- functional possibilities and limitations (FML domains)
    fml_personal = fields.Selection(FML_LEVELS, string="Personal functioning", tracking=True)
    fml_social = fields.Selection(FML_LEVELS, string="Social functioning", tracking=True)
    fml_environment = fields.Selection(
        FML_LEVELS, string="Adjustment to the physical environment", tracking=True,
    )
    fml_dynamic = fields.Selection(FML_LEVELS, string="Dynamic actions", tracking=True)
    fml_static = fields.Selection(FML_LEVELS, string="Static postures", tracking=True)
    fml_hours = fields.Selection(FML_LEVELS, string="Working hours", tracking=True)
    hours_per_day = fields.Float(
        string="Hours per day possible", digits=(4, 1), tracking=True,
        help="Empty (0): no limitation in hours.",
    )
    hours_per_week = fields.Float(
        string="Hours per week possible", digits=(4, 1), tracking=True,
        help="Empty (0): no limitation in hours.",
    )
    expected_duration = fields.Selection(
        EXPECTED_DURATION, string="Expected duration", default="unknown", tracking=True,
    )
    # --- degree of incapacity: the source of the case's course
    incapacity_pct = fields.Float(
        string="Incapacity (%)", digits=(5, 1), tracking=True,
        help="The company doctor's judgement of the degree of incapacity for work. 0% means "
        "fully fit: issuing the advice then reports recovery on the case.",
    )
    incapacity_date_from = fields.Date(
        string="Incapacity from", tracking=True,
        help="The day the degree of incapacity applies from. Empty: the degree does not "
        "change with this advice.",
    )
    possibilities = fields.Text(string="Work possibilities and limitations", help=NO_MEDICAL_HELP)
    adjustments = fields.Text(string="Adjustments needed", help=NO_MEDICAL_HELP)
    intervention_advice = fields.Text(string="Advice on interventions", help=NO_MEDICAL_HELP)
    milestone_id = fields.Many2one(
        "erm.wvp.milestone", string="Milestone completed", readonly=True, copy=False,
    )
    period_id = fields.Many2one(
        "erm.absence.period", string="Course line", readonly=True, copy=False,
    )

    def _search_name(self, operator, value):
        # the title is computed per language; its stable part is the case number
        return [("case_id.name", operator, value)]

    @api.depends("advice_type", "date_advice", "case_id.name")
    @api.depends_context("lang")
    def _compute_name(self):
        labels = dict(self._fields["advice_type"]._description_selection(self.env))
        for advice in self:
            advice.name = " - ".join(filter(None, [
                labels.get(advice.advice_type), advice.case_id.name,
                advice.date_advice and format_date(self.env, advice.date_advice),
            ]))

    @api.model
    def get_empty_list_help(self, help_message):
        """An administrator whose companies have no company doctor learns why this list
        stays empty, and what to configure."""
        help_message = super().get_empty_list_help(help_message)
        if not self.env.user.has_group("erm_verzuim.group_erm_admin"):
            return help_message
        missing = self.env.companies.filtered(lambda c: not c.erm_doctor_user_ids)
        if not missing:
            return help_message
        notice = Markup(
            '<div class="alert alert-warning text-start" role="alert"><strong>%s</strong> %s</div>'
        ) % (
            self.env._("No company doctor configured for %(companies)s.",
                       companies=", ".join(missing.mapped("name"))),
            self.env._("Nobody can record advice and no doctor sees the cases. Give the company "
                       "doctor a user with the access right Bedrijfsarts, then add that user "
                       "under Settings, Verzuim, Company doctors."),
        )
        return notice + Markup(help_message or "")

    def _erm_access_log_cases(self):
        # a plain read: the log is written after the reader read these advices
        return {advice.id: advice.case_id.id for advice in self}

    # ------------------------------------------------------------------ validation
    @api.constrains("hours_per_day", "hours_per_week")
    def _check_hours(self):
        for advice in self:
            if not (0 <= advice.hours_per_day <= 24 and 0 <= advice.hours_per_week <= 168):
                raise ValidationError(self.env._(
                    "Hours per day lie between 0 and 24, hours per week between 0 and 168."
                ))
            if advice.hours_per_day and advice.hours_per_week and (
                advice.hours_per_week > advice.hours_per_day * 7
            ):
                raise ValidationError(self.env._(
                    "%(week)s hours per week cannot be reached at %(day)s hours per day.",
                    week=format_number(self.env, advice.hours_per_week),
                    day=format_number(self.env, advice.hours_per_day),
                ))

    @api.constrains("incapacity_pct")
    def _check_incapacity_pct(self):
        for advice in self:
            if not 0 <= advice.incapacity_pct <= 100:
                raise ValidationError(self.env._(
                    "The degree of incapacity lies between 0%% and 100%% (got %(pct)s%%).",
                    pct=format_number(self.env, advice.incapacity_pct),
                ))

    @api.constrains("incapacity_date_from", "case_id")
    def _check_incapacity_date(self):
        for advice in self:
            case = advice.case_id
            if advice.incapacity_date_from and advice.incapacity_date_from < case.date_start:
                raise ValidationError(self.env._(
                    "The degree of incapacity cannot apply before the first sick day "
                    "(%(date)s).", date=format_date(self.env, case.date_start),
                ))

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        advices = super().create(vals_list)
        advices._check_doctor()
        return advices

    def write(self, vals):
        if not self.env.su:
            issued = self.filtered(lambda a: a.state == "issued")
            if issued:
                raise UserError(self.env._(
                    "%(advice)s has been issued and is final. Record a new advice instead.",
                    advice=issued[0].name,
                ))
            self._check_doctor()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._(
                "A company doctor's advice is never deleted: record a new advice instead."
            ))

    def _check_doctor(self):
        """Only a company doctor serving the case's company writes an advice (the record
        rules say the same; this gives the clear message)."""
        if self.env.su:
            return
        user = self.env.user
        if not user.has_group("erm_verzuim.group_erm_doctor"):
            raise AccessError(self.env._(
                "Only the company doctor records an advice."
            ))
        # sudo: the company's doctors, compared with the user
        foreign = self.sudo().filtered(lambda a: user not in a.company_id.erm_doctor_user_ids)
        if foreign:
            raise AccessError(self.env._(
                "You are not a company doctor of %(company)s.",
                company=foreign[0].company_id.name,
            ))

    # ------------------------------------------------------------------ issue
    def action_issue(self):
        """Make the advice final: apply its degree of incapacity to the case's course and
        complete the milestone of its type."""
        self._check_doctor()
        today = fields.Date.context_today(self)
        for advice in self.filtered(lambda a: a.state == "draft"):
            if advice.incapacity_date_from and not advice.incapacity_pct and not (
                advice.incapacity_date_from > advice.case_id.date_start
            ):
                raise ValidationError(self.env._(
                    "Fully fit (0%%) can only apply after the first sick day (%(date)s).",
                    date=format_date(self.env, advice.case_id.date_start),
                ))
            vals = {"state": "issued", "date_issued": today}
            vals.update(advice._apply_incapacity())
            vals.update(advice._complete_milestone())
            # sudo: an issued advice is final: written by the doctor's issue only (checked
            # above), and noted in the case's chatter
            sudo_advice = advice.sudo()
            sudo_advice.write(vals)
            sudo_advice.case_id._message_log(body=org_env(self.env, advice.company_id)._(
                "Company doctor's advice issued: %(advice)s.", advice=advice.name,
            ))
        return True

    def _apply_incapacity(self):
        """Create or update the course line from the incapacity date, or report recovery at
        0%. Returns the values to store on the advice."""
        self.ensure_one()
        if not self.incapacity_date_from:
            return {}
        # sudo: the course follows the issued advice, written by the system only
        case = self.case_id.sudo()
        day = self.incapacity_date_from
        if case.date_recovered and day >= case.date_recovered:
            raise ValidationError(self.env._(
                "%(case)s was closed on %(date)s: a degree of incapacity cannot apply after "
                "the recovery.", case=case.name, date=format_date(self.env, case.date_recovered),
            ))
        if not self.incapacity_pct:
            case.write({"date_recovered": day})
            return {}
        Period = case.env["erm.absence.period"]
        period = Period.search([("case_id", "=", case.id), ("date_from", "=", day)], limit=1)
        if period:
            period.write({"incapacity_pct": self.incapacity_pct})
        else:
            period = Period.create({
                "case_id": case.id, "date_from": day, "incapacity_pct": self.incapacity_pct,
            })
        return {"period_id": period.id}

    def _complete_milestone(self):
        self.ensure_one()
        # an advice type that is a milestone code completes that milestone
        code = self.advice_type
        if code not in milestones.BY_CODE:
            return {}
        # sudo: the advice completes its milestone, which the doctor may not write
        milestone = self.env["erm.wvp.milestone"].sudo().search([
            ("chain_root_id", "=", self.case_id.chain_root_id.id), ("code", "=", code),
            ("date_done", "=", False), ("state", "!=", "cancelled"),
        ], order="sequence, date_deadline", limit=1)
        if not milestone:
            return {}
        milestone.write({"date_done": self.date_advice})
        return {"milestone_id": milestone.id}

    # The company doctor proposes a service of the provider network in his advice; the
    # case's duty holders turn it into a proposed intervention.
    proposed_service_id = fields.Many2one(
        "erm.provider.service", string="Proposed service", tracking=True,
        help="A service of the provider network the company doctor advises.",
    )

    def action_erm_propose_intervention(self):
        """Open a new intervention, proposed from this advice."""
        self.ensure_one()
        if self.state != "issued":
            raise UserError(self.env._("Issue the advice before proposing an intervention."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "erm.intervention",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_case_id": self.case_id.id,
                "default_ba_advice_id": self.id,
                "default_advised_by": "ba",
                "default_service_id": self.proposed_service_id.id,
                "default_cost": self.proposed_service_id.price,
            },
        }
