# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A manager's ERM competences against the level his company requires (issue 10): the
coverage on his employee record (HR; the manager himself on his own profile, res.users),
the list "Leidinggevenden met ontwikkelpunten" and the overview the model-choice wizard
starts from. The figures are the manager's own HR data: groups= keeps them to HR."""

from odoo import api, fields, models

from . import erm_competence as competence

HR = "erm_verzuim.group_erm_hr"


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    erm_competence_coverage = fields.Float(
        string="ERM competence coverage (%)", compute="_compute_erm_competence",
        digits=(5, 1), groups=HR,
        help="Share of the ERM competences held at or above the level the company requires "
        "for the ERM models under which this employee directs absence cases.",
    )
    erm_competence_required_level = fields.Selection(
        competence.COMPETENCE_LEVELS, string="Required competence level",
        compute="_compute_erm_competence", groups=HR,
    )
    erm_competence_gaps = fields.Char(
        string="Development points", compute="_compute_erm_competence", groups=HR,
        help="The ERM competences below the required level.",
    )
    erm_competence_below_required = fields.Boolean(
        string="Below the required competence level", compute="_compute_erm_competence",
        search="_search_erm_competence_below_required", groups=HR,
    )

    def _compute_erm_competence(self):
        data = competence.competence_data(self.env, self)
        for employee in self:
            values = data[employee.id]
            employee.erm_competence_coverage = values["coverage"]
            employee.erm_competence_required_level = values["required"]
            employee.erm_competence_gaps = ", ".join(values["gaps"].mapped("name"))
            employee.erm_competence_below_required = bool(values["gaps"])

    def _search_erm_competence_below_required(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return [("id", "=", False)]
        managers = self._erm_department_managers(self.env.companies)
        data = competence.competence_data(self.env, managers)
        below = [employee_id for employee_id, values in data.items() if values["gaps"]]
        if (operator == "=") == value:
            return [("id", "in", below)]
        return [("id", "not in", below)]

    @api.model
    def _erm_department_managers(self, companies):
        """The employees who manage a department of `companies`: the case directors of
        models I-III."""
        departments = self.env["hr.department"].sudo().search([
            ("company_id", "in", companies.ids), ("manager_id", "!=", False),
        ])
        return departments.manager_id.filtered("active")

    @api.model
    def _erm_competence_overview(self, company):
        """{"managers": n, "below_required": n, "average_coverage": 0..100} over the
        managers of `company` acting as case director (the employees who manage one of its
        departments), for the model-choice wizard. A manager who works only under a model
        without a requirement (model IV) is measured against the strictest level of models
        I-III: the wizard asks whether the managers could direct cases."""
        managers = self._erm_department_managers(company)
        if not managers:
            return {"managers": 0, "below_required": 0, "average_coverage": 0.0}
        data = competence.competence_data(self.env, managers)
        progress = competence.level_progress(self.env)
        stype = competence.skill_type(self.env)
        skills = stype.sudo().skill_ids if stype else self.env["hr.skill"]
        as_director = competence.strictest(
            [competence.required_level(company, model) for model in competence.DIRECTING_MODELS],
            progress,
        )
        levels = None
        below = 0
        total = 0.0
        for manager in managers:
            values = data[manager.id]
            if values["required"] == "none" and as_director != "none" and skills:
                if levels is None:
                    levels = competence.employee_levels(self.env, managers)
                missing = competence.gaps(skills, levels[manager.id], progress[as_director])
                coverage = 100.0 * (len(skills) - len(missing)) / len(skills)
            else:
                missing, coverage = values["gaps"], values["coverage"]
            below += bool(missing)
            total += coverage
        return {
            "managers": len(managers),
            "below_required": below,
            "average_coverage": round(total / len(managers), 1),
        }

    def action_erm_open_skills(self):
        """The employee form on its skills, from the list of development points."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.employee",
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }
