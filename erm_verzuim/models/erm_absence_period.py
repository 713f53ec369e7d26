# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_round, format_date, formatLang

from .erm_format import org_env


def format_number(env, value, digits=1):
    """A number as the user writes it: his decimal separator and no trailing zeros
    (50.0 -> "50", 62.5 -> "62,5" in Dutch)."""
    value = float_round(value or 0.0, precision_digits=digits)
    shown = 0 if value == int(value) else digits
    return formatLang(env, value, digits=shown)


class ErmAbsencePeriod(models.Model):
    """A course line: from `date_from` the employee is unfit for `incapacity_pct` percent, until
    the next line starts or the case ends. Lines are contiguous by construction (each ends
    where the next begins), so only the start of the first line and duplicates can be wrong."""

    _name = "erm.absence.period"
    _description = "Absence Course Line"
    _order = "case_id, date_from"

    case_id = fields.Many2one(
        "erm.absence.case", string="Absence case", required=True, index=True, ondelete="cascade",
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    employee_id = fields.Many2one(related="case_id.employee_id", store=True)
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(
        string="Until", compute="_compute_date_to",
        help="Last day of this line: the day before the next line or before recovery.",
    )
    incapacity_pct = fields.Float(
        string="Incapacity (%)", required=True, default=100.0, digits=(5, 1),
        help="The company doctor's judgement of the degree of incapacity for work.",
    )

    _sql_constraints = [
        ("case_date_uniq", "UNIQUE(case_id, date_from)",
         "Two course lines of one case cannot start on the same day: they would overlap."),
    ]

    @api.depends("date_from", "incapacity_pct")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # shown where a record points at its course line (the advice that set it)
        for period in self:
            period.display_name = self.env._(
                "From %(date)s: %(pct)s%% unfit for work",
                date=format_date(self.env, period.date_from) if period.date_from else "-",
                pct=format_number(self.env, period.incapacity_pct),
            )

    @api.depends("date_from", "case_id.period_ids.date_from", "case_id.date_recovered")
    def _compute_date_to(self):
        for period in self:
            later = period.case_id.period_ids.filtered(
                lambda p, period=period: p.date_from and period.date_from
                and p.date_from > period.date_from
            ).sorted("date_from")[:1]
            if later:
                period.date_to = later.date_from - timedelta(days=1)
            elif period.case_id.date_recovered:
                period.date_to = period.case_id.date_recovered - timedelta(days=1)
            else:
                period.date_to = False

    @api.constrains("incapacity_pct")
    def _check_pct(self):
        for period in self:
            if not 0 < period.incapacity_pct <= 100:
                raise ValidationError(
                    self.env._("The degree of incapacity must be more than 0%% and at most "
                               "100%% (got %(pct)s%%). Full recovery is reported on the case.",
                               pct=format_number(self.env, period.incapacity_pct))
                )

    @api.constrains("date_from", "case_id")
    def _check_in_case(self):
        for period in self:
            case = period.case_id
            if period.date_from < case.date_start:
                raise ValidationError(
                    self.env._("A course line cannot start before the first sick day "
                               "(%(date)s).", date=format_date(self.env, case.date_start))
                )
            if case.date_recovered and period.date_from >= case.date_recovered:
                raise ValidationError(
                    self.env._("A course line cannot start on or after the recovery date "
                               "(%(date)s).", date=format_date(self.env, case.date_recovered))
                )

    @api.model_create_multi
    def create(self, vals_list):
        periods = super().create(vals_list)
        periods._log_on_case("added")
        periods.case_id._sync_time_off()
        return periods

    def write(self, vals):
        res = super().write(vals)
        self._log_on_case("changed")
        self.case_id._check_periods()
        self.case_id._sync_time_off()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_first_line(self):
        for period in self:
            if period.date_from == period.case_id.date_start and (
                len(period.case_id.period_ids) == 1 or self.env.context.get("erm_keep_first")
            ):
                raise ValidationError(self.env._(
                    "The first course line cannot be removed: a case always has a "
                    "course from its first sick day."
                ))

    def unlink(self):
        # logged while the line still exists; the course is checked once it is gone
        cases = self.case_id
        self._log_on_case("removed")
        res = super().unlink()
        cases._check_periods()
        cases._sync_time_off()
        return res

    def _log_on_case(self, change):
        """Every change is visible in the case's chatter (no medical content exists here),
        with the date and percentage as the user reads them (in a system path: the
        company's language)."""
        for case, periods in self.grouped("case_id").items():
            env = org_env(self.env, case.company_id)
            titles = {
                "added": env._("Course line added"),
                "changed": env._("Course line changed"),
                "removed": env._("Course line removed"),
            }
            case._message_log_batch(
                bodies={case.id: Markup("<br/>").join(
                    env._(
                        "%(title)s: from %(date)s, %(pct)s%% unfit for work",
                        title=titles[change], date=format_date(env, period.date_from),
                        pct=format_number(env, period.incapacity_pct),
                    ) for period in periods
                )},
            )
