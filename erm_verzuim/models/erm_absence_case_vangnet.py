# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Whether a Ziektewet safety net (vangnet) applies to a case, and UWV's reporting term.

Only HR and the case's process guardian (and the employee himself) may know it (domain.md
§5): narrower than the contact data of erm.absence.case.private, which the duty holders need
for their work. Hence a record of its own, one per case, with its own ACL and record rules
(security/erm_vangnet_security.xml). The case creates it and routes the keys ``vangnet`` and
``vangnet_regime`` of its create() and write() to it."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..engine import wvp

# The fields of this model the case accepts in create() and write().
VANGNET_FIELDS = ("vangnet", "vangnet_regime")


class ErmAbsenceCaseVangnet(models.Model):
    _name = "erm.absence.case.vangnet"
    _description = "Absence Case: Safety Net"
    _inherit = ["erm.absence.case.part", "mail.thread", "erm.access.logged.mixin"]
    _rec_name = "case_id"
    _check_company_auto = True

    vangnet = fields.Boolean(
        string="Safety net (Ziektewet vangnet) applies", tracking=True,
        help="Only whether a safety net applies. Which one it is may not be registered.",
    )
    vangnet_regime = fields.Selection(
        list(wvp.VANGNET_REGIME_LABELS.items()), string="UWV reporting term", tracking=True,
        help="The term within which UWV must be informed. It names the term, not the ground.",
    )
    erm_is_procesbewaker = fields.Boolean(string="I may edit the safety net")

    _sql_constraints = [
        ("case_unique", "UNIQUE(case_id)", "An absence case has one safety-net record."),
    ]

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

    def write(self, vals):
        self._erm_check_guardian(vals)
        res = super().write(vals)
        if set(VANGNET_FIELDS) & set(vals) and not self.env.context.get("erm_from_case"):
            self.case_id._recompute_wvp()
        return res

    def _erm_check_guardian(self, vals):
        """The safety net is a process matter: only the process guardian (and the
        administrator) changes it after the sick report; HR reads it."""
        others = self._erm_not_guarded_by_me() if set(VANGNET_FIELDS) & set(vals) else (
            self.browse())
        if others:
            raise AccessError(self.env._(
                "Only the process guardian of %(case)s may change whether a safety net "
                "applies.",
                case=others[0].case_id.display_name,
            ))
