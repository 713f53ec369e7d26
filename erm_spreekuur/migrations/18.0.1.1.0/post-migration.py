# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.1.0: the portal pages address the employee as "je", like the other portal pages.

The English source texts did not change, so an update keeps the old Dutch ("u") that the
database already holds: load this addon's Dutch again, overwriting its own terms."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    langs = [lang for lang, _name in env["res.lang"].get_installed() if lang.startswith("nl")]
    if langs:
        env["ir.module.module"]._load_module_terms(["erm_spreekuur"], langs, overwrite=True)
