# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class MailActivity(models.Model):
    _inherit = "mail.activity"

    erm_milestone_id = fields.Many2one(
        "erm.wvp.milestone", string="WvP milestone", readonly=True, index="btree_not_null",
        ondelete="set null",
        help="The milestone this deadline activity guards. Completing the activity marks the "
        "milestone done, and marking the milestone done completes the activity.",
    )
    erm_alert_kind = fields.Selection(
        [("deadline", "WvP deadline"), ("frequent_absence", "Frequent absence"),
         ("late_intervention", "Interventions too late"),
         ("care_rhythm", "Care contact rhythm"),
         ("missing_view", "Employee's view missing"),
         ("sanction_risk", "Wage-sanction risk")],
        string="Absence alert", readonly=True,
        help="Set on the activities the deadline-alert job raises.",
    )
    erm_care_due_date = fields.Date(
        string="Care contact due on", readonly=True,
        help="The day a contact with the absent employee was due (caremanagement): one "
        "reminder per missed period.",
    )

    def init(self):
        res = super().init()
        # At most one open activity per milestone, and one open frequent-absence signal per
        # case: the database refuses a duplicate whatever the workers do concurrently.
        self.env.cr.execute(SQL("""
            CREATE UNIQUE INDEX IF NOT EXISTS mail_activity_erm_milestone_open_uniq
                ON mail_activity (erm_milestone_id)
             WHERE erm_milestone_id IS NOT NULL AND active
        """))
        self.env.cr.execute(SQL("""
            CREATE UNIQUE INDEX IF NOT EXISTS mail_activity_erm_frequent_open_uniq
                ON mail_activity (res_id)
             WHERE erm_alert_kind = 'frequent_absence' AND active
        """))
        # ... and one open "interventions too late" signal per case
        self.env.cr.execute(SQL("""
            CREATE UNIQUE INDEX IF NOT EXISTS mail_activity_erm_late_intervention_open_uniq
                ON mail_activity (res_id)
             WHERE erm_alert_kind = 'late_intervention' AND active
        """))
        # One caremanagement reminder per case and missed period, done ones included.
        self.env.cr.execute(SQL("""
            CREATE UNIQUE INDEX IF NOT EXISTS mail_activity_erm_care_period_uniq
                ON mail_activity (res_id, erm_care_due_date)
             WHERE erm_alert_kind = 'care_rhythm'
        """))
        # One open "employee's view missing" reminder per plan.
        self.env.cr.execute(SQL("""
            CREATE UNIQUE INDEX IF NOT EXISTS mail_activity_erm_missing_view_open_uniq
                ON mail_activity (res_id)
             WHERE erm_alert_kind = 'missing_view' AND active
        """))
        return res

    def _action_done(self, feedback=False, attachment_ids=None):
        """Completing a deadline activity marks its milestone done on the completion date
        (context key ``erm_date_done`` overrides it, e.g. when the step was done earlier)."""
        if self.env.context.get("erm_alert_closing"):
            return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        active = self.filtered("active")
        milestones = active.erm_milestone_id.filtered(
            lambda m: not m.date_done and m.state != "cancelled"
        )
        others = active.filtered(lambda a: a.user_id != self.env.user).erm_milestone_id
        own = milestones - others
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if milestones:
            date_done = self.env.context.get("erm_date_done") or fields.Date.context_today(self)
            # sudo: the assignee completes the milestone of his own activity even where record
            # rules would not let him edit milestones; others need write access.
            own.sudo().with_context(erm_alert_closing=True).write({"date_done": date_done})
            (milestones - own).with_context(erm_alert_closing=True).write(
                {"date_done": date_done}
            )
        return result

    @api.model
    def _erm_open_for_milestones(self, milestones):
        """Open deadline activities of `milestones`, in one search."""
        if not milestones:
            return self.browse()
        # sudo: the open deadline activities of the milestones, whoever holds them
        return self.sudo().search([
            ("erm_milestone_id", "in", milestones.ids), ("active", "=", True),
        ])
