# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ErmAbsenceCase(models.Model):
    _inherit = "erm.absence.case"

    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        # a manager's rows in the absence analysis follow the cases he may read (the rules
        # read res.users.erm_managed_department_ids, cached per user)
        self.env.registry.clear_cache()
        return cases

    def _erm_pseudonymise_employees(self):
        """The contracts and the department go with the cases to the pseudonym, so the
        anonymised absence stays counted in the figures (employed and sick days alike),
        without a name."""
        originals = {case.id: case.employee_id for case in self}
        res = super()._erm_pseudonymise_employees()
        pseudonym_of = {}
        for case in self:
            pseudonym_of.setdefault(originals[case.id], case.employee_id)
        # sudo: anonymisation moves the contracts to the pseudonym, HR or not
        sudo_env = self.sudo().env
        Contract = sudo_env["hr.contract"].with_context(
            active_test=False, tracking_disable=True
        )
        contracts = Contract.search([("employee_id", "in", [e.id for e in pseudonym_of])])
        for original, pseudonym in pseudonym_of.items():
            pseudonym.with_env(sudo_env).department_id = original.department_id
            mine = contracts.filtered(lambda c, original=original: c.employee_id == original)
            mine.write({"employee_id": pseudonym.id, "name": pseudonym.name})
        return res
