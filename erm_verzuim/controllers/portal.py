# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The employee's own place in the portal (/my/verzuim).

Many organisations give their staff no internal user, so the employee's pages live in the
portal and work alike for a portal user and an internal user. Everything runs through the
ORM as that user: the ACLs and record rules decide what he sees, exactly as in the backend.
"""

from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class VerzuimPortal(CustomerPortal):
    @staticmethod
    def _erm_portal_employee():
        """The employee record of the logged-in user. Portal users may not read
        hr.employee: finding oneself is identity, not data, hence sudo (use only its id;
        read the rest as the user)."""
        return request.env["hr.employee"].sudo().search(
            [("user_id", "=", request.env.uid)], limit=1
        )
