from . import controllers
from . import models
from . import wizards

from psycopg2 import errors

from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.erm_verzuim.hooks import forget_foreign_keys


def pre_init_hook(env):
    """The bookings' exclusion constraints compare ids with = in a gist index, which
    needs btree_gist. Since PostgreSQL 13 it is a trusted extension: the database owner
    creates it here. On PostgreSQL 12, or when the Odoo role does not own the database, a
    superuser must create it beforehand; say so instead of failing on the constraint."""
    env.cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'btree_gist'")
    if env.cr.fetchone():
        return
    try:
        with env.cr.savepoint():
            env.cr.execute(SQL("CREATE EXTENSION btree_gist"))
    except errors.InsufficientPrivilege as error:
        # (before the install, so the addon's own translations are not loaded yet)
        raise UserError(env._(
            "The consultation hours need the PostgreSQL extension btree_gist, which this "
            "database role may not create. Ask the database administrator to run, as a "
            "superuser: CREATE EXTENSION btree_gist; in the database %s, then install again.",
            env.cr.dbname,
        )) from error


def uninstall_hook(env):
    """btree_gist stays: other addons may use it, and dropping it is the database owner's
    choice (it holds nothing of ours once the bookings' tables are gone)."""
    forget_foreign_keys(env, "erm_spreekuur")
