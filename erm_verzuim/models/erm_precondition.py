# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The organisation's preconditions for the Eigen Regie Model as a checklist per company
(domain.md §2, the factsheet's "randvoorwaarden"): owner, status, evidence and a review date.

The lines come from the shipped templates (erm.precondition.template), for every company,
existing and new. What the system itself can prove is shown as automatic evidence through
the hook :meth:`_erm_auto_evidence`, which other addons extend."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, format_date

STATES = [
    ("not_started", "Not started"),
    ("in_progress", "In progress"),
    ("in_place", "In place"),
    ("not_applicable", "Not applicable"),
]
# The review job: lines per call.
REVIEW_BATCH_SIZE = 1000
CRON_REVIEW = "erm_verzuim.ir_cron_erm_precondition_review"


class ErmPrecondition(models.Model):
    _name = "erm.precondition"
    _description = "ERM Precondition"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "company_id, sequence, id"
    _check_company_auto = True

    template_id = fields.Many2one(
        "erm.precondition.template", string="Precondition", required=True, readonly=True,
        ondelete="cascade", index=True,
    )
    # the template's texts, in the reader's language
    name = fields.Char(related="template_id.name")
    description = fields.Text(related="template_id.description")
    code = fields.Char(related="template_id.code", store=True, index=True)
    sequence = fields.Integer(related="template_id.sequence", store=True)
    active = fields.Boolean(default=True, tracking=True)
    # cascade: a company removed from the database takes its checklist along
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, ondelete="cascade",
        default=lambda self: self.env.company,
    )
    state = fields.Selection(
        STATES, string="Status", required=True, default="not_started", tracking=True,
    )
    reason_not_applicable = fields.Text(
        string="Reason not applicable", tracking=True,
        help="Why this precondition does not apply to the organisation.",
    )
    owner_id = fields.Many2one(
        "res.users", tracking=True, check_company=True, index=True,
        domain="[('share', '=', False)]",
        help="Who puts this precondition in place and keeps it there.",
    )
    evidence_url = fields.Char(
        string="Link", help="Where the evidence is, e.g. the policy document on the intranet.",
    )
    note = fields.Html(string="Evidence")
    date_review = fields.Date(
        string="Review date", tracking=True,
        help="The owner gets an activity to review this precondition when the date passes.",
    )
    # The review date for which the owner got his activity: once per date.
    date_review_notified = fields.Date(
        string="Review activity sent for", readonly=True, copy=False,
    )
    auto_evidence = fields.Text(
        string="Proven by the system", compute="_compute_auto_evidence",
        help="What the system itself shows about this precondition.",
    )
    has_auto_evidence = fields.Boolean(string="Proven", compute="_compute_auto_evidence")
    has_evidence_action = fields.Boolean(
        string="Evidence to show", compute="_compute_has_evidence_action",
    )

    _sql_constraints = [
        ("company_template_unique", "UNIQUE(company_id, template_id)",
         "A company has one line per precondition."),
    ]

    @api.depends("company_id", "code")
    @api.depends_context("lang")
    def _compute_auto_evidence(self):
        evidence = self._erm_auto_evidence(self.company_id) if self.company_id else {}
        for line in self:
            text = evidence.get((line.company_id.id, line.code))
            line.auto_evidence = text or False
            line.has_auto_evidence = bool(text)

    @api.depends("template_id.evidence_action")
    def _compute_has_evidence_action(self):
        for line in self:
            line.has_evidence_action = bool(line._erm_evidence_action())

    @api.constrains("state", "reason_not_applicable")
    def _check_reason(self):
        for line in self:
            if line.state == "not_applicable" and not (line.reason_not_applicable or "").strip():
                raise ValidationError(self.env._(
                    "Give the reason why the precondition \"%(name)s\" does not apply.",
                    name=line.name,
                ))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise ValidationError(self.env._(
                "Preconditions are never deleted: archive the line instead."
            ))

    def write(self, vals):
        if "date_review" in vals:
            # a new review date gets its own activity
            new_date = fields.Date.to_date(vals["date_review"])
            changed = self.filtered(lambda line: line.date_review != new_date)
            if changed:
                super(ErmPrecondition, changed).write({"date_review_notified": False})
        return super().write(vals)

    # ------------------------------------------------------------------ lines per company
    @api.model
    def _erm_ensure_lines(self, companies=None):
        """Create the missing lines of `companies` (default: all), one per active template.
        Idempotent: existing lines, also archived ones, are left as they are."""
        # sudo: the checklist is kept for every company by the job
        sudo_self = self.sudo()
        companies = companies or sudo_self.env["res.company"].search([])
        templates = sudo_self.env["erm.precondition.template"].search([])
        if not companies or not templates:
            return self.browse()
        existing = set(
            sudo_self.with_context(active_test=False).search_fetch(
                [("company_id", "in", companies.ids)], ["company_id", "template_id"],
            ).mapped(lambda line: (line.company_id.id, line.template_id.id))
        )
        vals_list = [
            {"company_id": company.id, "template_id": template.id}
            for company in companies for template in templates
            if (company.id, template.id) not in existing
        ]
        return sudo_self.with_context(
            tracking_disable=True, mail_create_nolog=True,
        ).create(vals_list)

    # ------------------------------------------------------------------ evidence and score
    @api.model
    def _evidence_env(self):
        """The environment in which the system's evidence is gathered."""
        # sudo: policies, jobs, cases and sessions, read as evidence for the checklist
        # (whether they exist or run; counts only)
        return self.sudo().env

    @api.model
    def _erm_auto_evidence(self, companies):
        """{(company id, code): text} of what the system proves, for all `companies` at once.
        Other addons add their own proof (super() first, then update the dict)."""
        result = {}
        if not companies:
            return result
        env = self._evidence_env()
        Policy = env["erm.model.policy"]
        today = fields.Date.context_today(self)
        labels = dict(Policy._fields["erm_model"]._description_selection(self.env))
        by_scope = Policy._policies_by_scope(companies)
        for company in companies:
            policy = Policy._pick(by_scope.get((company.id, False), ()), today)
            if policy:
                result[(company.id, "tbv")] = self.env._(
                    "%(model)s applies since %(date)s; its table of tasks, authorities and "
                    "responsibilities is generated with the policy.",
                    model=labels.get(policy.erm_model, ""),
                    date=format_date(self.env, policy.date_from),
                )
        cron = env.ref("erm_verzuim.ir_cron_erm_deadline_alerts", raise_if_not_found=False)
        if cron and cron.active:
            for company in companies:
                result[(company.id, "procedures")] = self.env._(
                    "The deadline alerts are active: every Wet verbetering poortwachter step "
                    "goes to its responsible user as an activity."
                )
        case_counts = dict(env["erm.absence.case"]._read_group(
            [("company_id", "in", companies.ids)], ["company_id"], ["__count"],
        ))
        for company in companies:
            result[(company.id, "absence_system")] = self.env._(
                "The absence cases are registered in this system with their deadlines "
                "(%(count)s cases).", count=case_counts.get(company, 0),
            )
        # the quarterly stakeholder reviews: one held this or last quarter
        for company_id, text in env["erm.stakeholder.review"]._erm_precondition_evidence(
            companies
        ).items():
            result[(company_id, "quarterly_review")] = text
        # the provider catalogue: a provider without a company is shared by all companies
        counts = defaultdict(int)
        for company, count in env["erm.provider"]._read_group(
            [("active", "=", True)], ["company_id"], ["__count"],
        ):
            counts[company.id] += count
        shared = counts.pop(False, 0)
        for company in companies:
            count = counts[company.id] + shared
            if count:
                result[(company.id, "provider_network")] = self.env._(
                    "The provider catalogue lists %(count)s providers.", count=count,
                )
        return result

    @api.model
    def _erm_readiness(self, companies):
        """{company id: {"in_place", "applicable", "score"}}: the share of the applicable
        preconditions that are in place, in percent (0 when none applies)."""
        result = {c.id: {"in_place": 0, "applicable": 0, "score": 0.0} for c in companies}
        for company, state, count in self._read_group(
            [("company_id", "in", companies.ids)], ["company_id", "state"], ["__count"],
        ):
            if state == "not_applicable":
                continue
            result[company.id]["applicable"] += count
            if state == "in_place":
                result[company.id]["in_place"] += count
        for values in result.values():
            if values["applicable"]:
                values["score"] = round(100.0 * values["in_place"] / values["applicable"], 1)
        return result

    # ------------------------------------------------------------------ review activities
    @api.model
    def _cron_review_activities(self, batch_size=REVIEW_BATCH_SIZE):
        """Daily: an activity to the owner of each line whose review date has passed, once
        per review date. Returns (done, remaining)."""
        today = fields.Date.context_today(self)
        # two columns compared: plain SQL (the ORM domain cannot)
        where = SQL(
            "active AND owner_id IS NOT NULL AND date_review < %s "
            "AND date_review_notified IS DISTINCT FROM date_review", today,
        )
        self.flush_model(["active", "owner_id", "date_review", "date_review_notified"])
        self.env.cr.execute(SQL(
            "SELECT id FROM erm_precondition WHERE %s ORDER BY id LIMIT %s", where, batch_size,
        ))
        lines = self.browse([row[0] for row in self.env.cr.fetchall()])
        activity_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        # sudo: the owners' languages and their activities, from the daily job
        su_env = self.sudo().env
        # the summary in the owner's language (the job runs without one)
        langs = su_env["erm.alert.manager"]._user_langs(lines.owner_id.ids)
        summaries = {lang: self.with_context(lang=lang).env._("Review the precondition")
                     for lang in set(langs.values())}
        for line in lines:
            vals_list.append({
                "res_model_id": model_id, "res_id": line.id,
                "activity_type_id": activity_type.id if activity_type else False,
                "user_id": line.owner_id.id,
                "date_deadline": line.date_review,
                "summary": summaries[langs[line.owner_id.id]],
            })
        if vals_list:
            su_env["mail.activity"].create(vals_list)
            for date_review, group in lines.grouped("date_review").items():
                group.write({"date_review_notified": date_review})
        self.env.cr.execute(SQL("SELECT count(*) FROM erm_precondition WHERE %s", where))
        remaining = self.env.cr.fetchone()[0]
        self.env["ir.cron"]._notify_progress(done=len(vals_list), remaining=remaining)
        return len(vals_list), remaining

    # ------------------------------------------------------------------ actions
    def _erm_evidence_action(self):
        """The xml id of the window showing the evidence, when its addon is installed."""
        xmlid = self.template_id.evidence_action
        if xmlid and self.env.ref(xmlid, raise_if_not_found=False):
            return xmlid
        return False

    def action_open_evidence(self):
        self.ensure_one()
        xmlid = self._erm_evidence_action()
        return self.env["ir.actions.actions"]._for_xml_id(xmlid) if xmlid else False
