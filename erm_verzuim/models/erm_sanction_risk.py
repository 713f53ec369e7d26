# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The wage-sanction risk of a case (domain.md §5a): the stored result of the engine's check
(engine/sanction_risk.py) with one line per rule. Refreshed by the daily deadline job (a step
of erm.alert.manager) and on demand ("Toets nu"). Only HR and the case's process guardian may
read it (security/erm_sanction_risk_security.xml): a manager or the employee never sees
whether a file is at risk.

The check reads the whole file of a batch of cases in a fixed number of queries (no query per
case) and writes only what changed."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.translate import code_translations

from ..engine import milestones
from ..engine import sanction_risk as risk
from ..engine.milestones import _lt
from . import erm_care
from .erm_intervention import COMMITTED_STATES

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
    reasons = fields.Text(compute="_compute_reasons", string="Reasons")

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
        """The deadline job's step: check the next `budget` open cases (from where the
        previous batch stopped). Returns (done, left) like the other steps."""
        if restriction:
            return 0, 0  # not tied to milestones
        after = position.get("sanction_risk") if position else None
        domain = [("active", "=", True), ("date_recovered", "=", False)]
        if isinstance(after, int):
            domain.append(("id", ">", after))
        cases = self.env["erm.absence.case"].sudo().search(domain, order="id",
                                                            limit=budget + 1)
        left = len(cases) > budget
        cases = cases[:budget]
        if not cases:
            return 0, int(left)  # no budget left in this batch: the next one continues
        today = {company_id: conf["today"] for company_id, conf in config.items()}
        self._refresh_cases(cases, today=today)
        if position is not None:
            position["sanction_risk"] = cases[-1].id
        return len(cases), int(left)

    # ------------------------------------------------------------------ the check
    @api.model
    def _case_files(self, cases, rule_sets):
        """{case id: engine CaseFile} of `cases`, read in a fixed number of queries."""
        env = self.env
        roots = cases.chain_root_id
        root_of = {}  # case id -> chain root id, for every case of the chains
        for case in env["erm.absence.case"].with_context(active_test=False).search_fetch(
                [("chain_root_id", "in", roots.ids)], ["chain_root_id"]):
            root_of[case.id] = case.chain_root_id.id

        stones = defaultdict(list)
        for m in env["erm.wvp.milestone"].search_fetch(
                [("chain_root_id", "in", roots.ids), ("state", "!=", "cancelled")],
                ["code", "sequence", "date_deadline", "date_done", "date_window_start",
                 "chain_root_id"]):
            stones[m.chain_root_id.id].append(risk.Milestone(
                m.code, m.sequence, m.date_deadline, m.date_done or None,
                m.date_window_start or None))
        plans = defaultdict(list)
        for plan in env["erm.reintegration.plan"].search_fetch(
                [("case_id", "in", list(root_of))],
                ["kind", "date_done", "state", "view_employer", "view_employee",
                 "view_employee_refused", "view_employer_date", "goal", "case_id"]):
            plans[root_of[plan.case_id.id]].append(risk.Plan(
                plan.kind, plan.date_done if plan.state == "done" and plan.date_done else None,
                bool(plan.view_employer), bool(plan.view_employee),
                plan.view_employee_refused, plan.view_employer_date or None,
                plan.goal == "second_track"))
        advices = defaultdict(list)
        for advice in env["erm.ba.advice"].search_fetch(
                [("case_id", "in", list(root_of)), ("state", "=", "issued")],
                ["date_advice", "case_id"]):
            advices[root_of[advice.case_id.id]].append(advice.date_advice)
        interventions = defaultdict(list)
        items = env["erm.intervention"].search_fetch(
            [("case_id", "in", list(root_of))],
            ["advised_by", "ba_advice_id", "create_date", "state", "decline_reason",
             "service_id", "case_id"])
        items.ba_advice_id.fetch(["date_advice"])
        items.service_id.fetch(["phase"])
        for item in items:
            interventions[root_of[item.case_id.id]].append(risk.Intervention(
                item.advised_by == "ba",
                item.ba_advice_id.date_advice or item.create_date.date(),
                item.state in COMMITTED_STATES,
                item.state == "cancelled" and bool(item.decline_reason),
                item.service_id.phase == "second_track"))
        care = defaultdict(list)
        for contact in env["erm.care.contact"].search_fetch(
                [("case_id", "in", cases.ids)], ["date", "case_id"]):
            care[contact.case_id.id].append(contact.date)

        files = {}
        for case in cases:
            root = case.chain_root_id.id
            first = case.chain_date_start or case.date_start
            company = case.company_id
            files[case.id] = risk.CaseFile(
                first, tuple(stones[root]), tuple(plans[root]), tuple(advices[root]),
                tuple(interventions[root]), tuple(care[case.id]),
                care_rhythm=erm_care.rhythm(company),
                care_start=erm_care.rhythm_start(case.date_start, case.date_reported),
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
        cases = cases.sudo().with_context(active_test=False)
        if not cases:
            return self.browse()
        cases.fetch(["chain_root_id", "chain_date_start", "date_start", "date_reported",
                     "company_id", "procesbewaker_user_id"])
        default_today = fields.Date.context_today(self)
        if not isinstance(today, dict):
            fixed = today or default_today
            today = defaultdict(lambda: fixed)
        rule_sets = self.env["erm.wvp.rule.set"]._engine_rule_sets()
        files = self._case_files(cases, rule_sets)
        records = self.search_fetch([("case_id", "in", cases.ids)], ["case_id", "level"])
        record_of = {record.case_id.id: record for record in records}
        lines_of = defaultdict(dict)
        for line in records.line_ids:
            lines_of[line.risk_id.id][line.code] = line

        new_records = [{"case_id": case.id} for case in cases if case.id not in record_of]
        for record in self.create(new_records):
            record_of[record.case_id.id] = record
        turned_red = []
        header_writes = defaultdict(list)  # values -> record ids (one UPDATE per values)
        line_writes = defaultdict(list)
        line_creates = []
        stale = []
        for case in cases:
            record = record_of[case.id]
            day = today[case.company_id.id] or default_today
            outcome = risk.check(files[case.id], day)
            version = files[case.id].version
            if outcome.level == risk.ROOD and record.level != risk.ROOD:
                turned_red.append((case, outcome))
            header_writes[(outcome.level, LEVEL_RANK[outcome.level], day, version)].append(
                record.id)
            existing = dict(lines_of[record.id])
            for order, result in enumerate(outcome.results):
                vals = {"sequence": order, "status": result.status, "level": result.level,
                        "date_due": result.date_due or False,
                        "date_done": result.date_done or False}
                line = existing.pop(result.code, None)
                if line is None:
                    line_creates.append(dict(vals, risk_id=record.id, code=result.code))
                elif any(line[key] != value for key, value in vals.items()):
                    line_writes[tuple(sorted(vals.items()))].append(line.id)
            stale.extend(line.id for line in existing.values())

        for (level, rank, day, version), ids in header_writes.items():
            self.browse(ids).write({"level": level, "level_rank": rank, "date_checked": day,
                                    "rule_version": version})
        Line = self.env["erm.sanction.risk.line"]
        for vals, ids in line_writes.items():
            Line.browse(ids).write(dict(vals))
        if line_creates:
            Line.create(line_creates)
        if stale:
            # a rule that no longer applies (another version): its result is obsolete
            Line.browse(stale).unlink()
        self._raise_red_activities(turned_red, today, default_today)
        return self.browse([record_of[case.id].id for case in cases])

    @api.model
    def _raise_red_activities(self, turned_red, today, default_today):
        """One activity for the process guardian of each case that turned red (none when an
        open one exists: idempotent, like the other alert steps)."""
        cases = self.env["erm.absence.case"].browse(
            [case.id for case, _outcome in turned_red if case.procesbewaker_user_id])
        if not cases:
            return
        open_ids = set(self.env["mail.activity"].sudo().search_fetch(
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
        manager = self.env["erm.alert.manager"].sudo()
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
