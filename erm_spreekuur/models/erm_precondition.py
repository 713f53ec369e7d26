# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ErmPrecondition(models.Model):
    _inherit = "erm.precondition"

    @api.model
    def _erm_auto_evidence(self, companies):
        """The consultation hours prove two preconditions: an in-house consultation location
        (active rooms) and the company doctor's agenda planned in-house (open sessions from
        today on)."""
        result = super()._erm_auto_evidence(companies)
        if not companies:
            return result
        env = self._evidence_env()  # whether rooms and sessions exist, counted only
        rooms = dict(env["erm.spreekuur.location"]._read_group(
            [("company_id", "in", companies.ids)], ["company_id"], ["__count"],
        ))
        sessions = dict(env["erm.spreekuur.session"]._read_group(
            [("company_id", "in", companies.ids), ("state", "=", "open"),
             ("start", ">=", fields.Datetime.now())],
            ["company_id"], ["__count"],
        ))
        for company in companies:
            if rooms.get(company):
                result[(company.id, "consultation_location")] = self.env._(
                    "%(count)s consultation rooms are set up for the consultation hours.",
                    count=rooms[company],
                )
            if sessions.get(company):
                result[(company.id, "ba_agenda")] = self.env._(
                    "%(count)s consultation sessions are planned from today on.",
                    count=sessions[company],
                )
        return result
