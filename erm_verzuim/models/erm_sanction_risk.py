# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The wage-sanction risk of a case (domain.md §5b): the stored result of the engine's check
(engine/sanction_risk.py) with one line per rule. Refreshed by the daily deadline job (a step
of erm.alert.manager) and on demand ("Toets nu"). Only HR and the case's process guardian may
read it (security/erm_sanction_risk_security.xml): a manager or the employee never sees
whether a file is at risk.

The check reads the whole file of a batch of cases in a fixed number of queries (no query per
case) and writes only what changed."""

import json
import logging
from collections import defaultdict

from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.tools import SQL, mute_logger
from odoo.tools.translate import code_translations

from ..engine import milestones
from ..engine import sanction_risk as risk
from ..engine.care import rhythm_start
from ..engine.milestones import _lt
from .erm_intervention import COMMITTED_STATES

_logger = logging.getLogger(__name__)

LEVEL_SELECTION = [(risk.GROEN, "Green"), (risk.ORANJE, "Orange"), (risk.ROOD, "Red")]
LEVEL_RANK = {risk.GROEN: 0, risk.ORANJE: 1, risk.ROOD: 2}
BATCH_SIZE = 500
ACTIVITY_TYPE = "erm_verzuim.mail_activity_type_erm_sanction_risk"
RED_SUMMARY = _lt("Wage-sanction risk: the re-integration file falls short")
RED_NOTE = _lt(
    "<p>The wage-sanction check rates this file red: %(reasons)s.</p><p>Repair the file "
    "before the WIA application: UWV may otherwise extend the wage payment by up to 52 "
    "weeks. The reasons are on the case's wage-sanction risk.</p>"
)


def translator(env):
    """source -> text in the language of `env` (the engine's `_lt` sources)."""
    lang = env.lang or "en_US"
    table = {} if lang == "en_US" else code_translations.get_python_translations(
        "erm_verzuim", lang)
    return lambda source: table.get(source) or source


class ErmSanctionRisk(models.Model):
    _name = "erm.sanction.risk"
    _description = "Wage-Sanction Risk"
    _order = "level_rank desc, date_start, id"
    _rec_name = "case_id"
    _check_company_auto = True

    case_id = fields.Many2one(
        "erm.absence.case", string="Absence case", required=True, readonly=True,
        ondelete="cascade", index=True,
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    employee_id = fields.Many2one(related="case_id.employee_id", store=True)
    department_id = fields.Many2one(related="case_id.department_id", store=True)
    procesbewaker_user_id = fields.Many2one(
        related="case_id.procesbewaker_user_id", store=True, index=True,
        string="Process guardian",
    )
    date_start = fields.Date(related="case_id.chain_date_start", string="First sick day")
    case_state = fields.Selection(related="case_id.state", string="Phase")
    level = fields.Selection(LEVEL_SELECTION, required=True, readonly=True, default=risk.GROEN)
    level_rank = fields.Integer(readonly=True, index=True)
    date_checked = fields.Date(string="Checked on", readonly=True)
    rule_version = fields.Integer(
        string="Rules version", readonly=True,
        help="The version of the WvP timeline that applies to the case (by its first sick "
        "day).",
    )
    line_ids = fields.One2many("erm.sanction.risk.line", "risk_id", string="Rules")
    reasons = fields.Text(compute="_compute_reasons")

    _sql_constraints = [
        ("case_uniq", "UNIQUE(case_id)", "A case has one wage-sanction risk."),
    ]

    def init(self):
        res = super().init()
        # one open "red file" activity per case, whatever the workers do concurrently
        self.env.cr.execute(SQL("""
            CREATE UNIQUE INDEX IF NOT EXISTS mail_activity_erm_sanction_risk_open_uniq
                ON mail_activity (res_id)
             WHERE erm_alert_kind = 'sanction_risk' AND active
        """))
        return res

    @api.depends("line_ids.message", "line_ids.level")
    @api.depends_context("lang")
    def _compute_reasons(self):
        for record in self:
            failing = record.line_ids.filtered(lambda line: line.level != risk.GROEN)
            record.reasons = "\n".join(
                f"{line.rule_description}: {line.message}" for line in failing
            )

    # ------------------------------------------------------------------ actions
    @api.model
    def _action_check_cases(self, cases):
        """"Toets nu" on a case: check it now and open the result."""
        cases.check_access("read")
        records = self._refresh_cases(cases)
        # the result is read as the user: HR and the process guardian only
        records = self.browse(records.ids)
        records.check_access("read")
        action = {
            "type": "ir.actions.act_window", "res_model": self._name,
            "name": self.env._("Wage-sanction risk"),
        }
        if len(records) == 1:
            return dict(action, view_mode="form", res_id=records.id)
        return dict(action, view_mode="list,form", domain=[("id", "in", records.ids)])

    def action_check_now(self):
        self._refresh_cases(self.case_id)
        return True

    def action_open_case(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "erm.absence.case",
                "view_mode": "form", "res_id": self.case_id.id}

    # ------------------------------------------------------------------ the daily job
    @api.model
    def _alert_step(self, config, cfg, budget, restriction=None, position=None):
        """The deadline job's step: check the next `budget` open cases not yet checked
        today (in their company's day), so a case is checked once a day and a re-run the
        same day has nothing to do. Returns (done, left) like the other steps."""
        if restriction or not config:
            return 0, 0  # not tied to milestones
        days = SQL(", ").join(SQL("(%s, %s::date)", company_id, conf["today"])
                              for company_id, conf in config.items())
        rows = self._rows(SQL("""
            SELECT c.id, c.company_id
              FROM erm_absence_case c
              JOIN (VALUES %s) AS t(company_id, today) ON t.company_id = c.company_id
         LEFT JOIN erm_sanction_risk r ON r.case_id = c.id
             WHERE c.active AND c.date_recovered IS NULL
               AND (r.date_checked IS NULL OR r.date_checked < t.today)
             ORDER BY c.id
             LIMIT %s""", days, budget + 1))
        left = int(len(rows) > budget)
        rows = rows[:budget]
        if rows:
            today = {company_id: conf["today"] for company_id, conf in config.items()}
            cases = self.env["erm.absence.case"].sudo().browse([row[0] for row in rows])
            try:
                with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                    self._refresh_cases(cases, today=today)
            except (pg_errors.UniqueViolation, pg_errors.SerializationFailure):
                # another worker checked them concurrently (on a newer snapshot): nothing
                # stored twice, the next run continues with a fresh one
                _logger.warning("Wage-sanction check: %s cases checked concurrently by "
                                "another worker; retried in the next run.", len(rows))
                return 0, len(rows) + left
        return len(rows), left

    # ------------------------------------------------------------------ the check
    @api.model
    def _rows(self, query):
        self.env.cr.execute(query)
        return self.env.cr.fetchall()

    @api.model
    def _case_files(self, cases, rule_sets):
        """{case id: engine CaseFile} of `cases`, read in a fixed number of queries.

        Plain SQL: the system job reads the whole file of up to 10,000 cases a day, and
        the ORM's per-field reads cost more than the check itself (bench_sanction_risk)."""
        ids = tuple(cases.ids)
        head = {row[0]: row for row in self._rows(SQL("""
            SELECT id, chain_root_id, COALESCE(chain_date_start, date_start), date_start,
                   date_reported, company_id
              FROM erm_absence_case WHERE id IN %s""", ids))}
        roots = tuple({row[1] or row[0] for row in head.values()})
        root_of = dict(self._rows(SQL(
            "SELECT id, chain_root_id FROM erm_absence_case WHERE chain_root_id IN %s", roots)))
        root_of.update({case_id: row[1] or case_id for case_id, row in head.items()})
        chain_ids = tuple(root_of)

        stones = defaultdict(list)
        for root, code, seq, due, done, window in self._rows(SQL("""
                SELECT chain_root_id, code, sequence, date_deadline, date_done,
                       date_window_start
                  FROM erm_wvp_milestone
                 WHERE chain_root_id IN %s AND state != 'cancelled'
                 ORDER BY date_deadline, sequence""", roots)):
            stones[root].append(risk.Milestone(code, seq, due, done, window))
        plans = defaultdict(list)
        for case_id, kind, done, state, employer, employee, refused, employer_on, goal in \
                self._rows(SQL("""
                SELECT case_id, kind, date_done, state,
                       COALESCE(view_employer, '') != '', COALESCE(view_employee, '') != '',
                       COALESCE(view_employee_refused, FALSE), view_employer_date, goal
                  FROM erm_reintegration_plan WHERE case_id IN %s""", chain_ids)):
            plans[root_of[case_id]].append(risk.Plan(
                kind, done if state == "done" else None, employer, employee, refused,
                employer_on, goal == "second_track"))
        advices = defaultdict(list)
        for case_id, day in self._rows(SQL("""
                SELECT case_id, date_advice FROM erm_ba_advice
                 WHERE case_id IN %s AND state = 'issued'""", chain_ids)):
            advices[root_of[case_id]].append(day)
        interventions = defaultdict(list)
        for case_id, by, advised, created, state, reason, phase in self._rows(SQL("""
                SELECT i.case_id, i.advised_by, a.date_advice, i.create_date::date, i.state,
                       COALESCE(i.decline_reason, '') != '', s.phase
                  FROM erm_intervention i
             LEFT JOIN erm_ba_advice a ON a.id = i.ba_advice_id
             LEFT JOIN erm_provider_service s ON s.id = i.service_id
                 WHERE i.case_id IN %s""", chain_ids)):
            interventions[root_of[case_id]].append(risk.Intervention(
                by == "ba", advised or created, state in COMMITTED_STATES,
                state == "cancelled" and reason, phase == "second_track"))
        care = defaultdict(list)
        for case_id, day in self._rows(SQL(
                "SELECT case_id, date FROM erm_care_contact WHERE case_id IN %s", ids)):
            care[case_id].append(day)

        companies = {company.id: company for company in self.env["res.company"].browse(
            {row[5] for row in head.values()})}
        files = {}
        for case_id, (_id, root, first, start, reported, company_id) in head.items():
            root = root or case_id
            company = companies[company_id]
            files[case_id] = risk.CaseFile(
                first, tuple(stones[root]), tuple(plans[root]), tuple(advices[root]),
                tuple(interventions[root]), tuple(care[case_id]),
                care_rhythm=company._erm_care_rhythm(),
                care_start=rhythm_start(start, reported),
                version=milestones.rule_set_for(first, rule_sets).version,
                advice_max_days=round((company.erm_sanction_advice_months or 3) * 365 / 12),
            )
        return files

    @api.model
    def _refresh_cases(self, cases, today=None):
        """Check `cases` and store the results; returns their erm.sanction.risk records.

        sudo: the check reads the whole file (plans, advice, care contacts) and the job runs
        for every company; what it stores is the result that only HR and the process
        guardian may read (record rules)."""
        self = self.sudo()  # noqa: PLW0642 - see the docstring
        cases = cases.with_env(self.env).with_context(active_test=False).exists()
        if not cases:
            return self.browse()
        self.env.flush_all()  # the file is read in SQL
        default_today = fields.Date.context_today(self)
        if not isinstance(today, dict):
            fixed = today or default_today
            today = defaultdict(lambda: fixed)
        rule_sets = self.env["erm.wvp.rule.set"]._engine_rule_sets()
        files = self._case_files(cases, rule_sets)
        known = dict(self._rows(SQL(
            "SELECT case_id, id FROM erm_sanction_risk WHERE case_id IN %s",
            tuple(cases.ids))))
        new = [case_id for case_id in cases.ids if case_id not in known]
        if new:
            for record in self.create([{"case_id": case_id} for case_id in new]):
                known[record.case_id.id] = record.id
            self.env.flush_all()
        risk_ids = tuple(known.values())
        levels = dict(self._rows(SQL(
            "SELECT id, level FROM erm_sanction_risk WHERE id IN %s", risk_ids)))
        lines_of = defaultdict(dict)  # risk id -> code -> (line id, values)
        for line_id, risk_id, code, *values in self._rows(SQL("""
                SELECT id, risk_id, code, sequence, status, level, date_due, date_done
                  FROM erm_sanction_risk_line WHERE risk_id IN %s""", risk_ids)):
            lines_of[risk_id][code] = (line_id, tuple(values))
        company_of = {case.id: case.company_id.id for case in cases}

        turned_red, left_red = [], []
        header_writes = defaultdict(list)  # values -> record ids (one UPDATE per values)
        line_writes = defaultdict(list)
        line_inserts = []
        stale = []
        for case in cases:
            risk_id = known[case.id]
            day = today[company_of[case.id]] or default_today
            outcome = risk.check(files[case.id], day)
            if outcome.level == risk.ROOD and levels.get(risk_id) != risk.ROOD:
                turned_red.append((case, outcome))
            elif outcome.level != risk.ROOD and levels.get(risk_id) == risk.ROOD:
                left_red.append(case.id)
            header_writes[(outcome.level, day, files[case.id].version)].append(risk_id)
            existing = dict(lines_of[risk_id])
            for order, result in enumerate(outcome.results):
                values = (order, result.status, result.level, result.date_due,
                          result.date_done)
                line = existing.pop(result.code, None)
                if line is None:
                    line_inserts.append((risk_id, result.code, *values))
                elif line[1] != values:
                    line_writes[values].append(line[0])
            stale.extend(line_id for line_id, _values in existing.values())

        for (level, day, version), ids in header_writes.items():
            records = self.browse(ids)
            records.write({"level": level, "level_rank": LEVEL_RANK[level],
                               "date_checked": day, "rule_version": version})
        self._store_lines(line_inserts, line_writes, stale)
        self._raise_red_activities(turned_red, today, default_today)
        # a case no longer red: its signal is answered
        self.env["erm.absence.case"].browse(left_red)._erm_close_alerts(("sanction_risk",))
        return self.browse([known[case.id] for case in cases])

    @api.model
    def _store_lines(self, inserts, writes, stale):
        """The rule lines in SQL: derived rows (about 12 per case) that only this check
        writes; through the ORM, creating them for 10,000 cases takes over a minute."""
        cr, uid = self.env.cr, self.env.uid
        if inserts:
            cr.execute(SQL("""
                INSERT INTO erm_sanction_risk_line
                       (risk_id, code, sequence, status, level, date_due, date_done,
                        create_uid, write_uid, create_date, write_date)
                SELECT v.risk_id, v.code, v.sequence, v.status, v.level, v.date_due,
                       v.date_done, %s, %s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                  FROM jsonb_to_recordset(%s::jsonb) AS v(
                       risk_id int, code varchar, sequence int, status varchar,
                       level varchar, date_due date, date_done date)""",
                uid, uid, json.dumps([{
                    "risk_id": row[0], "code": row[1], "sequence": row[2], "status": row[3],
                    "level": row[4], "date_due": row[5] and row[5].isoformat(),
                    "date_done": row[6] and row[6].isoformat(),
                } for row in inserts])))
        for (sequence, status, level, due, done), ids in writes.items():
            cr.execute(SQL("""
                UPDATE erm_sanction_risk_line
                   SET sequence = %s, status = %s, level = %s, date_due = %s, date_done = %s,
                       write_uid = %s, write_date = now() AT TIME ZONE 'UTC'
                 WHERE id IN %s""", sequence, status, level, due, done, uid, tuple(ids)))
        if stale:
            # a rule that no longer applies (another version): its result is obsolete
            cr.execute(SQL("DELETE FROM erm_sanction_risk_line WHERE id IN %s", tuple(stale)))
        if inserts or writes or stale:
            self.env["erm.sanction.risk.line"].invalidate_model()
            self.invalidate_model(["line_ids"])

    @api.model
    def _raise_red_activities(self, turned_red, today, default_today):
        """One activity for the process guardian of each case that turned red (none when an
        open one exists: idempotent, like the other alert steps). Called by _refresh_cases,
        as superuser."""
        cases = self.env["erm.absence.case"].browse(
            [case.id for case, _outcome in turned_red if case.procesbewaker_user_id])
        if not cases:
            return
        open_ids = set(self.env["mail.activity"].search_fetch(
            [("res_model", "=", "erm.absence.case"), ("res_id", "in", cases.ids),
             ("erm_alert_kind", "=", "sanction_risk")], ["res_id"]).mapped("res_id"))
        items = []
        for case, outcome in turned_red:
            if case.id in open_ids or not case.procesbewaker_user_id:
                continue
            descriptions = [risk.BY_CODE[r.code].description for r in outcome.failing
                            if r.level == risk.ROOD]
            items.append((
                case.id, case.procesbewaker_user_id.id,
                today[case.company_id.id] or default_today,
                lambda text, d=descriptions: {"reasons": "; ".join(text.t(x) for x in d)},
                {},
            ))
        if not items:
            return
        manager = self.env["erm.alert.manager"]
        vals_list = manager._signal_activity_values(
            "sanction_risk", ACTIVITY_TYPE, items, RED_SUMMARY, RED_NOTE)
        manager._create_activities(vals_list)

    # ------------------------------------------------------------------ figures
    @api.model
    def _count_per_level(self, cases):
        """{level: number of `cases` at that level} (the stored results)."""
        groups = self.sudo()._read_group(
            [("case_id", "in", cases.ids)], ["level"], ["__count"])
        counts = dict.fromkeys(risk.LEVELS, 0)
        counts.update({level: count for level, count in groups})
        return counts
