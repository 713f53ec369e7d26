# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The employee's own preventive consultations in the portal (/my/spreekuur).

Many organisations give their staff no internal user: an employee whose user is a portal
user (hr.employee.user_id) finds the professionals with open consultation hours, their free
slots, and books, reschedules and cancels his own preventive consultations. Everything runs
through the ORM as that user, so the booking rules, the ACLs and the record rules
(security/ir.model.access.csv, erm_spreekuur_security.xml and
erm_spreekuur_employee_security.xml) apply exactly as in the backend.
"""

from collections import defaultdict
from datetime import timedelta

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools.misc import format_date, format_time

from odoo.addons.erm_verzuim.controllers.portal import VerzuimPortal

# How far ahead the portal offers free slots.
PORTAL_WEEKS = 12
DEFAULT_TZ = "Europe/Amsterdam"


class SpreekuurPortal(VerzuimPortal):
    # ----------------------------------------------------------------- helpers
    def _spreekuur_employee(self):
        return self._erm_portal_employee()

    @staticmethod
    def _spreekuur_tz(employee):
        # sudo: the employee's own time zone
        return request.env.user.tz or employee.sudo().tz or DEFAULT_TZ

    @staticmethod
    def _spreekuur_bookings_domain(employee):
        return [("employee_id", "=", employee.id), ("kind", "=", "preventive")]

    def _spreekuur_free_slots(self, professional=None):
        """Free slots of open consultation hours in the coming weeks, as the user."""
        now = fields.Datetime.now()
        return request.env["erm.spreekuur.slot"].search_free_slots(
            professional_ids=professional.ids if professional else None,
            date_from=now, date_to=now + timedelta(weeks=PORTAL_WEEKS), kind="open",
        )

    def _spreekuur_professionals(self):
        """The professionals holding open consultation hours with a free slot ahead, each
        with its number of free slots and the first one (one grouped query)."""
        now = fields.Datetime.now()
        Slot = request.env["erm.spreekuur.slot"]
        groups = Slot._read_group(
            Slot._free_slot_domain(None, now, now + timedelta(weeks=PORTAL_WEEKS), "open"),
            ["professional_id"], ["__count", "start:min"],
        )
        return [
            {"professional": professional, "count": count, "first": first}
            for professional, count, first in groups
        ]

    def _spreekuur_slot_days(self, slots, tz):
        """Slots grouped per local day: [(day label, [(slot, time label)])]."""
        env = request.env
        days = defaultdict(list)
        for slot in slots:
            local = fields.Datetime.context_timestamp(slot.with_context(tz=tz), slot.start)
            days[local.date()].append((slot, format_time(env, slot.start, tz=tz,
                                                         time_format="HH:mm")))
        return [
            (format_date(env, day, date_format="EEEE d MMMM y"), days[day])
            for day in sorted(days)
        ]

    def _spreekuur_when(self, booking, tz):
        env = request.env
        return "{} {}-{}".format(
            format_date(env, fields.Datetime.context_timestamp(
                booking.with_context(tz=tz), booking.start).date(),
                date_format="EEEE d MMMM y"),
            format_time(env, booking.start, tz=tz, time_format="HH:mm"),
            format_time(env, booking.stop, tz=tz, time_format="HH:mm"),
        )

    @staticmethod
    def _spreekuur_address(location):
        """The organisation's address of a room the user may read (portal users may read
        only their own contact, not the company's address)."""
        location.check_access("read")
        # sudo: the location's address, shown to who books there
        return location.sudo().partner_id._display_address(without_company=False)

    # ----------------------------------------------------------------- /my/verzuim
    def _erm_portal_case_values(self, case):
        """The case page lists the consultations of the case (erm_verzuim's portal)."""
        values = super()._erm_portal_case_values(case)
        Booking = request.env["erm.spreekuur.booking"]
        bookings = Booking.search(
            [("case_id", "=", case.id), ("kind", "=", "case")], order="start desc, id desc"
        ) if Booking.has_access("read") else Booking
        tz = self._spreekuur_tz(self._spreekuur_employee())
        values.update({
            "consultations": bookings,
            "consultation_when": lambda booking: self._spreekuur_when(booking, tz),
        })
        return values

    def _erm_portal_prevention_links(self, employee):
        links = super()._erm_portal_prevention_links(employee)
        links.append({
            "title": request.env._("Consultation hours"),
            "url": "/my/spreekuur",
            "text": request.env._(
                "Book a preventive consultation with the company doctor or another "
                "professional"),
        })
        return links

    # ----------------------------------------------------------------- /my home
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "spreekuur_count" in counters:
            Booking = request.env["erm.spreekuur.booking"]
            employee = self._spreekuur_employee()
            values["spreekuur_count"] = Booking.search_count(
                self._spreekuur_bookings_domain(employee)
                + [("state", "=", "booked"), ("start", ">=", fields.Datetime.now())]
            ) if employee and Booking.has_access("read") else 0
        return values

    @http.route()
    def home(self, **kw):
        response = super().home(**kw)
        response.qcontext["erm_spreekuur_employee"] = bool(self._spreekuur_employee())
        return response

    # ----------------------------------------------------------------- pages
    @http.route("/my/spreekuur", type="http", auth="user", website=True)
    def portal_my_spreekuur(self, message=None, **kw):
        employee = self._spreekuur_employee()
        if not employee:
            raise NotFound()
        tz = self._spreekuur_tz(employee)
        bookings = request.env["erm.spreekuur.booking"].search(
            self._spreekuur_bookings_domain(employee), order="start desc, id desc", limit=100
        )
        now = fields.Datetime.now()
        upcoming = bookings.filtered(lambda b: b.state == "booked" and b.start >= now)
        # a cancelled appointment still ahead is neither upcoming nor past
        cancelled = bookings.filtered(lambda b: b.state == "cancelled" and b.start >= now)
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "spreekuur",
            "employee": employee,
            "upcoming": upcoming.sorted("start"),
            "cancelled": cancelled.sorted("start"),
            "past": bookings - upcoming - cancelled,
            "when": lambda booking: self._spreekuur_when(booking, tz),
            "address": self._spreekuur_address,
            "message": message,
        })
        return request.render("erm_spreekuur.portal_my_spreekuur", values)

    @http.route("/my/spreekuur/book", type="http", auth="user", website=True)
    def portal_spreekuur_book(self, professional_id=None, booking_id=None, error=None, **kw):
        employee = self._spreekuur_employee()
        if not employee:
            raise NotFound()
        booking = self._spreekuur_own_booking(employee, booking_id) if booking_id else None
        professionals = self._spreekuur_professionals()
        professional = request.env["erm.spreekuur.professional"]
        if booking:
            professional = booking.professional_id
        elif str(professional_id or "").isdigit():
            professional = professional.search([("id", "=", int(professional_id))])
        elif len(professionals) == 1:
            professional = professionals[0]["professional"]
        tz = self._spreekuur_tz(employee)
        slots = self._spreekuur_free_slots(professional) if professional else []
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "spreekuur_book",
            "employee": employee,
            "professionals": professionals,
            "professional": professional,
            "booking": booking,
            "when": lambda record: self._spreekuur_when(record, tz),
            "days": self._spreekuur_slot_days(slots, tz) if professional else [],
            "error": error,
        })
        return request.render("erm_spreekuur.portal_spreekuur_book", values)

    @http.route("/my/spreekuur/book/submit", type="http", auth="user", website=True,
                methods=["POST"])
    def portal_spreekuur_book_submit(self, slot_id, booking_id=None, **kw):
        employee = self._spreekuur_employee()
        if not employee:
            raise NotFound()
        if not str(slot_id).isdigit():
            raise NotFound()
        # the booking rules speak to the reader as the portal does ("je")
        request.update_context(erm_spreekuur_portal=True)
        slot = request.env["erm.spreekuur.slot"].browse(int(slot_id))
        Booking = request.env["erm.spreekuur.booking"]
        try:
            # a refused booking leaves nothing behind, and the page shows the rule
            with request.env.cr.savepoint():
                if booking_id:
                    booking = self._spreekuur_own_booking(employee, booking_id)
                    booking.action_reschedule(slot)
                    message = "rescheduled"
                else:
                    Booking.create({
                        "slot_id": slot.id,
                        "employee_id": employee.id,
                        "kind": "preventive",
                        "purpose": "preventief",
                        "company_id": employee.company_id.id,
                    })
                    message = "booked"
        except (UserError, ValidationError, AccessError, MissingError) as error:
            request.env.invalidate_all()
            return self.portal_spreekuur_book(
                professional_id=kw.get("professional_id"), booking_id=booking_id,
                error=error.args[0] if error.args else str(error),
            )
        return request.redirect(f"/my/spreekuur?message={message}")

    @http.route("/my/spreekuur/<int:booking_id>/cancel", type="http", auth="user",
                website=True, methods=["GET"])
    def portal_spreekuur_cancel_confirm(self, booking_id, **kw):
        """Cancel asks first: the appointment, and a button that really cancels it."""
        employee = self._spreekuur_employee()
        booking = self._spreekuur_own_booking(employee, booking_id)
        if booking.state != "booked":
            return request.redirect("/my/spreekuur")
        tz = self._spreekuur_tz(employee)
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "spreekuur_cancel",
            "employee": employee,
            "booking": booking,
            "when": lambda record: self._spreekuur_when(record, tz),
            "address": self._spreekuur_address,
        })
        return request.render("erm_spreekuur.portal_spreekuur_cancel", values)

    @http.route("/my/spreekuur/<int:booking_id>/cancel", type="http", auth="user",
                website=True, methods=["POST"])
    def portal_spreekuur_cancel(self, booking_id, **kw):
        employee = self._spreekuur_employee()
        booking = self._spreekuur_own_booking(employee, booking_id)
        if booking.state != "booked":
            raise NotFound()
        booking.action_cancel("employee")
        return request.redirect("/my/spreekuur?message=cancelled")

    def _spreekuur_own_booking(self, employee, booking_id):
        """The user's own preventive booking, searched as the user (record rules): another
        one's booking, or a case consultation, is simply not found."""
        if not employee or not str(booking_id).isdigit():
            raise NotFound()
        booking = request.env["erm.spreekuur.booking"].search(
            self._spreekuur_bookings_domain(employee) + [("id", "=", int(booking_id))],
            limit=1,
        )
        if not booking:
            raise NotFound()
        return booking
