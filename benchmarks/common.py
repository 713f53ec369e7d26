# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the benchmarks share: their log line, Odoo's configuration from bin/erm's
ERM_CONF, the databases, and odoo-bin in a subprocess (install or upgrade a template)."""

import os
import subprocess
import sys
from pathlib import Path

import odoo


def log(message):
    print(f"[bench] {message}", flush=True)


def setup_odoo():
    """Parse bin/erm's configuration once per process; returns its path."""
    conf = os.environ.get("ERM_CONF")
    if not conf:
        sys.exit("ERM_CONF is not set: run through `bin/erm python` or `bin/erm bench`.")
    if not getattr(setup_odoo, "done", False):
        odoo.tools.config.parse_config(["-c", conf, "--log-level=warn"], setup_logging=True)
        setup_odoo.done = True
    return conf


def list_dbs():
    from odoo.service import db

    return db.list_dbs(True)


def odoo_bin(database, *args):
    """odoo-bin on `database` with bin/erm's configuration, until it stops."""
    path = Path(odoo.__file__).resolve().parent.parent / "odoo-bin"
    subprocess.run([
        sys.executable, str(path), "-c", os.environ["ERM_CONF"], "-d", database,
        "--stop-after-init", "--log-level=warn", *args,
    ], check=True)


def table_columns(cr, table):
    """The columns of `table` but id, in table order (to copy rows in SQL)."""
    cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s"
               " AND column_name != 'id' ORDER BY ordinal_position", [table])
    return [row[0] for row in cr.fetchall()]
