# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The "interventions too late" step of the deadline-alert job (domain.md §7; the critique's
"te late inzet van interventies"): an open case in week 8 or later without an approved,
running or finished intervention and without a recorded "no intervention needed" asks its
process guardian, once per case, what is being done."""

from odoo import api, models
from odoo.tools import SQL

from ..engine.milestones import _lt
from .erm_intervention import COMMITTED_STATES

LATE_WEEK = 8
LATE_SUMMARY = _lt("Week 8 without an intervention: decide which help the employee needs")
LATE_NOTE = _lt(
    "<p>This case is in week %(week)s of absence and no intervention has been approved. "
    "Early help from the provider network speeds up the return to work: propose an "
    "intervention, or record that none is needed.</p>"
)


class ErmAlertManager(models.AbstractModel):
    _inherit = "erm.alert.manager"

    @api.model
    def _step_late_intervention(self, config, cfg, budget, restriction=None, position=None):
        if restriction:
            return 0, 0  # not tied to milestones
        assignee = self._assignee_sql("comp", SQL("ru.id"), SQL("c.erm_policy_id"))
        first_day = (LATE_WEEK - 1) * 7  # days before the first day of week 8
        rows, left = self._fetch_work(SQL("""
            SELECT c.id, c.company_id, %(assignee)s
              FROM erm_absence_case c
              JOIN %(comp)s ON comp.company_id = c.company_id
         LEFT JOIN res_users ru ON ru.id = c.procesbewaker_user_id AND ru.active
             WHERE c.active AND c.date_recovered IS NULL
               AND COALESCE(c.chain_date_start, c.date_start) <= comp.today - %(first_day)s
               AND c.erm_late_intervention_signal_date IS NULL
               AND c.erm_no_intervention_date IS NULL
               AND %(assignee)s IS NOT NULL %(after)s
               AND NOT EXISTS (SELECT 1 FROM erm_intervention i
                                WHERE i.case_id = c.id AND i.state IN %(committed)s)
               AND NOT EXISTS (SELECT 1 FROM mail_activity a
                                WHERE a.erm_alert_kind = 'late_intervention' AND a.active
                                  AND a.res_id = c.id)
             ORDER BY c.id
        """, assignee=assignee, comp=self._company_sql(config), first_day=first_day,
            committed=COMMITTED_STATES,
            after=self._after(position, "late_intervention", SQL("c.id"))), budget)
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
        for company_id, case_ids in by_company.items():
            self.env["erm.absence.case"].browse(case_ids).write(
                {"erm_late_intervention_signal_date": config[company_id]["today"]}
            )
        self._advance(position, "late_intervention", last_id)
        return len(cases), left
