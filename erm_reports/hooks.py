# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL

from odoo.addons.erm_verzuim.hooks import forget_foreign_keys


def uninstall_hook(env):
    """The helper views under the absence analysis (erm_absence_report.py) belong to no
    model, so Odoo does not drop them; CASCADE takes the analysis' own view along."""
    env.cr.execute(SQL(
        "DROP VIEW IF EXISTS erm_report_full_time, erm_report_calendar_hours CASCADE"
    ))
    forget_foreign_keys(env, "erm_reports")
