# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who read which absence case, its private record, its plans or advice, when, and through
which channel (domain.md §5, in the spirit of NEN 7513).

Lines are written by :class:`erm.access.logged.mixin`, the PDF reports and the portal pages
as superuser: the lines of one request are collected and inserted at once when it commits.
Nobody edits or deletes them, the administrator included; only the retention job removes the
lines older than the company's term. The administrator sees all of them, an employee the
lines about his own cases."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, tools
from odoo.exceptions import UserError

# Reads by one user of one record the same way within this window are one access, not many
# (a form that is saved and read again, a list that is refreshed).
DEDUP_MINUTES = 10
# The shortest retention term of the log (years), whatever the company sets.
MIN_RETENTION_YEARS = 5
# Set only by _cron_remove_expired(), together with superuser mode: the one way to delete.
RETENTION_CONTEXT = "erm_access_log_retention"
# Log lines removed per company per call of the retention job.
RETENTION_BATCH = 10000
# The request's pending lines in the cursor's precommit data.
PENDING_KEY = "erm.access.log.pending"

ACCESS_KINDS = [
    ("read", "Opened"),
    ("list", "Listed"),
    ("export", "Exported"),
    ("print", "Printed"),
]
ACCESS_CHANNELS = [
    ("backend", "Backend"),
    ("portal", "Portal"),
    ("pdf", "PDF print"),
    ("export", "Export"),
]
LOGGED_MODELS = [
    ("erm.absence.case", "Absence case"),
    ("erm.absence.case.private", "Contact data"),
    ("erm.absence.case.vangnet", "Safety net"),
    ("erm.reintegration.plan", "Re-integration plan"),
    ("erm.ba.advice", "Company doctor's advice"),
]


class ErmAccessLog(models.Model):
    _name = "erm.access.log"
    _description = "Absence Access Log"
    _order = "date desc, id desc"

    date = fields.Datetime(
        string="When", required=True, readonly=True, index=True, default=fields.Datetime.now,
    )
    user_id = fields.Many2one(
        "res.users", string="Who", required=True, readonly=True, index=True,
        ondelete="restrict",
    )
    res_model = fields.Selection(
        LOGGED_MODELS, string="Record type", required=True, readonly=True, index=True,
    )
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="res_model", required=True, readonly=True, index=True,
    )
    case_id = fields.Many2one(
        "erm.absence.case", string="Absence case", readonly=True, index=True,
        ondelete="cascade",
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Employee", related="case_id.employee_id", store=True,
        index=True, precompute=True,
    )
    company_id = fields.Many2one(
        "res.company", string="Company", related="case_id.company_id", store=True,
        index=True, precompute=True,
    )
    kind = fields.Selection(ACCESS_KINDS, string="Access", required=True, readonly=True)
    channel = fields.Selection(
        ACCESS_CHANNELS, required=True, readonly=True, default="backend",
        help="Through which door the record was read: the backend (forms, lists), the "
        "employee portal, a PDF print or an export.",
    )
    record_name = fields.Char(string="Record", compute="_compute_record_name")

    def init(self):
        res = super().init()
        # "Who read this case" per user, newest first (the log's filters and the inspection
        # overview): one composite index instead of combining the single-column ones.
        tools.create_index(
            self.env.cr, "erm_access_log_user_case_date_idx", self._table,
            ["user_id", "case_id", "date DESC"],
        )
        return res

    def _compute_record_name(self):
        by_model = {}
        for log in self:
            by_model.setdefault(log.res_model, set()).add(log.res_id)
        names = {}
        # sudo: the name (a case number) of the record a line the reader may read is about
        for model, ids in by_model.items():
            # the name of a record the reader of the log may not open himself (the employee
            # sees "Advice of 01-10-2026" of his own case; the administrator every line)
            for record in self.env[model].sudo().browse(ids).exists():
                names[(model, record.id)] = record.display_name
        for log in self:
            log.record_name = names.get((log.res_model, log.res_id), "")

    # ------------------------------------------------------------------ append-only
    def _erm_retention_job(self):
        return self.env.su and self.env.context.get(RETENTION_CONTEXT)

    def write(self, vals):
        # users have no ACL to write (AccessError); code in superuser mode is refused too
        if not self.env.su:
            self.check_access("write")
        if not self._erm_retention_job():
            raise UserError(self.env._("The access log cannot be changed."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self.check_access("unlink")
        if not self._erm_retention_job():
            raise UserError(self.env._(
                "Lines of the access log cannot be deleted; the retention job removes them "
                "after the company's retention term."
            ))
        return super().unlink()

    # ------------------------------------------------------------------ writing
    @api.model
    def _log(self, res_model, cases_by_id, kind, channel="backend"):
        """Record that the current user accessed the records `cases_by_id` ({record id:
        case id}) of `res_model`. The lines are inserted when the request commits, all at
        once (see _flush_pending)."""
        if not cases_by_id:
            return
        # sudo: the log is written for every reader, who may not write it himself
        flush_pending = self.sudo()._flush_pending
        precommit = self.env.cr.precommit
        pending = precommit.data.get(PENDING_KEY)
        if pending is None:
            pending = precommit.data[PENDING_KEY] = {}
            precommit.add(flush_pending)
        for res_id, case_id in cases_by_id.items():
            pending.setdefault((self.env.uid, res_model, res_id, kind, channel), case_id)
        if self.env.cr.readonly:
            # A read-only request cannot log: fail now, so that Odoo restarts it on a
            # read/write cursor before it renders or exports anything twice.
            flush_pending()

    @api.model
    def _flush_pending(self):
        """Insert the request's pending lines in one INSERT, skipping what the same user
        accessed the same way a moment ago."""
        pending = self.env.cr.precommit.data.pop(PENDING_KEY, None)
        if not pending:
            return
        since = fields.Datetime.now() - timedelta(minutes=DEDUP_MINUTES)
        recent = self.search_fetch([
            ("user_id", "in", list({key[0] for key in pending})),
            ("res_id", "in", list({key[2] for key in pending})),
            ("date", ">=", since),
        ], ["user_id", "res_model", "res_id", "kind", "channel"])
        done = {(log.user_id.id, log.res_model, log.res_id, log.kind, log.channel)
                for log in recent}
        # a case created and read in a part of the request that was rolled back is gone
        case_ids = {case_id for case_id in pending.values() if case_id}
        cases = set(self.env["erm.absence.case"].browse(case_ids).exists().ids)
        vals_list = [
            {"user_id": uid, "res_model": model, "res_id": res_id, "case_id": case_id,
             "kind": kind, "channel": channel}
            for (uid, model, res_id, kind, channel), case_id in pending.items()
            if (uid, model, res_id, kind, channel) not in done and case_id in cases
        ]
        if vals_list:
            self.create(vals_list)
            # runs after the transaction's own flush: write what create() left pending
            self.flush_model()

    # ------------------------------------------------------------------ retention
    @api.model
    def _cron_remove_expired(self):
        """Remove the lines older than each company's retention term (at least
        MIN_RETENTION_YEARS), in batches."""
        # sudo: the job removes expired lines, which nobody may delete by hand
        Log = self.sudo().with_context(**{RETENTION_CONTEXT: True})
        now = fields.Datetime.now()
        done = remaining = 0
        for company in Log.env["res.company"].search([]):
            years = max(company.erm_access_log_retention_years, MIN_RETENTION_YEARS)
            domain = [("company_id", "=", company.id),
                      ("date", "<", now - relativedelta(years=years))]
            expired = Log.search(domain, limit=RETENTION_BATCH)
            expired.unlink()
            done += len(expired)
            if len(expired) == RETENTION_BATCH:
                remaining += Log.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
