from . import controllers
from . import models
from . import wizards

from odoo.tools import SQL


def pre_init_hook(env):
    """The bookings' exclusion constraints compare ids with = in a gist index, which
    needs btree_gist (a trusted extension since PostgreSQL 13: the database owner may
    create it)."""
    env.cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS btree_gist"))
