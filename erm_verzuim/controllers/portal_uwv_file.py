# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The employee's own copy of his re-integration report (RIV) in the portal: he sends it to
UWV with his WIA application (domain.md §5a). Rendered as the employee himself: his case is
searched through his record rules (a colleague's is not found), and the download is logged
in the access log through the portal."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import content_disposition, request

from .portal import VerzuimPortal

RIV_REPORT = "erm_verzuim.action_report_erm_riv"


class VerzuimPortalUwvFile(VerzuimPortal):
    def _erm_portal_case_links(self, case):
        links = super()._erm_portal_case_links(case)
        links.append({
            "title": request.env._("My re-integration report (PDF)"),
            "url": f"/my/verzuim/case/{case.id}/reintegratieverslag",
            "text": request.env._(
                "Your re-integration file in one document, to send with a WIA application"),
        })
        return links

    @http.route("/my/verzuim/case/<int:case_id>/reintegratieverslag", type="http",
                auth="user", website=True)
    def portal_my_verzuim_case_riv(self, case_id, report_type="pdf", **kw):
        if report_type not in ("pdf", "html"):
            raise NotFound()
        case = self._erm_portal_case(case_id)
        Report = request.env["ir.actions.report"].with_company(case.company_id).with_context(
            erm_portal=True, erm_access_channel="portal")
        render = Report._render_qweb_pdf if report_type == "pdf" else Report._render_qweb_html
        content, rendered = render(RIV_REPORT, case.ids)
        headers = [("Content-Type", "application/pdf" if rendered == "pdf" else "text/html"),
                   ("Content-Length", len(content))]
        if rendered == "pdf":
            # a download, named as the backend's print names it
            headers.append(("Content-Disposition", content_disposition(
                f"Re-integratieverslag {case.name}.pdf")))
        return request.make_response(content, headers=headers)
