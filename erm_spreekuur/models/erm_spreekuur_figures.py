# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Consultation figures for the management information (erm_reports): per professional,
location or company and period, how many slots were offered, booked, attended, missed and
cancelled (by the employee or by the organisation), the utilisation and the lead time from
booking to consultation.

Aggregates only: a preventive consultation is counted, never named, so the figures run as
superuser after checking that the caller may see management information at all. A row whose
bookings concern fewer employees than the minimum group size, or that could be derived from
the total beside the other rows, has its booking figures left out (``suppressed``): the
aggregate guard of erm_verzuim, for every reader, since nobody's rules open a preventive
consultation.
"""

from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

FIGURE_GROUPBY = {
    "professional": "professional_id",
    "location": "location_id",
    "company": "company_id",
}
# Who may read the figures: HR (and the administrator, who implies HR) and the board.
FIGURE_GROUPS = ("erm_verzuim.group_erm_hr", "erm_verzuim.group_erm_board")
# Cancellation reasons on the employee's side; the others are the organisation's.
EMPLOYEE_CANCEL_REASONS = ("employee", "recovered")
# what a suppressed row leaves out: everything about the bookings (the offer stays)
SUPPRESSED_KEYS = (
    "booked", "attended", "no_show", "cancelled", "cancelled_by_employee",
    "cancelled_by_organisation", "booked_case", "booked_preventive", "utilisation_pct",
    "avg_lead_time_days",
)


class ErmSpreekuurBooking(models.Model):
    _inherit = "erm.spreekuur.booking"

    @api.model
    def spreekuur_figures(self, date_from, date_to, company_ids=None, groupby="professional"):
        """Figures of the consultations from ``date_from`` to ``date_to`` (dates, both
        included, days in UTC) as a list of dicts, one per professional, location or company
        (``groupby``), ordered by that key:

        ``{"professional_id": id, "slots_offered", "booked", "attended", "no_show",
        "cancelled", "cancelled_by_employee", "cancelled_by_organisation", "booked_case",
        "booked_preventive", "utilisation_pct", "avg_lead_time_days"}``

        *offered*: the slots of open sessions (blocked slots excluded); *booked*: the
        bookings not cancelled (attended, no-show or still booked); *utilisation*: booked /
        offered in percent; *lead time*: the mean number of days between making a booking
        and its consultation, over the bookings not cancelled. A cancellation is the
        employee's when he cancelled it himself (``cancelled_by_role``) or the
        reason is on his side (he cannot come, he has recovered).
        """
        if groupby not in FIGURE_GROUPBY:
            raise UserError(self.env._("Figures can be grouped by professional, location or "
                                       "company only."))
        if not any(self.env.user.has_group(group) for group in FIGURE_GROUPS):
            raise AccessError(self.env._("Only HR and the board may see consultation "
                                         "figures."))
        allowed = self.env.user.company_ids
        companies = allowed.browse(company_ids) & allowed if company_ids else self.env.companies
        key = FIGURE_GROUPBY[groupby]
        start = datetime.combine(fields.Date.to_date(date_from), time.min)
        stop = datetime.combine(fields.Date.to_date(date_to) + timedelta(days=1), time.min)
        for model in ("erm.spreekuur.session", "erm.spreekuur.slot", "erm.spreekuur.booking"):
            self.env[model].flush_model()
        self.env["hr.employee"].flush_model(["user_id"])
        rows = self._spreekuur_figures_rows(SQL.identifier(key), start, stop,
                                            tuple(companies.ids) or (0,))
        guard = self.env["erm.aggregate.guard"]
        # the strictest company's minimum when the rows mix companies
        company = max(companies, key=guard.minimum, default=self.env.company)
        hidden = guard.hidden_rows(company, {row[0]: row[-1] for row in rows if row[-1]})
        result = []
        for row in rows:
            figures = self._spreekuur_figures_dict(key, row[:-1])
            figures["suppressed"] = row[0] in hidden
            if figures["suppressed"]:
                figures.update(dict.fromkeys(SUPPRESSED_KEYS), minimum=guard.minimum(company))
            result.append(figures)
        return result

    def _spreekuur_figures_rows(self, key, start, stop, company_ids):
        """One set-based query: slots and bookings grouped on the key, then joined."""
        self.env.cr.execute(SQL(
            """
            WITH offered AS (
                SELECT slot.%(key)s AS key, count(*) AS slots_offered
                  FROM erm_spreekuur_slot slot
                  JOIN erm_spreekuur_session session ON session.id = slot.session_id
                 WHERE session.state = 'open' AND slot.state <> 'blocked'
                   AND slot.start >= %(start)s AND slot.start < %(stop)s
                   AND slot.company_id IN %(companies)s
                 GROUP BY slot.%(key)s
            ), taken AS (
                SELECT booking.%(key)s AS key,
                       count(*) FILTER (WHERE booking.state <> 'cancelled') AS booked,
                       count(*) FILTER (WHERE booking.state = 'attended') AS attended,
                       count(*) FILTER (WHERE booking.state = 'no_show') AS no_show,
                       count(*) FILTER (WHERE booking.state = 'cancelled') AS cancelled,
                       count(*) FILTER (WHERE booking.state = 'cancelled' AND (
                           booking.cancelled_by_role = 'employee'
                           OR booking.cancel_reason IN %(employee_reasons)s
                           OR (employee.user_id IS NOT NULL
                               AND booking.cancelled_by_id = employee.user_id)
                       )) AS cancelled_by_employee,
                       count(*) FILTER (WHERE booking.state <> 'cancelled'
                                          AND booking.kind = 'case') AS booked_case,
                       count(*) FILTER (WHERE booking.state <> 'cancelled'
                                          AND booking.kind = 'preventive') AS booked_preventive,
                       avg(EXTRACT(EPOCH FROM booking.start - booking.create_date) / 86400.0)
                           FILTER (WHERE booking.state <> 'cancelled') AS lead_time,
                       count(DISTINCT booking.employee_id) AS people
                  FROM erm_spreekuur_booking booking
                  JOIN hr_employee employee ON employee.id = booking.employee_id
                 WHERE booking.start >= %(start)s AND booking.start < %(stop)s
                   AND booking.company_id IN %(companies)s
                 GROUP BY booking.%(key)s
            )
            SELECT COALESCE(offered.key, taken.key), COALESCE(offered.slots_offered, 0),
                   COALESCE(taken.booked, 0), COALESCE(taken.attended, 0),
                   COALESCE(taken.no_show, 0), COALESCE(taken.cancelled, 0),
                   COALESCE(taken.cancelled_by_employee, 0), COALESCE(taken.booked_case, 0),
                   COALESCE(taken.booked_preventive, 0), taken.lead_time,
                   COALESCE(taken.people, 0)
              FROM offered FULL OUTER JOIN taken ON taken.key = offered.key
             ORDER BY 1
            """,
            key=key, start=start, stop=stop, companies=company_ids,
            employee_reasons=EMPLOYEE_CANCEL_REASONS,
        ))
        return self.env.cr.fetchall()

    @api.model
    def _spreekuur_figures_dict(self, key, row):
        (key_id, offered, booked, attended, no_show, cancelled, by_employee, booked_case,
         booked_preventive, lead_time) = row
        return {
            key: key_id,
            "slots_offered": offered,
            "booked": booked,
            "attended": attended,
            "no_show": no_show,
            "cancelled": cancelled,
            "cancelled_by_employee": by_employee,
            "cancelled_by_organisation": cancelled - by_employee,
            "booked_case": booked_case,
            "booked_preventive": booked_preventive,
            "utilisation_pct": round(100.0 * booked / offered, 1) if offered else 0.0,
            "avg_lead_time_days": round(float(lead_time), 1) if lead_time is not None else None,
        }
