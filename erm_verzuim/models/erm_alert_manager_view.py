# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The "employee's view missing" step of the deadline-alert job: the law gives the
employee his own view in the plan of action and every evaluation. When the employer's view
of a plan still in draft was recorded MISSING_VIEW_DAYS days ago or longer and the employee
has not signed his own view off, the case's regievoerder (who writes the plan and can open
it) is reminded, once per plan (a unique partial index refuses a second open one; a done
reminder is kept and not raised again). Signing the view, agreeing the plan or closing the
case completes it."""

# pylint: disable=consider-merging-classes-inherited
# (the alert job's steps live one per file, like erm_alert_manager_intervention.py)

import psycopg2

from odoo import api, models
from odoo.tools import SQL, mute_logger

from ..engine.milestones import _lt

MISSING_VIEW_KIND = "missing_view"
# A week for the employee to write his view after the employer's (the trigger).
MISSING_VIEW_DAYS = 7
MISSING_VIEW_SUMMARY = _lt("The employee's view is missing: ask him to record and sign it")
MISSING_VIEW_NOTE = _lt(
    "<p>The employer's view in this %(kind)s was recorded on %(date)s, but the employee has "
    "not signed his own view off. The law gives him his own view: ask him to write and sign "
    "it in the portal (My absence), or record it with him.</p>"
)


class ErmAlertManager(models.AbstractModel):
    _inherit = "erm.alert.manager"

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
        # the plans' names feed the stored res_name: one read instead of one per activity
        self.env["erm.reintegration.plan"].browse([row[0] for row in rows]).fetch(["name"])
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self._activity_env().create(vals_list)
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
