# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The access matrix of the ERM models: every role x every ERM model x every operation on the case
and every model hanging off it. Each allowed cell must work (and show the right data); each
forbidden cell must raise AccessError or return nothing (domain.md §1, §2, §5)."""

import logging
from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.mail.tools.discuss import Store

from .erm_access_common import (
    DUTIES,
    MODELS,
    NOTE_MARKER,
    PRIVATE_VALUES,
    ROLES,
    ErmAccessCommon,
    capabilities,
)

_logger = logging.getLogger(__name__)

TODAY = date(2026, 11, 22)


def expected_capabilities(role, model):
    """capabilities(), widened for casemanagers: the plan of the fixture names the coach as its
    casemanager, and a casemanager holds a duty on the case in every model (domain.md §5):
    he reads and works it and sees its contact data. In models II and IV the coach held a
    duty already; the cells of the coach in models I and III change."""
    expected = capabilities(role, model)
    if role == "coach":
        expected.update(read=True, private=True, write=True)
    return expected

START = date(2026, 9, 1)
PHONE = "0687654321"  # the tracked new value


@tagged("post_install", "-at_install", "erm_access")
@freeze_time("2026-11-22 10:00:00")
class TestErmAccessMatrix(ErmAccessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls.make_full_case(START)
        Milestone = cls.env["erm.wvp.milestone"]
        cls.pa = Milestone.search([("chain_root_id", "=", cls.case.id),
                                   ("code", "=", "probleemanalyse")])
        cls.vangnet_milestone = Milestone.search([("chain_root_id", "=", cls.case.id),
                                                  ("code", "=", "uwv_vangnet")])
        cls.private = cls.case.private_ids
        cls.tracking_message = cls.env["mail.message"].search([
            ("model", "=", cls.private._name), ("res_id", "=", cls.private.id),
            ("tracking_value_ids.field_id.name", "=", "contact_phone"),
        ])
        cls.log = cls.env["erm.access.log"].search([("case_id", "=", cls.case.id)], limit=1)

    # ------------------------------------------------------------------ the cells
    def cells(self):
        """[(name, capability, function(user) -> truthy when allowed and correct)]."""
        case, pa, period, plan = self.case, self.pa, self.period, self.plan
        Case = self.env["erm.absence.case"]
        cells = [
            ("case: read", "read",
             lambda u: case.with_user(u).read(["name"])[0]["name"] == case.name),
            ("case: search", "read",
             lambda u: Case.with_user(u).search_count([("id", "=", case.id)]) == 1),
            ("case: read contact data", "private",
             lambda u: case.with_user(u).private_ids.contact_phone == PHONE),
            ("case: write", "write",
             lambda u: case.with_user(u).write({"ongoing_work": "Nieuw rooster"})),
            ("case: write process field", "guardian",
             lambda u: case.with_user(u).write({"work_accident": True})),
            ("case: create (sick report of a team member)", "create",
             lambda u: Case.with_user(u).create({
                 "employee_id": self.colleague.id, "date_start": TODAY - timedelta(days=3),
             })),
            ("case: unlink", "never", lambda u: case.with_user(u).unlink()),
            ("case: read_group", "read",
             lambda u: sum(g["state_count"] for g in Case.with_user(u).read_group(
                 [("id", "=", case.id)], ["state"], ["state"])) == 1),
            ("case: export", "read",
             lambda u: case.with_user(u).export_data(["name"])["datas"] == [[case.name]]),
            ("case: export contact data", "private",
             lambda u: case.with_user(u).export_data(
                 ["private_ids/contact_phone"])["datas"] == [[PHONE]]),
            ("case: chatter messages", "read",
             lambda u: self.env["mail.message"].with_user(u).search_count([
                 ("model", "=", case._name), ("res_id", "=", case.id),
                 ("body", "ilike", NOTE_MARKER)]) == 1),
            ("case: post a message", "write",
             lambda u: case.with_user(u).message_post(
                 body="Gesprek gepland", message_type="comment",
                 subtype_xmlid="mail.mt_note")),
            ("contact data: tracking on its own chatter", "private_cm",
             lambda u: self.tracking_message.with_user(u).check_access("read") is None
             and "contact_phone" in [
                 value["fieldName"] for value in Store(
                     self.tracking_message.with_user(u), for_current_user=True,
                 ).get_result()["mail.message"][0]["trackingValues"]]),
            ("case: activities", "write",
             lambda u: self.env["mail.activity"].with_user(u).search_count([
                 ("res_model", "=", case._name), ("res_id", "=", case.id)]) >= 1),
            ("case: schedule an activity", "write",
             lambda u: case.with_user(u).activity_schedule(
                 "mail.mail_activity_data_todo", user_id=u.id, summary="Bellen")),
            ("case: attachments", "read",
             lambda u: self.env["ir.attachment"].with_user(u).search_count([
                 ("res_model", "=", case._name), ("res_id", "=", case.id)]) == 1),
            ("case: add an attachment", "write",
             lambda u: self.env["ir.attachment"].with_user(u).create({
                 "name": "brief.txt", "raw": b"brief", "res_model": case._name,
                 "res_id": case.id})),
        ]
        Private = self.env["erm.absence.case.private"]
        private = self.private
        for fname, value in PRIVATE_VALUES.items():
            value = PHONE if fname == "contact_phone" else value
            path, fact = (("vangnet_ids", "vangnet") if fname in ("vangnet", "vangnet_regime")
                          else ("private_ids", "private"))
            cells.append((
                f"case: search on {fname}", fact,
                lambda u, f=fname, v=value, p=path: Case.with_user(u).search_count(
                    [("id", "=", case.id), (f"{p}.{f}", "=", v)]) == 1,
            ))
        cells += [
            ("safety net: read through the case", "vangnet",
             lambda u: case.with_user(u).vangnet_ids.vangnet_regime == "six_weeks"),
            ("safety net: export through the case", "vangnet",
             lambda u: case.with_user(u).export_data(["vangnet_ids/vangnet_regime"])["datas"]
             == [["Report within 6 weeks"]]),
            ("safety net: write", "guardian",
             lambda u: case.with_user(u).write({"vangnet_regime": "fourth_day"})),
        ]
        cells += [
            ("contact data: read", "private_cm",
             lambda u: private.with_user(u).read(["contact_phone"])[0]["contact_phone"]
             == PHONE),
            ("contact data: search", "private_cm",
             lambda u: Private.with_user(u).search_count([("case_id", "=", case.id)]) == 1),
            ("contact data: read_group", "private_cm",
             lambda u: [g["contact_phone"] for g in Private.with_user(u).read_group(
                 [("case_id", "=", case.id)], ["contact_phone"], ["contact_phone"])] == [PHONE]),
            ("contact data: export", "private_cm",
             lambda u: private.with_user(u).export_data(["contact_phone"])["datas"]
             == [[PHONE]]),
            ("contact data: write", "private_write_cm",
             lambda u: private.with_user(u).write({"care_city": "Den Haag"})),
            ("contact data: write through the case", "write",
             lambda u: case.with_user(u).write({"care_city": "Den Haag"})),
            ("contact data: write the safety net", "guardian",
             lambda u: private.with_user(u).write({"third_party_liable": False})),
            ("contact data: unlink", "admin",
             lambda u: private.with_user(u).unlink()),
        ]
        Period = self.env["erm.absence.period"]
        cells += [
            ("course line: read", "read",
             lambda u: period.with_user(u).read(["incapacity_pct"])[0]["incapacity_pct"] == 50),
            ("course line: write", "period_write",
             lambda u: period.with_user(u).write({"incapacity_pct": 60})),
            ("course line: create", "period_write",
             lambda u: Period.with_user(u).create({
                 "case_id": case.id, "date_from": START + timedelta(days=60),
                 "incapacity_pct": 30})),
            ("course line: unlink", "period_write", lambda u: period.with_user(u).unlink()),
        ]
        Milestone = self.env["erm.wvp.milestone"]
        cells += [
            ("milestone: read", "read",
             lambda u: pa.with_user(u).read(["date_deadline"])[0]["date_deadline"]),
            ("milestone: the safety-net report", "vangnet",
             lambda u: Milestone.with_user(u).search_count(
                 [("id", "=", self.vangnet_milestone.id)]) == 1),
            ("milestone: write", "guardian",
             lambda u: pa.with_user(u).write({"date_done": TODAY})),
            ("milestone: create", "never",
             lambda u: Milestone.with_user(u).create({
                 "case_id": case.id, "chain_root_id": case.id, "code": "evaluatie",
                 "sequence": 9, "date_deadline": TODAY})),
            ("milestone: unlink", "never", lambda u: pa.with_user(u).unlink()),
            ("milestone: search on the case's contact data", "private",
             lambda u: Milestone.with_user(u).search_count(
                 [("id", "=", pa.id), ("case_id.private_ids.contact_phone", "=", PHONE)]) == 1),
        ]
        Extension = self.env["erm.wachttijd.extension"]
        cells += [
            ("extension: read", "read",
             lambda u: self.extension.with_user(u).read(["date_end"])[0]["date_end"]),
            ("extension: write", "guardian",
             lambda u: self.extension.with_user(u).write({"date_decision": TODAY})),
            ("extension: create", "guardian",
             lambda u: Extension.with_user(u).create({
                 "case_id": case.id, "kind": "verlenging",
                 "date_end": case.date_wachttijd_end + timedelta(days=60)})),
            ("extension: unlink", "never", lambda u: self.extension.with_user(u).unlink()),
        ]
        Plan = self.env["erm.reintegration.plan"]
        cells += [
            ("plan: read", "read",
             lambda u: plan.with_user(u).read(["agreements"])[0]["agreements"]),
            ("plan: write", "plan",
             lambda u: plan.with_user(u).write({"agreements": "Drie ochtenden."})),
            ("plan: write the employee's view", "employee_view",
             lambda u: plan.with_user(u).write({"view_employee": "Akkoord."})),
            ("plan: create", "plan",
             lambda u: Plan.with_user(u).create({"case_id": case.id, "kind": "evaluatie"})),
            ("plan: unlink", "never", lambda u: plan.with_user(u).unlink()),
            ("plan: export the case's contact data", "private",
             lambda u: plan.with_user(u).export_data(
                 ["case_id/private_ids/contact_phone"])["datas"] == [[PHONE]]),
        ]
        Advice = self.env["erm.ba.advice"]
        cells += [
            ("advice: read (issued)", "read",
             lambda u: self.advice.with_user(u).read(["incapacity_pct"])[0]["incapacity_pct"]
             == 50),
            ("advice: read a draft", "doctor",
             lambda u: Advice.with_user(u).search_count(
                 [("id", "=", self.draft_advice.id)]) == 1),
            ("advice: write", "doctor",
             lambda u: self.draft_advice.with_user(u).write({"hours_per_day": 6})),
            ("advice: create", "doctor",
             lambda u: Advice.with_user(u).create({"case_id": case.id, "fml_social": "normal"})),
            ("advice: unlink", "never", lambda u: self.draft_advice.with_user(u).unlink()),
        ]
        Log = self.env["erm.access.log"]
        cells += [
            ("access log: read", "log",
             lambda u: Log.with_user(u).search_count([("id", "=", self.log.id)]) == 1),
            ("access log: write", "never",
             lambda u: self.log.with_user(u).write({"kind": "list"})),
            ("access log: create", "never",
             lambda u: Log.with_user(u).create({
                 "user_id": u.id, "res_model": case._name, "res_id": case.id,
                 "case_id": case.id, "kind": "read"})),
            ("access log: unlink", "never", lambda u: self.log.with_user(u).unlink()),
        ]
        return cells

    def outcome(self, func, user):
        result = self.attempt(lambda: func(user))
        if isinstance(result, AccessError):
            return False
        if isinstance(result, Exception):
            return f"{type(result).__name__}: {result}"
        return bool(result)

    # ------------------------------------------------------------------ the matrix
    def test_access_matrix(self):
        self.assertTrue(self.pa and self.vangnet_milestone and self.tracking_message)
        cells = self.cells()
        mismatches, count = [], 0
        for model in MODELS:
            with self.subTest(model=model):
                # one policy per model, rolled back afterwards
                sp = self.env.cr.savepoint()
                try:
                    self.set_model(model)
                    regie, proces = DUTIES[model]
                    self.assertEqual(self.case.erm_model, model)
                    self.assertEqual(self.case.regievoerder_user_id, self.users[regie])
                    self.assertEqual(self.case.procesbewaker_user_id, self.users[proces])
                    for role in ROLES:
                        expected = expected_capabilities(role, model)
                        for name, capability, func in cells:
                            count += 1
                            got = self.outcome(func, self.users[role])
                            if got is not expected[capability]:
                                mismatches.append(
                                    f"model {model} / {role} / {name}: expected "
                                    f"{'allowed' if expected[capability] else 'denied'}, "
                                    f"got {got}"
                                )
                finally:
                    sp.close(rollback=True)
                    self.env.invalidate_all()
        self.assertEqual(count, len(MODELS) * len(ROLES) * len(cells))
        _logger.info(f"[erm access matrix] {count} cells: {len(ROLES)} roles x {len(MODELS)} "
              f"models x {len(cells)} operations; {len(mismatches)} mismatches")
        self.assertFalse(mismatches, "\n".join(mismatches))

    def test_multi_company(self):
        """A user sees a company's cases only while that company is active for him; the
        company doctor only the companies he serves."""
        other = self.make_case(self.other_employee, start=START)
        for role in ("hr", "admin"):
            user = self.users[role]
            with self.subTest(role=role):
                Case = self.env["erm.absence.case"].with_user(user)
                self.assertEqual(
                    Case.with_context(allowed_company_ids=[self.company_2.id]).search_count(
                        [("id", "=", self.case.id)]), 0)
                with self.assertRaises(AccessError):
                    self.case.with_user(user).with_context(
                        allowed_company_ids=[self.company_2.id]).read(["name"])
                self.assertEqual(Case.search_count([("id", "in", (self.case | other).ids)]), 2)
        doctor_cases = self.env["erm.absence.case"].with_user(self.user_doctor).search(
            [("id", "in", (self.case | other).ids)])
        self.assertEqual(doctor_cases, self.case)
        with self.assertRaises(AccessError):
            other.with_user(self.user_doctor).read(["name"])

    def test_forms_open_for_every_reader(self):
        """The form views load and read for each role that may read the record: no field of
        the form needs more rights than the record itself."""
        self.set_model("II")
        records = {
            "erm.absence.case": self.case, "erm.reintegration.plan": self.plan,
            "erm.ba.advice": self.advice, "erm.wvp.milestone": self.pa,
        }
        for role in ROLES:
            user = self.users[role]
            if not capabilities(role, "II")["read"]:
                continue
            for model, record in records.items():
                with self.subTest(role=role, model=model):
                    views = self.env[model].with_user(user).get_views([(False, "form")])
                    fields = views["models"][model]["fields"]
                    spec = {name: {} for name in fields}
                    self.assertGreater(len(spec), 5)
                    self.env.invalidate_all()  # a request starts with an empty cache
                    values = record.with_user(user).web_read(spec)
                    self.assertEqual(values[0]["id"], record.id)
                    if model == "erm.absence.case":
                        self.assertEqual(values[0]["private_ids"] == self.private.ids,
                                         capabilities(role, "II")["private"])
