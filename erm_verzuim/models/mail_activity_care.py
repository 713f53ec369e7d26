# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class MailActivity(models.Model):
    _inherit = "mail.activity"

    erm_alert_kind = fields.Selection(
        selection_add=[("care_rhythm", "Care contact rhythm")],
        ondelete={"care_rhythm": "set null"},
    )
    erm_care_due_date = fields.Date(
        string="Care contact due on", readonly=True,
        help="The day a contact with the absent employee was due (caremanagement): one "
        "reminder per missed period.",
    )

    def init(self):
        res = super().init()
        # One caremanagement reminder per case and missed period, done ones included: the
        # database refuses a duplicate whatever the alert workers do concurrently.
        self.env.cr.execute(SQL("""
            CREATE UNIQUE INDEX IF NOT EXISTS mail_activity_erm_care_period_uniq
                ON mail_activity (res_id, erm_care_due_date)
             WHERE erm_alert_kind = 'care_rhythm'
        """))
        return res
