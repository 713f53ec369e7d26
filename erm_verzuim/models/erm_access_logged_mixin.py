# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import UserError

# The case roles that must log in with two factors when the company asks for it (domain.md
# §5); the employee and the board never open a case in the backend through a role.
TWO_FACTOR_GROUPS = (
    "erm_verzuim.group_erm_hr",
    "erm_verzuim.group_erm_doctor",
    "erm_verzuim.group_erm_coach",
    "erm_verzuim.group_erm_manager",
)


def _read_write(method):
    """Mark an RPC method as needing a read/write cursor: reading also writes the access log.
    (Odoo routes ``@api.readonly`` methods to a read-only cursor and would otherwise retry
    every call after a failed insert.)"""
    method._readonly = False
    return method


class ErmAccessLoggedMixin(models.AbstractModel):
    """Logs every read of the records by a real user (not the superuser or a scheduled job)
    in erm.access.log: forms and ``read`` calls, lists and ``search_read``, exports; the
    PDF reports (ir.actions.report) and the portal pages log through _erm_log_access too.
    The lines of one request are inserted at once; repeated reads within a few minutes
    count once. Reading requires two-factor login where the company asks for it."""

    _name = "erm.access.logged.mixin"
    _description = "Access-logged Records"

    def _erm_access_log_cases(self):
        """{record id: absence case id} of self, for the log."""
        raise NotImplementedError

    def _erm_is_real_user(self):
        return not (self.env.su or self.env.uid == SUPERUSER_ID)

    def _erm_log_access(self, kind, channel=None):
        """Log that the current user accessed self as `kind` (read, list, export, print)
        through `channel` (backend, portal, pdf, export; default: the context's
        ``erm_access_channel``, else the backend)."""
        if not self._ids or not self._erm_is_real_user():
            return
        records = self.browse([rid for rid in self._ids if isinstance(rid, int)])
        if not records:
            return
        if kind == "read" and self.env.context.get("erm_access_kind") == "list":
            kind = "list"
        channel = channel or self.env.context.get("erm_access_channel") or "backend"
        self.env["erm.access.log"]._log(
            self._name, records._erm_access_log_cases(), kind, channel=channel,
        )

    @api.model
    def _erm_check_two_factor(self):
        """Refuse a case role without two-factor login when one of the user's current
        companies requires it."""
        if not self._erm_is_real_user():
            return
        if not any(self.env.companies.mapped("erm_two_factor_required")):
            return
        user = self.env.user
        if user.totp_enabled or not any(user.has_group(group) for group in TWO_FACTOR_GROUPS):
            return
        raise UserError(self.env._(
            "Your organisation requires two-factor login for absence cases. Enable "
            "two-factor authentication first: click your name at the top right, choose My "
            "Profile, tab Account Security, then log in again."
        ))

    @_read_write
    def read(self, fields=None, load="_classic_read"):
        self._erm_check_two_factor()
        result = super().read(fields=fields, load=load)
        self.browse([vals["id"] for vals in result])._erm_log_access("read")
        return result

    @_read_write
    def web_read(self, specification):
        return super().web_read(specification)

    @api.model
    @_read_write
    def web_search_read(self, domain, specification, offset=0, limit=None, order=None,
                        count_limit=None):
        return super(ErmAccessLoggedMixin, self.with_context(erm_access_kind="list")
                     ).web_search_read(domain, specification, offset=offset, limit=limit,
                                       order=order, count_limit=count_limit)

    @api.model
    @_read_write
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None,
                    **read_kwargs):
        result = super().search_read(domain=domain, fields=fields, offset=offset, limit=limit,
                                     order=order, **read_kwargs)
        self.browse([vals["id"] for vals in result])._erm_log_access("list")
        return result

    def export_data(self, fields_to_export):
        self._erm_check_two_factor()
        result = super().export_data(fields_to_export)
        self._erm_log_access("export", channel="export")
        return result
