# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The private part of the sick report: contact data and the safety net (domain.md §5).

Only the case's duty holders, HR and the employee himself may know these (AP 2016,
need-to-know), so they live in their own model with their own ACL and record rules
(security/erm_verzuim_security.xml): every read path (forms, lists, exports,
templates, related fields, chatter) is governed by Odoo's access machinery. One record per
case; the case creates and writes it for the caller (erm.absence.case.create/write accept
these keys)."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..engine import wvp

# The fields of this model the case accepts in create() and write().
PRIVATE_FIELDS = (
    "contact_phone", "care_street", "care_zip", "care_city",
    "vangnet", "vangnet_regime", "third_party_liable", "wazo_bridge",
)
# Written by the case's process guardian (and the administrator) only.
PRIVATE_PROCESS_FIELDS = frozenset({
    "vangnet", "vangnet_regime", "third_party_liable", "wazo_bridge",
})
# Cleared when the re-integration dossier is anonymised.
PRIVATE_DOSSIER_FIELDS = ("contact_phone", "care_street", "care_zip", "care_city")
ADMIN_GROUP = "erm_verzuim.group_erm_admin"


class ErmAbsenceCasePrivate(models.Model):
    _name = "erm.absence.case.private"
    _description = "Absence Case: Contact Data and Safety Net"
    _inherit = ["mail.thread", "erm.access.logged.mixin"]
    _rec_name = "case_id"
    _check_company_auto = True

    case_id = fields.Many2one(
        "erm.absence.case", string="Absence case", required=True, readonly=True,
        index=True, ondelete="cascade",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True,
        compute="_compute_company_id", store=True, precompute=True,
    )
    contact_phone = fields.Char(string="Phone during absence", tracking=True)
    care_street = fields.Char(string="Care address street", tracking=True)
    care_zip = fields.Char(string="Care address postcode", tracking=True)
    care_city = fields.Char(string="Care address city", tracking=True)
    vangnet = fields.Boolean(
        string="Safety net (Ziektewet vangnet) applies", tracking=True,
        help="Only whether a safety net applies. Which one it is may not be registered.",
    )
    vangnet_regime = fields.Selection(
        list(wvp.VANGNET_REGIME_LABELS.items()), string="UWV reporting term", tracking=True,
        help="The term within which UWV must be informed. It names the term, not the ground.",
    )
    third_party_liable = fields.Boolean(
        string="Third party liable (recourse)", tracking=True,
    )
    wazo_bridge = fields.Boolean(
        string="Same cause as before the WAZO leave", tracking=True,
        help="Set when the company doctor states that this absence, after pregnancy or "
        "maternity leave, has the same cause as the absence before the leave. The leave "
        "then neither counts as sick days nor breaks the chain.",
    )
    erm_is_procesbewaker = fields.Boolean(
        string="I may edit the safety net", compute="_compute_erm_is_procesbewaker",
    )

    _sql_constraints = [
        ("case_unique", "UNIQUE(case_id)", "An absence case has one set of contact data."),
    ]

    def _erm_access_log_cases(self):
        return {private.id: private.case_id.id for private in self.sudo()}

    @api.depends("case_id.company_id")
    def _compute_company_id(self):
        for record in self:
            # the case may be unreadable for a reporter (model IV): its company is not secret
            record.company_id = record.case_id.sudo().company_id

    @api.depends_context("uid")
    def _compute_erm_is_procesbewaker(self):
        admin = self.env.user.has_group(ADMIN_GROUP)
        # sudo: only whether the reader himself guards the process (yes/no)
        for record, sudo_record in zip(self, self.sudo(), strict=True):
            record.erm_is_procesbewaker = admin or (
                sudo_record.case_id.procesbewaker_user_id == self.env.user
            )

    @api.constrains("vangnet", "vangnet_regime")
    def _check_vangnet(self):
        for record in self.sudo():
            if record.vangnet_regime and not record.vangnet:
                raise ValidationError(self.env._(
                    "A UWV reporting term for the safety net only applies when a safety "
                    "net applies."
                ))
            if (record.vangnet_regime == "employment_end"
                    and not record.case_id.date_employment_end):
                raise ValidationError(self.env._(
                    "Enter the last working day: UWV must be informed on that day."
                ))

    @api.model_create_multi
    def create(self, vals_list):
        # the reporter fills the private data in the sick report; changes after it are
        # the process guardian's (checked on write)
        records = super().create(vals_list)
        if not self.env.context.get("erm_from_case") and any(
            vals.get(name) for vals in vals_list for name in ("vangnet_regime", "wazo_bridge")
        ):
            records.case_id._recompute_wvp()
        return records

    def write(self, vals):
        self._erm_check_process_fields(vals)
        res = super().write(vals)
        if {"vangnet", "vangnet_regime", "wazo_bridge"} & set(vals) and not (
            self.env.context.get("erm_from_case")
        ):
            self.case_id._recompute_wvp()
        return res

    def _erm_check_process_fields(self, vals):
        """The safety net is a process matter: only the process guardian (and the
        administrator) changes it after the sick report."""
        names = PRIVATE_PROCESS_FIELDS & set(vals)
        if not names or self.env.su or self.env.user.has_group(ADMIN_GROUP):
            return
        others = self.sudo().filtered(
            lambda r: r.case_id.procesbewaker_user_id.id != self.env.uid
        )
        if others:
            raise AccessError(self.env._(
                "Only the process guardian of %(case)s may change: %(fields)s.",
                case=others[0].case_id.display_name,
                fields=", ".join(
                    self._fields[name]._description_string(self.env) for name in sorted(names)
                ),
            ))
