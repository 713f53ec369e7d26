# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the records that hold a part of a case's sick report share (the contact data,
erm.absence.case.private, and the safety net, erm.absence.case.vangnet): one per case, the
case's company, whether the reader guards its process, and the access log's case. Each part
has its own ACL and record rules: who may know it differs."""

from odoo import api, fields, models

ADMIN_GROUP = "erm_verzuim.group_erm_admin"


class ErmAbsenceCasePart(models.AbstractModel):
    _name = "erm.absence.case.part"
    _description = "Absence Case: Part of the Sick Report"

    case_id = fields.Many2one(
        "erm.absence.case", string="Absence case", required=True, readonly=True,
        index=True, ondelete="cascade",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True,
        compute="_compute_company_id", store=True, precompute=True,
    )
    erm_is_procesbewaker = fields.Boolean(
        string="I guard the process", compute="_compute_erm_is_procesbewaker")

    def _erm_access_log_cases(self):
        return {record.id: record.case_id.id for record in self.sudo()}

    @api.depends("case_id.company_id")
    def _compute_company_id(self):
        for record in self:
            # the case may be unreadable for the reporter: its company is not secret
            record.company_id = record.case_id.sudo().company_id

    @api.depends_context("uid")
    def _compute_erm_is_procesbewaker(self):
        admin = self.env.user.has_group(ADMIN_GROUP)
        # sudo: only whether the reader himself guards the process (yes/no)
        for record, sudo_record in zip(self, self.sudo(), strict=True):
            record.erm_is_procesbewaker = admin or (
                sudo_record.case_id.procesbewaker_user_id == self.env.user
            )

    def _erm_not_guarded_by_me(self):
        """The records of self whose case the current user does not guard (none for the
        superuser and the administrator): after the sick report, process matters are the
        process guardian's."""
        if self.env.su or self.env.user.has_group(ADMIN_GROUP):
            return self.browse()
        # sudo: only who guards each case's process
        return self.sudo().filtered(
            lambda r: r.case_id.procesbewaker_user_id.id != self.env.uid
        )
