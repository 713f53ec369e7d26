# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL

# The indexes the addon's init() methods put on Odoo's own tables over Odoo's own columns
# (hr_employee.py, hr_department.py): nothing of Odoo drops them when the addon goes.
INDEXES_ON_ODOO_TABLES = (
    "hr_employee__erm_parent_id_index",
    "hr_employee__erm_department_id_index",
    "hr_employee__erm_work_contact_id_index",
    "hr_department__erm_manager_id_index",
)


def uninstall_hook(env):
    for name in INDEXES_ON_ODOO_TABLES:
        env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(name)))
