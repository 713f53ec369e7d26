# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared fixtures for the ERM-model and privacy tests: one open case of the
employee with every kind of record hanging off it, and the expected rights per role and
ERM model (domain.md §1, §2, §5)."""

from contextlib import closing
from datetime import date, timedelta

from odoo.addons.erm_verzuim.tests.common import ErmTestCommon

ROLES = ("employee", "manager", "coach", "hr", "doctor", "board", "admin")
MODELS = ("I", "II", "III", "IV")
# (regievoerder, procesbewaker) per model: domain.md §2
DUTIES = {
    "I": ("manager", "manager"),
    "II": ("manager", "coach"),
    "III": ("manager", "hr"),
    "IV": ("coach", "coach"),
}
PRIVATE_VALUES = {
    "contact_phone": "0612345678",
    "care_street": "Dorpsstraat 1",
    "care_zip": "2311 AB",
    "care_city": "Leiden",
    "vangnet": True,
    "vangnet_regime": "six_weeks",
    "third_party_liable": True,
    "wazo_bridge": True,
}
NOTE_MARKER = "erm-note-marker"


def capabilities(role, model):
    """What `role` may do on the employee's case under `model` (the specification)."""
    regie, proces = DUTIES[model]
    holder = role in (regie, proces)
    admin = role == "admin"
    return {
        "read": role in ("employee", "manager", "hr", "doctor", "admin") or holder,
        # the contact data (erm.absence.case.private), read through the case or directly
        "private": role in ("employee", "hr", "admin") or holder,
        # whether a safety net applies (erm.absence.case.vangnet, its milestone and
        # activity): HR and the process guardian only, and the employee himself
        "vangnet": role in ("employee", "hr", "admin") or role == proces,
        # ... directly, on the full case: its plan names the coach as casemanager
        "private_cm": role in ("employee", "hr", "admin", "coach") or holder,
        "private_write_cm": role in ("hr", "admin", "coach") or holder,
        "write": holder or admin,
        "guardian": role == proces or admin,
        # plans and evaluations: the case director and the process guardian write them
        "plan": holder or admin,
        "create": role in ("manager", "hr", "admin") or (role == "coach" and holder),
        "doctor": role == "doctor",
        "log": role in ("employee", "admin"),
        # the employee's own view in a plan: only he (the administrator may correct it)
        "employee_view": role in ("employee", "admin"),
        "period_write": admin,
        "admin": admin,
        "never": False,
    }


class ErmAccessCommon(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            "employee": cls.user_employee, "manager": cls.user_manager, "coach": cls.user_coach,
            "hr": cls.user_hr, "doctor": cls.user_doctor, "board": cls.user_board,
            "admin": cls.user_admin,
        }
        export = cls.env.ref("base.group_allow_export")
        for user in cls.users.values():
            user.groups_id = [(4, export.id)]
        cls.company.erm_doctor_user_ids = cls.user_doctor
        cls.Policy = cls.env["erm.model.policy"]

    @classmethod
    def set_model(cls, model, department=None, date_from=None, context=None, **vals):
        """A policy for the department (default: the employee's) from `date_from`."""
        vals.setdefault("coach_user_ids", [(6, 0, cls.user_coach.ids)])
        vals.setdefault("hr_user_ids", [(6, 0, cls.user_hr.ids)])
        return cls.Policy.with_context(**(context or {})).create(dict(
            vals, company_id=cls.company.id, erm_model=model,
            department_id=(department or cls.department).id,
            date_from=date_from or date.today(),
        ))

    @classmethod
    def make_full_case(cls, start):
        """The employee's open case with a second course line (from an issued advice), a
        draft advice, an extension, a plan, an access-log line, an attachment, a note, a
        tracked change of the phone number (on the private record) and an activity."""
        case = cls.make_case(start=start, **PRIVATE_VALUES, ongoing_work="Rooster week 12")
        env = cls.env
        cls.advice = env["erm.ba.advice"].create({
            "case_id": case.id, "doctor_user_id": cls.user_doctor.id, "advice_type": "update",
            "incapacity_pct": 50.0, "incapacity_date_from": start + timedelta(days=30),
            "fml_dynamic": "limited", "hours_per_day": 4, "hours_per_week": 20,
        })
        cls.advice.action_issue()
        cls.period = cls.advice.period_id
        cls.draft_advice = env["erm.ba.advice"].create({
            "case_id": case.id, "doctor_user_id": cls.user_doctor.id,
            "advice_type": "update", "fml_static": "limited",
        })
        cls.extension = env["erm.wachttijd.extension"].create({
            "case_id": case.id, "kind": "verlenging",
            "date_end": case.date_wachttijd_end + timedelta(days=30),
        })
        cls.plan = env["erm.reintegration.plan"].create({
            "case_id": case.id, "kind": "plan_van_aanpak", "casemanager_id": cls.user_coach.id,
            "agreements": "Twee ochtenden per week eigen werk.",
        })
        env["erm.access.log"].create({
            "user_id": cls.env.ref("base.user_admin").id, "res_model": "erm.absence.case",
            "res_id": case.id, "case_id": case.id, "kind": "read",
        })
        env["ir.attachment"].create({
            "name": "afspraken.txt", "raw": b"afspraken", "res_model": case._name,
            "res_id": case.id,
        })
        case.message_post(body=NOTE_MARKER, message_type="comment",
                          subtype_xmlid="mail.mt_note")
        env.flush_all()
        env.cr.precommit.run()  # start tracking afresh: the setup ran without it
        case.with_context(tracking_disable=False).write({"contact_phone": "0687654321"})
        env.flush_all()
        env.cr.precommit.run()
        case.activity_schedule(
            "mail.mail_activity_data_todo", user_id=cls.env.ref("base.user_admin").id,
            summary="Call the employee",
        )
        return case

    def attempt(self, func):
        """Run `func` in a savepoint that is always rolled back: its result, or the
        exception it raised."""
        with closing(self.env.cr.savepoint()):
            try:
                result = func()
                self.env.flush_all()
                return result
            except Exception as exc:  # the caller judges the exception
                return exc
