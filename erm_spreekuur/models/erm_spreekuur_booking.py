# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A booked consultation: one slot, one employee, for his absence case or preventive.

A preventive booking (open spreekuur) is known only to the employee and the professional;
a case consultation follows the case's need-to-know rules. The purpose is a closed list:
never a medical reason.

The database guarantees that a slot, a professional and a room never hold two active
bookings at the same time (exclusion constraints on a time range, btree_gist), whatever the
workers do concurrently; create and reschedule turn the violation into a clear error.
"""

from contextlib import contextmanager
from datetime import datetime, time, timedelta

from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, mute_logger

from odoo.addons.erm_verzuim.engine.milestones import PROBLEEMANALYSE

FIGURE_GROUPBY = {
    "professional": "professional_id",
    "location": "location_id",
    "company": "company_id",
}

FIGURE_GROUPS = ("erm_verzuim.group_erm_hr", "erm_verzuim.group_erm_board")

EMPLOYEE_CANCEL_REASONS = ("employee", "recovered")

SUPPRESSED_KEYS = (
    "booked", "attended", "no_show", "cancelled", "cancelled_by_employee",
    "cancelled_by_organisation", "booked_case", "booked_preventive", "utilisation_pct",
    "avg_lead_time_days",
)

BOOKING_KINDS = [("case", "Absence consultation"), ("preventive", "Preventive consultation")]
PURPOSES = [
    (PROBLEEMANALYSE, "Problem analysis"),  # the consultation for the milestone
    ("bijstelling", "Adjustment of the plan"),
    ("werkhervatting", "Return to work"),
    ("preventief", "Preventive"),
    ("other", "Other"),
]
BOOKING_STATES = [
    ("booked", "Booked"),
    ("attended", "Attended"),
    ("no_show", "No-show"),
    ("cancelled", "Cancelled"),
]
CANCEL_REASONS = [
    ("employee", "The employee cannot come"),
    ("professional", "The professional cannot come"),
    ("recovered", "The employee has recovered"),
    ("session", "The session was cancelled"),
    ("other", "Other"),
]
ACTIVE_STATES = ("booked", "attended", "no_show")
# Fields only the booking's own methods change (after their checks), never a plain write.
PROTECTED_FIELDS = {"slot_id", "employee_id", "case_id", "kind", "state", "cancel_reason",
                    "cancelled_by_id", "calendar_event_id", "company_id", "session_id",
                    "professional_id", "location_id", "start", "stop"}
# The database's guarantees: no slot, professional or room booked twice at the same time, also
# by concurrent transactions (the = on ids needs btree_gist, created by the pre_init_hook).
_EXCLUDE = "EXCLUDE USING gist (%s) WHERE (state <> 'cancelled')"



class ErmSpreekuurBooking(models.Model):
    _name = "erm.spreekuur.booking"
    _description = "Consultation booking"
    _inherit = ["mail.thread"]
    _order = "start desc, id desc"
    _check_company_auto = True

    slot_id = fields.Many2one(
        "erm.spreekuur.slot", required=True, index=True, ondelete="restrict", tracking=True
    )
    # Copies of the slot's, written with the slot in one statement (create, reschedule):
    # the exclusion constraints check them, and a row never changes after its insert in
    # the booking transaction (an update would wait for a concurrent booking: deadlock).
    session_id = fields.Many2one("erm.spreekuur.session", readonly=True, index=True)
    professional_id = fields.Many2one(
        "erm.spreekuur.professional", readonly=True, index=True
    )
    location_id = fields.Many2one(
        "erm.spreekuur.location", readonly=True, index=True
    )
    start = fields.Datetime(readonly=True, index=True)
    stop = fields.Datetime(readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    case_id = fields.Many2one("erm.absence.case", index=True, check_company=True)
    kind = fields.Selection(BOOKING_KINDS, required=True, default="case")
    purpose = fields.Selection(PURPOSES, required=True, default=PROBLEEMANALYSE, tracking=True)
    state = fields.Selection(
        BOOKING_STATES, required=True, default="booked", index=True, tracking=True
    )
    cancel_reason = fields.Selection(CANCEL_REASONS, tracking=True)
    cancelled_by_id = fields.Many2one("res.users", string="Cancelled by", readonly=True)
    cancelled_by_role = fields.Selection(
        [("employee", "Employee"), ("organisation", "Organisation")],
        string="Cancelled by (role)", readonly=True,
        help="Who cancelled: the employee himself, or the organisation (planner, "
        "professional, a cancelled session).",
    )
    calendar_event_id = fields.Many2one(
        "calendar.event", string="Calendar event", readonly=True, copy=False
    )
    date_booked = fields.Datetime(
        string="Booked on", readonly=True, default=fields.Datetime.now, copy=False,
        help="When the booking was made: the lead time runs from here to the consultation.",
    )
    # The planner's choice of professional on the booking form: the free slots offered.
    plan_professional_id = fields.Many2one(
        "erm.spreekuur.professional", string="Professional to plan with",
        compute="_compute_plan_professional_id", readonly=False,
    )
    is_professional = fields.Boolean(
        string="I am the professional", compute="_compute_is_professional",
    )
    can_record_advice = fields.Boolean(compute="_compute_is_professional")

    _sql_constraints = [
        ("slot_excl", _EXCLUDE % "slot_id WITH =",
         "This time has just been taken. Choose another time."),
        ("professional_excl", _EXCLUDE % "professional_id WITH =, tsrange(start, stop) WITH &&",
         "This time has just been taken. Choose another time."),
        ("location_excl", _EXCLUDE % "location_id WITH =, tsrange(start, stop) WITH &&",
         "This time has just been taken. Choose another time."),
    ]

    @contextmanager
    def _taken_guard(self):
        """Run the block in a savepoint and flush it: an exclusion violation (another
        booking got there first, also from another worker) becomes a translated error and
        leaves nothing half-written."""
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                yield
        except pg_errors.ExclusionViolation:
            raise ValidationError(
                self.env._("This time has just been taken. Choose another time.")
            ) from None

    # ------------------------------------------------------------------ computes
    @api.depends("professional_id")
    @api.depends_context("erm_plan_professional_id")
    def _compute_plan_professional_id(self):
        default = self.env["erm.spreekuur.professional"].browse(
            self.env.context.get("erm_plan_professional_id")
        )
        for booking in self:
            booking.plan_professional_id = booking.professional_id or default

    @api.depends_context("uid")
    @api.depends("professional_id", "state", "purpose", "kind")
    def _compute_is_professional(self):
        user = self.env.user
        # sudo: only whether the reader himself is the booking's professional (yes/no)
        for booking, sudo_booking in zip(self, self.sudo(), strict=True):
            mine = sudo_booking.professional_id.user_id == user
            booking.is_professional = mine
            booking.can_record_advice = bool(
                mine and booking.kind == "case" and booking.purpose == PROBLEEMANALYSE
                and booking.state == "attended"
            )

    @api.depends("start", "kind")
    @api.depends_context("uid")
    def _compute_display_name(self):
        for booking in self:
            when = ""
            if booking.start:
                start = fields.Datetime.context_timestamp(booking, booking.start)
                when = f" {start:%d-%m-%Y %H:%M}"
            label = (self.env._("Preventive consultation") if booking.kind == "preventive"
                     else self.env._("Consultation"))
            booking.display_name = f"{label}{when}"

    # ------------------------------------------------------------------ rules
    def _check_bookable(self, slot, employee, case, kind, purpose, exclude=None):
        """The refusal rules of a (re)booking, with their errors (as the current user,
        reading the planning as superuser)."""
        _ = self.env._
        slot = self._sudo_slot(slot)
        session = slot.session_id
        if not slot.exists():
            raise ValidationError(_("Choose a time slot."))
        if slot.start <= fields.Datetime.now():
            raise ValidationError(_("This time is in the past. Choose a time in the future."))
        if session.state == "cancelled":
            raise ValidationError(_("This consultation session has been cancelled."))
        if session.state != "open":
            raise ValidationError(_("This consultation session is not open for booking yet."))
        if (slot.state == "blocked" or slot.start < session.start or slot.stop > session.stop):
            raise ValidationError(_("This time is outside the consultation session."))
        if session.location_id not in session.professional_id.location_ids:
            raise ValidationError(_(
                "%(professional)s does not hold consultations at %(location)s.",
                professional=session.professional_id.name, location=session.location_id.name,
            ))
        self._check_kind(session, employee, case, kind, purpose)
        if slot.state == "booked":
            raise ValidationError(_("This time has just been taken. Choose another time."))
        self._check_same_day(slot, employee, purpose, exclude)

    def _check_kind(self, session, employee, case, kind, purpose):
        _ = self.env._
        # sudo: identity checks: the case belongs to the booked employee; the employee books
        # for himself only
        su_env = self.sudo().env
        if kind == "case":
            if session.kind not in ("case", "both"):
                raise ValidationError(_("This session is for open consultations only."))
            if not case:
                raise ValidationError(_("A consultation for an absence case needs the case."))
            if case.with_env(su_env).employee_id != employee:
                raise ValidationError(_("The case belongs to another employee."))
            if not self.env.su and not case._erm_plannable_cases():
                raise ValidationError(_(
                    "You may not plan consultations for this case: only who works on the "
                    "case (its case director or process guardian) or HR may."
                ))
        else:
            if session.kind not in ("open", "both"):
                raise ValidationError(_("This session is for absence consultations only."))
            if case:
                raise ValidationError(_("A preventive consultation is not linked to a case."))
            if purpose != "preventief":
                raise ValidationError(_("A preventive consultation has the purpose Preventive."))
            if not self.env.su and employee.with_env(su_env).user_id != self.env.user:
                raise ValidationError(_(
                    "A preventive consultation is booked by the employee himself."
                ))

    def _check_same_day(self, slot, employee, purpose, exclude):
        _ = self.env._
        tz = slot.session_id._tz()
        local_day = fields.Datetime.context_timestamp(self.with_context(tz=tz), slot.start).date()
        day_start = fields.Datetime.to_datetime(local_day) - timedelta(days=1)
        # sudo: the employee's other bookings of the day (counted) and his user and name as
        # identities for the error
        sudo_self = self.sudo()
        employee = employee.with_env(sudo_self.env)
        same_day = sudo_self.search([
            ("employee_id", "=", employee.id), ("purpose", "=", purpose),
            ("state", "=", "booked"), ("id", "not in", (exclude or self).ids),
            ("start", ">=", day_start), ("start", "<", day_start + timedelta(days=3)),
        ])
        if any(
            fields.Datetime.context_timestamp(self.with_context(tz=tz), other.start).date()
            == local_day for other in same_day
        ):
            # addressed to the reader when he books for himself: "je" on the portal
            # pages (the controller sets erm_spreekuur_portal), "u" in the backend
            if employee.user_id == self.env.user:
                if self.env.context.get("erm_spreekuur_portal"):
                    raise ValidationError(_("You already have a consultation on this day."))
                raise ValidationError(_(
                    "You already have a consultation for this purpose on this day."))
            raise ValidationError(_(
                "%(employee)s already has a consultation for this purpose on this day.",
                employee=employee.name,
            ))

    # ------------------------------------------------------------------ create / write
    @api.model
    def _sudo_slot(self, slot):
        # sudo: the planning (slot, session, professional, room) is read for the checks and
        # copied onto the booking, and the slot taken: a booker may not read every session
        return slot.sudo()

    @api.model
    def _slot_values(self, slot):
        slot = self._sudo_slot(slot)
        return {
            "slot_id": slot.id, "session_id": slot.session_id.id,
            "professional_id": slot.session_id.professional_id.id,
            "location_id": slot.session_id.location_id.id,
            "start": slot.start, "stop": slot.stop,
        }

    @api.model_create_multi
    def create(self, vals_list):
        Slot = self._sudo_slot(self.env["erm.spreekuur.slot"])
        context = self.env.context
        prepared = []
        for vals in vals_list:
            vals = dict(vals)
            vals.pop("plan_professional_id", None)
            if (vals.get("kind") or context.get("default_kind")) == "preventive" and not (
                vals.get("purpose") or context.get("default_purpose")
            ):
                vals["purpose"] = "preventief"
            vals = self._add_missing_default_values(vals)
            slot = Slot.browse(vals.get("slot_id"))
            employee = self.env["hr.employee"].browse(vals.get("employee_id"))
            self._check_bookable(
                slot, employee, self.env["erm.absence.case"].browse(vals.get("case_id")),
                vals["kind"], vals["purpose"],
            )
            vals.update(self._slot_values(slot), company_id=slot.company_id.id)
            prepared.append(vals)
        with self._taken_guard():
            # the events first: the booking row is complete when inserted
            events = self._create_calendar_events(prepared)
            for vals, event in zip(prepared, events, strict=True):
                vals["calendar_event_id"] = event.id
            bookings = super().create(prepared)
            bookings.slot_id.with_env(Slot.env).write({"state": "booked"})
        return bookings

    def write(self, vals):
        if not self.env.su and PROTECTED_FIELDS.intersection(vals):
            raise UserError(self.env._(
                "Use the buttons to reschedule, cancel or mark a consultation."
            ))
        if "purpose" in vals and any(
            (booking.kind == "preventive") != (vals["purpose"] == "preventief")
            for booking in self
        ):
            raise ValidationError(self.env._(
                "A preventive consultation has the purpose Preventive."
            ))
        return super().write(vals)

    # ------------------------------------------------------------------ calendar
    @api.model
    def _event_values(self, vals):
        """Neutral: no purpose, no case, no organiser (that would name the professional to
        whoever sees the employee's calendar); private, so others see *Busy*."""
        # sudo: the employee's name and partner for the private calendar event
        su_env = self.sudo().env
        employee = su_env["hr.employee"].browse(vals["employee_id"])
        professional = su_env["erm.spreekuur.professional"].browse(vals["professional_id"])
        location = su_env["erm.spreekuur.location"].browse(vals["location_id"])
        employee_partner = employee.user_id.partner_id or employee.work_contact_id
        lang = employee_partner.lang or self.env.lang
        _ = self.with_context(lang=lang).env._
        address = location.partner_id._display_address(without_company=False)
        address = ", ".join(line for line in address.split("\n") if line.strip())
        alarm = self.env.ref("calendar.alarm_mail_1", raise_if_not_found=False)
        return {
            "name": _("Appointment") if vals["kind"] == "preventive" else _("Consultation"),
            "start": vals["start"],
            "stop": vals["stop"],
            "user_id": False,
            "privacy": "private",
            "show_as": "busy",
            "erm_spreekuur": True,
            "location": f"{location.name}, {address}" if address else location.name,
            "partner_ids": [(6, 0, (professional.partner_id | employee_partner).ids)],
            "alarm_ids": [(6, 0, alarm.ids)],
        }

    @api.model
    def _create_calendar_events(self, vals_list):
        """Exactly one event per booking; Odoo's calendar sends the invitations (to both
        attendees, also to the one who booked)."""
        # Not the planner's context: from the case's Plan button it holds active_model and
        # active_id, which would link the private event to the case (and give it an
        # activity without a user), and the booking's default_* values.
        context = {
            key: value for key, value in self.env.context.items()
            if not key.startswith(("default_", "active_"))
        }
        # sudo: one private calendar event per booking, made for the professional and employee
        Event = self.env["calendar.event"].sudo().with_context(
            context,
            mail_notify_author=True, mail_create_nosubscribe=True, mail_create_nolog=True,
        )
        return Event.create([self._event_values(vals) for vals in vals_list])

    def _notify_cancelled(self):
        template = self.env.ref("erm_spreekuur.calendar_template_spreekuur_cancelled")
        now = fields.Datetime.now()
        events = self.calendar_event_id.filtered(lambda e: e.start > now)
        events.attendee_ids.with_context(mail_notify_author=True)._send_mail_to_attendees(
            template, force_send=True,
        )

    # ------------------------------------------------------------------ flows
    def _release_slots(self, slots):
        """Slots without an active booking any more are free again."""
        # sudo: slots and bookings are the planning, freed by the change of a booking
        sudo_self = self.sudo()
        slots = slots.with_env(sudo_self.env)
        taken = sudo_self.search([
            ("slot_id", "in", slots.ids), ("state", "!=", "cancelled"),
        ]).slot_id
        (slots - taken).filtered(lambda s: s.state == "booked").write({"state": "free"})

    def _check_may_change(self):
        """Who may reschedule or cancel: whoever may write the booking under the record
        rules (the employee for his preventive booking, the case's duty holders, the
        professional)."""
        try:
            self.check_access("write")
        except AccessError:
            raise UserError(self.env._("You may not change this consultation.")) from None
        if any(booking.state != "booked" for booking in self):
            raise UserError(self.env._("Only a booked consultation can be changed."))

    def action_reschedule(self, new_slot):
        """Move the booking to `new_slot` under the same rules; the event moves with it and
        Odoo's calendar sends the change mail."""
        self.ensure_one()
        self._check_may_change()
        new_slot = self.env["erm.spreekuur.slot"].browse(getattr(new_slot, "id", new_slot))
        # sudo: moving a booking frees and takes slots, which nobody writes directly
        sudo_self = self.sudo()
        self._check_bookable(
            new_slot, sudo_self.employee_id, sudo_self.case_id, sudo_self.kind,
            sudo_self.purpose, exclude=self,
        )
        old_slot = sudo_self.slot_id
        values = self._slot_values(new_slot)
        with self._taken_guard():
            sudo_self.write(values)
            sudo_self.slot_id.write({"state": "booked"})  # the new slot, just written
            self._release_slots(old_slot)
        event_values = self._event_values(dict(
            values, kind=sudo_self.kind, employee_id=sudo_self.employee_id.id))
        sudo_self.calendar_event_id.with_context(mail_notify_author=True).write({
            key: event_values[key] for key in ("start", "stop", "location")
        })
        return True

    def action_cancel(self, reason="other"):
        """Cancel with a reason from the list; the slot becomes free again and both
        attendees are told (neutral mail)."""
        if reason not in dict(CANCEL_REASONS):
            raise UserError(self.env._("Choose a reason from the list."))
        self._check_may_change()
        user = self.env.user
        # sudo: cancelling frees the slot and archives the event (nobody writes them)
        sudo_self = self.sudo()
        by_employee = sudo_self.filtered(
            lambda b: not self.env.su and b.employee_id.user_id == user
        )
        for bookings, role in ((by_employee, "employee"),
                               (sudo_self - by_employee, "organisation")):
            bookings.write({
                "state": "cancelled", "cancel_reason": reason, "cancelled_by_id": user.id,
                "cancelled_by_role": role,
            })
        self._release_slots(sudo_self.slot_id)
        sudo_self._notify_cancelled()
        sudo_self.calendar_event_id.with_context(dont_notify=True).write({"active": False})
        return True

    def _check_may_mark(self):
        if self.env.su:
            return
        user = self.env.user
        admin = user.has_group("erm_verzuim.group_erm_admin")
        # the administrator corrects case consultations; a preventive one is not his
        # sudo: the bookings' professional, an identity
        if any(b.professional_id.user_id != user and not (admin and b.kind == "case")
               for b in self.sudo()):
            raise UserError(self.env._("Only the professional marks a consultation."))

    def action_attended(self):
        self._check_may_mark()
        if any(b.state not in ("booked", "no_show") for b in self):
            raise UserError(self.env._("Only a booked consultation can be marked."))
        # sudo: the state only, for the professional checked above; the advice activity
        # goes on the case
        sudo_self = self.sudo()
        sudo_self.write({"state": "attended"})
        analyses = sudo_self.filtered(
            lambda b: b.kind == "case" and b.purpose == PROBLEEMANALYSE
        )
        analyses._propose_ba_advice()
        mine = self.filtered("can_record_advice")
        if len(mine) == 1:
            return mine.action_record_advice()
        return True

    def action_no_show(self):
        self._check_may_mark()
        if any(b.state not in ("booked", "attended") for b in self):
            raise UserError(self.env._("Only a booked consultation can be marked."))
        # sudo: the state only, for the professional checked above
        sudo_self = self.sudo()
        sudo_self.write({"state": "no_show"})
        # The employer learns only of case consultations; a preventive one stays private.
        for booking in sudo_self.filtered(lambda b: b.kind == "case" and b.case_id):
            case = booking.case_id
            if not case.regievoerder_user_id:
                continue
            case.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=case.regievoerder_user_id.id,
                summary=self.with_context(lang=case.regievoerder_user_id.lang).env._(
                    "Consultation not attended"
                ),
                note=self.with_context(lang=case.regievoerder_user_id.lang).env._(
                    "The employee did not attend the consultation of %(date)s. "
                    "Contact him and plan a new one.",
                    date=fields.Datetime.context_timestamp(
                        booking.with_context(tz=booking.session_id._tz()), booking.start
                    ).strftime("%d-%m-%Y %H:%M"),
                ),
            )
        return True

    def _propose_ba_advice(self):
        """An attended problem analysis: the professional (if he works in Odoo) gets an
        activity on the case to record the advice of the problem analysis."""
        for booking in self:
            user = booking.professional_id.user_id
            if not user or not booking.case_id:
                continue
            advice = booking.case_id.ba_advice_ids.filtered(
                lambda a: a.advice_type == PROBLEEMANALYSE
            )
            if advice:
                continue
            booking.case_id.activity_schedule(
                "mail.mail_activity_data_todo", user_id=user.id,
                summary=self.with_context(lang=user.lang).env._(
                    "Record the advice of the problem analysis"
                ),
            )

    def action_record_advice(self):
        """Open the company doctor's advice form for the case (problem analysis)."""
        self.ensure_one()
        # the case's id for the advice form; the advice itself follows its own rules
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Problem analysis"),
            "res_model": "erm.ba.advice",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_case_id": self.case_id.id,
                "default_advice_type": PROBLEEMANALYSE,
            },
        }

    def action_open_cancel_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel consultation"),
            "res_model": "erm.spreekuur.booking.cancel",
            "view_mode": "form",
            "target": "new",
            "context": {"default_booking_id": self.id},
        }

    def action_open_reschedule_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reschedule consultation"),
            "res_model": "erm.spreekuur.booking.reschedule",
            "view_mode": "form",
            "target": "new",
            "context": {"default_booking_id": self.id},
        }

    # Consultation figures for the management information (erm_reports): per professional,
    # location or company and period, how many slots were offered, booked, attended, missed and
    # cancelled (by the employee or by the organisation), the utilisation and the lead time from
    # booking to consultation.
    #
    # Aggregates only: a preventive consultation is counted, never named, so the figures run as
    # superuser after checking that the caller may see management information at all. A row whose
    # bookings concern fewer employees than the minimum group size, or that could be derived from
    # the total beside the other rows, has its booking figures left out (``suppressed``): the
    # aggregate guard of erm_verzuim, for every reader, since nobody's rules open a preventive
    # consultation.
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
