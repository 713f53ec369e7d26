# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The ERM model (I-IV) in force for a company or a department, as dated policy records.

A policy without department is the company default; a department policy overrides it for the
department and its sub-departments (e.g. a pilot with a casemanager). Policies of one scope
never overlap: a new policy closes the open-ended one before it, so the history stays and a
change reaches the open cases from its first day (domain.md §2)."""

from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from ..engine import tbv
from ..engine.tbv import DEFAULT_MODEL, ERM_MODEL_LABELS, MODEL_DUTIES

# The daily job (_cron_apply_policies): cases per call, and where a run got to.
POLICY_BATCH_SIZE = 1000
POLICY_MARKER = "erm_verzuim.apply_policies_marker"
CRON_APPLY_POLICIES = "erm_verzuim.ir_cron_erm_apply_policies"

# Changing these on a policy that is already in force would rewrite history.
HISTORY_FIELDS = ("erm_model", "company_id", "department_id", "date_from")


class ErmModelPolicy(models.Model):
    _name = "erm.model.policy"
    _description = "ERM Model Policy"
    _inherit = ["mail.thread"]
    _order = "company_id, department_id desc, date_from desc, id desc"
    _rec_names_search = ["department_id", "company_id"]
    _check_company_auto = True

    # not stored: the name is shown in the reader's language and date format
    name = fields.Char(compute="_compute_name")
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, tracking=True,
        default=lambda self: self.env.company,
    )
    department_id = fields.Many2one(
        "hr.department", index=True, tracking=True, check_company=True,
        help="Empty: the company default. A department policy also applies to the "
        "sub-departments that have no policy of their own.",
    )
    erm_model = fields.Selection(
        list(ERM_MODEL_LABELS.items()), string="ERM model", required=True, default=DEFAULT_MODEL,
        tracking=True,
    )
    date_from = fields.Date(
        string="Valid from", required=True, default=fields.Date.context_today, tracking=True,
        help="Open cases follow this policy from this day on.",
    )
    date_to = fields.Date(
        string="Valid until", tracking=True,
        help="Last day of the policy. Empty: until a later policy starts.",
    )
    coach_user_ids = fields.Many2many(
        "res.users", "erm_model_policy_coach_rel", "policy_id", "user_id",
        string="Absence coaches",
        help="Internal or external absence coaches (casemanagers). In models II and IV a case "
        "goes to one of them; an employee always gets the same coach of the list.",
    )
    hr_user_ids = fields.Many2many(
        "res.users", "erm_model_policy_hr_rel", "policy_id", "user_id",
        string="HR advisers",
        help="In model III a case goes to one of them; an employee always gets the same "
        "adviser of the list.",
    )
    note = fields.Text(
        string="Reason", help="Why this model applies here, e.g. a pilot with a casemanager.",
    )
    tbv_html = fields.Html(
        string="Tasks, authorities and responsibilities", compute="_compute_tbv_html",
        sanitize=False,
    )
    is_current = fields.Boolean(string="In force", compute="_compute_is_current")

    _sql_constraints = [
        ("date_check", "CHECK(date_to IS NULL OR date_to >= date_from)",
         "A policy cannot end before it starts."),
    ]

    @api.depends("erm_model", "department_id.name", "company_id.name", "date_from")
    @api.depends_context("lang")
    def _compute_name(self):
        labels = dict(self._fields["erm_model"]._description_selection(self.env))
        for policy in self:
            scope = policy.department_id.name or policy.company_id.name or ""
            policy.name = self.env._(
                "%(model)s - %(scope)s (from %(date)s)",
                model=labels.get(policy.erm_model, ""), scope=scope,
                date=format_date(self.env, policy.date_from) if policy.date_from else "",
            )

    @api.depends("erm_model")
    def _compute_tbv_html(self):
        for policy in self:
            policy.tbv_html = self._render_tbv(policy.erm_model or DEFAULT_MODEL)

    @api.model
    def _render_tbv(self, model, holders=None):
        """The TBV table of ERM model `model` (engine/tbv.py) as HTML, in the reader's
        language.

        :param holders: optional {stakeholder key: name} of the people holding the role for
            one case; shown under the stakeholder's name."""
        env = self.env
        holders = holders or {}
        regie, proces = MODEL_DUTIES[model]
        model_label = dict(self._fields["erm_model"]._description_selection(env)).get(
            model, ERM_MODEL_LABELS[model])

        def items(texts):
            if not texts:
                return Markup("<span class='text-muted'>-</span>")
            return Markup("<ul class='mb-0 ps-3'>%s</ul>") % Markup("").join(
                Markup("<li>%s</li>") % env._(text) for text in texts
            )

        rows = []
        for key, label, (tasks, authorities, responsibilities) in tbv.tbv_rows(model):
            badges = []
            if key == regie:
                badges.append(env._("Case director"))
            if key == proces:
                badges.append(env._("Process guardian"))
            who = Markup("<strong>%s</strong>") % env._(label)
            if badges:
                who += Markup("").join(
                    Markup("<br/><span class='badge text-bg-primary'>%s</span>") % badge
                    for badge in badges
                )
            if holders.get(key):
                who += Markup("<br/><span class='text-muted'>%s</span>") % holders[key]
            rows.append(Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>") % (
                who, items(tasks), items(authorities), items(responsibilities),
            ))
        head = Markup(
            "<p class='mb-2'><strong>%s</strong></p>"
            "<table class='table table-sm table-bordered o_erm_tbv'><thead><tr>"
            "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>"
        ) % (
            escape(model_label), env._("Stakeholder"), env._("Tasks"), env._("Authorities"),
            env._("Responsibilities"),
        )
        return head + Markup("").join(rows) + Markup("</tbody></table>")

    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for policy in self:
            policy.is_current = bool(
                policy.active and policy.date_from and policy.date_from <= today
                and (not policy.date_to or policy.date_to >= today)
            )

    # ------------------------------------------------------------------ validation
    @api.constrains("erm_model", "coach_user_ids", "hr_user_ids")
    def _check_duty_holders(self):
        for policy in self:
            if policy.erm_model in tbv.models_needing("coach") and not policy.coach_user_ids:
                raise ValidationError(self.env._(
                    "In model %(model)s the absence coach guards the process: name at least "
                    "one absence coach on %(policy)s.",
                    model=policy.erm_model, policy=policy.name,
                ))
            if policy.erm_model in tbv.models_needing("hr") and not policy.hr_user_ids:
                raise ValidationError(self.env._(
                    "In model III the HR adviser guards the process: name at least one HR "
                    "adviser on %(policy)s.", policy=policy.name,
                ))

    @api.constrains("company_id", "department_id", "date_from", "date_to", "active")
    def _check_no_overlap(self):
        policies = self.search([("company_id", "in", self.company_id.ids)])
        by_scope = defaultdict(list)
        for policy in policies:
            by_scope[(policy.company_id.id, policy.department_id.id)].append(policy)
        for policy in self.filtered("active"):
            for other in by_scope[(policy.company_id.id, policy.department_id.id)]:
                if other == policy:
                    continue
                if _overlaps(policy, other):
                    raise ValidationError(self.env._(
                        "%(policy)s overlaps %(other)s. Policies of one company or "
                        "department follow each other: end the earlier one first.",
                        policy=policy.name, other=other.name,
                    ))

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        # A new policy ends the open-ended policy of its scope that started before it.
        for vals in vals_list:
            if not vals.get("date_from"):
                vals["date_from"] = fields.Date.context_today(self)
            company_id = vals.get("company_id") or self.env.company.id
            previous = self.search([
                ("company_id", "=", company_id),
                ("department_id", "=", vals.get("department_id") or False),
                ("date_from", "<", vals["date_from"]),
                "|", ("date_to", "=", False), ("date_to", ">=", vals["date_from"]),
            ])
            if previous:
                previous.with_context(erm_policy_no_apply=True).write({
                    "date_to": fields.Date.to_date(vals["date_from"]) - timedelta(days=1),
                })
        policies = super().create(vals_list)
        policies._apply_to_cases()
        return policies

    def write(self, vals):
        today = fields.Date.context_today(self)
        changed = [name for name in HISTORY_FIELDS if name in vals]
        if changed:
            for policy in self:
                if policy.date_from < today and any(
                    _differs(policy, name, vals[name]) for name in changed
                ):
                    raise ValidationError(self.env._(
                        "%(policy)s has been in force since before today: its model, scope "
                        "and start date are history. Create a new policy from the date of the "
                        "change instead; it ends this one automatically.", policy=policy.name,
                    ))
        companies = self.company_id
        res = super().write(vals)
        if not self.env.context.get("erm_policy_no_apply"):
            self._apply_to_cases(companies | self.company_id)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise ValidationError(self.env._(
                "Policies are never deleted, so that the history of who held which duty "
                "stays traceable. Archive the policy or let a new one start instead."
            ))

    def _sudo_cases(self, cases=None):
        """`cases` (default: the model) as superuser."""
        # sudo: the duty holders are resolved from the org chart for every open case of a
        # policy's scope, whoever triggers it (a policy or org-chart change)
        return (cases if cases is not None else self.env["erm.absence.case"]).sudo()

    def _apply_to_cases(self, companies=None):
        """Resolve the duty holders of the open cases of the companies concerned again
        (closed cases keep theirs)."""
        companies = companies or self.company_id
        if companies:
            self._sudo_cases().search([
                ("company_id", "in", companies.ids), ("date_recovered", "=", False),
            ])._erm_refresh_duties()

    # ------------------------------------------------------------------ resolution
    @api.model
    def _policies_by_scope(self, companies):
        """{(company id, department id or False): [policies, newest first]} in one search."""
        # sudo: the policies in force, to resolve duty holders for any reader
        policies = self.sudo().with_context(active_test=True).search(
            [("company_id", "in", companies.ids)], order="date_from desc, id desc",
        )
        by_scope = defaultdict(list)
        for policy in policies:
            by_scope[(policy.company_id.id, policy.department_id.id)].append(policy)
        return by_scope

    @api.model
    def _pick(self, policies, day):
        for policy in policies:
            if policy.date_from <= day and (not policy.date_to or policy.date_to >= day):
                return policy
        return self.browse()

    @api.model
    def _policy_for(self, by_scope, company, department, day):
        """The policy in force on `day` for `department` (nearest ancestor first), else the
        company default; an empty recordset means model I without a policy."""
        dept = department
        seen = set()
        while dept and dept.id not in seen:
            seen.add(dept.id)
            policy = self._pick(by_scope.get((company.id, dept.id), ()), day)
            if policy:
                return policy
            dept = dept.parent_id
        return self._pick(by_scope.get((company.id, False), ()), day)

    @api.model
    def _manager_chain(self, employee):
        """Users of the employee's managers, nearest first: the parent_id chain, then the
        managers of the department and its ancestors. The employee's own user is left out:
        nobody directs his own case."""
        own_user = employee.user_id
        users = []

        def add(user):
            if user and user != own_user and user not in users:
                users.append(user)

        manager, seen = employee.parent_id, {employee.id}
        while manager and manager.id not in seen:
            seen.add(manager.id)
            add(manager.user_id)
            manager = manager.parent_id
        dept, seen_dept = employee.department_id, set()
        while dept and dept.id not in seen_dept:
            seen_dept.add(dept.id)
            add(dept.manager_id.user_id)
            dept = dept.parent_id
        return users

    @api.model
    def _resolve(self, cases):
        """{case id: values} for the duty fields of `cases`, in a few queries.

        Values: the policy and model in force on the reference day (today for an open case,
        the last sick day for a closed one), the manager chain, and the users holding the
        two duties of domain.md §2."""
        today = fields.Date.context_today(self)
        cases = self._sudo_cases(cases)
        by_scope = self._policies_by_scope(cases.company_id)
        result = {}
        for case in cases:
            employee = case.employee_id
            if case.date_recovered:
                day = max(case.date_start, case.date_recovered - timedelta(days=1))
            else:
                day = max(today, case.date_start or today)
            policy = self._policy_for(by_scope, case.company_id, employee.department_id, day)
            model = policy.erm_model or DEFAULT_MODEL
            chain = self._manager_chain(employee)
            holders = {
                "manager": chain[0] if chain else self.env["res.users"],
                "coach": _spread(policy.coach_user_ids, employee),
                "hr": _spread(policy.hr_user_ids, employee),
            }
            regie_role, proces_role = MODEL_DUTIES[model]
            result[case.id] = {
                "erm_policy_id": policy.id or False,
                "erm_model": model,
                "manager_user_ids": [user.id for user in chain],
                "regievoerder_user_id": holders[regie_role].id or False,
                "procesbewaker_user_id": holders[proces_role].id or False,
            }
        return result

    # ------------------------------------------------------------------ settings
    @api.model
    def _company_default(self, company, day):
        """The company default policy in force on `day` (empty: none, model I)."""
        by_scope = self._policies_by_scope(company)
        return self._pick(by_scope.get((company.id, False), ()), day)

    @api.model
    def _set_company_default(self, company, model, date_from, coaches, hr_users):
        """From the settings page: a new model starts a new policy (the old one ends the day
        before); a new list of coaches or advisers under the same model updates the policy
        in force."""
        date_from = date_from or fields.Date.context_today(self)
        current = self._company_default(company, date_from)
        if current and current.date_from >= date_from:
            # the policy starts that very day: a correction, not a change
            current.write({
                "erm_model": model, "coach_user_ids": [(6, 0, coaches.ids)],
                "hr_user_ids": [(6, 0, hr_users.ids)],
            })
            return current
        if current and current.erm_model == model:
            if (current.coach_user_ids, current.hr_user_ids) != (coaches, hr_users):
                current.write({
                    "coach_user_ids": [(6, 0, coaches.ids)],
                    "hr_user_ids": [(6, 0, hr_users.ids)],
                })
            return current
        if not current and model == DEFAULT_MODEL and not (coaches or hr_users):
            return current
        return self.create({
            "company_id": company.id, "erm_model": model, "date_from": date_from,
            "coach_user_ids": [(6, 0, coaches.ids)], "hr_user_ids": [(6, 0, hr_users.ids)],
        })

    # ------------------------------------------------------------------ actions
    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "erm_verzuim.erm_absence_case_action"
        )
        action["domain"] = [("erm_policy_id", "=", self.id)]
        return action

    @api.model
    def _cron_apply_policies(self, batch_size=POLICY_BATCH_SIZE):
        """Daily: a policy that starts or ends today reaches the open cases, one batch of
        `batch_size` cases (by id) per call. The scheduler commits after each call and calls
        again while `_notify_progress` reports work remaining; the marker "<day>:<last case
        id>" lets the next call continue where this one stopped (a marker of another day is
        stale: the run starts over). Returns (done, remaining)."""
        today = fields.Date.context_today(self)
        # sudo: the job's marker in the system parameters
        params = self.env["ir.config_parameter"].sudo()
        day, _sep, last = (params.get_param(POLICY_MARKER) or "").partition(":")
        last_id = int(last) if day == str(today) and last.isdigit() else 0
        Case = self.env["erm.absence.case"]
        domain = [("date_recovered", "=", False)]
        cases = Case.search(domain + [("id", ">", last_id)], order="id", limit=batch_size)
        remaining = 0
        if cases:
            cases._erm_refresh_duties()
            remaining = Case.search_count(domain + [("id", ">", cases[-1].id)])
        # a finished run leaves no marker: a later run of the day starts over
        marker = f"{today}:{cases[-1].id}" if remaining else False
        if (params.get_param(POLICY_MARKER) or False) != marker:
            params.set_param(POLICY_MARKER, marker)
        self.env["ir.cron"]._notify_progress(done=len(cases), remaining=remaining)
        if remaining and "cron_id" not in self.env.context:
            # run by hand (shell, "Run manually"): let the scheduler continue soon
            cron = self.env.ref(CRON_APPLY_POLICIES, raise_if_not_found=False)
            if cron:
                cron.with_env(params.env)._trigger()  # as superuser: the scheduler's call
        return len(cases), remaining


def _overlaps(first, second):
    end_first = first.date_to or fields.Date.to_date("9999-12-31")
    end_second = second.date_to or fields.Date.to_date("9999-12-31")
    return first.date_from <= end_second and second.date_from <= end_first


def _differs(policy, name, value):
    field = policy._fields[name]
    current = policy[name]
    if field.type == "many2one":
        return current.id != (value or False)
    if field.type == "date":
        return current != fields.Date.to_date(value)
    return current != value


def _spread(users, employee):
    """One of `users` for `employee`, stable while the list stays the same."""
    active = users.filtered("active").sorted("id")
    if not active:
        return users.browse()
    return active[employee.id % len(active)]
