# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The contact data and the safety net of a case (erm.absence.case.private) through every
read path Odoo offers, not only read(): onchange, web_read with nested specifications,
related paths, mail template rendering, export, read_group and search. The
readers who may not know them (a manager higher up, the manager in model IV, the company
doctor) get nothing or an AccessError; the duty holders, HR and the employee get them."""

import logging
from contextlib import closing
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .erm_access_common import PRIVATE_VALUES, ErmAccessCommon

_logger = logging.getLogger(__name__)

START = date(2026, 9, 1)
PHONE = PRIVATE_VALUES["contact_phone"]


@tagged("post_install", "-at_install", "erm_access")
@freeze_time("2026-11-22 10:00:00")
class TestErmPrivatePaths(ErmAccessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the manager of the department head: he sees the case (manager chain), not the
        # contact data
        cls.user_higher = new_test_user(
            cls.env, login="erm_higher", groups="erm_verzuim.group_erm_manager",
            company_id=cls.company.id, company_ids=[(6, 0, (cls.company | cls.company_2).ids)],
            name="Erm Higher",
        )
        cls.user_higher.groups_id = [(4, cls.env.ref("base.group_allow_export").id)]
        cls.higher = cls.env["hr.employee"].create({
            "name": "Hendrik Hoger", "company_id": cls.company.id,
            "user_id": cls.user_higher.id,
        })
        cls.manager.parent_id = cls.higher
        cls.case = cls.make_case(start=START, **PRIVATE_VALUES)
        cls.private = cls.case.private_ids
        cls.plan = cls.env["erm.reintegration.plan"].create({
            "case_id": cls.case.id, "kind": "plan_van_aanpak",
        })
        cls.template = cls.env["mail.template"].create({
            "name": "Contact data leak probe", "model_id": cls.env.ref(
                "erm_verzuim.model_erm_absence_case").id,
            "subject": "Bel {{ object.private_ids.contact_phone }}",
        })

    # ------------------------------------------------------------------ helpers
    def who(self):
        """[(label, user, ERM model, may know)]: readers of the case with and without the
        need to know, each under the model that makes him one."""
        return [
            ("manager higher up", self.user_higher, "I", False),
            ("manager in model IV", self.user_manager, "IV", False),
            ("company doctor", self.user_doctor, "I", False),
            ("manager directing in model I", self.user_manager, "I", True),
            ("coach directing in model IV", self.user_coach, "IV", True),
            ("HR", self.user_hr, "I", True),
            ("the employee", self.user_employee, "I", True),
            ("administrator", self.user_admin, "I", True),
        ]

    def paths(self):
        """[(name, function(user) -> whatever the path yields)]. A name ending in "(leak
        check)" is a path that yields the data to nobody, checked for the readers without
        the need to know only."""
        case, plan = self.case, self.plan
        Case = self.env["erm.absence.case"]
        Plan = self.env["erm.reintegration.plan"]
        Private = self.env["erm.absence.case.private"]
        spec = {"private_ids": {"fields": {
            "contact_phone": {}, "third_party_liable": {},
        }}}
        return [
            ("read through the case", lambda u: case.with_user(u).private_ids.contact_phone),
            ("web_read, nested specification", lambda u: case.with_user(u).web_read(spec)),
            ("web_search_read, nested specification",
             lambda u: Case.with_user(u).web_search_read([("id", "=", case.id)], spec)),
            ("onchange of a plan's case, nested specification (leak check)",
             lambda u: Plan.with_user(u).onchange(
                 {"case_id": case.id}, ["case_id"],
                 {"case_id": {"fields": {"display_name": {}, **spec}}})),
            ("onchange on the case itself (leak check)",
             lambda u: case.with_user(u).onchange(
                 {"expected_duration": "short"}, ["expected_duration"],
                 {"expected_duration": {}, **spec})),
            ("related path from a plan",
             lambda u: plan.with_user(u).mapped("case_id.private_ids.contact_phone")),
            ("related path from a milestone",
             lambda u: case.with_user(u).milestone_ids.mapped(
                 "case_id.private_ids.contact_phone")),
            ("mail template rendering",
             lambda u: self.template.with_user(u)._render_field("subject", case.ids)),
            ("export through the case",
             lambda u: case.with_user(u).export_data(["private_ids/contact_phone"])),
            ("export through a plan",
             lambda u: plan.with_user(u).export_data(["case_id/private_ids/contact_phone"])),
            ("read_group by the contact data",
             lambda u: Private.with_user(u).read_group(
                 [("case_id", "=", case.id)], ["contact_phone"], ["contact_phone"])),
            ("search on the contact data",
             lambda u: Case.with_user(u).search(
                 [("id", "=", case.id), ("private_ids.contact_phone", "=", PHONE)]
             ).mapped("private_ids.contact_phone") or Case.with_user(u).search_count(
                 [("id", "=", case.id), ("private_ids.contact_phone", "=", PHONE)])),
            ("name_search of the private model",
             lambda u: Private.with_user(u).name_search("") and PHONE),
        ]

    def yields(self, func, user):
        """Whether the path shows the phone number to the user (AccessError: no)."""
        self.env.invalidate_all()  # each call is a request of its own: an empty cache
        with closing(self.env.cr.savepoint()):
            try:
                result = func(user)
            except AccessError:
                return False
        return PHONE in str(result)

    # ------------------------------------------------------------------ the tests
    def test_every_read_path(self):
        mismatches, count = [], 0
        for label, user, model, allowed in self.who():
            with closing(self.env.cr.savepoint()):
                self.set_model(model)
                self.assertTrue(self.case.with_user(user).has_access("read"), label)
                for name, func in self.paths():
                    if allowed and name.endswith("(leak check)"):
                        continue
                    count += 1
                    got = self.yields(func, user)
                    if got != allowed:
                        mismatches.append(f"{label} / {name}: expected "
                                          f"{'shown' if allowed else 'hidden'}, got {got}")
            self.env.invalidate_all()
        _logger.info(f"[erm private paths] {count} cells; {len(mismatches)} mismatches")
        self.assertFalse(mismatches, "\n".join(mismatches))

    def test_no_hooks_on_the_case(self):
        """Privacy is structural: the case overrides none of the framework's read paths."""
        Case = type(self.env["erm.absence.case"])
        for method in ("_search", "_read_group", "_read_format", "_export_rows",
                       "_track_filter_for_display"):
            with self.subTest(method=method):
                owners = [klass.__module__ for klass in Case.__mro__
                          if method in vars(klass) and "erm_" in klass.__module__]
                self.assertFalse(owners, f"{method} is overridden in {owners}")
        for fname in PRIVATE_VALUES:
            self.assertNotIn(fname, self.env["erm.absence.case"]._fields)

    def test_tracking_on_the_private_record(self):
        """A change of the contact data is tracked on the private record's own chatter, not
        on the case's (which every reader of the case sees)."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.case.with_context(tracking_disable=False).write({"contact_phone": "0600000000"})
        self.env.flush_all()
        self.env.cr.precommit.run()
        on_private = self.env["mail.tracking.value"].search([
            ("mail_message_id.model", "=", self.private._name),
            ("mail_message_id.res_id", "=", self.private.id),
        ])
        self.assertIn("contact_phone", on_private.field_id.mapped("name"))
        on_case = self.env["mail.tracking.value"].search([
            ("mail_message_id.model", "=", self.case._name),
            ("mail_message_id.res_id", "=", self.case.id),
            ("field_id.name", "in", list(PRIVATE_VALUES)),
        ])
        self.assertFalse(on_case)
        # and the manager higher up cannot read that message
        message = on_private.mail_message_id
        with self.assertRaises(AccessError):
            message.with_user(self.user_higher).check_access("read")

    def test_related_fields_onto_private_data_apply_the_rules(self):
        """A related field of any installed model that reaches into the private model must
        not be computed as superuser (related fields are by default): it would show the
        data to every reader of its record."""
        offenders = []
        for model_name in self.env.registry:
            for field in self.env[model_name]._fields.values():
                if not field.related or field.groups:
                    continue
                model = self.env[model_name]
                for name in field.related.split("."):
                    target = model._fields.get(name)
                    if target is None or not target.relational:
                        break
                    model = self.env[target.comodel_name]
                    if model._name in (
                        "erm.absence.case.private", "erm.absence.case.vangnet",
                    ) and field.compute_sudo:
                        offenders.append(f"{model_name}.{field.name}")
                        break
        self.assertFalse(offenders)

    def test_write_without_access_is_refused(self):
        """Writing the contact data through the case applies the rules too: a reader without
        access gets an AccessError, never a silent no-op."""
        self.set_model("IV")
        with self.assertRaises(AccessError):
            self.case.with_user(self.user_manager).write({"contact_phone": "0611111111"})
        self.assertEqual(self.private.contact_phone, PHONE)

    def test_safety_net_never_in_the_next_deadline(self):
        """The case's next milestone and deadline (read by everyone who reads the case)
        never name the safety-net report, even when it is the first one due."""
        case = self.make_case(self.colleague, start=date(2026, 11, 16), vangnet=True,
                              vangnet_regime="fourth_day")
        milestone = case.milestone_ids.filtered(lambda m: m.code == "uwv_vangnet")
        self.assertTrue(milestone)
        self.assertLess(milestone.date_deadline, min(
            m.date_deadline for m in case.milestone_ids if m.code != "uwv_vangnet"))
        self.assertNotEqual(case.next_milestone_code, "uwv_vangnet")
        self.assertNotEqual(case.next_deadline, milestone.date_deadline)
        self.assertTrue(case.next_milestone_code)
        # the "Safety net" filter searches through the private model
        filtered = self.env["erm.absence.case"].with_user(self.user_hr).search(
            [("vangnet_ids.vangnet", "=", True)])
        self.assertEqual(filtered, self.case | case)
        self.assertFalse(self.env["erm.absence.case"].with_user(self.user_higher).search(
            [("vangnet_ids.vangnet", "=", True)]))

    def test_safety_net_reaches_hr_and_the_guardian_only(self):
        """Whether a safety net applies is narrower than the contact data (domain.md §5):
        HR, the case's process guardian and the employee himself; not the case director,
        the casemanager, a manager higher up or the company doctor."""
        case = self.case
        Vangnet = self.env["erm.absence.case.vangnet"]
        Milestone = self.env["erm.wvp.milestone"]
        spec = {"vangnet_ids": {"fields": {"vangnet_regime": {}}}}
        paths = [
            ("read through the case", lambda u: case.with_user(u).vangnet_ids.vangnet_regime),
            ("web_read, nested specification", lambda u: case.with_user(u).web_read(spec)),
            ("export through the case",
             lambda u: case.with_user(u).export_data(["vangnet_ids/vangnet_regime"])[
                 "datas"][0][0] and "six_weeks"),
            ("read_group", lambda u: Vangnet.with_user(u).read_group(
                [("case_id", "=", case.id), ("vangnet", "=", True)], ["vangnet_regime"],
                ["vangnet_regime"])),
            ("search on the case", lambda u: Case.with_user(u).search_count(
                [("id", "=", case.id), ("vangnet_ids.vangnet_regime", "=", "six_weeks")])
             and "six_weeks"),
            ("the safety-net milestone", lambda u: Milestone.with_user(u).search(
                [("case_id", "=", case.id)]).mapped("code")),
        ]
        Case = self.env["erm.absence.case"]
        who = [
            ("manager directing in model II", self.user_manager, "II", False),
            ("manager directing in model III", self.user_manager, "III", False),
            ("manager higher up", self.user_higher, "I", False),
            ("company doctor", self.user_doctor, "I", False),
            ("manager guarding in model I", self.user_manager, "I", True),
            ("coach guarding in model II", self.user_coach, "II", True),
            ("HR", self.user_hr, "II", True),
            ("the employee", self.user_employee, "II", True),
            ("administrator", self.user_admin, "II", True),
        ]
        mismatches, count = [], 0
        for label, user, model, allowed in who:
            with closing(self.env.cr.savepoint()):
                self.set_model(model)
                for name, func in paths:
                    count += 1
                    self.env.invalidate_all()
                    with closing(self.env.cr.savepoint()):
                        try:
                            result = func(user)
                        except AccessError:
                            result = None
                    got = "six_weeks" in str(result) or "uwv_vangnet" in str(result)
                    if got != allowed:
                        mismatches.append(f"{label} / {name}: expected "
                                          f"{'shown' if allowed else 'hidden'}, got {got}")
            self.env.invalidate_all()
        _logger.info("erm safety net paths: %s cells; %s mismatches", count, len(mismatches))
        self.assertFalse(mismatches, "\n".join(mismatches))

    def test_a_manager_states_the_safety_net_but_cannot_read_it_back(self):
        """At the sick report the manager may state whether a safety net applies; in model
        II he is not the process guardian, so afterwards he reads nothing of it."""
        self.set_model("II", date_from=date(2026, 11, 1))
        wizard = self.env["erm.sick.report.wizard"].with_user(self.user_manager).create({
            "employee_id": self.colleague.id, "date_start": date(2026, 11, 16),
            "vangnet": True, "vangnet_regime": "six_weeks",
        })
        case = self.env["erm.absence.case"].browse(wizard.action_confirm()["res_id"])
        self.assertEqual((case.regievoerder_user_id, case.procesbewaker_user_id),
                         (self.user_manager, self.user_coach))
        self.assertEqual(case.sudo().vangnet_ids.vangnet_regime, "six_weeks")
        self.env.invalidate_all()
        self.assertTrue(case.with_user(self.user_manager).has_access("read"))
        self.assertFalse(case.with_user(self.user_manager).vangnet_ids)
        self.env.invalidate_all()
        self.assertEqual(case.with_user(self.user_coach).vangnet_ids.vangnet_regime,
                         "six_weeks")
        with self.assertRaises(AccessError):
            case.with_user(self.user_manager).write({"vangnet": False})
