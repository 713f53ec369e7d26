# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the demo modules (data/demo_*.py) share: their records carry an xml id in the
pseudo-module ``erm_demo``, so that every run finds what an earlier run made and creates only
what is missing (idempotent); and the Amsterdam wall clock turned into Odoo's naive UTC."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

MODULE = "erm_demo"
TZ = "Europe/Amsterdam"
# Demo records are history, not news: no tracking, no notifications, no invitations.
QUIET_CONTEXT = {
    "tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True,
    "mail_create_nosubscribe": True, "no_mail_to_attendees": True, "dont_notify": True,
    "mail_activity_quick_update": True,
}


def amsterdam_utc(day, hours):
    """Local wall-clock time in Amsterdam (``hours`` after midnight of ``day``) -> naive
    UTC, as Odoo stores datetimes."""
    local = datetime.combine(day, time()) + timedelta(hours=hours)
    return local.replace(tzinfo=ZoneInfo(TZ)).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


class DemoRecords:
    """A demo module's builder: ``ensure`` finds or creates a record by its xml id and
    counts what it created."""

    def __init__(self, env, today):
        self.env = env
        self.today = today
        self.created = 0

    def ref(self, name):
        return self.env.ref(f"{MODULE}.{name}", raise_if_not_found=False)

    def ensure_created(self, name, model, values):
        """(record, created): the record with xml id erm_demo.<name>, created from
        ``values()`` when missing. ``model``: a model name or a model (with its context)."""
        record = self.ref(name)
        if record:
            return record, False
        Model = self.env[model] if isinstance(model, str) else model
        record = Model.create(values())
        self.env["ir.model.data"]._update_xmlids([
            {"xml_id": f"{MODULE}.{name}", "record": record, "noupdate": True}
        ])
        self.created += 1
        return record, True

    def ensure(self, name, model, values):
        """The record with xml id erm_demo.<name>, created from ``values()`` when missing."""
        return self.ensure_created(name, model, values)[0]
