# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The employee's employability budget in the portal (/my/verzuim/budget): his balance, his
claims and a new claim with the invoice. Everything as the user: the record rules
(security/erm_budget_security.xml) show him his own claims only; the balance comes from a
checked model method (erm.budget.claim._erm_budget_balance) that refuses anyone else's."""

import base64
import re

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools import format_date

from .portal import VerzuimPortal

MAX_INVOICE_BYTES = 10 * 1024 * 1024


class VerzuimBudgetPortal(VerzuimPortal):
    # --------------------------------------------------------------- extension points
    def _erm_portal_prevention_links(self, employee):
        links = super()._erm_portal_prevention_links(employee)
        if employee and self._erm_budget_enabled(employee):
            links.append(self._erm_budget_link())
        return links

    def _erm_budget_link(self):
        return {
            "title": request.env._("Employability budget"),
            "url": "/my/verzuim/budget",
            "text": request.env._(
                "Your yearly budget for services that keep you fit for work; nobody but "
                "you and the budget administrator sees what you spend it on."
            ),
        }

    @staticmethod
    def _erm_employee_company(employee):
        # sudo: his own employee's company and its budget settings (a portal user may not
        # read hr.employee)
        return employee.sudo().company_id

    @classmethod
    def _erm_budget_enabled(cls, employee):
        return cls._erm_employee_company(employee).erm_budget_amount > 0

    # --------------------------------------------------------------- /my home
    @http.route()
    def home(self, **kw):
        response = super().home(**kw)
        employee = self._erm_portal_employee()
        response.qcontext["erm_budget_link"] = (
            self._erm_budget_link() if employee and self._erm_budget_enabled(employee)
            else None
        )
        return response

    # --------------------------------------------------------------- pages
    def _erm_budget_values(self, employee, error=None, form=None, message=None):
        Claim = request.env["erm.budget.claim"]
        balance = Claim._erm_budget_balance(employee)
        claims = Claim.search([("employee_id", "=", employee.id)], limit=200)
        Service = request.env["erm.provider.service"]
        Provider = request.env["erm.provider"]
        services = Service.search([("phase", "=", "prevention")]) \
            if Service.has_access("read") else Service
        providers = Provider.search([]) if Provider.has_access("read") else Provider
        company = self._erm_employee_company(employee)
        currency = balance["currency"]
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "erm_budget",
            "balance": balance,
            "money": lambda amount: currency.format(amount or 0.0),
            "claims": claims,
            "state_labels": dict(Claim._fields["state"]._description_selection(request.env)),
            "format_date": lambda day: format_date(request.env, day),
            "services": services,
            "providers": providers,
            "free_services": company.erm_budget_services == "free",
            "error": error,
            "form": form or {},
            "message": message,
            "today": fields.Date.context_today(Claim),
        })
        return values

    def _erm_budget_employee(self):
        employee = self._erm_portal_employee()
        if not employee or not self._erm_budget_enabled(employee):
            raise NotFound()
        return employee

    @http.route("/my/verzuim/budget", type="http", auth="user", website=True)
    def portal_my_budget(self, message=None, **kw):
        employee = self._erm_budget_employee()
        return request.render("erm_verzuim.portal_my_budget",
                              self._erm_budget_values(employee, message=message))

    @staticmethod
    def _erm_budget_int(value):
        return int(value) if str(value or "").isdigit() else False

    @http.route("/my/verzuim/budget/claim", type="http", auth="user", website=True,
                methods=["POST"])
    def portal_budget_claim(self, **kw):
        employee = self._erm_budget_employee()
        env = request.env
        try:
            amount = float(re.sub(r"\s", "", kw.get("amount") or "").replace(",", "."))
        except ValueError:
            amount = 0.0
        invoice = kw.get("invoice")
        data = invoice.read() if invoice and getattr(invoice, "filename", None) else b""
        error = None
        if amount <= 0:
            error = env._("Enter the amount of the invoice.")
        elif not data:
            error = env._("Add the invoice (a PDF or a photo).")
        elif len(data) > MAX_INVOICE_BYTES:
            error = env._("The invoice is too large (at most 10 MB).")
        if not error:
            try:
                # a refused claim leaves nothing behind, and the page shows the rule
                with env.cr.savepoint():
                    claim = env["erm.budget.claim"].create({
                        "employee_id": employee.id,
                        "amount": amount,
                        "date": kw.get("date") or fields.Date.context_today(employee),
                        "service_id": self._erm_budget_int(kw.get("service_id")),
                        "provider_id": self._erm_budget_int(kw.get("provider_id")),
                        "provider_name": (kw.get("provider_name") or "").strip() or False,
                        "description": (kw.get("description") or "").strip() or False,
                        "invoice_file": base64.b64encode(data),
                        "invoice_filename": invoice.filename,
                    })
                    claim.action_submit()
            except (UserError, ValidationError, AccessError, ValueError) as exc:
                env.invalidate_all()
                error = exc.args[0] if exc.args else str(exc)
        if error:
            form = {key: kw.get(key) for key in (
                "amount", "date", "service_id", "provider_id", "provider_name", "description")}
            return request.render("erm_verzuim.portal_my_budget",
                                  self._erm_budget_values(employee, error=error, form=form))
        return request.redirect("/my/verzuim/budget?message=submitted")
