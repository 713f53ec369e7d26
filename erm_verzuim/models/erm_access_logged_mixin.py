# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


def _read_write(method):
    """Mark an RPC method as needing a read/write cursor: reading also writes the access log.
    (Odoo routes ``@api.readonly`` methods to a read-only cursor and would otherwise retry
    every call after a failed insert.)"""
    method._readonly = False
    return method


class ErmAccessLoggedMixin(models.AbstractModel):
    """Logs every read of the records by a real user (not the superuser or a scheduled job)
    in erm.access.log: forms and ``read`` calls, lists and ``search_read``, exports.
    One insert per call; repeated reads within a few minutes count once."""

    _name = "erm.access.logged.mixin"
    _description = "Access-logged Records"

    def _erm_access_log_cases(self):
        """{record id: absence case id} of self, for the log."""
        raise NotImplementedError

    def _erm_log_access(self, kind):
        if self.env.su or self.env.is_superuser() or not self._ids:
            return
        records = self.browse([rid for rid in self._ids if isinstance(rid, int)])
        if not records:
            return
        if kind == "read" and self.env.context.get("erm_access_kind") == "list":
            kind = "list"
        self.env["erm.access.log"]._log(self._name, records._erm_access_log_cases(), kind)

    @_read_write
    def read(self, fields=None, load="_classic_read"):
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
        result = super().export_data(fields_to_export)
        self._erm_log_access("export")
        return result
