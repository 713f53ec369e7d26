# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The private part of the sick report: contact data, recourse and the WAZO bridge
(domain.md §5). Whether a safety net applies is narrower still: erm.absence.case.vangnet.

Only the case's duty holders, HR and the employee himself may know these (AP 2016,
need-to-know), so they live in their own model with their own ACL and record rules
(security/erm_verzuim_security.xml): every read path (forms, lists, exports,
templates, related fields, chatter) is governed by Odoo's access machinery. One record per
case; the case creates and writes it for the caller (erm.absence.case.create/write accept
these keys)."""

from odoo import api, fields, models
from odoo.exceptions import AccessError

# The fields of this model the case accepts in create() and write().
PRIVATE_FIELDS = (
    "contact_phone", "care_street", "care_zip", "care_city",
    "third_party_liable", "wazo_bridge",
)
# Written by the case's process guardian (and the administrator) only.
PRIVATE_PROCESS_FIELDS = frozenset({"third_party_liable", "wazo_bridge"})
# Cleared when the re-integration dossier is anonymised.
PRIVATE_DOSSIER_FIELDS = ("contact_phone", "care_street", "care_zip", "care_city")


class ErmAbsenceCasePrivate(models.Model):
    _name = "erm.absence.case.private"
    _description = "Absence Case: Contact Data"
    _inherit = ["erm.absence.case.part", "mail.thread", "erm.access.logged.mixin"]
    _rec_name = "case_id"
    _check_company_auto = True

    contact_phone = fields.Char(string="Phone during absence", tracking=True)
    care_street = fields.Char(string="Care address street", tracking=True)
    care_zip = fields.Char(string="Care address postcode", tracking=True)
    care_city = fields.Char(string="Care address city", tracking=True)
    third_party_liable = fields.Boolean(
        string="Third party liable (recourse)", tracking=True,
    )
    wazo_bridge = fields.Boolean(
        string="Same cause as before the WAZO leave", tracking=True,
        help="Set when the company doctor states that this absence, after pregnancy or "
        "maternity leave, has the same cause as the absence before the leave. The leave "
        "then neither counts as sick days nor breaks the chain.",
    )
    erm_is_procesbewaker = fields.Boolean(string="I may edit the process fields")

    _sql_constraints = [
        ("case_unique", "UNIQUE(case_id)", "An absence case has one set of contact data."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        # the reporter fills the private data in the sick report; changes after it are
        # the process guardian's (checked on write)
        records = super().create(vals_list)
        if not self.env.context.get("erm_from_case") and any(
            vals.get(name) for vals in vals_list for name in ("wazo_bridge",)
        ):
            records.case_id._recompute_wvp()
        return records

    def write(self, vals):
        self._erm_check_process_fields(vals)
        res = super().write(vals)
        if "wazo_bridge" in vals and not (
            self.env.context.get("erm_from_case")
        ):
            self.case_id._recompute_wvp()
        return res

    def _erm_check_process_fields(self, vals):
        """Recourse and the WAZO bridge are process matters: only the process guardian (and the
        administrator) changes it after the sick report."""
        names = PRIVATE_PROCESS_FIELDS & set(vals)
        others = self._erm_not_guarded_by_me() if names else self.browse()
        if others:
            raise AccessError(self.env._(
                "Only the process guardian of %(case)s may change: %(fields)s.",
                case=others[0].case_id.display_name,
                fields=", ".join(
                    self._fields[name]._description_string(self.env) for name in sorted(names)
                ),
            ))
