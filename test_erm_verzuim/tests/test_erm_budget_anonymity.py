# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Anonymity of the employability budget (domain.md §5), table-driven like the
access matrix: every role other than the employee himself and the budget administrator x
every channel through which a claim could leak (search, read, read_group, export, JSON-RPC,
the chatter's messages, the attachments, the mail notifications) must show nothing."""

import logging
from contextlib import closing

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import HttpCase, JsonRpcException

from odoo.addons.erm_verzuim.tests.budget_common import ErmBudgetCommon

from .erm_access_common import ErmAccessCommon

_logger = logging.getLogger(__name__)

# who may see the claim (the owner and the budget administrator), and who never
ALLOWED = ("employee", "budget")
DENIED = ("colleague", "manager", "coach", "hr", "doctor", "board", "admin")
MARKER = "erm-budget-marker"


class ErmBudgetAnonymityCommon(ErmBudgetCommon, ErmAccessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users.update(budget=cls.user_budget, colleague=cls.user_colleague)
        export = cls.env.ref("base.group_allow_export")
        cls.user_budget.groups_id = [(4, export.id)]
        cls.user_colleague.groups_id = [(4, export.id)]
        cls.claim = cls.make_claim(amount=150.0, description=MARKER)
        # the employee writes in the chatter with an attachment, the administrator answers
        # and approves: every kind of message and notification a claim has
        cls.claim.with_user(cls.user_employee).message_post(
            body=f"{MARKER} factuur nagestuurd", message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[("nagestuurd.pdf", b"%PDF nagestuurd")],
        )
        as_admin = cls.claim.with_user(cls.user_budget)
        as_admin.message_post(body=f"{MARKER} ontvangen", message_type="comment",
                              subtype_xmlid="mail.mt_comment")
        as_admin.action_approve()
        cls.env.flush_all()
        cls.messages = cls.env["mail.message"].search([
            ("model", "=", "erm.budget.claim"), ("res_id", "=", cls.claim.id)])
        cls.attachments = cls.env["ir.attachment"].search([
            ("res_model", "=", "erm.budget.claim"), ("res_id", "=", cls.claim.id),
            "|", ("res_field", "=", False), ("res_field", "=", "invoice_file")])


@tagged("post_install", "-at_install", "erm_access", "erm_budget")
class TestErmBudgetAnonymity(ErmBudgetAnonymityCommon):
    def channels(self, user):
        """{channel: whether the user saw the claim or its traces through it}."""
        Claim = self.Claim.with_user(user)
        claim = self.claim.with_user(user)

        def denied(func):
            result = self.attempt(func)
            return not isinstance(result, AccessError) and bool(result)

        groups = self.attempt(lambda: Claim.read_group([], ["amount:sum"], ["employee_id"]))
        Message = self.env["mail.message"].with_user(user)
        Attachment = self.env["ir.attachment"].with_user(user)
        notified = self.env["mail.notification"].search([
            ("mail_message_id", "in", self.messages.ids)]).res_partner_id
        mails = self.env["mail.mail"].search([("mail_message_id", "in", self.messages.ids)])
        return {
            "search": bool(Claim.search([("id", "=", self.claim.id)])),
            "search_count": bool(Claim.search_count([("description", "=", MARKER)])),
            "name_search": bool(Claim.name_search(MARKER)),
            "read": denied(lambda: claim.read(["employee_id", "amount"])),
            "read_group": not isinstance(groups, Exception) and any(
                g.get("employee_id") and g["employee_id"][0] == self.employee.id
                for g in groups),
            "export_data": denied(lambda: claim.export_data(
                ["employee_id", "amount", "description"])["datas"]),
            "message search": bool(Message.search([("model", "=", "erm.budget.claim"),
                                                  ("res_id", "=", self.claim.id)])),
            "message search by text": bool(Message.search([("body", "ilike", MARKER)])),
            "message read": denied(lambda: self.messages.with_user(user).read(["body"])),
            "attachment search": bool(Attachment.search([
                ("res_model", "=", "erm.budget.claim"),
                "|", ("res_field", "=", False), ("res_field", "=", "invoice_file")])),
            "attachment read": denied(lambda: self.attachments.with_user(user).read(["raw"])),
            "followers search": bool(self.env["mail.followers"].with_user(user).search([
                ("res_model", "=", "erm.budget.claim"), ("res_id", "=", self.claim.id)])),
            "notification search": bool(self.env["mail.notification"].with_user(user).search(
                [("mail_message_id", "in", self.messages.ids)])),
            "notified": user.partner_id in notified or any(
                user.partner_id in mail.recipient_ids for mail in mails),
        }

    def test_anonymity_matrix(self):
        self.assertEqual(len(self.attachments), 2)  # the invoice and the chatter's
        mismatches, count = [], 0
        for role in ALLOWED + DENIED:
            user = self.users[role]
            for channel, seen in self.channels(user).items():
                count += 1
                # the administrator is not notified (he is no follower): only the employee
                want = role in ALLOWED and not (channel == "notified" and role == "budget")
                if seen != want:
                    mismatches.append(f"{role} / {channel}: expected {want}, got {seen}")
            self.env.invalidate_all()
        _logger.info(f"[erm budget anonymity] {count} cells; {len(mismatches)} mismatches")
        self.assertFalse(mismatches, "\n".join(mismatches))

    def test_manager_opening_a_claim_by_id_gets_access_error(self):
        with self.assertRaises(AccessError):
            self.claim.with_user(self.user_manager).read(["amount"])
        with self.assertRaises(AccessError):
            self.claim.with_user(self.user_manager).web_read({"employee_id": {}})

    def test_no_claim_field_on_the_employee(self):
        for model in ("hr.employee", "hr.employee.public", "res.users", "res.partner"):
            related = [name for name, field in self.env[model]._fields.items()
                       if getattr(field, "comodel_name", None) == "erm.budget.claim"]
            self.assertFalse(related, model)

    def test_only_the_employee_is_notified(self):
        notified = self.env["mail.notification"].search([
            ("mail_message_id", "in", self.messages.ids)]).res_partner_id
        self.assertEqual(notified, self.user_employee.partner_id)


@tagged("post_install", "-at_install", "erm_access", "erm_budget")
class TestErmBudgetAnonymityRpc(HttpCase, ErmBudgetAnonymityCommon):
    def call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request("/web/dataset/call_kw", {
            "model": model, "method": method, "args": args,
            "kwargs": dict(kwargs or {}, context={"lang": "en_US"}),
        })

    def attempt_rpc(self, func):
        try:
            return func()
        except JsonRpcException:
            return None

    def test_call_kw_matrix(self):
        mismatches, count = [], 0
        claim_id = self.claim.id
        for role in ALLOWED + DENIED:
            user = self.users[role]
            self.authenticate(user.login, user.login)
            with closing(self.env.cr.savepoint()):
                found = self.attempt_rpc(lambda: self.call_kw(
                    "erm.budget.claim", "web_search_read", [],
                    {"domain": [], "specification": {"employee_id": {}, "amount": {}}}))
                read = self.attempt_rpc(lambda: self.call_kw(  # noqa: B023
                    "erm.budget.claim", "web_read", [[claim_id]],
                    {"specification": {"employee_id": {}, "amount": {}}}))
                grouped = self.attempt_rpc(lambda: self.call_kw(
                    "erm.budget.claim", "web_read_group", [],
                    {"domain": [], "groupby": ["employee_id"], "fields": ["amount:sum"]}))
                messages = self.attempt_rpc(lambda: self.make_jsonrpc_request(  # noqa: B023
                    "/mail/thread/messages",
                    {"thread_model": "erm.budget.claim", "thread_id": claim_id}))
                cells = {
                    "web_search_read": bool(found and any(
                        r["id"] == claim_id for r in found["records"])),
                    "web_read": bool(read),
                    "web_read_group": bool(grouped and any(
                        g.get("employee_id") and g["employee_id"][0] == self.employee.id
                        for g in grouped["groups"])),
                    "/mail/thread/messages": bool(messages and messages.get("messages")),
                }
            for channel, seen in cells.items():
                count += 1
                if seen != (role in ALLOWED):
                    mismatches.append(f"{role} / {channel}: expected {role in ALLOWED}, "
                                      f"got {seen}")
        _logger.info(f"[erm budget anonymity, JSON-RPC] {count} cells; {len(mismatches)} "
              "mismatches")
        self.assertFalse(mismatches, "\n".join(mismatches))
