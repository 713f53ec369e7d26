# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The employee's own place in the portal (/my/verzuim).

Many organisations give their staff no internal user, so the employee's pages live in the
portal and work alike for a portal user and an internal user. Everything runs through the
ORM as that user: the ACLs and record rules decide what he sees, exactly as in the backend
(security/erm_portal_security.xml for portal users, the Medewerker rules for the others).
"""

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

# Lines of the access log per page.
LOG_STEP = 50
# Open milestones shown as "next steps" on the case page.
NEXT_MILESTONES = 5


class VerzuimPortal(CustomerPortal):
    @staticmethod
    def _erm_portal_employee():
        """The employee record of the logged-in user (identity only)."""
        return request.env["hr.employee"]._erm_own_employee()

    # ----------------------------------------------------------------- extension points
    def _erm_portal_overview_links(self, employee):
        """Cards on /my/verzuim: [{"title", "url", "text"}]."""
        return [{
            "title": request.env._("Prevention"),
            "url": "/my/verzuim/prevention",
            "text": request.env._(
                "Services that help you stay healthy at work, before you fall ill."),
        }]

    def _erm_portal_case_links(self, case):
        """Buttons on the case page: [{"title", "url", "text"}]."""
        return []

    def _erm_portal_prevention_links(self, employee):
        """Cards on the prevention page: [{"title", "url", "text"}]."""
        return []

    # ----------------------------------------------------------------- helpers
    @staticmethod
    def _erm_portal_cases_domain(employee):
        # his own cases only, also for a user whose roles let him read colleagues' cases
        return [("employee_id", "=", employee.id)]

    def _erm_portal_case(self, case_id):
        """The user's own case, searched as the user (record rules): a colleague's case,
        or one he may not read, is simply not found."""
        employee = self._erm_portal_employee()
        Case = request.env["erm.absence.case"]
        if not employee or not Case.has_access("read"):
            raise NotFound()
        case = Case.search(
            self._erm_portal_cases_domain(employee) + [("id", "=", int(case_id))], limit=1
        )
        if not case:
            raise NotFound()
        return case

    def _erm_portal_case_values(self, case):
        """The values of the case page; erm_spreekuur adds the consultations."""
        env = request.env
        milestones = case.milestone_ids.filtered(
            lambda m: not m.date_done and m.state not in ("done", "cancelled")
        )
        advice = env["erm.ba.advice"].search(
            [("case_id", "=", case.id), ("state", "=", "issued")],
            order="date_advice desc, id desc",
        ) if env["erm.ba.advice"].has_access("read") else env["erm.ba.advice"]
        interventions = env["erm.intervention"].search(
            [("case_id", "=", case.id), ("state", "!=", "cancelled")],
            order="date_start desc, id desc",
        ) if env["erm.intervention"].has_access("read") else env["erm.intervention"]
        return {
            "case": case,
            "periods": case.period_ids.sorted("date_from"),
            "next_milestones": milestones.sorted(
                lambda m: (m.date_deadline, m.sequence, m.id))[:NEXT_MILESTONES],
            "contacts": case._duty_contacts(),
            "plans": case.plan_ids.sorted(lambda p: (p.date_done or fields.Date.today(), p.id),
                                          reverse=True),
            "advice": advice,
            "interventions": interventions,
            "case_links": self._erm_portal_case_links(case),
        }

    # ----------------------------------------------------------------- /my home
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "verzuim_count" in counters:
            Case = request.env["erm.absence.case"]
            employee = self._erm_portal_employee()
            values["verzuim_count"] = Case.search_count(
                self._erm_portal_cases_domain(employee) + [("date_recovered", "=", False)]
            ) if employee and Case.has_access("read") else 0
        return values

    @http.route()
    def home(self, **kw):
        response = super().home(**kw)
        response.qcontext["erm_verzuim_employee"] = bool(self._erm_portal_employee())
        return response

    # ----------------------------------------------------------------- pages
    @http.route("/my/verzuim", type="http", auth="user", website=True)
    def portal_my_verzuim(self, **kw):
        employee = self._erm_portal_employee()
        if not employee:
            raise NotFound()
        Case = request.env["erm.absence.case"]
        cases = Case.search(self._erm_portal_cases_domain(employee)) \
            if Case.has_access("read") else Case
        cases._erm_log_access("list", channel="portal")
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "verzuim",
            "open_cases": cases.filtered(lambda c: not c.date_recovered),
            "past_cases": cases.filtered("date_recovered"),
            "links": self._erm_portal_overview_links(employee),
        })
        return request.render("erm_verzuim.portal_my_verzuim", values)

    @http.route("/my/verzuim/case/<int:case_id>", type="http", auth="user", website=True)
    def portal_my_verzuim_case(self, case_id, **kw):
        case = self._erm_portal_case(case_id)
        values = self._prepare_portal_layout_values()
        values.update(self._erm_portal_case_values(case))
        values["page_name"] = "verzuim_case"
        # what the page shows of the case: the case, its plans and the doctor's advice
        case._erm_log_access("read", channel="portal")
        values["plans"]._erm_log_access("read", channel="portal")
        values["advice"]._erm_log_access("read", channel="portal")
        return request.render("erm_verzuim.portal_my_verzuim_case", values)

    @http.route(["/my/verzuim/case/<int:case_id>/log",
                 "/my/verzuim/case/<int:case_id>/log/page/<int:page>"],
                type="http", auth="user", website=True)
    def portal_my_verzuim_case_log(self, case_id, page=1, **kw):
        case = self._erm_portal_case(case_id)
        Log = request.env["erm.access.log"]
        domain = [("case_id", "=", case.id)]
        total = Log.search_count(domain) if Log.has_access("read") else 0
        pager = portal_pager(url=f"/my/verzuim/case/{case.id}/log", total=total, page=page,
                             step=LOG_STEP)
        logs = Log.search(domain, limit=LOG_STEP, offset=pager["offset"]) if total else Log
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "verzuim_log",
            "case": case,
            "logs": logs,
            "pager": pager,
        })
        return request.render("erm_verzuim.portal_my_verzuim_case_log", values)

    @http.route("/my/verzuim/case/<int:case_id>/log/print", type="http", auth="user",
                website=True)
    def portal_my_verzuim_case_log_print(self, case_id, report_type="pdf", download=None,
                                         **kw):
        """The overview as a PDF, rendered as the employee himself: the report reads the
        log through his record rules (his own cases only), and the print is logged."""
        if report_type not in ("pdf", "html"):
            raise NotFound()
        case = self._erm_portal_case(case_id)
        Report = request.env["ir.actions.report"].with_company(case.company_id).with_context(
            erm_portal=True)
        render = Report._render_qweb_pdf if report_type == "pdf" else Report._render_qweb_html
        content, rendered = render("erm_verzuim.action_report_erm_access_overview", case.ids)
        headers = self._get_http_headers(case, rendered, content, download)
        return request.make_response(content, headers=list(headers.items()))

    @http.route("/my/verzuim/prevention", type="http", auth="user", website=True)
    def portal_my_verzuim_prevention(self, **kw):
        employee = self._erm_portal_employee()
        if not employee:
            raise NotFound()
        Service = request.env["erm.provider.service"]
        services = Service.search(
            [("phase", "=", "prevention"), ("provider_id.active", "=", True)],
            order="provider_id, name",
        ) if Service.has_access("read") else Service
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "verzuim_prevention",
            "services": services,
            "links": self._erm_portal_prevention_links(employee),
        })
        return request.render("erm_verzuim.portal_my_verzuim_prevention", values)
