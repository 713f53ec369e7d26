# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import fields, models

from ..engine import competence
from .res_company import set_column_defaults

DIGEST_FIELDS = ["erm_deadline_digest"]
# A manager reads his own ERM competence figures on his profile; others need HR (groups=).
COMPETENCE_FIELDS = [
    "erm_competence_coverage", "erm_competence_required_level", "erm_competence_gaps",
]


class ResUsers(models.Model):
    _inherit = "res.users"

    def init(self):
        res = super().init()
        set_column_defaults(self)
        return res

    erm_deadline_digest = fields.Boolean(
        string="Weekly absence deadline digest", default=True,
        help="Receive every week an e-mail with the deadlines of your absence cases for the "
        "coming two weeks (board members: the counts of their companies).",
    )
    erm_digest_last_sent = fields.Date(
        string="Absence digest last sent", readonly=True, copy=False,
        help="Set by the weekly digest job: a user gets at most one digest a week, also when "
        "the job is interrupted and runs again.",
    )

    erm_competence_coverage = fields.Float(
        string="ERM competence coverage (%)", compute="_compute_erm_competence",
        digits=(5, 1), groups="erm_verzuim.group_erm_hr",
    )
    erm_competence_required_level = fields.Selection(
        competence.COMPETENCE_LEVELS, string="Required competence level",
        compute="_compute_erm_competence", groups="erm_verzuim.group_erm_hr",
    )
    erm_competence_gaps = fields.Char(
        string="Development points", compute="_compute_erm_competence",
        groups="erm_verzuim.group_erm_hr",
    )

    def _compute_erm_competence(self):
        # sudo: a user's own HR data (his skills), readable by himself and HR only (the
        # fields' groups and SELF_READABLE_FIELDS)
        sudo_users = self.sudo()
        employees = sudo_users.employee_id
        data = employees._erm_competence_data()
        for user, sudo_user in zip(self, sudo_users, strict=True):
            values = data.get(sudo_user.employee_id.id)
            user.erm_competence_coverage = values["coverage"] if values else 0.0
            user.erm_competence_required_level = values["required"] if values else False
            user.erm_competence_gaps = (
                ", ".join(values["gaps"].mapped("name")) if values else False
            )

    # ------------------------------------------------------------------ start screen
    def _erm_has(self, *roles):
        return any(self.has_group(f"erm_verzuim.group_erm_{role}") for role in roles)

    def _erm_start_action(self):
        """The Verzuim app's start screen: the current user's own work (domain.md §1), with
        an empty state that says what to do first. Case roles (HR, coach, manager, employee)
        open the cases their record rules give them; the company doctor his advice; the
        board, who sees no case, the quarterly reviews (erm_reports: the dashboard)."""
        user = self.env.user
        Action = self.env["ir.actions.act_window"]
        if user._erm_has("doctor") and not user._erm_has("hr", "coach", "manager"):
            return Action._for_xml_id("erm_verzuim.erm_ba_advice_action")
        if user._erm_has("board") and not user._erm_has("hr", "coach", "manager"):
            return user._erm_board_start_action()
        action = Action._for_xml_id("erm_verzuim.erm_absence_case_action")
        if user._erm_has("hr"):
            title = self.env._("No open absence case in your companies")
            text = self.env._(
                "Report an employee sick with Report sick. From the first sick day every "
                "deadline of the Wet verbetering poortwachter appears here, for you and for "
                "the case director."
            )
        elif user._erm_has("coach"):
            title = self.env._("No case assigned to you yet")
            text = self.env._(
                "The ERM policy assigns cases to you: you guard their process (model II) or "
                "direct them (model IV). They appear here with their next deadline."
            )
        elif user._erm_has("manager"):
            title = self.env._("Nobody in your team is absent")
            text = self.env._(
                "When an employee of your team reports sick, register it with Report sick: "
                "his case then appears here with its first deadlines and the care contacts "
                "you keep with him."
            )
        else:
            title = self.env._("You have no open absence case")
            text = self.env._(
                "When you report sick, your manager registers it; your case and what is "
                "agreed in it then appear here."
            )
        action["help"] = Markup(
            '<p class="o_view_nocontent_smiling_face">%s</p><p>%s</p>'
        ) % (title, text)
        return action

    def _erm_board_start_action(self):
        """The board's start screen (erm_reports replaces it with the dashboard)."""
        return self.env["ir.actions.act_window"]._for_xml_id(
            "erm_verzuim.erm_stakeholder_review_action"
        )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + DIGEST_FIELDS + COMPETENCE_FIELDS

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + DIGEST_FIELDS
