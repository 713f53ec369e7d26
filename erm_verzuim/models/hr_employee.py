# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from ..engine import competence, wvp
from ..engine.tbv import DIRECTING_MODELS

# A manager's ERM competence figures are his own HR data: HR only; the manager
# reads his own on his profile (res.users).
HR = "erm_verzuim.group_erm_hr"
# Fields whose change moves who directs, guards and sees a case.
ORG_CHART_FIELDS = {"parent_id", "department_id", "user_id", "company_id", "active"}


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    def init(self):
        # Indexed: the need-to-know rules and the duty resolution walk the org chart
        # (child_of on parent_id, employees of a department) and hr finds an employee by his
        # work contact on every user change; without an index each of those lookups scans
        # every employee (quadratic when a 100,000-employee organisation is built or
        # reorganised). Indexes, not redefined fields: the fields keep hr's labels.
        for column in ("parent_id", "department_id", "work_contact_id"):
            self.env.cr.execute(SQL(
                "CREATE INDEX IF NOT EXISTS %s ON hr_employee (%s) WHERE %s IS NOT NULL",
                SQL.identifier(f"hr_employee__erm_{column}_index"), SQL.identifier(column),
                SQL.identifier(column),
            ))

    # HR-only fields (hr.employee is only readable by hr.group_hr_user; others read
    # hr.employee.public, which must not learn that someone is sick).
    erm_case_ids = fields.One2many(
        "erm.absence.case", "employee_id", string="Absence cases", groups="hr.group_hr_user",
    )
    erm_case_count = fields.Integer(
        string="Number of absence cases", compute="_compute_erm_cases",
        groups="hr.group_hr_user",
    )
    erm_case_state = fields.Selection(
        list(wvp.PHASE_LABELS.items()), string="Absence status", compute="_compute_erm_cases",
        groups="hr.group_hr_user",
    )
    erm_frequent_absence = fields.Boolean(
        string="Frequent absence signal", compute="_compute_erm_cases",
        groups="hr.group_hr_user",
    )

    @api.depends("erm_case_ids.state", "erm_case_ids.date_recovered")
    def _compute_erm_cases(self):
        Case = self.env["erm.absence.case"]
        counts = dict(Case._read_group(
            [("employee_id", "in", self.ids)], ["employee_id"], ["__count"],
        ))
        open_cases = Case.search(
            [("employee_id", "in", self.ids), ("date_recovered", "=", False)]
        )
        open_by_employee = {case.employee_id: case for case in open_cases}
        for employee in self:
            case = open_by_employee.get(employee)
            employee.erm_case_count = counts.get(employee, 0)
            employee.erm_case_state = case.state if case else False
            employee.erm_frequent_absence = bool(case and case.frequent_absence)

    def write(self, vals):
        """An org-chart change moves the duties and the need-to-know of the cases of the
        employee and of everyone reporting to him (erm.absence.case._erm_refresh_duties)."""
        if not ORG_CHART_FIELDS & set(vals):
            return super().write(vals)
        Case = self.env["erm.absence.case"]
        cases = Case._erm_cases_of_subtree(self)
        snapshot = cases._erm_duty_snapshot()
        res = super().write(vals)
        (cases | Case._erm_cases_of_subtree(self))._erm_refresh_duties(snapshot)
        return res

    @api.model
    def _erm_own_employee(self):
        """The current user's employee record, as identity only: a portal user may not
        read hr.employee, hence sudo (use its id; read the rest as the user). Shared by
        the portal pages, self-reporting and the budget claims."""
        # sudo: identity only (a portal user may not read hr.employee)
        return self.sudo().search([("user_id", "=", self.env.uid)], limit=1)

    def action_open_erm_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "erm_verzuim.erm_absence_case_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id, "active_test": False}
        return action

    # ------------------------------------------------------------------ ERM competences
    # (engine/competence.py): coverage, the list "Leidinggevenden met
    # ontwikkelpunten" and the overview the model-choice wizard starts from.
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
        data = self._erm_competence_data()
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
        data = managers._erm_competence_data()
        below = [employee_id for employee_id, values in data.items() if values["gaps"]]
        if (operator == "=") == value:
            return [("id", "in", below)]
        return [("id", "not in", below)]

    @api.model
    def _erm_department_managers(self, companies):
        """The employees who manage a department of `companies`: the case directors of
        models I-III."""
        # sudo: the department managers as identities
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
        data = managers._erm_competence_data()
        progress = self._erm_competence_progress()
        skills = self._erm_competence_skills()
        as_director = competence.strictest(
            [company._erm_required_competence(model) for model in DIRECTING_MODELS], progress,
        )
        levels = None
        below = 0
        total = 0.0
        for manager in managers:
            values = data[manager.id]
            if values["required"] == "none" and as_director != "none" and skills:
                if levels is None:
                    levels = managers._erm_competence_levels()
                missing = skills.filtered(
                    lambda s, held=levels[manager.id]: held.get(s.id, 0) < progress[as_director])
                coverage = competence.coverage(len(skills), len(missing))
            else:
                missing, coverage = values["gaps"], values["coverage"]
            below += bool(missing)
            total += coverage
        return {
            "managers": len(managers),
            "below_required": below,
            "average_coverage": round(total / len(managers), 1),
        }

    # The ERM competences over a batch (a few queries whatever the number of employees),
    # read as superuser: the callers decide who gets to see the result (groups= on the
    # fields; the director and HR for the case's warning).
    @api.model
    def _erm_competence_skills(self):
        """The skills of the skill type ERM-competenties (none when it was removed)."""
        stype = self.env.ref(competence.SKILL_TYPE, raise_if_not_found=False)
        # a plain read: the skill catalogue is readable by every internal user
        return stype.skill_ids if stype else self.env["hr.skill"]

    @api.model
    def _erm_competence_progress(self):
        """{level key: progress}; "none" requires nothing. A level the administrator removed
        falls back to its original progress."""
        result = {"none": 0}
        for key, xmlid in competence.LEVEL_XMLIDS.items():
            level = self.env.ref(xmlid, raise_if_not_found=False)
            # a plain read: the level catalogue is readable by every internal user
            result[key] = (level.level_progress if level
                           else competence.DEFAULT_PROGRESS[key])
        return result

    @api.model
    def _erm_competence_level_names(self):
        """{level key: name of the hr.skill.level}, for the texts."""
        labels = dict(competence.COMPETENCE_LEVELS)
        result = {}
        for key, xmlid in competence.LEVEL_XMLIDS.items():
            level = self.env.ref(xmlid, raise_if_not_found=False)
            # a plain read: the level catalogue is readable by every internal user
            result[key] = level.name if level else labels[key]
        return result

    def _erm_competence_levels(self):
        """{employee id: {skill id: progress}} of the ERM competences, one search."""
        stype = self.env.ref(competence.SKILL_TYPE, raise_if_not_found=False)
        result = defaultdict(dict)
        if not stype or not self:
            return result
        # sudo: the employees' own HR data; the callers show it only to HR and himself
        lines = self.env["hr.employee.skill"].sudo().search([
            ("employee_id", "in", self.ids), ("skill_type_id", "=", stype.id),
        ])
        for line in lines:
            result[line.employee_id.id][line.skill_id.id] = line.skill_level_id.level_progress
        return result

    def _erm_manager_models(self):
        """{employee id: set of ERM models} under which each employee acts as manager today:
        the models in force for the departments he manages and the models of the open cases
        he directs; without either, the model of his own department (or his company's
        default)."""
        # sudo: departments, policies and the duties of cases, counted, never shown
        employees = self.sudo()
        today = fields.Date.context_today(self)
        Policy = self.env["erm.model.policy"]
        by_scope = Policy._policies_by_scope(employees.company_id)
        departments = employees.env["hr.department"].search(
            [("manager_id", "in", employees.ids)])
        result = defaultdict(set)
        for department in departments:
            policy = Policy._policy_for(by_scope, department.company_id, department, today)
            result[department.manager_id.id].add(policy.erm_model or "I")
        users = employees.user_id
        if users:
            groups = employees.env["erm.absence.case"]._read_group(
                [("regievoerder_user_id", "in", users.ids), ("date_recovered", "=", False)],
                ["regievoerder_user_id", "erm_model"], ["__count"],
            )
            by_user = defaultdict(set)
            for user, model, _count in groups:
                if model:
                    by_user[user.id].add(model)
            for employee in employees:
                if employee.user_id:
                    result[employee.id] |= by_user[employee.user_id.id]
        for employee in employees:
            if not result[employee.id]:
                policy = Policy._policy_for(
                    by_scope, employee.company_id, employee.department_id, today,
                )
                result[employee.id].add(policy.erm_model or "I")
        return result

    def _erm_competence_data(self):
        """{employee id: {"required": level key, "coverage": 0..100, "gaps": hr.skill}} in a
        few queries: the strictest level required by the models he works under, and the
        share of the ERM competences he holds at or above it."""
        skills = self._erm_competence_skills()
        progress = self._erm_competence_progress()
        models = self._erm_manager_models()
        levels = self._erm_competence_levels()
        result = {}
        # sudo: the competence data, for fields only HR and the employee himself read
        for employee in self.sudo():
            required = competence.strictest(
                [employee.company_id._erm_required_competence(model)
                 for model in models[employee.id]],
                progress,
            )
            missing = (skills.filtered(
                lambda s, e=employee, r=required: levels[e.id].get(s.id, 0) < progress[r])
                if required != "none" else skills.browse())
            result[employee.id] = {
                "required": required, "gaps": missing,
                "coverage": competence.coverage(len(skills), len(missing)),
            }
        return result
