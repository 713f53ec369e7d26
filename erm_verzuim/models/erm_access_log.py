# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who read which absence case or company doctor's advice, and when (domain.md §5).

Lines are written by :class:`erm.access.logged.mixin` as superuser, in one insert per read
call; nobody edits or deletes them. The administrator sees all of them, an employee the lines
about his own cases."""

from datetime import timedelta

from odoo import api, fields, models, tools

# Reads by one user of one record within this window are one access, not many (a form that
# is saved and read again, a list that is refreshed).
DEDUP_MINUTES = 10

ACCESS_KINDS = [
    ("read", "Opened"),
    ("list", "Listed"),
    ("export", "Exported"),
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
        [("erm.absence.case", "Absence case"), ("erm.ba.advice", "Company doctor's advice")],
        string="Record type", required=True, readonly=True, index=True,
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
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", string="Company", related="case_id.company_id", store=True,
        index=True,
    )
    kind = fields.Selection(ACCESS_KINDS, string="Access", required=True, readonly=True)
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
            for record in self.env[model].sudo().browse(ids).exists():
                names[(model, record.id)] = record.display_name
        for log in self:
            log.record_name = names.get((log.res_model, log.res_id), "")

    @api.model
    def _log(self, res_model, cases_by_id, kind):
        """Record that the current user accessed the records `cases_by_id` ({record id:
        case id}) of `res_model`, skipping what he accessed the same way a moment ago."""
        if not cases_by_id:
            return
        Log = self.sudo()
        since = fields.Datetime.now() - timedelta(minutes=DEDUP_MINUTES)
        recent = Log.search_fetch([
            ("user_id", "=", self.env.uid), ("res_model", "=", res_model),
            ("res_id", "in", list(cases_by_id)), ("kind", "=", kind), ("date", ">=", since),
        ], ["res_id"])
        done = set(recent.mapped("res_id"))
        vals_list = [
            {"user_id": self.env.uid, "res_model": res_model, "res_id": res_id,
             "case_id": case_id, "kind": kind}
            for res_id, case_id in cases_by_id.items() if res_id not in done
        ]
        if vals_list:
            Log.create(vals_list)
