# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A consultation session: one professional, one room, one block of time, split into slots.

A recurring session ("every Tuesday 9:00-12:00") is a series of sessions, one per occurrence,
linked by ``series_id``; each occurrence keeps the wall-clock times of the first in the
company's time zone. Slots are generated when a session is opened for booking.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import slots as slot_engine

SESSION_KINDS = [
    ("case", "Absence consultation"),
    ("open", "Open consultation"),
    ("both", "Absence and open consultation"),
]
SESSION_STATES = [
    ("draft", "Draft"),
    ("open", "Open for booking"),
    ("cancelled", "Cancelled"),
]
RECURRENCES = [
    ("none", "Once"),
    ("weekly", "Weekly"),
    ("biweekly", "Every two weeks"),
    ("monthly", "Monthly (same weekday)"),
]
DEFAULT_TZ = "Europe/Amsterdam"


class ErmSpreekuurSession(models.Model):
    _name = "erm.spreekuur.session"
    _description = "Consultation session"
    _inherit = ["mail.thread"]
    _order = "start, id"
    _check_company_auto = True

    professional_id = fields.Many2one(
        "erm.spreekuur.professional", required=True, index=True, check_company=True,
        tracking=True,
    )
    location_id = fields.Many2one(
        "erm.spreekuur.location", required=True, index=True, check_company=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    start = fields.Datetime(required=True, tracking=True)
    stop = fields.Datetime(required=True, tracking=True)
    slot_minutes = fields.Integer(string="Slot length (minutes)", required=True, default=30)
    buffer_minutes = fields.Integer(string="Buffer after each slot (minutes)", default=0)
    break_from = fields.Float(string="Break from", help="Local time, e.g. 10:30.")
    break_to = fields.Float(string="Break until")
    kind = fields.Selection(SESSION_KINDS, required=True, default="case", tracking=True)
    state = fields.Selection(
        SESSION_STATES, required=True, default="draft", tracking=True, index=True
    )
    recurrence = fields.Selection(RECURRENCES, required=True, default="none")
    recurrence_count = fields.Integer(string="Number of sessions")
    recurrence_until = fields.Date(string="Repeat until")
    series_id = fields.Many2one(
        "erm.spreekuur.session", index=True, ondelete="set null", copy=False
    )
    slot_ids = fields.One2many("erm.spreekuur.slot", "session_id", string="Slots", copy=False)

    @api.constrains("start", "stop", "slot_minutes")
    def _check_times(self):
        for session in self:
            if session.stop <= session.start:
                raise ValidationError(self.env._("A session must end after it starts."))
            if session.slot_minutes <= 0:
                raise ValidationError(self.env._("The slot length must be positive."))

    @api.depends("professional_id", "location_id", "start")
    def _compute_display_name(self):
        for session in self:
            when = ""
            if session.start:
                start = fields.Datetime.context_timestamp(session, session.start)
                when = start.strftime(" %d-%m-%Y %H:%M")
            session.display_name = (
                f"{session.professional_id.name or ''} - {session.location_id.name or ''}{when}"
            )

    def _tz(self):
        self.ensure_one()
        return self.company_id.partner_id.tz or self.env.user.tz or DEFAULT_TZ

    def _slot_intervals(self):
        """The (start, stop) UTC pairs of this session's slots (pure engine, one session)."""
        self.ensure_one()
        tz = self._tz()
        local_start = slot_engine.to_local(self.start, tz)
        local_stop = slot_engine.to_local(self.stop, tz)
        breaks = []
        if self.break_to > self.break_from:
            day = local_start.date()
            breaks.append(
                (slot_engine.combine(day, self.break_from), slot_engine.combine(day, self.break_to))
            )
        return slot_engine.day_slots(
            local_start, local_stop, tz, self.slot_minutes, self.buffer_minutes, breaks
        )

    def _generate_slots(self):
        """Create the slots of sessions that have none yet (one create for all)."""
        values = []
        for session in self.filtered(lambda s: not s.slot_ids and s.state != "cancelled"):
            values += [
                {"session_id": session.id, "start": start, "stop": stop}
                for start, stop in session._slot_intervals()
            ]
        return self.env["erm.spreekuur.slot"].create(values)

    def action_open(self):
        self.filtered(lambda s: s.state == "draft").write({"state": "open"})
        self._generate_slots()
        return True
