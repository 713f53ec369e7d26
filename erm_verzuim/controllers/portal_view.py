# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The employee's own view in his plans and evaluations, and self-reporting.

/my/verzuim/plan/<id>: he reads the employer's view and the agreements, writes his own view
and signs it off (then it is locked). /my/verzuim/report-sick and
/my/verzuim/case/<id>/recovery: per company setting he reports himself sick or (partly)
recovered; the case model's checked methods take the manager's code path. Plans and cases are
searched as the user (ACLs and record rules): a colleague's record is simply not found (404).
"""

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from ..models.erm_absence_case import EXPECTED_DURATION
from .portal import VerzuimPortal

ERRORS = (UserError, ValidationError, AccessError, MissingError)


class VerzuimPortalView(VerzuimPortal):
    # ----------------------------------------------------------------- extension points
    def _erm_portal_overview_links(self, employee):
        links = super()._erm_portal_overview_links(employee)
        if employee and request.env["erm.absence.case"]._may_report_sick():
            links.append({
                "title": request.env._("Report sick"),
                "url": "/my/verzuim/report-sick",
                "text": request.env._("Report yourself sick for work"),
            })
        return links

    def _erm_portal_case_links(self, case):
        links = super()._erm_portal_case_links(case)
        if case._may_report_recovery():
            links.append({
                "title": request.env._("Report recovery"),
                "url": f"/my/verzuim/case/{case.id}/recovery",
                "text": request.env._("Report that you work again, partly or fully"),
            })
        return links

    # ----------------------------------------------------------------- helpers
    def _erm_own_record(self, model, record_id):
        """The user's own plan or case by id, searched as the user: another one's is not
        found (404), whatever the id."""
        employee = self._erm_portal_employee()
        if not employee:
            raise NotFound()
        record = request.env[model].search(
            [("id", "=", record_id), ("employee_id", "=", employee.id)], limit=1
        )
        if not record:
            raise NotFound()
        return record

    @staticmethod
    def _erm_error_text(error):
        return error.args[0] if error.args else str(error)

    # ----------------------------------------------------------------- my view
    @http.route("/my/verzuim/plan/<int:plan_id>", type="http", auth="user", website=True)
    def portal_erm_plan(self, plan_id, message=None, error=None, view_employee=None, **kw):
        plan = self._erm_own_record("erm.reintegration.plan", plan_id)
        plan._erm_log_access("read", channel="portal")
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "erm_plan",
            "plan": plan,
            "kind_label": dict(plan._fields["kind"]._description_selection(request.env))[
                plan.kind],
            "view_text": plan.view_employee if view_employee is None else view_employee,
            "message": message,
            "error": error,
        })
        return request.render("erm_verzuim.portal_erm_plan", values)

    @http.route("/my/verzuim/plan/<int:plan_id>/view", type="http", auth="user",
                website=True, methods=["POST"])
    def portal_erm_plan_view(self, plan_id, view_employee="", sign=None, **kw):
        plan = self._erm_own_record("erm.reintegration.plan", plan_id)
        try:
            with request.env.cr.savepoint():
                if (plan.view_employee or "") != view_employee:
                    plan.write({"view_employee": view_employee})
                if sign:
                    plan.action_sign_employee_view()
        except ERRORS as error:
            request.env.invalidate_all()
            return self.portal_erm_plan(plan_id, error=self._erm_error_text(error),
                                        view_employee=view_employee)
        message = "signed" if sign else "saved"
        return request.redirect(f"/my/verzuim/plan/{plan.id}?message={message}")

    # ----------------------------------------------------------------- self-reporting
    @http.route("/my/verzuim/report-sick", type="http", auth="user", website=True,
                methods=["GET", "POST"])
    def portal_erm_report_sick(self, **post):
        employee = self._erm_portal_employee()
        if not employee:
            raise NotFound()
        Case = request.env["erm.absence.case"]
        error = None
        if request.httprequest.method == "POST":
            try:
                with request.env.cr.savepoint():
                    request.env["erm.absence.case"]._report_sick(post)
            except ERRORS as exc:
                request.env.invalidate_all()
                error = self._erm_error_text(exc)
            else:
                return self._erm_report_done("sick")
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "erm_report_sick",
            "allowed": request.env["erm.absence.case"]._may_report_sick(),
            "durations": EXPECTED_DURATION,
            "duration_labels": dict(Case._fields["expected_duration"]._description_selection(
                request.env)),
            "today": fields.Date.context_today(Case),
            "post": post,
            "error": error,
        })
        return request.render("erm_verzuim.portal_erm_report_sick", values)

    @http.route("/my/verzuim/case/<int:case_id>/recovery", type="http", auth="user",
                website=True, methods=["GET", "POST"])
    def portal_erm_recovery(self, case_id, **post):
        case = self._erm_own_record("erm.absence.case", case_id)
        error = None
        if request.httprequest.method == "POST":
            try:
                with request.env.cr.savepoint():
                    working_pct = None
                    if post.get("extent") == "partial":
                        try:
                            working_pct = float(post.get("working_pct") or 0)
                        except ValueError:
                            working_pct = 0.0
                    case._report_recovery(post.get("date") or False, working_pct)
            except ERRORS as exc:
                request.env.invalidate_all()
                error = self._erm_error_text(exc)
            else:
                return self._erm_report_done("recovery", case)
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "erm_recovery",
            "case": case,
            "allowed": case._may_report_recovery(),
            "today": fields.Date.context_today(case),
            "post": post,
            "error": error,
        })
        return request.render("erm_verzuim.portal_erm_recovery", values)

    def _erm_report_done(self, kind, case=None):
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "erm_report_done", "kind": kind, "case": case})
        return request.render("erm_verzuim.portal_erm_report_done", values)
