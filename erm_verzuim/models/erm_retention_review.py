# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Retention (domain.md §5): a scheduled review lists the closed cases past their retention
term; an HR adviser confirms it, and only then are they anonymised. Nothing is removed
silently: the review, its lines and the cases' chatter say what happened, when and by whom.

Terms (configurable per company, in years):

* re-integration dossier: after the recovery (the end of the re-integration); for cases under
  the Ziektewet safety net (ERD-ZW) the longer ERD-ZW term applies;
* administrative absence data: after the employment ended (the employee's departure date),
  once every case of the employee is past its dossier term: the person is then replaced by a
  pseudonym."""

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .erm_format import fmt_date, org_env

HR_GROUP = "erm_verzuim.group_erm_hr"


class ErmRetentionReview(models.Model):
    _name = "erm.retention.review"
    _description = "Retention Review"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True,
        default=lambda self: self.env.company,
    )
    date = fields.Date(
        string="Review date", required=True, readonly=True, default=fields.Date.context_today,
    )
    state = fields.Selection(
        [("draft", "To confirm"), ("confirmed", "Confirmed"), ("cancelled", "Cancelled")],
        default="draft", required=True, readonly=True, tracking=True, index=True,
    )
    line_ids = fields.One2many("erm.retention.review.line", "review_id", string="Cases")
    line_count = fields.Integer(string="Number of cases", compute="_compute_line_count")
    confirmed_user_id = fields.Many2one(
        "res.users", string="Confirmed by", readonly=True, tracking=True,
    )
    date_confirmed = fields.Datetime(string="Confirmed on", readonly=True)

    @api.depends("date", "company_id.name")
    def _compute_name(self):
        for review in self:
            # stored, often made by the scheduled job: in the company's language
            env = org_env(self.env, review.company_id)
            review.name = env._(
                "Retention review %(date)s - %(company)s",
                date=fmt_date(env, review.date), company=review.company_id.name or "",
            )

    @api.depends("line_ids")
    def _compute_line_count(self):
        counts = dict(self.env["erm.retention.review.line"]._read_group(
            [("review_id", "in", self.ids)], ["review_id"], ["__count"],
        ))
        for review in self:
            review.line_count = counts.get(review, 0)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._(
                "Retention reviews are never deleted: cancel the review instead."
            ))

    # ------------------------------------------------------------------ the review
    @api.model
    def _retention_env(self):
        """The environment of the retention job."""
        # sudo: the job looks at every company and every closed case and at the lines still
        # pending, to list them on a draft review; it changes nothing, the review shows
        # only what its reader may read
        return self.sudo().env

    @api.model
    def _due_lines(self, company, today=None):
        """[{case_id, action, reason, date_due}] of the closed cases of `company` past a
        retention term and not yet anonymised that far, in a few queries."""
        today = today or fields.Date.context_today(self)
        Case = self._retention_env()["erm.absence.case"].with_context(active_test=False)
        years_admin = company.erm_retention_admin_years
        years_dossier = company.erm_retention_reintegration_years
        years_erdzw = company.erm_retention_erdzw_years
        cases = Case.search([
            ("company_id", "=", company.id), ("date_recovered", "!=", False),
            "|", ("erm_anonymized", "=", False), ("erm_anonymized", "=", "dossier"),
        ])
        if not cases:
            return []
        employees = cases.employee_id
        open_employees = set(Case.search([
            ("employee_id", "in", employees.ids), ("date_recovered", "=", False),
        ]).employee_id.ids)
        dossier_due, reason = {}, {}
        latest_dossier_due = defaultdict(lambda: fields.Date.to_date("1900-01-01"))
        for case in cases:
            vangnet = case.vangnet_ids.vangnet
            years, why = (years_erdzw, "erdzw") if vangnet else (years_dossier, "dossier")
            due = case.date_recovered + relativedelta(years=years)
            dossier_due[case.id], reason[case.id] = due, why
            latest_dossier_due[case.employee_id.id] = max(
                latest_dossier_due[case.employee_id.id], due,
            )
        lines = []
        for case in cases:
            employee = case.employee_id
            departure = employee.departure_date
            full_due = departure and departure + relativedelta(years=years_admin)
            if (full_due and full_due <= today and employee.id not in open_employees
                    and latest_dossier_due[employee.id] <= today):
                lines.append({"case_id": case.id, "action": "full", "reason": "admin",
                              "date_due": max(full_due, dossier_due[case.id])})
            elif dossier_due[case.id] <= today and not case.erm_anonymized:
                lines.append({"case_id": case.id, "action": "dossier",
                              "reason": reason[case.id], "date_due": dossier_due[case.id]})
        return lines

    @api.model
    def _cron_create_reviews(self):
        """Scheduled: one draft review per company with cases past their term that are not
        on a review waiting for confirmation yet. It only lists; nothing is changed."""
        sudo_self = self.with_env(self._retention_env())
        pending = set(sudo_self.env["erm.retention.review.line"].search(
            [("review_id.state", "=", "draft")]
        ).case_id.ids)
        companies = sudo_self.env["res.company"].search([])
        reviews = self.browse()
        for company in companies:
            lines = [line for line in self._due_lines(company)
                     if line["case_id"] not in pending]
            if lines:
                reviews |= sudo_self.create({
                    "company_id": company.id,
                    "line_ids": [(0, 0, line) for line in lines],
                })
        for review in reviews:
            review._message_log(body=self.env._(
                "%(count)s cases are past their retention term. Nothing changes until an HR "
                "adviser confirms this review.", count=len(review.line_ids),
            ))
        return reviews

    def action_confirm(self):
        """Anonymise the cases of the lines that were not kept back."""
        if not self.env.su and not self.env.user.has_group(HR_GROUP):
            raise AccessError(self.env._("Only an HR adviser confirms a retention review."))
        for review in self:
            if review.state != "draft":
                raise UserError(self.env._(
                    "%(review)s is not waiting for confirmation.", review=review.name,
                ))
            lines = review.line_ids.filtered(lambda line: not line.keep)
            for action in ("dossier", "full"):
                cases = lines.filtered(lambda line, a=action: line.action == a).case_id
                if cases:
                    cases._erm_anonymize(action, review=review)
            lines.write({"done": True})
            review.write({
                "state": "confirmed", "confirmed_user_id": self.env.uid,
                "date_confirmed": fields.Datetime.now(),
            })
            kept = review.line_ids - lines
            review._message_log(body=self.env._(
                "Confirmed: %(done)s cases anonymised, %(kept)s kept back (they return on the "
                "next review).", done=len(lines), kept=len(kept),
            ))
        return True

    def action_cancel(self):
        if not self.env.su and not self.env.user.has_group(HR_GROUP):
            raise AccessError(self.env._("Only an HR adviser cancels a retention review."))
        self.filtered(lambda r: r.state == "draft").write({"state": "cancelled"})
        return True
