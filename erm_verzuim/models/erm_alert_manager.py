# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Deadline alerts: the scheduled actions that never let a WvP deadline slip.

The daily job reconciles what *should* exist with what *does* exist, in batches:

1. close   open deadline activities whose milestone is done (kept as done in the chatter)
           or no longer applies (milestone cancelled, case recovered or archived);
2. update  open deadline activities whose deadline, assignee or case changed (in place:
           users keep their notes);
3. create  one activity per open milestone due within its lead time (per company and code);
4. escalate milestones overdue by more than the company's escalation days, once;
5. signal  frequent absence to the regievoerder, once per employee per rolling window.
6. signal  interventions too late to the procesbewaker, once per case (week 8 without an
           intervention);
7. remind  the manager of the caremanagement rhythm when a contact is overdue;
8. remind  the regievoerder when the employee's view of a draft plan is missing.

Each step selects its work with one SQL query (the create step with two: the batch's
milestones in index order, then their assignees), so a run costs a constant number of
queries per batch, whatever the number of cases. Within a day's run each step continues after
the last item the previous batch handled (its position, kept in ir.config_parameter until the run is
complete), in the order of an index: a batch reads about its own items, not every open
milestone, so a run grows linearly with the number of cases. What changes behind a position
through the ORM is handled at commit (_sync_milestones); the rest by the next day's run. Every batch
is one transaction of the scheduler, which commits after each call and calls again while
``_notify_progress`` reports work remaining; a crash loses at most the running batch and the
next run simply finds the rest still to do. Duplicates are impossible: the scheduler runs a
job in one worker at a time, the batch takes a transaction-level advisory lock (manual runs,
overlapping workers) and the database has a unique partial index per milestone and per
frequent-absence signal (a stale snapshot that slips through fails on the index and the
batch is retried with a fresh one).

Texts stored for users (activity summaries and notes, chatter notes, e-mails) are written in
the language of whoever reads them (the assignee, the recipient; chatter notes in the
company's language), from English sources that i18n/nl.po translates; the work of a batch is
grouped per language, so a batch stays a batch. They carry no medical content.

Nobody's deadline is dropped: a milestone whose duty holder is unknown or archived goes to the
company's fallback (see _assignee_sql).
"""

import json
import logging
from collections import defaultdict
from datetime import timedelta

import psycopg2
import pytz
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.models import MAGIC_COLUMNS
from odoo.tools import SQL, format_date, formatLang, mute_logger
from odoo.tools.translate import code_translations

from ..engine import care, milestones
from ..engine.milestones import _lt
from .erm_intervention import COMMITTED_STATES

_logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
DIGEST_BATCH_SIZE = 200
DIGEST_HORIZON_DAYS = 14
PRECOMMIT_RESTRICT_MAX = 5000  # above: the commit-time sync scans instead of an IN list
ANALYZE_MIN_ROWS = 200  # see _analyze_if_grown
ANALYZE_GROWTH = 0.2
DEFAULT_TZ = "Europe/Amsterdam"
ALERT_CODES = milestones.ALERT_CODES
ALERT_LOCK = "erm_verzuim.deadline_alerts"
DIGEST_LOCK = "erm_verzuim.weekly_digest"
ALERT_POSITION = "erm_verzuim.deadline_alerts_position"
STEP_FINISHED = "finished"
CRON_ALERTS = "erm_verzuim.ir_cron_erm_deadline_alerts"
PRECOMMIT_KEY = "erm.alert.sync"

# ---------------------------------------------------------------- texts (no medical data)
# English sources, translated per reader (see _Texts); `_lt` only marks them for extraction.
FREQUENT_SUMMARY = _lt(
    "Frequent absence: have a conversation and suggest a consultation with the company doctor"
)
FREQUENT_NOTE = _lt(
    "<p>The employee reported sick at least %(threshold)s times in %(days)s days. This is a "
    "signal to talk about the absence and the work situation, and to suggest a consultation "
    "with the company doctor. It is never a sanction.</p>"
)
DONE_FEEDBACK = _lt("Milestone completed on %(date)s.")
OBSOLETE_FEEDBACK = _lt("Lapsed: the milestone no longer applies or the case is closed.")
ESCALATION_NOTE = _lt(
    "<p>Deadline passed and escalated: <b>%(label)s</b> (due %(deadline)s, %(days)s days "
    "late). Escalated to: %(names)s.</p>"
)
NOBODY = _lt("nobody (set an escalation contact in the settings)")
CARE_SUMMARY = _lt("Keep in touch: a contact with your absent employee is overdue")
CARE_NOTE = _lt(
    "<p>The rhythm of contact with the absent employee (every %(early)s days in the first "
    "%(weeks)s weeks of absence, then every %(late)s days) was not kept: a contact was due on "
    "%(due)s. Call, visit or send a message, and log the contact on the case: that completes "
    "this activity. Care and attention only, nothing about the illness.</p>"
)

LATE_WEEK = 8
LATE_SUMMARY = _lt("Week 8 without an intervention: decide which help the employee needs")
LATE_NOTE = _lt(
    "<p>This case is in week %(week)s of absence and no intervention has been approved. "
    "Early help from the provider network speeds up the return to work: propose an "
    "intervention, or record that none is needed.</p>"
)

MISSING_VIEW_KIND = "missing_view"
# A week for the employee to write his view after the employer's (the trigger).
MISSING_VIEW_DAYS = 7
MISSING_VIEW_SUMMARY = _lt("The employee's view is missing: ask him to record and sign it")
MISSING_VIEW_NOTE = _lt(
    "<p>The employer's view in this %(kind)s was recorded on %(date)s, but the employee has "
    "not signed his own view off. The law gives him his own view: ask him to write and sign "
    "it in the portal (My absence), or record it with him.</p>"
)


class _Texts:
    """The job's texts in one language: translated sources, dates and numbers in its locale,
    milestone labels. Built once per language and batch (no query per text); a date or
    number is formatted once per batch (Odoo's formatters look the language up on every
    call, a cost that dominated a batch of thousands of notes with a few distinct values)."""

    def __init__(self, env, lang):
        self.lang = lang or "en_US"
        self.env = env(context=dict(env.context, lang=self.lang))
        self._table = ({} if self.lang == "en_US" else
                       code_translations.get_python_translations("erm_verzuim", self.lang))
        self._labels = None
        self._dates = {}
        self._numbers = {}

    def t(self, source, markup=False, **args):
        text = self._table.get(source) or source
        if markup:
            text = Markup(text)
            args = {key: escape(value) for key, value in args.items()}
        return text % args if args else text

    def date(self, value):
        if not value:
            return ""
        if value not in self._dates:
            self._dates[value] = format_date(self.env, value, lang_code=self.lang)
        return self._dates[value]

    def number(self, value):
        if value not in self._numbers:
            self._numbers[value] = formatLang(self.env, value, digits=0)
        return self._numbers[value]

    def summary(self, code, sequence=0):
        return milestones.summary(code, sequence, self.t)

    def label(self, code, sequence=0):
        if self._labels is None:
            field = self.env["erm.wvp.milestone"]._fields["code"]
            self._labels = dict(field._description_selection(self.env))
        label = self._labels.get(code, code)
        return f"{label} {sequence}" if sequence else label


class ErmAlertManager(models.AbstractModel):
    _name = "erm.alert.manager"
    _description = "Absence deadline alerts"

    # ------------------------------------------------------------------ scheduled actions
    @api.model
    def _cron_deadline_alerts(self, batch_size=BATCH_SIZE):
        """Daily: one batch of deadline alerts; the scheduler calls again while work
        remains (it commits after each call)."""
        done, remaining = self._run_alert_batch(batch_size)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        if remaining and "cron_id" not in self.env.context:
            # run by hand ("Run manually", shell): ask the scheduler to continue soon
            self._trigger_alerts()
        return done, remaining

    @api.model
    def _cron_weekly_digest(self, batch_size=DIGEST_BATCH_SIZE):
        """Weekly: one batch of digest e-mails (see _run_digest_batch)."""
        done, remaining = self._run_digest_batch(batch_size)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done, remaining

    @api.model
    def _run_deadline_alerts(self, batch_size=BATCH_SIZE, max_batches=1000):
        """All batches in the current transaction (tests, shell, benchmarks); the scheduler
        uses _cron_deadline_alerts. Returns the number of items processed."""
        total = 0
        for _i in range(max_batches):
            done, remaining = self._run_alert_batch(batch_size)
            total += done
            if not remaining or not done:
                break
        return total

    # ------------------------------------------------------------------ one batch
    @api.model
    def _run_alert_batch(self, batch_size=BATCH_SIZE):
        """Process at most `batch_size` items; return (done, remaining)."""
        self = self.sudo()  # noqa: PLW0642 - a system job over all companies
        if not self._try_advisory_lock(ALERT_LOCK):
            _logger.info("Deadline alerts: another worker is running them; skipped.")
            return 0, 0
        self.env.flush_all()
        config = self._alert_config()
        cfg = self._config_sql(config)
        position, raw_position = self._load_position()
        done = remaining = 0
        budget = batch_size
        for name, step in (("close", self._step_close), ("update", self._step_update),
                           ("create", self._step_create), ("escalate", self._step_escalate),
                           ("frequent", self._step_frequent),
                           ("late_intervention", self._step_late_intervention),
                           ("care_rhythm", self._step_care_rhythm),
                           ("missing_view", self._step_missing_view),
                           ("sanction_risk", self.env["erm.sanction.risk"]._alert_step)):
            if position.get(name) == STEP_FINISHED:
                continue  # nothing left for it in today's run: no need to look again
            step_done, step_left = step(config, cfg, budget, position=position)
            if not step_left:
                position[name] = STEP_FINISHED
            done += step_done
            remaining += step_left
            budget -= step_done
        self._save_position(position if remaining else None, raw_position)
        self.env.flush_all()
        _logger.info("Deadline alerts: %s items processed, %s remaining.", done, remaining)
        return done, remaining

    @api.model
    def _load_position(self):
        """(position, stored value): where each step of today's run got to ({} when no run
        is under way; a position of another day is stale)."""
        raw = self.env["ir.config_parameter"].sudo().get_param(ALERT_POSITION) or ""
        try:
            position = json.loads(raw) if raw else {}
        except ValueError:
            position = {}
        if position.pop("day", None) != str(fields.Date.today()):
            position = {}
        return position, raw

    @api.model
    def _save_position(self, position, raw):
        """Store the position while the run has work left; a finished run removes it, so
        the next run starts from the beginning. Written only when it changed."""
        value = json.dumps(dict(position, day=str(fields.Date.today())), sort_keys=True) if (
            position) else ""
        if value != raw:
            self.env["ir.config_parameter"].sudo().set_param(ALERT_POSITION, value or False)

    @api.model
    def _try_advisory_lock(self, key):
        self.env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock(hashtext(%s))", key))
        return self.env.cr.fetchone()[0]

    @api.model
    def _trigger_alerts(self):
        cron = self.env.ref(CRON_ALERTS, raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger()

    # ------------------------------------------------------------------ configuration
    @api.model
    def _company_today(self, company):
        """Today in the company's time zone (its working-time calendar, else its address)."""
        tz_name = company.resource_calendar_id.tz or company.partner_id.tz or DEFAULT_TZ
        try:
            tz = pytz.timezone(tz_name)
        except pytz.UnknownTimeZoneError:
            tz = pytz.timezone(DEFAULT_TZ)
        return pytz.utc.localize(fields.Datetime.now()).astimezone(tz).date()

    @api.model
    def _alert_config(self):
        """{company_id: settings of the run}: today, lead thresholds per code, escalation
        and frequent-absence windows, fallback assignees, language. A few queries for all
        companies."""
        LeadTime = self.env["erm.milestone.lead.time"]
        table = LeadTime._lead_days_table()
        companies = self.env["res.company"].sudo().with_context(active_test=False).search([])
        companies.fetch(["erm_escalation_days", "erm_escalation_user_id",
                         "erm_frequent_absence_window_days", "erm_frequent_absence_threshold",
                         "resource_calendar_id", "partner_id"])
        fallback = self._company_fallback_users()
        config = {}
        for company in companies:
            today = self._company_today(company)
            contact = company.erm_escalation_user_id
            config[company.id] = {
                "today": today,
                "thresholds": {
                    code: today + timedelta(days=LeadTime._lead_days_for(company.id, code, table))
                    for code in ALERT_CODES
                },
                "escalate_before": today - timedelta(days=company.erm_escalation_days or 0),
                "contact_user_id": contact.id if contact and contact.active else None,
                "fallback_user_id": fallback.get(company.id),
                "lang": company.partner_id.lang or "en_US",
                "frequent_window_start": today - timedelta(
                    days=company.erm_frequent_absence_window_days or 365),
                "frequent_threshold": company.erm_frequent_absence_threshold or 3,
                "frequent_window_days": company.erm_frequent_absence_window_days or 365,
            }
        return config

    @api.model
    def _company_fallback_users(self):
        """{company_id: user id} of the last resort for a deadline nobody holds: the first
        HR adviser of the company (not an administrator), else its first Verzuim
        administrator; active internal users allowed in the company (both groups can open
        its cases). One query."""
        hr = self.env.ref("erm_verzuim.group_erm_hr")
        admin = self.env.ref("erm_verzuim.group_erm_admin")
        self.env.cr.execute(SQL("""
            SELECT cid, COALESCE(min(uid) FILTER (WHERE NOT is_admin), min(uid))
              FROM (SELECT cu.cid, u.id AS uid, bool_or(g.gid = %(admin)s) AS is_admin
                      FROM res_users u
                      JOIN res_company_users_rel cu ON cu.user_id = u.id
                      JOIN res_groups_users_rel g ON g.uid = u.id
                                                 AND g.gid IN (%(hr)s, %(admin)s)
                     WHERE u.active AND NOT u.share
                     GROUP BY cu.cid, u.id) per_user
             GROUP BY cid
        """, hr=hr.id, admin=admin.id))
        return dict(self.env.cr.fetchall())

    @api.model
    def _config_sql(self, config):
        """The run's settings per company and milestone code, as the SQL relation
        cfg(company_id, code, threshold, today, escalate_before, contact_user_id,
        fallback_user_id, horizon)."""
        rows = [
            SQL("(%s, %s, %s::date, %s::date, %s::date, %s::int, %s::int, %s::date)",
                company_id, code, conf["thresholds"][code], conf["today"],
                conf["escalate_before"], conf["contact_user_id"], conf["fallback_user_id"],
                conf["today"] + timedelta(days=DIGEST_HORIZON_DAYS))
            for company_id, conf in config.items() for code in ALERT_CODES
        ]
        return SQL(
            "(VALUES %s) AS cfg(company_id, code, threshold, today, escalate_before, "
            "contact_user_id, fallback_user_id, horizon)",
            SQL(", ").join(rows),
        )

    @api.model
    def _company_sql(self, config):
        """The run's settings per company, as the SQL relation comp(company_id, today,
        contact_user_id, fallback_user_id, frequent_window_start, week_start)."""
        rows = [
            SQL("(%s, %s::date, %s::int, %s::int, %s::date, %s::date)",
                company_id, conf["today"], conf["contact_user_id"], conf["fallback_user_id"],
                conf["frequent_window_start"],
                conf["today"] - timedelta(days=conf["today"].weekday()))
            for company_id, conf in config.items()
        ]
        return SQL(
            "(VALUES %s) AS comp(company_id, today, contact_user_id, fallback_user_id, "
            "frequent_window_start, week_start)",
            SQL(", ").join(rows),
        )

    @api.model
    def _assignee_sql(self, conf, user, policy):
        """Who gets the work: `user` (the duty holder, NULL when unknown or archived), else
        the company's escalation contact, else the first active HR adviser of the case's
        ERM policy (`policy`), else the company's HR adviser or administrator (`conf` being
        the cfg or comp relation). COALESCE stops at the first one found."""
        return SQL("""COALESCE(%(user)s, %(conf)s.contact_user_id,
                   (SELECT min(pu.id) FROM erm_model_policy_hr_rel ph
                      JOIN res_users pu ON pu.id = ph.user_id AND pu.active AND NOT pu.share
                     WHERE ph.policy_id = %(policy)s),
                   %(conf)s.fallback_user_id)""",
                   user=user, conf=SQL.identifier(conf), policy=policy)

    @api.model
    def _open_milestones_sql(self, cfg):
        """FROM/WHERE of the open milestones of open cases, with their run settings (cfg),
        their case (c) and their duty holder if active (ru)."""
        return SQL("""
              FROM erm_wvp_milestone m
              JOIN %s ON cfg.company_id = m.company_id AND cfg.code = m.code
              JOIN erm_absence_case c ON c.id = m.case_id
         LEFT JOIN res_users ru ON ru.id = m.responsible_user_id AND ru.active
             WHERE m.date_done IS NULL AND m.state != 'cancelled'
               AND c.active AND c.date_recovered IS NULL
        """, cfg)

    @api.model
    def _milestone_assignee_sql(self):
        return self._assignee_sql("cfg", SQL("ru.id"), SQL("c.erm_policy_id"))

    @api.model
    def _fetch_work(self, query, budget):
        """Rows of `query`, at most `budget` (None: all); returns (rows, left) where `left`
        is 1 when more rows match, else 0: a lower bound of the work left, which is all the
        scheduler needs (counting every match would scan all of them in every batch)."""
        if budget is None:
            self.env.cr.execute(query)
            return self.env.cr.fetchall(), 0
        self.env.cr.execute(SQL("%s LIMIT %s", query, budget + 1))
        rows = self.env.cr.fetchall()
        return rows[:budget], len(rows) - len(rows[:budget])

    @api.model
    def _fetch_case_windows(self, query, budget, position, step):
        """_fetch_work for a step over the open cases in id order, one window of cases at a
        time: `query(window)` is the step's query, `window(column)` the SQL condition that
        keeps `column` (a case id) inside the current window. Same rows and `left` as the
        query with LIMIT over all cases, but each query reads only its window: with the
        LIMIT alone PostgreSQL estimates few matches and reads every case after the
        position and every open reminder in every batch (a run growing with the square of
        the number of cases). A window holds the next `budget` open cases, doubling while
        the rows found fall short (a re-run that finds nothing reads a few large windows)."""
        if budget is None:
            return self._fetch_work(query(lambda column: SQL()), None)
        key = position.get(step) if position is not None else None
        low = key if isinstance(key, int) else 0
        size = budget + 1
        rows = []
        while True:
            self.env.cr.execute(SQL("""
                SELECT id FROM erm_absence_case
                 WHERE active AND date_recovered IS NULL AND id > %s
                 ORDER BY id OFFSET %s LIMIT 1
            """, low, size - 1))
            found = self.env.cr.fetchone()
            high = found[0] if found else None

            def window(column, low=low, high=high):
                if high is None:
                    return SQL("AND %s > %s", column, low)
                return SQL("AND %s > %s AND %s <= %s", column, low, column, high)

            self.env.cr.execute(SQL("%s LIMIT %s", query(window), budget + 1 - len(rows)))
            rows += self.env.cr.fetchall()
            if len(rows) > budget or high is None:
                break
            low, size = high, size * 2
        return rows[:budget], len(rows) - len(rows[:budget])

    @staticmethod
    def _after(position, step, columns):
        """SQL condition: past the step's position (columns compared as a row)."""
        key = position.get(step) if position is not None else None
        if key is None or key == STEP_FINISHED:
            return SQL()
        if isinstance(key, list):
            # (deadline, id): the first comparison lets the index scan start at the position
            return SQL("AND m.date_deadline >= %s::date AND (%s) > (%s::date, %s)",
                       key[0], columns, key[0], key[1])
        return SQL("AND %s > %s", columns, key)

    @staticmethod
    def _advance(position, step, key):
        if position is not None:
            position[step] = key

    @api.model
    def _user_langs(self, user_ids):
        """{user id: language} in one query."""
        ids = tuple({user_id for user_id in user_ids if user_id})
        if not ids:
            return {}
        self.env.cr.execute(SQL("""
            SELECT u.id, p.lang FROM res_users u JOIN res_partner p ON p.id = u.partner_id
             WHERE u.id IN %s
        """, ids))
        return {user_id: lang or "en_US" for user_id, lang in self.env.cr.fetchall()}

    @api.model
    def _texts(self, lang, cache):
        """The _Texts of `lang`, one per language in `cache` (a dict the caller keeps)."""
        lang = lang or "en_US"
        if lang not in cache:
            cache[lang] = _Texts(self.env, lang)
        return cache[lang]

    @api.model
    def _signal_activity_values(self, kind, type_xmlid, items, summary, note,
                                model="erm.absence.case"):
        """The activities of a signal step (frequent absence, late intervention, care
        rhythm, ...), each in its assignee's language. `items`: [(record id, user id, day,
        note_args(text) -> dict, extra values)]; the deadline is the day plus the activity
        type's delay (a customer setting)."""
        activity_type = self.env.ref(type_xmlid)
        delay = timedelta(days=activity_type.delay_count or 0)
        model_id = self.env["ir.model"]._get_id(model)
        langs = self._user_langs(item[1] for item in items)
        texts = {}
        vals_list = []
        for res_id, user_id, day, note_args, extra in items:
            text = self._texts(langs.get(user_id), texts)
            vals_list.append(dict(
                extra, res_model_id=model_id, res_id=res_id,
                activity_type_id=activity_type.id, summary=text.t(summary),
                note=text.t(note, markup=True, **note_args(text)),
                date_deadline=day + delay, user_id=user_id, automated=True,
                erm_alert_kind=kind,
            ))
        return vals_list

    # ------------------------------------------------------------------ the steps
    @api.model
    def _step_close(self, config, cfg, budget, restriction=None, position=None):
        restriction = restriction or SQL()
        rows, left = self._fetch_work(SQL("""
            SELECT a.id, m.date_done, a.user_id
              FROM mail_activity a
              JOIN erm_wvp_milestone m ON m.id = a.erm_milestone_id
              JOIN erm_absence_case c ON c.id = m.case_id
             WHERE a.active %s %s
               AND (m.date_done IS NOT NULL OR m.state = 'cancelled'
                    OR NOT c.active OR c.date_recovered IS NOT NULL)
             ORDER BY a.id
        """, restriction, self._after(position, "close", SQL("a.id"))), budget)
        if not rows:
            return 0, left
        self._close_with_feedback(rows)
        self._advance(position, "close", rows[-1][0])
        return len(rows), left

    @api.model
    def _close_with_feedback(self, items):
        """Complete the activities of `items` (activity id, date done or None, assignee id)
        with a feedback in the assignee's language: one action_feedback per text. Odoo's
        "done" message around it is rendered in the same language (not in the job's)."""
        langs = self._user_langs(user_id for _a, _d, user_id in items)
        texts = {}
        by_feedback = defaultdict(list)
        for activity_id, date_done, user_id in items:
            text = self._texts(langs.get(user_id), texts)
            feedback = (text.t(DONE_FEEDBACK, date=text.date(date_done)) if date_done
                        else text.t(OBSOLETE_FEEDBACK))
            by_feedback[text.lang, feedback].append(activity_id)
        Activity = self.env["mail.activity"].sudo().with_context(erm_alert_closing=True)
        for (lang, feedback), activity_ids in by_feedback.items():
            Activity.with_context(lang=lang).browse(activity_ids).action_feedback(
                feedback=feedback)

    @api.model
    def _step_update(self, config, cfg, budget, restriction=None, position=None):
        restriction = restriction or SQL()
        assignee = self._milestone_assignee_sql()
        rows, left = self._fetch_work(SQL("""
            SELECT a.id, m.date_deadline, m.case_id, a.user_id,
                   COALESCE(%(assignee)s, a.user_id), m.code, m.sequence
              FROM mail_activity a
              JOIN erm_wvp_milestone m ON m.id = a.erm_milestone_id
              JOIN %(cfg)s ON cfg.company_id = m.company_id AND cfg.code = m.code
              JOIN erm_absence_case c ON c.id = m.case_id
         LEFT JOIN res_users ru ON ru.id = m.responsible_user_id AND ru.active
             WHERE a.active AND m.date_done IS NULL AND m.state != 'cancelled'
               AND c.active AND c.date_recovered IS NULL %(restriction)s %(after)s
               AND (a.date_deadline != m.date_deadline OR a.res_id != m.case_id
                    OR a.user_id != COALESCE(%(assignee)s, a.user_id))
             ORDER BY a.id
        """, assignee=assignee, cfg=cfg, restriction=restriction,
            after=self._after(position, "update", SQL("a.id"))), budget)
        if not rows:
            return 0, left
        Activity = self._activity_env()
        # res_name follows res_id: read the cases' names in one query beforehand
        self.env["erm.absence.case"].browse({row[2] for row in rows}).fetch(["name"])
        langs = self._user_langs(row[4] for row in rows)
        texts = {}
        by_user = defaultdict(list)
        pairs = set()
        for activity_id, deadline, case_id, old_user_id, user_id, code, sequence in rows:
            vals = {"date_deadline": deadline, "res_id": case_id}
            if user_id != old_user_id:
                # the new assignee reads the summary in his language (his notes stay)
                vals["summary"] = self._texts(langs.get(user_id), texts).summary(code, sequence)
                by_user[user_id].append(activity_id)
            # values per record; the ORM flushes them as one UPDATE ... FROM (VALUES ...)
            Activity.browse(activity_id).write(vals)
            pairs.add((case_id, user_id))
        for user_id, activity_ids in by_user.items():
            Activity.browse(activity_ids).write({"user_id": user_id})
        self._subscribe_assignees(pairs)
        self._advance(position, "update", rows[-1][0])
        return len(rows), left

    @api.model
    def _step_create(self, config, cfg, budget, restriction=None, position=None):
        restriction = restriction or SQL()
        candidates = None
        if position is not None and budget:
            candidates, left = self._create_candidates(config, budget, position)
            if not candidates:
                return 0, left
            restriction = SQL("%s AND m.id IN %s", restriction,
                              tuple(milestone_id for milestone_id, _d in candidates))
            budget = None
        assignee = self._milestone_assignee_sql()
        rows, left_rows = self._fetch_work(SQL("""
            SELECT m.id, m.case_id, m.code, m.sequence, m.date_deadline, %s
              %s %s %s
               AND m.date_deadline <= cfg.threshold AND m.date_deadline <= %s::date
               AND %s IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM mail_activity a
                                WHERE a.erm_milestone_id = m.id AND a.active)
             ORDER BY m.date_deadline, m.id
        """, assignee, self._open_milestones_sql(cfg), restriction,
            self._after(position, "create", SQL("m.date_deadline, m.id")),
            max(max(conf["thresholds"].values()) for conf in config.values()), assignee), budget)
        if candidates is None:
            left = left_rows
        else:
            # the candidates without anybody to assign are passed as well
            self._advance(position, "create", [str(candidates[-1][1]), candidates[-1][0]])
        if not rows:
            return (len(candidates) if candidates else 0), left
        activity_type = self.env.ref("erm_verzuim.mail_activity_type_erm_deadline")
        # a private step's deadline has a type of its own, which a record rule hides
        private_type = self.env.ref("erm_verzuim.mail_activity_type_erm_private_deadline")
        model_id = self.env["ir.model"]._get_id("erm.absence.case")
        langs = self._user_langs(row[5] for row in rows)
        texts = {}
        vals_list = [{
            "res_model_id": model_id, "res_id": case_id,
            "activity_type_id": (
                private_type if code in milestones.PRIVATE_CODES else activity_type).id,
            "summary": self._texts(langs.get(user_id), texts).summary(code, sequence),
            "date_deadline": deadline, "user_id": user_id, "automated": True,
            "erm_milestone_id": milestone_id, "erm_alert_kind": "deadline",
        } for milestone_id, case_id, code, sequence, deadline, user_id in rows]
        if not self._create_activities(vals_list):
            return 0, len(rows) + left
        if candidates is None:
            self._advance(position, "create", [str(rows[-1][4]), rows[-1][0]])
        return len(rows), left

    @api.model
    def _create_candidates(self, config, budget, position):
        """[(milestone id, deadline)] of the next `budget` open milestones due within their
        lead time and without an activity, from the step's position, and whether more
        follow (see _fetch_work). The lead-time threshold per company and code is looked
        up per row in a JSON object instead of joined from the cfg relation: PostgreSQL
        then walks the open-deadline index in order and stops at the batch size, where the
        join made it read and sort every milestone after the position in every batch
        (a run growing with the square of the number of cases)."""
        thresholds = json.dumps({
            f"{company_id}/{code}": str(threshold)
            for company_id, conf in config.items()
            for code, threshold in conf["thresholds"].items()
        })
        return self._fetch_work(SQL("""
            SELECT m.id, m.date_deadline
              FROM erm_wvp_milestone m
              JOIN erm_absence_case c ON c.id = m.case_id
             WHERE m.date_done IS NULL AND m.state != 'cancelled'
               AND c.active AND c.date_recovered IS NULL %s
               AND m.date_deadline <= %s::date
               AND m.date_deadline <= (%s::jsonb ->> (m.company_id || '/' || m.code))::date
               AND NOT EXISTS (SELECT 1 FROM mail_activity a
                                WHERE a.erm_milestone_id = m.id AND a.active)
             ORDER BY m.date_deadline, m.id
        """, self._after(position, "create", SQL("m.date_deadline, m.id")),
            max(max(conf["thresholds"].values()) for conf in config.values()), thresholds),
            budget)

    @api.model
    def _step_escalate(self, config, cfg, budget, restriction=None, position=None):
        restriction = restriction or SQL()
        candidates = None
        if position is not None and budget:
            candidates, left = self._escalate_candidates(config, budget, position)
            if not candidates:
                return 0, left
            restriction = SQL("%s AND m.id IN %s", restriction,
                              tuple(milestone_id for milestone_id, _d in candidates))
            budget = None
        rows, left_rows = self._fetch_work(SQL("""
            SELECT m.id, m.case_id, m.code, m.sequence, m.date_deadline, m.company_id, %s
              %s %s %s
               AND m.erm_escalated_date IS NULL AND m.date_deadline < cfg.escalate_before
               AND m.date_deadline < %s::date
             ORDER BY m.date_deadline, m.id
        """, self._milestone_assignee_sql(), self._open_milestones_sql(cfg), restriction,
            self._after(position, "escalate", SQL("m.date_deadline, m.id")),
            max(conf["escalate_before"] for conf in config.values())), budget)
        if candidates is None:
            left = left_rows
        if not rows:
            return 0, left
        Milestone = self.env["erm.wvp.milestone"]
        milestones_ = Milestone.browse([row[0] for row in rows])
        partners_by_milestone = milestones_._erm_escalation_partners()
        cases = self.env["erm.absence.case"].browse({row[1] for row in rows})
        case_names = {case.id: case.name for case in cases}
        users = self.env["res.users"].browse({row[6] for row in rows if row[6]})
        user_names = {user.id: user.name for user in users}
        partners = self.env["res.partner"].browse(
            {p.id for found in partners_by_milestone.values() for p in found})
        partner_langs = {partner.id: partner.lang or "en_US" for partner in partners}
        texts = {}
        notes = defaultdict(list)
        lines_by_partner = defaultdict(list)
        by_company = defaultdict(list)
        for milestone_id, case_id, code, sequence, deadline, company_id, user_id in rows:
            conf = config[company_id]
            days = (conf["today"] - deadline).days
            found = partners_by_milestone.get(milestone_id) or self.env["res.partner"]
            # the chatter note in the company's language
            text = self._texts(conf["lang"], texts)
            names = ", ".join(found.mapped("name")) or text.t(NOBODY)
            notes[case_id].append(text.t(
                ESCALATION_NOTE, markup=True, label=text.label(code, sequence),
                deadline=text.date(deadline), days=text.number(days), names=names,
            ))
            # the e-mail in each recipient's language
            for partner in found:
                text = self._texts(partner_langs.get(partner.id), texts)
                lines_by_partner[partner.id].append({
                    "reference": case_names[case_id], "label": text.label(code, sequence),
                    "deadline": text.date(deadline), "days": text.number(days),
                    "responsible": user_names.get(user_id, ""),
                })
            by_company[company_id].append(milestone_id)
        cases._message_log_batch(
            bodies={case_id: Markup("").join(parts) for case_id, parts in notes.items()}
        )
        if lines_by_partner:
            template = self.env.ref("erm_verzuim.mail_template_erm_escalation")
            template.with_context(erm_escalations=dict(lines_by_partner)).send_mail_batch(
                sorted(lines_by_partner)
            )
        for company_id, milestone_ids in by_company.items():
            Milestone.browse(milestone_ids).write(
                {"erm_escalated_date": config[company_id]["today"]}
            )
        self._advance(position, "escalate", [str(rows[-1][4]), rows[-1][0]])
        return len(rows), left

    @api.model
    def _escalate_candidates(self, config, budget, position):
        """[(milestone id, deadline)] of the next `budget` open milestones overdue beyond
        their company's escalation days and not escalated yet, from the step's position,
        and whether more follow (see _fetch_work). As in _create_candidates, the limit per
        company is looked up per row instead of joined from the cfg relation, so that
        PostgreSQL walks the open-deadline index in order and stops at the batch size."""
        limits = json.dumps({
            str(company_id): str(conf["escalate_before"]) for company_id, conf in config.items()
        })
        return self._fetch_work(SQL("""
            SELECT m.id, m.date_deadline
              FROM erm_wvp_milestone m
              JOIN erm_absence_case c ON c.id = m.case_id
             WHERE m.date_done IS NULL AND m.state != 'cancelled'
               AND c.active AND c.date_recovered IS NULL %s
               AND m.code IN %s AND m.erm_escalated_date IS NULL
               AND m.date_deadline < %s::date
               AND m.date_deadline < (%s::jsonb ->> m.company_id::text)::date
             ORDER BY m.date_deadline, m.id
        """, self._after(position, "escalate", SQL("m.date_deadline, m.id")), tuple(ALERT_CODES),
            max(conf["escalate_before"] for conf in config.values()), limits), budget)

    @api.model
    def _step_frequent(self, config, cfg, budget, restriction=None, position=None):
        if restriction:
            return 0, 0  # not tied to milestones
        assignee = self._assignee_sql("comp", SQL("ru.id"), SQL("f.erm_policy_id"))
        rows, left = self._fetch_work(SQL("""
            SELECT f.id, f.company_id, %(assignee)s
              FROM (SELECT DISTINCT ON (c.employee_id)
                           c.id, c.employee_id, c.company_id, c.regievoerder_user_id,
                           c.erm_policy_id
                      FROM erm_absence_case c
                     WHERE c.active AND c.frequent_absence
                     ORDER BY c.employee_id, c.date_start DESC, c.id DESC) f
              JOIN %(comp)s ON comp.company_id = f.company_id
         LEFT JOIN res_users ru ON ru.id = f.regievoerder_user_id AND ru.active
             WHERE %(assignee)s IS NOT NULL %(after)s
               AND NOT EXISTS (SELECT 1 FROM erm_absence_case s
                                WHERE s.employee_id = f.employee_id
                                  AND s.erm_frequent_signal_date > comp.frequent_window_start)
               AND NOT EXISTS (SELECT 1 FROM mail_activity a
                                WHERE a.erm_alert_kind = 'frequent_absence' AND a.active
                                  AND a.res_id = f.id)
             ORDER BY f.id
        """, assignee=assignee, comp=self._company_sql(config),
            after=self._after(position, "frequent", SQL("f.id"))), budget)
        if not rows:
            return 0, left
        by_company = defaultdict(list)
        for case_id, company_id, _user_id in rows:
            by_company[company_id].append(case_id)
        vals_list = self._signal_activity_values(
            "frequent_absence", "erm_verzuim.mail_activity_type_erm_frequent_absence", [
                (case_id, user_id, config[company_id]["today"], lambda text, c=config[company_id]: {
                    "threshold": text.number(c["frequent_threshold"]),
                    "days": text.number(c["frequent_window_days"]),
                }, {}) for case_id, company_id, user_id in rows
            ], FREQUENT_SUMMARY, FREQUENT_NOTE,
        )
        if not self._create_activities(vals_list):
            return 0, len(rows) + left
        # an untracked date: no need to prepare the tracking of every tracked field
        Case = self.env["erm.absence.case"].with_context(tracking_disable=True)
        for company_id, case_ids in by_company.items():
            Case.browse(case_ids).write({"erm_frequent_signal_date": config[company_id]["today"]})
        self._advance(position, "frequent", rows[-1][0])
        return len(rows), left

    @api.model
    def _care_sql(self, config):
        """The caremanagement rhythm per company (engine/care.py), as the SQL relation
        care(company_id, today, weeks, early, late, contact_user_id, fallback_user_id)."""
        companies = self.env["res.company"].sudo().with_context(active_test=False).browse(
            list(config)
        )
        companies.fetch(["erm_care_weeks_early", "erm_care_interval_early",
                         "erm_care_interval_late"])
        rows = [
            SQL("(%s, %s::date, %s::int, %s::int, %s::int, %s::int, %s::int)", company.id,
                config[company.id]["today"], *company._erm_care_rhythm(),
                config[company.id]["contact_user_id"], config[company.id]["fallback_user_id"])
            for company in companies
        ]
        return SQL(
            "(VALUES %s) AS care(company_id, today, weeks, early, late, contact_user_id, "
            "fallback_user_id)", SQL(", ").join(rows),
        )

    @api.model
    def _step_care_rhythm(self, config, cfg, budget, restriction=None, position=None):
        """Caremanagement: an activity for the employee's manager (the case's
        erm_care_user_id, who can open the case) when no contact was logged within the
        company's rhythm since the last contact or the first sick day, once per missed
        period (unique index on case and due day, done reminders included). Reminders of
        closed cases lapse; a logged contact completes its reminder at once."""
        if restriction:
            return 0, 0  # not tied to milestones
        if position is None or position.get("care_rhythm") is None:
            # Once per run, in the batch where the step starts: both passes read every open
            # reminder, and what the run's later batches create is current anyway (read in
            # every batch, they made a run grow with the square of the number of cases).
            self._update_care_reminders()
        assignee = self._assignee_sql("care", SQL("ru.id"), SQL("c.erm_policy_id"))
        care_sql = self._care_sql(config)
        rows, left = self._fetch_case_windows(lambda window: SQL("""
            SELECT c.id, c.company_id, c.date_start, c.date_reported, lc.last_date,
                   %(assignee)s
              FROM erm_absence_case c
              JOIN %(care)s ON care.company_id = c.company_id
         LEFT JOIN res_users ru ON ru.id = c.erm_care_user_id AND ru.active
         LEFT JOIN LATERAL (SELECT max(cc.date) AS last_date FROM erm_care_contact cc
                             WHERE cc.case_id = c.id) lc ON TRUE
         CROSS JOIN LATERAL (SELECT COALESCE(lc.last_date,
                                             GREATEST(c.date_start, c.date_reported)) AS day
                            ) ref
             WHERE c.active AND c.date_recovered IS NULL AND %(assignee)s IS NOT NULL
               AND ref.day + CASE WHEN ref.day < c.date_start + 7 * care.weeks
                                  THEN care.early ELSE care.late END < care.today
               AND NOT EXISTS (SELECT 1 FROM mail_activity a
                                WHERE a.erm_alert_kind = 'care_rhythm' AND a.active
                                  AND a.res_id = c.id %(reminders)s) %(cases)s
             ORDER BY c.id
        """, assignee=assignee, care=care_sql, cases=window(SQL("c.id")),
            reminders=window(SQL("a.res_id"))), budget, position, "care_rhythm")
        if not rows:
            return 0, left
        companies = {company.id: company for company in self.env["res.company"].sudo().browse(
            {row[1] for row in rows})}
        due = {}
        for case_id, company_id, date_start, date_reported, last_date, user_id in rows:
            weeks, early, late = companies[company_id]._erm_care_rhythm()
            reference = last_date or care.rhythm_start(date_start, date_reported)
            day = care.missed_due_date(date_start, reference, config[company_id]["today"],
                                       weeks, early, late)
            if day:
                due[case_id] = (day, company_id, user_id, weeks, early, late)
        if due:
            self.env.cr.execute(SQL("""
                SELECT res_id, erm_care_due_date FROM mail_activity
                 WHERE erm_alert_kind = 'care_rhythm' AND res_id IN %s
            """, tuple(due)))
            for case_id, day in self.env.cr.fetchall():
                if due.get(case_id, (None,))[0] == day:
                    del due[case_id]  # this period was reminded of already
        if due:
            vals_list = self._signal_activity_values(
                "care_rhythm", "erm_verzuim.mail_activity_type_erm_care_rhythm", [
                    (case_id, user_id, config[company_id]["today"],
                     lambda text, d=day, w=weeks, e=early, la=late: {
                         "early": text.number(e), "weeks": text.number(w),
                         "late": text.number(la), "due": text.date(d),
                     }, {"erm_care_due_date": day})
                    for case_id, (day, company_id, user_id, weeks, early, late) in due.items()
                ], CARE_SUMMARY, CARE_NOTE,
            )
            if not self._create_activities(vals_list):
                return 0, len(rows) + left
        self._advance(position, "care_rhythm", rows[-1][0])
        return len(rows), left

    @api.model
    def _update_care_reminders(self):
        """Open care reminders of closed cases lapse; those of an employee whose manager
        changed (org chart) go to the successor."""
        self.env.cr.execute(SQL("""
            SELECT DISTINCT a.res_id FROM mail_activity a
              JOIN erm_absence_case c ON c.id = a.res_id
             WHERE a.erm_alert_kind = 'care_rhythm' AND a.active
               AND (NOT c.active OR c.date_recovered IS NOT NULL)
        """))
        self.env["erm.care.contact"]._close_care_activities(
            [row[0] for row in self.env.cr.fetchall()])
        # the employee's manager changed (org chart): his successor takes the reminder over
        self.env.cr.execute(SQL("""
            SELECT a.id, c.erm_care_user_id FROM mail_activity a
              JOIN erm_absence_case c ON c.id = a.res_id
              JOIN res_users u ON u.id = c.erm_care_user_id AND u.active
             WHERE a.erm_alert_kind = 'care_rhythm' AND a.active
               AND a.user_id != c.erm_care_user_id
        """))
        moved = defaultdict(list)
        for activity_id, user_id in self.env.cr.fetchall():
            moved[user_id].append(activity_id)
        for user_id, activity_ids in moved.items():
            self._activity_env().browse(activity_ids).write({"user_id": user_id})

    # "Interventions too late" (domain.md §7): an open case in week 8 or later without an
    # approved, running or finished intervention and without a recorded "no intervention
    # needed" asks its process guardian, once per case, what is being done.
    @api.model
    def _step_late_intervention(self, config, cfg, budget, restriction=None, position=None):
        if restriction:
            return 0, 0  # not tied to milestones
        assignee = self._assignee_sql("comp", SQL("ru.id"), SQL("c.erm_policy_id"))
        first_day = (LATE_WEEK - 1) * 7  # days before the first day of week 8
        comp = self._company_sql(config)
        rows, left = self._fetch_case_windows(lambda window: SQL("""
            SELECT c.id, c.company_id, %(assignee)s
              FROM erm_absence_case c
              JOIN %(comp)s ON comp.company_id = c.company_id
         LEFT JOIN res_users ru ON ru.id = c.procesbewaker_user_id AND ru.active
             WHERE c.active AND c.date_recovered IS NULL
               AND COALESCE(c.chain_date_start, c.date_start) <= comp.today - %(first_day)s
               AND c.erm_late_intervention_signal_date IS NULL
               AND c.erm_no_intervention_date IS NULL
               AND %(assignee)s IS NOT NULL %(cases)s
               AND NOT EXISTS (SELECT 1 FROM erm_intervention i
                                WHERE i.case_id = c.id AND i.state IN %(committed)s
                                      %(interventions)s)
               AND NOT EXISTS (SELECT 1 FROM mail_activity a
                                WHERE a.erm_alert_kind = 'late_intervention' AND a.active
                                  AND a.res_id = c.id %(reminders)s)
             ORDER BY c.id
        """, assignee=assignee, comp=comp, first_day=first_day, committed=COMMITTED_STATES,
            cases=window(SQL("c.id")), interventions=window(SQL("i.case_id")),
            reminders=window(SQL("a.res_id"))), budget, position, "late_intervention")
        if not rows:
            return 0, left
        last_id = rows[-1][0]
        # A chain counts sick days only: a gap between its cases moves week 8 later than
        # the calendar says (one timeline computation for the batch).
        cases = self.env["erm.absence.case"].browse([row[0] for row in rows])
        weeks = {}
        for case in cases:
            weeks[case.id] = (case.sick_day_number - 1) // 7 + 1 if case.sick_day_number else 0
        rows = [row for row in rows if weeks[row[0]] >= LATE_WEEK]
        if not rows:
            self._advance(position, "late_intervention", last_id)
            return len(cases), left
        by_company = {}
        for case_id, company_id, _user_id in rows:
            by_company.setdefault(company_id, []).append(case_id)
        vals_list = self._signal_activity_values(
            "late_intervention", "erm_verzuim.mail_activity_type_erm_late_intervention", [
                (case_id, user_id, config[company_id]["today"],
                 lambda text, week=weeks[case_id]: {"week": text.number(week)}, {})
                for case_id, company_id, user_id in rows
            ], LATE_SUMMARY, LATE_NOTE,
        )
        if not self._create_activities(vals_list):
            return 0, len(cases) + left
        # an untracked date: no need to prepare the tracking of every tracked field
        Case = self.env["erm.absence.case"].with_context(tracking_disable=True)
        for company_id, case_ids in by_company.items():
            Case.browse(case_ids).write(
                {"erm_late_intervention_signal_date": config[company_id]["today"]}
            )
        self._advance(position, "late_intervention", last_id)
        return len(cases), left

    # "Employee's view missing": the law gives the employee his own view in the plan of
    # action and every evaluation. When the employer's view of a plan still in draft was
    # recorded MISSING_VIEW_DAYS days ago or longer and the employee has not signed his own
    # view off, the case's regievoerder (who writes the plan and can open it) is reminded,
    # once per plan (a unique partial index refuses a second open one; a done reminder is
    # kept and not raised again). Signing the view, agreeing the plan or closing the case
    # completes it.
    @api.model
    def _step_missing_view(self, config, cfg, budget, restriction=None, position=None):
        if restriction:
            return 0, 0  # not tied to milestones
        self._close_missing_view_reminders()
        assignee = self._assignee_sql("comp", SQL("ru.id"), SQL("c.erm_policy_id"))
        rows, left = self._fetch_work(SQL("""
            SELECT p.id, p.company_id, p.kind, p.view_employer_date, %(assignee)s
              FROM erm_reintegration_plan p
              JOIN erm_absence_case c ON c.id = p.case_id
              JOIN %(comp)s ON comp.company_id = p.company_id
         LEFT JOIN res_users ru ON ru.id = c.regievoerder_user_id AND ru.active
             WHERE p.state = 'draft' AND p.view_employee_signed_on IS NULL
               AND p.view_employer_date <= comp.today - %(days)s
               AND c.active AND c.date_recovered IS NULL
               AND %(assignee)s IS NOT NULL %(after)s
               AND NOT EXISTS (SELECT 1 FROM mail_activity a
                                WHERE a.erm_alert_kind = 'missing_view' AND a.res_id = p.id)
             ORDER BY p.id
        """, assignee=assignee, comp=self._company_sql(config), days=MISSING_VIEW_DAYS,
            after=self._after(position, MISSING_VIEW_KIND, SQL("p.id"))), budget)
        if not rows:
            return 0, left
        labels = {}  # the plan kinds' labels per language

        def note_args(text, kind, view_date):
            if text.lang not in labels:
                field = self.env["erm.reintegration.plan"]._fields["kind"]
                labels[text.lang] = dict(field._description_selection(text.env))
            return {"kind": labels[text.lang][kind].lower(), "date": text.date(view_date)}

        vals_list = self._signal_activity_values(
            MISSING_VIEW_KIND, "erm_verzuim.mail_activity_type_erm_missing_view", [
                (plan_id, user_id, config[company_id]["today"],
                 lambda text, k=kind, d=view_date: note_args(text, k, d), {})
                for plan_id, company_id, kind, view_date, user_id in rows
            ], MISSING_VIEW_SUMMARY, MISSING_VIEW_NOTE, model="erm.reintegration.plan",
        )
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self._insert_activities(vals_list, model="erm.reintegration.plan")
        except psycopg2.errors.UniqueViolation:
            # a concurrent run created some first: nothing duplicated, retried next run
            self._trigger_alerts()
            return 0, len(rows) + left
        self._advance(position, MISSING_VIEW_KIND, rows[-1][0])
        return len(rows), left

    @api.model
    def _close_missing_view_reminders(self):
        """Reminders answered otherwise than by the signature (which closes its own at
        once): the plan was agreed, or its case closed or archived."""
        self.env.cr.execute(SQL("""
            SELECT DISTINCT a.res_id FROM mail_activity a
              JOIN erm_reintegration_plan p ON p.id = a.res_id
              JOIN erm_absence_case c ON c.id = p.case_id
             WHERE a.erm_alert_kind = 'missing_view' AND a.active
               AND (p.state = 'done' OR p.view_employee_signed_on IS NOT NULL
                    OR NOT c.active OR c.date_recovered IS NOT NULL)
        """))
        plan_ids = [row[0] for row in self.env.cr.fetchall()]
        if plan_ids:
            self.env["erm.reintegration.plan"].browse(plan_ids)._erm_close_missing_view_signals()

    # ------------------------------------------------------------------ helpers
    @api.model
    def _activity_env(self):
        """mail.activity for the job: no assignment e-mail per activity (the weekly digest
        lists them) and followers added in one batch by _subscribe_assignees."""
        return self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True, erm_alert_batch_subscribe=True,
            mail_create_nosubscribe=True, tracking_disable=True,
        )

    @api.model
    def _create_activities(self, vals_list):
        """Create in one batch; False when a concurrent worker created some of them first
        (the unique index refused): the batch is rolled back and retried with a fresh
        snapshot by the next run."""
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                activities = self._insert_activities(vals_list)
                self._analyze_if_grown("mail_activity", len(activities))
        except psycopg2.errors.UniqueViolation:
            _logger.warning(
                "Deadline alerts: another worker created some of these %s activities "
                "concurrently; nothing duplicated, the rest follows in the next run.",
                len(vals_list),
            )
            self._trigger_alerts()
            return False
        self._subscribe_assignees({(a.res_id, a.user_id.id) for a in activities})
        return activities

    @api.model
    def _insert_activities(self, vals_list, model="erm.absence.case"):
        """mail.activity.create of `vals_list` (activities on records of `model`, all with
        an assignee) at batch cost: one INSERT of the values the ORM would store.

        The ORM's create costs about a millisecond per activity, most of the job's time on
        a first run: a new record per activity to precompute res_model, the defaults looked
        up per activity, the note sanitized twice per activity, the document's display name
        (res_name) computed one record at a time and written by a second UPDATE with
        user_tz and date_done, and the inverse caches of every model with activities
        updated per activity. Here the defaults are read once, every note text is sanitized
        once, the computed values are computed for the batch and inserted with the rest;
        what depends on activities is marked for recomputation as create() does, and
        create()'s own follow-up is kept: no assignment e-mail (mail_activity_quick_update,
        the weekly digest lists them), the assignees follow the document (for cases in one
        batch: _subscribe_assignees) and the bus refresh of create()."""
        Activity = self._activity_env()
        fields_ = Activity._fields
        records = Activity.env[model].browse({vals["res_id"] for vals in vals_list})
        names = {record.id: record.display_name for record in records}
        users = Activity.env["res.users"].browse({vals["user_id"] for vals in vals_list})
        zones = {user.id: user.tz for user in users}
        computed = {"res_model": model, "date_done": False}
        given = set().union(*vals_list) | set(computed) | {"res_name", "user_tz"}
        defaults = Activity.default_get([
            name for name, field in fields_.items()
            if field.store and field.column_type and name not in given
            and name not in MAGIC_COLUMNS
        ])
        log_access = {"create_uid": self.env.uid, "create_date": self.env.cr.now(),
                      "write_uid": self.env.uid, "write_date": self.env.cr.now()}
        rows = [
            dict(defaults, **vals, **computed, **log_access, res_name=names[vals["res_id"]],
                 user_tz=zones[vals["user_id"]])
            for vals in vals_list
        ]
        columns = sorted({name for row in rows for name in row
                          if fields_[name].store and fields_[name].column_type})
        converted = {}  # (column, value) -> the value for the database, once each

        def column_value(name, value):
            key = (name, value)
            if key not in converted:
                # a note is sanitized here, once per distinct text
                converted[key] = fields_[name].convert_to_column_insert(value, Activity)
            return converted[key]

        params = [column_value(name, row.get(name)) for row in rows for name in columns]
        placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
        self.env.cr.execute(SQL(
            "INSERT INTO mail_activity (%s) VALUES %s RETURNING id",
            SQL(", ").join(SQL.identifier(name) for name in columns),
            SQL(", ".join([placeholders] * len(rows)), *params),
        ))
        activities = Activity.browse([row[0] for row in self.env.cr.fetchall()])
        # as create(): what depends on activities is recomputed, the documents' activity
        # lists are read again; the activities' own computed fields were inserted
        activities.modified(list(fields_), create=True)
        for name in ("res_model", "res_name", "user_tz", "date_done"):
            self.env.remove_to_compute(fields_[name], activities)
        records.invalidate_recordset(["activity_ids"])
        if model != "erm.absence.case":
            # cases: _subscribe_assignees; other documents as create() does, per assignee
            by_user = defaultdict(list)
            for vals in vals_list:
                by_user[vals["user_id"]].append(vals["res_id"])
            for user in users:
                Activity.env[model].browse(by_user[user.id]).message_subscribe(
                    partner_ids=user.partner_id.ids)
        if any(vals["date_deadline"] <= fields.Date.today() for vals in vals_list):
            # create() refreshes the activity menu of (the last activity's) assignee
            activities[-1:].user_id._bus_send("mail.activity/updated", {"activity_created": True})
        return activities

    @api.model
    def _analyze_if_grown(self, table, inserted):
        """Refresh PostgreSQL's statistics of `table` when this batch inserted many rows
        compared with what the planner believes it holds (the first run after install
        creates thousands of activities in a table the planner thinks nearly empty, and
        then picks nested-loop scans that make every later query of the run slow)."""
        if inserted < ANALYZE_MIN_ROWS:
            return
        self.env.cr.execute(
            SQL("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", table)
        )
        estimate = self.env.cr.fetchone()[0]
        if inserted > max(estimate, 0) * ANALYZE_GROWTH:
            self.env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))

    @api.model
    def _subscribe_assignees(self, pairs):
        """Make the assignees followers of their cases, with the default subtypes, as
        mail.activity.create would, but in one statement for the whole batch. `pairs`
        holds (case id, user id)."""
        users = self.env["res.users"].sudo().browse({user_id for _c, user_id in pairs if user_id})
        partner_of = {user.id: user.partner_id.id for user in users}
        wanted = sorted({(case_id, partner_of[user_id]) for case_id, user_id in pairs
                         if partner_of.get(user_id)})
        if not wanted:
            return
        self.env["mail.followers"].flush_model(["res_model", "res_id", "partner_id"])
        subtypes = self.env["mail.message.subtype"].default_subtypes("erm.absence.case")[0]
        # In SQL: mail.followers.create costs a record, its subtypes and their cache per
        # follower (a first run makes thousands), and its create does nothing else. Only the
        # missing pairs are inserted (the unique index on res_model, res_id, partner_id);
        # mail.followers._get_subscription_data would also aggregate the subtypes and is
        # planned as a scan of every follower of every case.
        self.env.cr.execute(SQL("""
            WITH new AS (
                INSERT INTO mail_followers (res_model, res_id, partner_id)
                SELECT 'erm.absence.case', v.res_id, v.partner_id
                  FROM unnest(%s::int[], %s::int[]) AS v(res_id, partner_id)
                    ON CONFLICT (res_model, res_id, partner_id) DO NOTHING
             RETURNING id
            ), rel AS (
                INSERT INTO mail_followers_mail_message_subtype_rel
                       (mail_followers_id, mail_message_subtype_id)
                SELECT new.id, s.id FROM new CROSS JOIN unnest(%s::int[]) AS s(id)
            )
            SELECT count(*) FROM new
        """, [case_id for case_id, _p in wanted], [partner_id for _c, partner_id in wanted],
            subtypes.ids))
        inserted = self.env.cr.fetchone()[0]
        if inserted:
            cases = self.env["erm.absence.case"].browse({case_id for case_id, _p in wanted})
            cases.invalidate_recordset(["message_follower_ids", "message_partner_ids"])
            # keeps the lookups of the followers on the index while the first run fills
            # the table
            self._analyze_if_grown("mail_followers", inserted)

    # ------------------------------------------------------------------ immediate follow-up
    @api.model
    def _close_done_activities(self, done_milestones):
        """Milestones marked done: complete their open activities (kept as done in the
        chatter, with the date in the assignee's language)."""
        activities = self.env["mail.activity"]._erm_open_for_milestones(done_milestones)
        if activities:
            self._close_with_feedback([
                (activity.id, activity.erm_milestone_id.date_done, activity.user_id.id)
                for activity in activities
            ])

    @api.model
    def _schedule_sync(self, milestone_ids):
        """Remember milestones whose activity may need to follow a change; at commit their
        open activities are updated or closed in one batch, and the daily job is triggered
        when some of them now need a new activity."""
        if not milestone_ids:
            return
        data = self.env.cr.precommit.data
        pending = data.get(PRECOMMIT_KEY)
        if pending is None:
            pending = data[PRECOMMIT_KEY] = set()
            self.env.cr.precommit.add(self._precommit_sync)
        pending.update(milestone_ids)

    def _precommit_sync(self):
        milestone_ids = self.env.cr.precommit.data.pop(PRECOMMIT_KEY, None)
        if not milestone_ids:
            return
        manager = self.env(context={}, su=True)["erm.alert.manager"]
        manager._sync_milestones(milestone_ids)

    @api.model
    def _sync_milestones(self, milestone_ids):
        self.env.flush_all()
        config = self._alert_config()
        cfg = self._config_sql(config)
        if len(milestone_ids) > PRECOMMIT_RESTRICT_MAX:
            restriction = SQL()  # a mass change: scanning beats a huge IN list
        else:
            restriction = SQL("AND m.id IN %s", tuple(milestone_ids))
        self._step_close(config, cfg, None, restriction)
        self._step_update(config, cfg, None, restriction)
        if self._step_create(config, cfg, 0, restriction)[1]:
            self._trigger_alerts()
        self.env.flush_all()

    # ------------------------------------------------------------------ weekly digest
    @api.model
    def _run_digest_batch(self, batch_size=DIGEST_BATCH_SIZE):
        """Send the digest to at most `batch_size` users not served this week yet: their
        open milestones due within two weeks (overdue included), per case; board members
        get the counts of their companies only. Returns (done, remaining)."""
        self = self.sudo()  # noqa: PLW0642 - a system job over all companies
        if not self._try_advisory_lock(DIGEST_LOCK):
            return 0, 0
        self.env.flush_all()
        config = self._alert_config()
        cfg = self._config_sql(config)
        board = self.env.ref("erm_verzuim.group_erm_board")
        due = SQL("""
            SELECT %s AS user_id, m.id AS milestone_id
              %s AND m.date_deadline <= cfg.horizon
        """, self._milestone_assignee_sql(), self._open_milestones_sql(cfg))
        rows, left = self._fetch_work(SQL("""
            SELECT u.id, comp.today
              FROM res_users u
              JOIN %s ON comp.company_id = u.company_id
             WHERE u.active AND NOT u.share AND u.erm_deadline_digest
               AND (u.erm_digest_last_sent IS NULL OR u.erm_digest_last_sent < comp.week_start)
               AND (u.id IN (SELECT due.user_id FROM (%s) due)
                    OR u.id IN (SELECT r.uid FROM res_groups_users_rel r WHERE r.gid = %s))
             ORDER BY u.id
        """, self._company_sql(config), due, board.id), batch_size)
        if not rows:
            return 0, left
        users = self.env["res.users"].browse([row[0] for row in rows])
        digest = self._digest_lines(users, due, cfg)
        board_users = users.filtered(lambda u: board in u.groups_id)
        counts = self._board_counts(board_users, cfg) if board_users else {}
        digest_users = [user.id for user in users if user.id in digest]
        if digest_users:
            self.env.ref("erm_verzuim.mail_template_erm_digest").with_context(
                erm_digest=digest
            ).send_mail_batch(digest_users)
        if board_users:
            self.env.ref("erm_verzuim.mail_template_erm_board_digest").with_context(
                erm_board_counts=counts
            ).send_mail_batch(board_users.ids)
        by_day = defaultdict(list)
        for user_id, company_today in rows:
            by_day[company_today].append(user_id)
        for today, user_ids in by_day.items():
            users.browse(user_ids).write({"erm_digest_last_sent": today})
        return len(rows), left

    @api.model
    def _digest_lines(self, users, due, cfg):
        """{user id: [{reference, employee, lines: [{label, deadline, overdue}]}]}."""
        self.env.cr.execute(SQL("""
            SELECT due.user_id, c.name, e.name, m.code, m.sequence, m.date_deadline,
                   m.date_deadline < cfg.today
              FROM (%s) due
              JOIN erm_wvp_milestone m ON m.id = due.milestone_id
              JOIN %s ON cfg.company_id = m.company_id AND cfg.code = m.code
              JOIN erm_absence_case c ON c.id = m.case_id
              JOIN hr_employee e ON e.id = c.employee_id
             WHERE due.user_id IN %s
             ORDER BY due.user_id, c.name, m.date_deadline, m.id
        """, due, cfg, tuple(users.ids)))
        rows = self.env.cr.fetchall()
        langs = {user.id: user.lang for user in users}
        texts = {}
        result = defaultdict(list)
        for user_id, reference, employee, code, sequence, deadline, overdue in rows:
            text = self._texts(langs.get(user_id), texts)
            cases = result[user_id]
            if not cases or cases[-1]["reference"] != reference:
                cases.append({"reference": reference, "employee": employee, "lines": []})
            cases[-1]["lines"].append({
                "label": text.label(code, sequence), "deadline": text.date(deadline),
                "overdue": overdue,
            })
        return dict(result)

    @api.model
    def _board_counts(self, board_users, cfg):
        """{user id: [{company, open_cases, due, overdue}]} for the user's companies."""
        self.env.cr.execute(SQL("""
            SELECT c.company_id, count(*) FROM erm_absence_case c
             WHERE c.active AND c.date_recovered IS NULL GROUP BY c.company_id
        """))
        open_cases = dict(self.env.cr.fetchall())
        self.env.cr.execute(SQL("""
            SELECT m.company_id,
                   count(*) FILTER (WHERE m.date_deadline >= cfg.today),
                   count(*) FILTER (WHERE m.date_deadline < cfg.today)
              %s AND m.date_deadline <= cfg.horizon
               -- the board may not know of a safety net, not even as a count (domain.md §5)
               AND NOT m.is_private
             GROUP BY m.company_id
        """, self._open_milestones_sql(cfg)))
        milestones = {company_id: (due, overdue)
                      for company_id, due, overdue in self.env.cr.fetchall()}
        result = {}
        for user in board_users:
            result[user.id] = [{
                "company": company.name,
                "open_cases": open_cases.get(company.id, 0),
                "due": milestones.get(company.id, (0, 0))[0],
                "overdue": milestones.get(company.id, (0, 0))[1],
            } for company in user.company_ids.sorted("name")]
        return result

