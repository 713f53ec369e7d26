# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        """A printed (PDF or HTML) report of absence cases, plans or advice is a read of
        them: log it, and require two-factor login like the backend does (the employee's own
        pages in the portal are not a case role's access and skip that check)."""
        Model = self.env.get(report.model)
        if docids and Model is not None and hasattr(Model, "_erm_log_access"):
            ids = [docids] if isinstance(docids, int) else list(docids)
            records = Model.browse(ids)
            if not self.env.context.get("erm_portal"):
                records._erm_check_two_factor()
            # the portal's downloads say so (erm_access_channel); the backend's prints: pdf
            records._erm_log_access(
                "print", channel=self.env.context.get("erm_access_channel") or "pdf")
        return super()._get_rendering_context(report, docids, data)
