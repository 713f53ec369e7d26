# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from ..engine import wvp
from .erm_format import org_env


class ErmWachttijdExtension(models.Model):
    """A UWV decision that moves the end of the waiting time: a wage sanction (loonsanctie,
    at most 52 weeks) or a voluntary extension (art. 24 WIA)."""

    _name = "erm.wachttijd.extension"
    _description = "Waiting-time Extension"
    _inherit = ["mail.thread"]
    _order = "date_end desc, id desc"

    case_id = fields.Many2one(
        "erm.absence.case", string="Absence case", required=True, index=True, ondelete="cascade",
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    employee_id = fields.Many2one(related="case_id.employee_id", store=True)
    kind = fields.Selection(
        [("loonsanctie", "Wage sanction (loonsanctie)"),
         ("verlenging", "Voluntary extension (art. 24 WIA)")],
        required=True, tracking=True,
    )
    date_decision = fields.Date(string="UWV decision date", tracking=True)
    date_end = fields.Date(
        string="New end of waiting time", required=True, tracking=True,
        help="The end date as UWV decided.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment", string="Documents",
        help="The UWV decision. Administrative documents only.",
    )

    @api.constrains("kind", "date_end", "case_id")
    def _check_date_end(self):
        chains = self.case_id._wvp_chains()
        for ext in self:
            chain = chains.get(ext.case_id.chain_root_id.id)
            if not chain:
                continue
            try:
                wvp.validate_extension(chain, wvp.Extension(ext.kind, ext.date_end))
            except wvp.EngineError as exc:
                normal_end = wvp.normal_wachttijd_end(chain)
                if ext.kind == "loonsanctie" and normal_end and ext.date_end > normal_end:
                    raise ValidationError(self.env._(
                        "A wage sanction lasts at most 52 weeks: the new end can be at most "
                        "%(date)s.", date=format_date(self.env, normal_end + timedelta(days=364))
                    )) from exc
                raise ValidationError(self.env._(
                    "The new end of the waiting time must come after the normal end "
                    "(%(date)s).", date=format_date(self.env, normal_end)
                )) from exc

    @api.model_create_multi
    def create(self, vals_list):
        extensions = super().create(vals_list)
        # one note per case, in the author's language and date format
        lines = defaultdict(list)
        for ext in extensions:
            env = org_env(self.env, ext.company_id)
            kinds = dict(self._fields["kind"]._description_selection(env))
            lines[ext.case_id.id].append(env._(
                "Waiting time extended to %(date)s (%(kind)s).",
                date=format_date(env, ext.date_end), kind=kinds[ext.kind],
            ))
        extensions.case_id._message_log_batch(
            bodies={case_id: " ".join(parts) for case_id, parts in lines.items()}
        )
        extensions.case_id._recompute_wvp()
        return extensions

    def write(self, vals):
        res = super().write(vals)
        if {"date_end", "kind", "case_id"} & set(vals):
            self.case_id._recompute_wvp()
        return res

    def unlink(self):
        cases = self.case_id
        res = super().unlink()
        cases._recompute_wvp()
        return res
