# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What Odoo's uninstall leaves behind of an addon, removed by its uninstall hook (which
Odoo calls before it drops the addon's tables, columns and records)."""
from odoo.tools import SQL

# The indexes init() puts on Odoo's own tables over Odoo's own columns (hr_employee.py,
# hr_department.py): dropping our columns does not drop them.
INDEXES_ON_ODOO_TABLES = (
    "hr_employee__erm_parent_id_index",
    "hr_employee__erm_department_id_index",
    "hr_employee__erm_work_contact_id_index",
    "hr_department__erm_manager_id_index",
)


def forget_foreign_keys(env, module):
    """Odoo records each foreign key of a module in ir.model.constraint without an xml id,
    so its uninstall never deletes those rows; the keys themselves go with the columns and
    tables they are on."""
    env.cr.execute(SQL(
        """DELETE FROM ir_model_constraint
            WHERE type = 'f'
              AND module IN (SELECT id FROM ir_module_module WHERE name = %s)""",
        module,
    ))


def uninstall_hook(env):
    for name in INDEXES_ON_ODOO_TABLES:
        env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(name)))
    forget_foreign_keys(env, "erm_verzuim")
