# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The access matrix over JSON-RPC: every role logs in and calls /web/dataset/call_kw as the
web client does, under every ERM model."""

import logging
from contextlib import closing
from datetime import date, timedelta

from odoo.tests import tagged
from odoo.tests.common import HttpCase, JsonRpcException

from .erm_access_common import DUTIES, MODELS, ROLES, ErmAccessCommon, capabilities

_logger = logging.getLogger(__name__)

PHONE = "0612345678"


@tagged("post_install", "-at_install", "erm_access")
class TestErmAccessRpc(HttpCase, ErmAccessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls.make_case(start=date.today() - timedelta(days=80), contact_phone=PHONE)

    def call_kw(self, method, args, kwargs=None):
        return self.make_jsonrpc_request("/web/dataset/call_kw", {
            "model": "erm.absence.case", "method": method, "args": args,
            "kwargs": dict(kwargs or {}, context={"lang": "en_US"}),
        })

    def test_call_kw_matrix(self):
        mismatches, count = [], 0
        for role in ROLES:
            user = self.users[role]
            self.authenticate(user.login, user.login)
            for model in MODELS:
                expected = capabilities(role, model)
                with closing(self.env.cr.savepoint()):
                    self.set_model(model)
                    self.assertEqual(self.case.regievoerder_user_id, self.users[DUTIES[model][0]])
                    self.env.flush_all()
                    # the list and form view: web_search_read
                    result = self.call_kw("web_search_read", [], {
                        "domain": [["id", "=", self.case.id]],
                        "specification": {
                            "name": {}, "private_ids": {"fields": {"contact_phone": {}}},
                        },
                    })
                    records = result["records"]
                    cells = {
                        "web_search_read finds the case": (bool(records), expected["read"]),
                        "web_search_read shows the contact data": (
                            bool(records) and [
                                values["contact_phone"] for values in records[0]["private_ids"]
                            ] == [PHONE],
                            expected["private"]),
                    }
                    # a direct read
                    try:
                        values = self.call_kw("read", [[self.case.id], ["name", "private_ids"]])
                        got = values[0]["name"] == self.case.name
                    except JsonRpcException as exc:
                        self.assertIn("AccessError", str(exc.args) + str(exc.code) + repr(exc))
                        got = False
                    cells["read"] = (got, expected["read"])
                    # a write of a process field
                    try:
                        self.call_kw("write", [[self.case.id], {"work_accident": True}])
                        got = True
                    except JsonRpcException:
                        got = False
                    cells["write a process field"] = (got, expected["guardian"])
                    self.env.invalidate_all()
                for name, (got, want) in cells.items():
                    count += 1
                    if got != want:
                        mismatches.append(f"model {model} / {role} / {name}: expected {want}, "
                                          f"got {got}")
        _logger.info(f"[erm access matrix, JSON-RPC] {count} cells; {len(mismatches)} mismatches")
        self.assertEqual(count, len(ROLES) * len(MODELS) * 4)
        self.assertFalse(mismatches, "\n".join(mismatches))
