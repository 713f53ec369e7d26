"""Pure-Python WvP engine: no Odoo imports, standard library only.

Import the submodules directly: ``from odoo.addons.erm_verzuim.engine import holidays, wvp``.
"""
