# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The provider network (providersboog, domain.md §7): the internal and external partners
the organisation calls in, with the services they deliver. One catalogue, readable by every
Verzuim role, written by HR and the administrator; never deleted (archived instead)."""

from odoo import api, fields, models
from odoo.exceptions import UserError

PROVIDER_KINDS = [
    ("bedrijfsarts", "Company doctor (bedrijfsarts)"),
    ("arbeidsdeskundige", "Labour expert (arbeidsdeskundige)"),
    ("casemanager", "Registered casemanager"),
    ("verzuimcoach", "Absence coach"),
    ("psycholoog", "Psychologist"),
    ("fysiotherapeut", "Physiotherapist"),
    ("mediator", "Mediator"),
    ("loopbaancoach", "Career coach"),
    ("reintegratiebureau", "Reintegration agency"),
    ("verzekeraar", "Absence insurer"),
    ("other", "Other"),
]
# Kept on the provider's contact (res.partner), written by the system for HR.
PARTNER_FIELDS = ("name", "email", "phone")


class ErmProvider(models.Model):
    _name = "erm.provider"
    _description = "Provider (Provider Network)"
    _inherit = ["mail.thread"]
    _order = "kind, name, id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, index=True, ondelete="restrict",
        tracking=True, help="The company or person that delivers the services.",
    )
    name = fields.Char(related="partner_id.name", store=True, readonly=False)
    email = fields.Char(related="partner_id.email", readonly=False)
    phone = fields.Char(related="partner_id.phone", readonly=False)
    kind = fields.Selection(PROVIDER_KINDS, required=True, default="other", tracking=True)
    internal = fields.Boolean(
        tracking=True,
        help="Part of the organisation itself (e.g. an in-house absence coach); otherwise an "
        "external partner.",
    )
    contact_name = fields.Char(
        string="Contact person", help="Who to call at the provider for a new request.",
    )
    date_start = fields.Date(string="Contract from", tracking=True)
    date_end = fields.Date(string="Contract until", tracking=True)
    service_ids = fields.One2many("erm.provider.service", "provider_id", string="Services")
    service_count = fields.Integer(compute="_compute_service_count")
    phase_summary = fields.Char(
        string="Phases", compute="_compute_service_count",
        help="The phases the provider's active services cover.",
    )
    note = fields.Text(string="Notes", help="Agreements with the provider (no personal data).")
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", index=True,
        help="Empty: the provider serves every company of the group (shared catalogue).",
    )

    _sql_constraints = [
        ("contract_dates",
         "CHECK (date_end IS NULL OR date_start IS NULL OR date_end >= date_start)",
         "The contract cannot end before it starts."),
    ]

    @api.model
    def _sudo_partners(self, partners=None):
        """The providers' contacts (default: the model) as superuser."""
        # sudo: HR keeps the catalogue without the right to manage contacts: the provider's
        # own contact record is created and kept in step by the system (the caller checked
        # the access to the provider)
        return (partners if partners is not None else self.env["res.partner"]).sudo()

    @api.model_create_multi
    def create(self, vals_list):
        self.check_access("create")  # before the contact is made on HR's behalf
        vals_list = [dict(vals) for vals in vals_list]
        Partner = self._sudo_partners()
        for vals in vals_list:
            partner_vals = {name: vals.pop(name) for name in PARTNER_FIELDS if name in vals}
            if vals.get("partner_id"):
                if partner_vals:
                    Partner.browse(vals["partner_id"]).write(partner_vals)
            else:
                vals["partner_id"] = Partner.create(dict(partner_vals, is_company=True)).id
        return super().create(vals_list)

    def write(self, vals):
        vals = dict(vals)
        partner_vals = {name: vals.pop(name) for name in PARTNER_FIELDS if name in vals}
        res = super().write(vals)
        if partner_vals:
            self.check_access("write")
            self._sudo_partners(self.partner_id).write(partner_vals)
        return res

    @api.depends("service_ids.phase", "service_ids.active")
    def _compute_service_count(self):
        labels = dict(
            self.env["erm.provider.service"]._fields["phase"]._description_selection(self.env)
        )
        order = list(labels)
        for provider in self:
            services = provider.service_ids.filtered("active")
            provider.service_count = len(services)
            phases = sorted(set(services.mapped("phase")), key=order.index)
            provider.phase_summary = ", ".join(labels[phase] for phase in phases)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._(
                "Providers are never deleted: archive the provider instead, so that the "
                "interventions on cases keep their history."
            ))
