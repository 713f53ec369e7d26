from . import controllers
from . import models
from . import wizards

from odoo.tools import SQL

from odoo.addons.erm_verzuim.hooks import forget_foreign_keys


def pre_init_hook(env):
    """The bookings' exclusion constraints compare ids with = in a gist index, which
    needs btree_gist (a trusted extension since PostgreSQL 13: the database owner may
    create it)."""
    env.cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS btree_gist"))


def uninstall_hook(env):
    """btree_gist stays: other addons may use it, and dropping it is the database owner's
    choice (it holds nothing of ours once the bookings' tables are gone)."""
    forget_foreign_keys(env, "erm_spreekuur")
