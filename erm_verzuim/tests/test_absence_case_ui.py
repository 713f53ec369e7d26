# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The case as each role meets it: the sick report, the "No responsible" flag,
buttons only for who may use them, the calendar title, the competence warning, and the
model's structure (one class, no unlink override)."""

from datetime import date

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import ErmTestCommon

START = date(2026, 9, 1)


@tagged("post_install", "-at_install", "erm_cases")
@freeze_time("2026-11-22")
class TestAbsenceCaseUi(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Wizard = cls.env["erm.sick.report.wizard"]

    @classmethod
    def set_model(cls, model):
        return cls.env["erm.model.policy"].create({
            "company_id": cls.company.id, "erm_model": model,
            "department_id": cls.department.id, "date_from": date(2026, 1, 1),
            "coach_user_ids": [(6, 0, cls.user_coach.ids)],
            "hr_user_ids": [(6, 0, cls.user_hr.ids)],
        })

    def picker(self, user):
        """The employees the sick report's employee field offers to `user`."""
        domain = self.Wizard.with_user(user).fields_get(["employee_id"])["employee_id"]["domain"]
        if isinstance(domain, str):
            domain = safe_eval(domain, {"allowed_company_ids": user.company_ids.ids})
        return self.env["hr.employee"].search(domain)

    def arch(self, user, view_type):
        views = self.env["erm.absence.case"].with_user(user).get_views([(False, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    # ------------------------------------------------------------------ sick report
    def test_sick_report_by_the_manager(self):
        """The manager reports a team member with the contact data in the report itself;
        the picker offers only his team; another employee gives a clear UserError."""
        action = self.env.ref("erm_verzuim.erm_absence_case_action_report")
        self.assertEqual(action.res_model, "erm.sick.report.wizard")
        Wizard = self.Wizard.with_user(self.user_manager)
        self.assertEqual(self.picker(self.user_manager), self.employee | self.colleague)
        wizard = Wizard.create({"employee_id": self.colleague.id})
        wizard.write({
            "date_start": date(2026, 11, 20), "contact_phone": "0611223344",
            "care_street": "Breestraat 5", "care_zip": "2311 CK", "care_city": "Leiden",
            "expected_duration": "short", "ongoing_work": "Overdracht rooster",
            "vangnet": True, "vangnet_regime": "six_weeks", "third_party_liable": True,
        })
        result = wizard.action_confirm()
        case = self.env["erm.absence.case"].browse(result["res_id"])
        self.assertEqual((result["res_model"], case.employee_id),
                         ("erm.absence.case", self.colleague))
        self.assertEqual(case.expected_duration, "short")
        private = case.private_ids
        self.assertEqual(len(private), 1)
        self.assertEqual(
            (private.contact_phone, private.care_city, case.vangnet_ids.vangnet_regime,
             private.third_party_liable),
            ("0611223344", "Leiden", "six_weeks", True),
        )
        # the manager directs the case (model I) and sees the contact data
        self.assertEqual(case.with_user(self.user_manager).private_ids.contact_phone,
                         "0611223344")
        # an employee outside his team
        other = Wizard.create({"employee_id": self.other_employee.id})
        with self.assertRaises(UserError) as caught:
            other.action_confirm()
        self.assertNotIsInstance(caught.exception, AccessError)
        self.assertIn(self.other_employee.name, str(caught.exception))
        self.assertFalse(self.env["erm.absence.case"].search(
            [("employee_id", "=", self.other_employee.id)]))

    def test_sick_report_pickers_per_role(self):
        offered = self.picker(self.user_hr)
        self.assertIn(self.other_employee, offered)  # both companies active
        self.assertIn(self.manager, offered)
        # the employee and the board report nobody (no access to the wizard at all)
        with self.assertRaises(AccessError):
            self.Wizard.with_user(self.user_employee).create({"employee_id": self.employee.id})
        # a manager without the model IV duty still reports his team; the contact data
        # are then for the coach and HR, not for him
        self.set_model("IV")
        wizard = self.Wizard.with_user(self.user_manager).create({
            "employee_id": self.employee.id, "contact_phone": "0699887766",
        })
        case = self.env["erm.absence.case"].browse(wizard.action_confirm()["res_id"])
        self.assertEqual(case.regievoerder_user_id, self.user_coach)
        self.assertEqual(case.private_ids.contact_phone, "0699887766")
        self.env.invalidate_all()  # as in a request of his own
        self.assertFalse(case.with_user(self.user_manager).private_ids)
        self.env.invalidate_all()
        self.assertEqual(case.with_user(self.user_coach).private_ids.contact_phone,
                         "0699887766")

    # ------------------------------------------------------------------ no responsible
    def test_no_responsible(self):
        loner = self.env["hr.employee"].create({
            "name": "Piet Zonder", "company_id": self.company.id,
        })
        orphan = self.make_case(loner, start=START)
        case = self.make_case(start=START)
        self.assertTrue(orphan.erm_no_responsible)
        self.assertFalse(case.erm_no_responsible)
        Case = self.env["erm.absence.case"]
        self.assertEqual(Case.search([("erm_no_responsible", "=", True)]), orphan)
        # an archived manager cannot take the deadlines either
        self.user_manager.action_archive()
        self.assertTrue(case.erm_no_responsible)
        self.user_manager.action_unarchive()
        self.assertFalse(case.erm_no_responsible)
        # a closed case needs nobody
        orphan.date_recovered = date(2026, 11, 1)
        self.assertFalse(orphan.erm_no_responsible)
        # shown on the card and the form, and a filter
        kanban = self.arch(self.user_hr, "kanban")
        self.assertTrue(kanban.xpath("//span[contains(., 'No responsible')]"))
        form = self.arch(self.user_hr, "form")
        self.assertTrue(form.xpath("//div[@invisible='not erm_no_responsible']"))
        search = self.arch(self.user_hr, "search")
        self.assertTrue(search.xpath("//filter[@name='no_responsible']"))

    # ------------------------------------------------------------------ the views
    def test_views(self):
        """No quick-create in phase columns; the calendar titles name the employee and the
        milestone; the next deadline is indexed (the filters search on it)."""
        kanban = self.arch(self.user_hr, "kanban")
        self.assertEqual(kanban.get("quick_create"), "false")
        # "New" opens the sick report, with the contact data in the report itself
        self.assertEqual(kanban.get("on_create"), "erm_verzuim.erm_absence_case_action_report")
        calendar = self.arch(self.user_hr, "calendar")
        self.assertEqual(calendar.get("create_name_field"), "erm_calendar_title")
        case = self.make_case(start=START)
        self.assertEqual(case.erm_calendar_title,
                         f"{self.employee.name} - Problem analysis")
        self.assertTrue(self.env["erm.absence.case"]._fields["next_deadline"].index)
        self.env.cr.execute(
            "SELECT 1 FROM pg_indexes WHERE tablename = 'erm_absence_case' "
            "AND indexdef LIKE '%%(next_deadline)%%'"
        )
        self.assertTrue(self.env.cr.fetchone())

    def test_buttons_follow_the_access(self):
        case = self.make_case(start=START)
        self.assertTrue(case.with_user(self.user_manager).erm_can_write)
        self.assertFalse(case.with_user(self.user_hr).erm_can_write)  # no duty in model I
        self.assertFalse(case.with_user(self.user_employee).erm_can_write)
        form = self.arch(self.user_manager, "form")
        for name in ("action_report_recovery", "action_reopen"):
            button = form.xpath(f"//button[@name='{name}']")[0]
            self.assertIn("not erm_can_write", button.get("invisible"))
        done = form.xpath("//field[@name='milestone_ids']//button[@name='action_mark_done']")
        self.assertIn("not parent.erm_can_write", done[0].get("invisible"))
        # the employee's form has no "Done" on the milestones at all
        employee_form = self.arch(self.user_employee, "form")
        self.assertFalse(employee_form.xpath("//button[@name='action_mark_done']"))
        self.assertFalse(employee_form.xpath("//button[@name='action_report_recovery']"))

    def test_competence_warning_only_for_the_director_and_hr(self):
        self.set_model("II")  # the coach guards the process, the manager directs
        case = self.make_case(start=START)
        Case = self.env["erm.absence.case"]
        self.assertEqual(case.procesbewaker_user_id, self.user_coach)
        for user, shown in ((self.user_manager, True), (self.user_hr, True),
                            (self.user_coach, False), (self.user_employee, False)):
            with self.subTest(user=user.login):
                warning = Case.browse(case.id).with_user(user).erm_competence_warning
                self.assertEqual(bool(warning), shown)

    def test_card_and_list_show_company_and_next_activity(self):
        """Departments of two companies can share a name: the card and the list show the
        company to a user of several companies (only to him); the list shows the next
        activity's summary and deadline, not only the activity button's "Warning"."""
        multi = self.env.ref("base.group_multi_company")
        self.user_hr.groups_id = [(4, multi.id)]
        kanban = self.arch(self.user_hr, "kanban")
        self.assertTrue(kanban.xpath("//t[@t-name='card']//field[@name='company_id']"))
        self.assertFalse(kanban.xpath("//*[@sample]"))
        listing = self.arch(self.user_hr, "list")
        self.assertEqual(listing.xpath("//field[@name='company_id']")[0].get("optional"), "show")
        for name in ("activity_summary", "activity_date_deadline"):
            self.assertEqual(listing.xpath(f"//field[@name='{name}']")[0].get("optional"),
                             "show", name)
        self.assertFalse(listing.get("sample"))
        self.user_manager.groups_id = [(3, multi.id)]
        self.assertFalse(self.arch(self.user_manager, "kanban").xpath(
            "//field[@name='company_id']"))

    # ------------------------------------------------------------------ structure
    def test_one_class_one_file(self):
        """erm.absence.case is one class in one module, with one create/write and no
        unlink override (undeletable through @api.ondelete)."""
        Case = type(self.env["erm.absence.case"])
        own = [klass for klass in Case.__mro__
               if klass.__module__.startswith("odoo.addons.erm_verzuim.")
               and getattr(klass, "_name", None) == "erm.absence.case"
               and klass.__name__ != "erm.absence.case"]
        self.assertEqual([klass.__module__ for klass in own],
                         ["odoo.addons.erm_verzuim.models.erm_absence_case"])
        self.assertNotIn("unlink", vars(own[0]))
        self.assertIn("create", vars(own[0]))
        self.assertIn("write", vars(own[0]))

    def test_anonymisation_notes_in_batch(self):
        cases = self.make_case(start=date(2024, 3, 1), recovered=date(2024, 4, 1))
        cases |= self.make_case(self.colleague, start=date(2024, 3, 1),
                                recovered=date(2024, 4, 1))
        cases.write({"contact_phone": "0612121212"})
        Thread = type(self.env["mail.thread"])
        calls = []
        original = Thread._message_log_batch

        def spy(records, *args, **kwargs):
            calls.append(records._name)
            return original(records, *args, **kwargs)

        Thread._message_log_batch = spy
        try:
            cases._erm_anonymize("dossier")
        finally:
            Thread._message_log_batch = original
        self.assertEqual(calls.count("erm.absence.case"), 1)
        self.assertFalse(any(cases.private_ids.mapped("contact_phone")))
        for case in cases:
            self.assertTrue(any("retention" in str(body)
                                for body in case.message_ids.mapped("body")))
