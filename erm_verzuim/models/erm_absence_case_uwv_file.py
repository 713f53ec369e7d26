# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The UWV file of a case (domain.md §5a): who prints the re-integration report (RIV) and the
42nd-week notification sheet, the filing of that notification, the titles of the file's
documents and the list of what the file still lacks.

An extension of the case in its own file, so that the documents' code stays together and
apart from the case's core (erm_absence_case.py)."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .erm_format import fmt_date, fmt_datetime, org_env

HR_GROUP = "erm_verzuim.group_erm_hr"
ADMIN_GROUP = "erm_verzuim.group_erm_admin"
# Steps the list of missing items leaves out: the end of the waiting time is never "done",
# and the safety-net report is private (privacy.md), listed only for who may know it.
NOT_A_STEP = ("einde_wachttijd",)
PRIVATE_STEP = "uwv_vangnet"
# The plan documents a done milestone of these codes must have in the file.
DOCUMENT_CODES = ("plan_van_aanpak", "evaluatie", "eerstejaars", "eindevaluatie")


class ErmAbsenceCase(models.Model):
    _inherit = "erm.absence.case"

    erm_may_print_uwv_file = fields.Boolean(
        string="I print the UWV file", compute="_compute_erm_uwv_file_flags",
        help="HR and the case's process guardian print the re-integration report and the "
        "42nd-week notification.",
    )
    erm_uwv42_date_deadline = fields.Date(
        string="42nd-week notification due", compute="_compute_erm_uwv42",
        help="The first working day after week 42: the day by which the employer notifies "
        "UWV through its employer portal.",
    )
    erm_uwv42_date_filed = fields.Date(
        string="42nd-week notification filed on", compute="_compute_erm_uwv42",
        inverse="_inverse_erm_uwv42_date_filed",
        help="The day the process guardian filed the notification with UWV: it completes "
        "the step in the timeline.",
    )

    # ------------------------------------------------------------------ who may
    @api.depends_context("uid")
    def _compute_erm_uwv_file_flags(self):
        for case in self:
            case.erm_may_print_uwv_file = case._erm_may_print_uwv_file()

    def _erm_may_print_uwv_file(self):
        """HR, the administrator and the case's process guardian print the file."""
        self.ensure_one()
        user = self.env.user
        # sudo: only whether the reader himself guards the process (yes/no)
        return user.has_group(HR_GROUP) or (
            self.sudo().procesbewaker_user_id == user
        )

    def _erm_may_know_vangnet(self):
        """Whether the reader may know if a safety net applies: HR, the administrator and
        the case's process guardian (privacy.md), whatever the private record lets others
        read."""
        self.ensure_one()
        user = self.env.user
        return self.env.su or user.has_group(HR_GROUP) or (
            self.sudo().procesbewaker_user_id == user
        )

    def _erm_check_may_print_uwv_file(self, own_copy=True):
        """HR and the process guardian print the file; with `own_copy` the employee too
        (his copy of the re-integration report, in the portal)."""
        for case in self:
            case.check_access("read")
            if case.env.su or (own_copy and case.erm_is_own_case) or (
                case._erm_may_print_uwv_file()
            ):
                continue
            raise AccessError(self.env._(
                "Only HR and the process guardian of %(case)s print its UWV file.",
                case=case.display_name,
            ))

    # ------------------------------------------------------------------ 42nd week
    def _erm_uwv42_milestones(self):
        """{chain root id: the chain's 42nd-week milestone}, as superuser: the timeline of a
        case the reader may read (bookkeeping; the caller shows the reader's own case)."""
        milestones = self.env["erm.wvp.milestone"].sudo().search([
            ("chain_root_id", "in", self.sudo().chain_root_id.ids), ("code", "=", "uwv_42"),
            ("state", "!=", "cancelled"),
        ])
        return {milestone.chain_root_id.id: milestone for milestone in milestones}

    @api.depends("chain_root_id")
    def _compute_erm_uwv42(self):
        milestones = self._erm_uwv42_milestones()
        for case in self:
            milestone = milestones.get(case.sudo().chain_root_id.id)
            case.erm_uwv42_date_deadline = milestone.date_deadline if milestone else False
            case.erm_uwv42_date_filed = milestone.date_done if milestone else False

    def _inverse_erm_uwv42_date_filed(self):
        """Recording the filing completes the 42nd-week step, with a note in the chatter."""
        milestones = self._erm_uwv42_milestones()
        today = fields.Date.context_today(self)
        for case in self:
            user = self.env.user
            if not (self.env.su or user.has_group(ADMIN_GROUP)
                    or case.sudo().procesbewaker_user_id == user):
                raise AccessError(self.env._(
                    "Only the process guardian of %(case)s records the 42nd-week "
                    "notification to UWV.", case=case.display_name,
                ))
            milestone = milestones.get(case.sudo().chain_root_id.id)
            if not milestone:
                raise UserError(self.env._(
                    "%(case)s has no 42nd-week notification to file.", case=case.display_name,
                ))
            day = case.erm_uwv42_date_filed
            if day and day > today:
                raise ValidationError(self.env._(
                    "The notification is recorded once it was filed: its date (%(date)s) "
                    "cannot lie in the future.", date=fmt_date(self.env, day),
                ))
            if milestone.date_done == day:
                continue
            # superuser (the milestones come from _erm_uwv42_milestones): the process
            # guardian's own step, checked above, as a plan's agreement completes its step
            milestone.write({"date_done": day or False})
            text_env = org_env(self.env, case.company_id)
            if day:
                body = text_env._(
                    "42nd-week notification filed with UWV on %(date)s (due %(due)s).",
                    date=fmt_date(text_env, day), due=fmt_date(text_env, milestone.date_deadline),
                )
            else:
                body = text_env._("Filing date of the 42nd-week notification to UWV removed.")
            case.sudo()._message_log(body=body, author_id=user.partner_id.id)

    # ------------------------------------------------------------------ actions
    def action_erm_print_riv(self):
        self.ensure_one()
        self._erm_check_may_print_uwv_file()
        return self.env.ref("erm_verzuim.action_report_erm_riv").report_action(self)

    def action_erm_print_uwv42(self):
        self.ensure_one()
        self._erm_check_may_print_uwv_file(own_copy=False)
        return self.env.ref("erm_verzuim.action_report_erm_uwv42").report_action(self)

    # ------------------------------------------------------------------ the file's documents
    def _erm_uwv_file_plans(self):
        """The plans and evaluations of the case's chain, in the file's order, as the reader
        may read them."""
        self.ensure_one()
        Plan = self.env["erm.reintegration.plan"]
        order = {"plan_van_aanpak": 0, "evaluatie": 1, "eerstejaars": 2, "eindevaluatie": 3}
        plans = Plan.search([("case_id", "in", self.chain_case_ids.ids)])
        return plans.sorted(lambda p: (order[p.kind], p.date_done or date_max(), p.id))

    def _erm_uwv_file_titles(self, plans):
        """{plan id: its title in the file}: the first plan of action, then its adjustments
        (bijstellingen) and the evaluations numbered in order."""
        titles, counters = {}, {}
        for plan in plans:
            number = counters[plan.kind] = counters.get(plan.kind, 0) + 1
            if plan.kind == "plan_van_aanpak":
                titles[plan.id] = self.env._("Plan of action") if number == 1 else self.env._(
                    "Adjustment %(number)s of the plan of action", number=number - 1)
            elif plan.kind == "evaluatie":
                titles[plan.id] = self.env._("Evaluation %(number)s", number=number)
            elif plan.kind == "eerstejaars":
                titles[plan.id] = self.env._("First-year evaluation")
            else:
                titles[plan.id] = self.env._("Final evaluation")
        return titles

    def _erm_uwv_file_signatures(self, plans):
        """{plan id: (employer line, employee line)}: who agreed the plan for the employer
        and when, and the employee's own sign-off in the portal (or that it is missing)."""
        result = {}
        # sudo: the names of the duty holder and the employee of a plan the reader reads
        for plan, sudo_plan in zip(plans, plans.sudo(), strict=True):
            director = sudo_plan.case_id.regievoerder_user_id.name or ""
            if plan.state == "done" and plan.date_done:
                employer = self.env._(
                    "Agreed for the employer by %(name)s on %(date)s.",
                    name=director, date=fmt_date(self.env, plan.date_done))
            else:
                employer = self.env._("Not yet agreed: this is a draft.")
            if plan.view_employee_signed_on:
                employee = self.env._(
                    "Signed by %(name)s on %(date)s in the employee portal.",
                    name=sudo_plan.view_employee_signed_by.name,
                    date=fmt_datetime(self.env, plan.view_employee_signed_on))
            else:
                employee = self.env._("The employee has not signed his view off yet.")
            result[plan.id] = (employer, employee)
        return result

    def _erm_riv_missing_items(self):
        """What the UWV file of the case still lacks, as plain sentences for the re-integration
        report: steps past their deadline without a done date, done steps without their
        document, plans without a view or the employee's signature. A simple first check;
        the wage-sanction risk check may replace it."""
        self.ensure_one()
        env = self.env
        today = fields.Date.context_today(self)
        may_know_vangnet = self._erm_may_know_vangnet()
        # the chain's timeline, as superuser: the steps of a case the reader may read
        self.check_access("read")
        milestones = env["erm.wvp.milestone"].sudo().search([
            ("chain_root_id", "=", self.sudo().chain_root_id.id), ("state", "!=", "cancelled"),
        ], order="date_deadline, sequence, id")
        plans = self._erm_uwv_file_plans()
        titles = self._erm_uwv_file_titles(plans)
        documented = set(plans.filtered(lambda p: p.state == "done").milestone_id.ids)
        advices = env["erm.ba.advice"].sudo().search([
            ("case_id", "in", self.chain_case_ids.ids), ("state", "=", "issued"),
        ])
        documented |= set(advices.milestone_id.ids)
        missing = []
        for milestone in milestones:
            if milestone.code in NOT_A_STEP or (
                milestone.code == PRIVATE_STEP and not may_know_vangnet
            ):
                continue
            if not milestone.date_done:
                if milestone.date_deadline < today:
                    missing.append(env._("%(step)s: not done (due %(date)s).",
                                         step=milestone.name,
                                         date=fmt_date(env, milestone.date_deadline)))
            elif milestone.code in DOCUMENT_CODES + ("probleemanalyse",) and (
                milestone.id not in documented
            ):
                missing.append(env._(
                    "%(step)s: done on %(date)s, but the document is not in the file.",
                    step=milestone.name, date=fmt_date(env, milestone.date_done)))
        for plan in plans:
            title = titles[plan.id]
            if plan.state != "done":
                missing.append(env._("%(document)s: still a draft.", document=title))
            if not (plan.view_employer or "").strip():
                missing.append(env._("%(document)s: the employer's view is missing.",
                                     document=title))
            if not (plan.view_employee or "").strip():
                missing.append(env._("%(document)s: the employee's own view is missing.",
                                     document=title))
            elif not plan.view_employee_signed_on:
                missing.append(env._("%(document)s: the employee has not signed his view.",
                                     document=title))
        if not advices:
            missing.append(env._("No issued advice of the company doctor in the file."))
        return missing


def date_max():
    return fields.Date.to_date("9999-12-31")
