# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Absence cases and the ERM models: need-to-know, write rights that follow the duties,
access logging, the TBV view, the competence warning and anonymisation (domain.md §2, §5).

Record rules (security/erm_verzuim_security.xml) decide *which cases* a role sees. This file
adds what rules cannot express:

* the sick-report contact data and the safety-net fields are for the duty holders, HR and the
  employee himself only; other readers (a manager higher up, the manager in model IV, the
  company doctor) get them empty in every read path (read, search_read, export, tracking) and
  cannot search, group or sort on them;
* the process fields are written by the process guardian only;
* reads are logged (erm.access.logged.mixin);
* when the duty holders change, open milestones, the case's activities and followers move
  with them."""

import secrets
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from . import tbv
from .erm_ba_advice import DOSSIER_FIELDS as ADVICE_DOSSIER_FIELDS

# Only the duty holders, HR and the employee himself see these (AP 2016, need-to-know).
PRIVATE_FIELDS = (
    "contact_phone", "care_street", "care_zip", "care_city",
    "vangnet", "vangnet_regime", "third_party_liable", "wazo_bridge",
)
# Written by the process guardian (and the administrator) only.
PROCESS_FIELDS = frozenset({
    "employee_id", "date_start", "date_reported", "vangnet", "vangnet_regime",
    "date_employment_end", "wazo_bridge", "work_accident", "third_party_liable", "active",
})
# Cleared when the re-integration dossier is anonymised; dates and flags for the statistics
# stay (domain.md §4-§5).
DOSSIER_FIELDS = (
    "contact_phone", "care_street", "care_zip", "care_city", "ongoing_work",
    "date_expected_return",
)
HR_GROUP = "erm_verzuim.group_erm_hr"
ADMIN_GROUP = "erm_verzuim.group_erm_admin"


class ErmAbsenceCase(models.Model):
    _name = "erm.absence.case"
    _inherit = ["erm.absence.case", "erm.access.logged.mixin"]

    ba_advice_ids = fields.One2many(
        "erm.ba.advice", "case_id", string="Company doctor's advice", copy=False,
    )
    erm_can_see_private = fields.Boolean(
        string="Sees contact data", compute="_compute_erm_user_flags",
    )
    erm_is_own_case = fields.Boolean(string="Own case", compute="_compute_erm_user_flags")
    erm_is_procesbewaker = fields.Boolean(
        string="I may edit the process", compute="_compute_erm_user_flags",
        help="The current user guards the process of this case, or administers the system.",
    )
    erm_tbv_html = fields.Html(
        string="Tasks, authorities and responsibilities", compute="_compute_erm_tbv_html",
        sanitize=False,
    )
    erm_duty_warning = fields.Char(string="Duty warning", compute="_compute_erm_warnings")
    erm_competence_warning = fields.Char(
        string="Competence warning", compute="_compute_erm_warnings",
    )
    erm_anonymized = fields.Selection(
        [("dossier", "Re-integration dossier"), ("full", "Fully anonymised")],
        string="Anonymised", readonly=True, copy=False, index=True,
        help="Set by a confirmed retention review. Dates, course and flags stay for the "
        "statistics.",
    )
    erm_anonymized_date = fields.Date(string="Anonymised on", readonly=True, copy=False)

    # ------------------------------------------------------------------ computes
    @api.depends_context("uid")
    def _compute_erm_user_flags(self):
        user = self.env.user
        admin = user.has_group(ADMIN_GROUP)
        hidden = self._erm_private_hidden()
        for case, sudo_case in zip(self, self.sudo(), strict=True):
            case.erm_can_see_private = case not in hidden
            case.erm_is_own_case = bool(user and sudo_case.employee_id.user_id == user)
            case.erm_is_procesbewaker = admin or sudo_case.procesbewaker_user_id == user

    @api.depends("erm_model", "regievoerder_user_id", "procesbewaker_user_id")
    def _compute_erm_tbv_html(self):
        for case, sudo_case in zip(self, self.sudo(), strict=True):
            model = case.erm_model or "I"
            regie, proces = tbv.DUTY_ROLES[model]
            holders = defaultdict(list)
            for role, user in ((regie, sudo_case.regievoerder_user_id),
                               (proces, sudo_case.procesbewaker_user_id)):
                if user and user.name not in holders[role]:
                    holders[role].append(user.name)
            holders["employee"] = [sudo_case.employee_id.name or ""]
            holders["doctor"] = sudo_case.company_id.erm_doctor_user_ids.mapped("name")
            case.erm_tbv_html = tbv.render(
                self.env, model, {key: ", ".join(names) for key, names in holders.items()},
            )

    @api.depends_context("uid")
    def _compute_erm_warnings(self):
        """Missing duty holders, and a directing manager without the ERM competences
        (hr_skills, type ERM-competenties). Shown to HR and the duty holders only: the
        competences are the manager's own HR data."""
        user = self.env.user
        is_hr = user.has_group(HR_GROUP)
        cases = self.sudo()
        skill_type = self.env.ref("erm_verzuim.hr_skill_type_erm", raise_if_not_found=False)
        required = skill_type.sudo().skill_ids if skill_type else self.env["hr.skill"]
        directors = cases.filtered(
            lambda c: c.erm_model in ("I", "II", "III") and not c.date_recovered
        ).regievoerder_user_id
        mastered = defaultdict(set)
        if directors and required:
            employee_skills = self.env["hr.employee.skill"].sudo().search([
                ("employee_id.user_id", "in", directors.ids),
                ("skill_type_id", "=", skill_type.id),
            ])
            for line in employee_skills:
                if line.level_progress >= 100:
                    mastered[line.employee_id.user_id.id].add(line.skill_id.id)
        for case, sudo_case in zip(self, cases, strict=True):
            involved = is_hr or user in (
                sudo_case.regievoerder_user_id | sudo_case.procesbewaker_user_id
            )
            case.erm_duty_warning = False
            case.erm_competence_warning = False
            if not involved or sudo_case.date_recovered:
                continue
            if not sudo_case.regievoerder_user_id or not sudo_case.procesbewaker_user_id:
                case.erm_duty_warning = self.env._(
                    "Not every duty of this case has a holder: set the employee's manager, "
                    "or the absence coaches or HR advisers of the ERM policy."
                )
            director = sudo_case.regievoerder_user_id
            if director in directors and required:
                missing = required.filtered(lambda s, d=director: s.id not in mastered[d.id])
                if missing:
                    case.erm_competence_warning = self.env._(
                        "%(user)s directs this case but has not (yet) mastered these ERM "
                        "competences: %(skills)s.",
                        user=director.name, skills=", ".join(missing.mapped("name")),
                    )

    # ------------------------------------------------------------------ need-to-know
    def _erm_private_hidden(self):
        """The cases of self whose private fields the current user may not see."""
        if self.env.su or self.env.user.has_group(HR_GROUP):
            return self.browse()
        uid = self.env.uid
        hidden = self.sudo().filtered(lambda c: uid not in (
            c.regievoerder_user_id.id, c.procesbewaker_user_id.id, c.employee_id.user_id.id,
            *c.plan_ids.casemanager_id.ids,
        ))
        return self.browse(hidden._ids)

    @api.model
    def _erm_private_visible_domain(self):
        uid = self.env.uid
        return ["|", "|", "|", ("regievoerder_user_id", "=", uid),
                ("procesbewaker_user_id", "=", uid), ("employee_id.user_id", "=", uid),
                ("plan_ids.casemanager_id", "=", uid)]

    @api.model
    def _erm_restricts_private(self):
        return not self.env.su and not self.env.user.has_group(HR_GROUP)

    @api.model
    def _erm_names_private(self, names):
        return any(name and name.split(".")[0].split(":")[0].strip() in PRIVATE_FIELDS
                   for name in names)

    @api.model
    def _erm_domain_names(self, domain):
        return [leaf[0] for leaf in domain or ()
                if isinstance(leaf, list | tuple) and len(leaf) == 3
                and isinstance(leaf[0], str)]

    @api.model
    def _erm_order_names(self, order):
        return [part.strip().split(" ")[0] for part in (order or "").split(",")]

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if self._erm_restricts_private() and self._erm_names_private(
            self._erm_domain_names(domain) + self._erm_order_names(order)
        ):
            domain = expression.AND([domain or [], self._erm_private_visible_domain()])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None,
                    order=None):
        if self._erm_restricts_private() and self._erm_names_private(
            list(groupby) + list(aggregates) + self._erm_domain_names(having)
            + self._erm_order_names(order)
        ):
            domain = expression.AND([domain or [], self._erm_private_visible_domain()])
        return super()._read_group(domain, groupby=groupby, aggregates=aggregates,
                                   having=having, offset=offset, limit=limit, order=order)

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        private = [name for name in fnames if name in PRIVATE_FIELDS]
        mask_next = "next_milestone_code" in fnames
        if (private or mask_next) and not self.env.su:
            hidden = set(self._erm_private_hidden()._ids)
            for vals in result:
                if vals.get("id") not in hidden:
                    continue
                for name in private:
                    vals[name] = False
                if mask_next and vals.get("next_milestone_code") == "uwv_vangnet":
                    vals["next_milestone_code"] = False
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        if not self.env.su and any(path and path[0] in PRIVATE_FIELDS for path in fields):
            hidden = self._erm_private_hidden()
            if hidden:
                raise AccessError(self.env._(
                    "The contact and safety-net data of %(case)s are for its duty holders, "
                    "HR and the employee only: leave them out of the export.",
                    case=hidden[0].display_name,
                ))
        return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

    def _track_filter_for_display(self, tracking_values):
        tracking_values = super()._track_filter_for_display(tracking_values)
        if self._erm_private_hidden():
            tracking_values = tracking_values.filtered(
                lambda t: t.field_id.name not in PRIVATE_FIELDS
            )
        return tracking_values

    def _erm_access_log_cases(self):
        return {case_id: case_id for case_id in self._ids}

    # ------------------------------------------------------------------ write rights
    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        # the duty holders follow their cases from the start
        cases._erm_follow_duties({
            case.id: (self.env["res.users"], self.env["res.users"]) for case in cases
        })
        return cases

    def write(self, vals):
        if not self.env.su and PROCESS_FIELDS & set(vals) and not self.env.user.has_group(
            ADMIN_GROUP
        ):
            others = self.sudo().filtered(
                lambda c: c.procesbewaker_user_id.id != self.env.uid
            )
            if others:
                names = ", ".join(
                    self._fields[name]._description_string(self.env)
                    for name in sorted(PROCESS_FIELDS & set(vals))
                )
                raise AccessError(self.env._(
                    "Only the process guardian of %(case)s may change: %(fields)s.",
                    case=others[0].display_name, fields=names,
                ))
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self.check_access("unlink")
        return super().unlink()

    # ------------------------------------------------------------------ duty changes
    def _erm_duty_snapshot(self):
        return {
            case.id: (case.regievoerder_user_id, case.procesbewaker_user_id)
            for case in self.sudo()
        }

    def _erm_refresh_duties(self, snapshot=None):
        """Resolve the duty holders of self again (after a policy or org-chart change) and
        let the open milestones, the case's activities and the followers follow them."""
        cases = self.sudo().exists()
        if not cases:
            return
        if snapshot is None:
            snapshot = cases._erm_duty_snapshot()
        fnames = ["regievoerder_user_id", "procesbewaker_user_id", "erm_policy_id",
                  "erm_model", "manager_user_ids"]
        for fname in fnames:
            self.env.add_to_compute(cases._fields[fname], cases)
        cases._recompute_recordset(fnames)
        cases._erm_follow_duties(snapshot)

    def _erm_follow_duties(self, snapshot):
        changed = self.filtered(lambda c: c.id in snapshot and snapshot[c.id] != (
            c.regievoerder_user_id, c.procesbewaker_user_id))
        if not changed:
            return
        # 1. open milestones go to the new holder of their duty (the alert job moves their
        #    deadline activities along with the responsible user)
        milestones = self.env["erm.wvp.milestone"].sudo().search([
            ("case_id", "in", changed.ids), ("date_done", "=", False),
            ("state", "!=", "cancelled"),
        ])
        by_user = defaultdict(lambda: self.env["erm.wvp.milestone"].sudo())
        for milestone in milestones:
            case = milestone.case_id
            holder = (case.regievoerder_user_id if milestone.responsible_role == "regievoerder"
                      else case.procesbewaker_user_id)
            if milestone.responsible_user_id != holder:
                by_user[holder.id] |= milestone
        for user_id, group in by_user.items():
            group.write({"responsible_user_id": user_id or False})
        # 2. the case's own activities held by someone who lost his duty
        Activity = self.env["mail.activity"].sudo()
        domain = [("res_model", "=", self._name), ("res_id", "in", changed.ids)]
        if "erm_milestone_id" in Activity._fields:
            domain.append(("erm_milestone_id", "=", False))
        acts_by_user = defaultdict(lambda: Activity.browse())
        for activity in Activity.search(domain):
            case = changed.browse(activity.res_id)
            old_regie, old_proces = snapshot[case.id]
            if activity.user_id in (case.regievoerder_user_id | case.procesbewaker_user_id):
                continue
            if activity.user_id == old_proces and case.procesbewaker_user_id:
                acts_by_user[case.procesbewaker_user_id.id] |= activity
            elif activity.user_id == old_regie and case.regievoerder_user_id:
                acts_by_user[case.regievoerder_user_id.id] |= activity
        for user_id, group in acts_by_user.items():
            group.write({"user_id": user_id})
        # 3. followers: the new holders follow, who lost every duty no longer does
        moves = defaultdict(lambda: self.browse())
        for case in changed:
            old = snapshot[case.id][0] | snapshot[case.id][1]
            new = case.regievoerder_user_id | case.procesbewaker_user_id
            key = (tuple(sorted((old - new).partner_id.ids)),
                   tuple(sorted((new - old).partner_id.ids)))
            moves[key] |= case
        for (lost, gained), group in moves.items():
            if lost:
                group.sudo().message_unsubscribe(partner_ids=list(lost))
            if gained:
                group.sudo().message_subscribe(partner_ids=list(gained))

    @api.model
    def _erm_cases_of_subtree(self, employees):
        """The cases of `employees` and of everyone reporting to them, at any depth."""
        if not employees:
            return self.browse()
        subtree = self.env["hr.employee"].sudo().with_context(active_test=False).search(
            [("id", "child_of", employees.ids)]
        )
        return self.sudo().with_context(active_test=False).search(
            [("employee_id", "in", subtree.ids)]
        )

    # ------------------------------------------------------------------ actions
    def action_erm_access_overview(self):
        """Who read the cases of this employee: for the employee himself (his right of
        access) and the administrator."""
        self.ensure_one()
        user = self.env.user
        if not (self.erm_is_own_case or user.has_group(ADMIN_GROUP)):
            raise AccessError(self.env._(
                "Only the employee himself and the administrator see who read a case."
            ))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "erm_verzuim.erm_access_log_action"
        )
        action["domain"] = [("employee_id", "=", self.sudo().employee_id.id)]
        action["context"] = {"create": False}
        action["name"] = self.env._("Who read my absence cases")
        return action

    def _erm_access_overview_lines(self):
        """The access log of the employee's cases, as the current user may read it."""
        self.ensure_one()
        return self.env["erm.access.log"].search(
            [("employee_id", "=", self.sudo().employee_id.id)], order="date desc, id desc",
        )

    # ------------------------------------------------------------------ anonymisation
    def _erm_anonymize(self, level, review=None):
        """Anonymise after a confirmed retention review. 'dossier' clears the re-integration
        dossier (contact data, plans' texts, the doctor's functional advice, documents,
        chatter contents); 'full' also replaces the employee by a pseudonym. Dates, course,
        chain, milestones and flags stay for the statistics."""
        if level not in ("dossier", "full"):
            raise UserError(self.env._("Unknown anonymisation level: %(level)s.", level=level))
        cases = self.sudo().with_context(active_test=False, tracking_disable=True)
        today = fields.Date.context_today(self)
        plans = cases.plan_ids
        advices = cases.ba_advice_ids
        extensions = cases.extension_ids
        cases.write({name: False for name in DOSSIER_FIELDS})
        plans.write({"agreements": False, "view_employer": False, "view_employee": False})
        advices.write({name: False for name in ADVICE_DOSSIER_FIELDS})
        extensions.attachment_ids.unlink()
        self._erm_clear_chatter(cases, plans, advices, extensions)
        cases.activity_ids.unlink()
        if level == "full":
            cases._erm_pseudonymise_employees()
        cases.write({"erm_anonymized": level, "erm_anonymized_date": today})
        body = self.env._(
            "Anonymised (%(level)s) under the retention policy, confirmed in %(review)s.",
            level=dict(self._fields["erm_anonymized"]._description_selection(self.env))[level],
            review=review.display_name if review else "-",
        )
        for case in cases:
            case._message_log(body=body)

    @api.model
    def _erm_clear_chatter(self, *recordsets):
        """Empty the messages and tracking values of the records; the messages themselves
        stay, so the history shows that something happened and when."""
        Message = self.env["mail.message"].sudo()
        domain = []
        for records in recordsets:
            if records:
                domain = expression.OR([domain, [
                    ("model", "=", records._name), ("res_id", "in", records.ids),
                ]])
        if not domain:
            return
        messages = Message.search(domain)
        messages.tracking_value_ids.unlink()
        messages.attachment_ids.unlink()
        messages.write({"body": self.env._("(content removed under the retention policy)")})

    def _erm_pseudonymise_employees(self):
        """Move the cases to one archived pseudonym employee per original employee: the
        chain and the statistics stay, the person does not."""
        Employee = self.env["hr.employee"].sudo().with_context(
            tracking_disable=True, mail_create_nolog=True,
        )
        by_employee = defaultdict(lambda: self.browse())
        for case in self:
            by_employee[case.employee_id] |= case
        pseudonyms = Employee.create([{
            # a random reference: nothing in it points back to the person
            "name": self.env._("Anonymised %(ref)s", ref=secrets.token_hex(4)),
            "company_id": employee.company_id.id,
            "active": False,
        } for employee in by_employee])
        for (_employee, cases), pseudonym in zip(by_employee.items(), pseudonyms, strict=True):
            # the department at the time of the case stays, for the statistics
            by_department = defaultdict(lambda: self.browse())
            for case in cases:
                by_department[case.department_id.id] |= case
            cases.write({"employee_id": pseudonym.id})
            cases.flush_recordset()
            for department_id, group in by_department.items():
                group.write({"department_id": department_id})
        if "erm_case_id" in self.env["hr.leave"]._fields:
            # the neutral Time Off entries stay with the person, unlinked from the case
            self.env["hr.leave"].sudo().search(
                [("erm_case_id", "in", self.ids)]
            ).write({"erm_case_id": False})
