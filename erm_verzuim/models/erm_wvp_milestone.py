# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError

from ..engine import milestones as milestone_table
from ..engine import wvp
from ..engine.tbv import BOARD_ESCALATION_MODELS

# Everything about a milestone lives in the engine's table (engine/milestones.py); these are
# the views of it the models use: the selection (code, English label) of the codes.
MILESTONE_SELECTION = milestone_table.SELECTION
CODE_ROLE = milestone_table.CODE_ROLE
DEFAULT_LEAD_DAYS = milestone_table.DEFAULT_LEAD_DAYS
FALLBACK_LEAD_DAYS = milestone_table.FALLBACK_LEAD_DAYS
PROGRESS_FIELD = milestone_table.PROGRESS_FIELD
BY_CODE = milestone_table.BY_CODE
# Fields whose change the open deadline activity follows (erm.alert.manager._schedule_sync).
ALERT_SYNC_FIELDS = {"date_deadline", "responsible_user_id", "case_id", "state", "date_done"}


class ErmWvpMilestone(models.Model):
    _name = "erm.wvp.milestone"
    _description = "WvP Milestone"
    _order = "date_deadline, sequence, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name")
    case_id = fields.Many2one(
        "erm.absence.case", string="Absence case", required=True, index=True,
        ondelete="cascade", check_company=True,
        help="The chain's current case, or the case in which the milestone was done.",
    )
    chain_root_id = fields.Many2one(
        "erm.absence.case", string="Chain", required=True, index=True, ondelete="cascade",
    )
    employee_id = fields.Many2one(related="case_id.employee_id", store=True, index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    department_id = fields.Many2one(related="case_id.department_id", store=True)
    code = fields.Selection(MILESTONE_SELECTION, required=True, index=True)
    is_private = fields.Boolean(
        compute="_compute_is_private", store=True, index=True,
        help="Only HR and the process guardian may know this milestone (the flag of its rule "
        "in engine/milestones.py); the record rules of the other roles leave it out.",
    )
    sequence = fields.Integer(
        default=0, help="Number of the evaluation (1, 2, 3…); 0 for other milestones."
    )
    date_deadline = fields.Date(string="Deadline", required=True, index=True)
    date_window_start = fields.Date(
        string="Window opens", help="The earliest sensible date, e.g. week 46 for the "
        "first-year evaluation.",
    )
    date_done = fields.Date(string="Done on")
    responsible_role = fields.Selection(
        [("regievoerder", "Case director"), ("procesbewaker", "Process guardian")],
        compute="_compute_responsible_role", store=True,
    )
    responsible_user_id = fields.Many2one("res.users", string="Responsible", index=True)
    state = fields.Selection(
        [("planned", "Planned"), ("due_soon", "Due soon"), ("overdue", "Overdue"),
         ("done", "Done"), ("cancelled", "Not applicable")],
        default="planned", required=True, index=True, readonly=True,
    )
    erm_escalated_date = fields.Date(
        string="Escalated on", readonly=True, copy=False,
        help="The day the overdue milestone was escalated to the escalation contact (once).",
    )

    _sql_constraints = [
        ("chain_code_sequence_uniq", "UNIQUE(chain_root_id, code, sequence)",
         "A chain has each milestone only once."),
    ]

    def init(self):
        res = super().init()
        # The alert job, the digest and the "open milestones" filters look for the open
        # milestones per company and code, by deadline: a partial index holds only those.
        tools.create_index(
            self.env.cr, "erm_wvp_milestone_open_company_code_idx", self._table,
            ["company_id", "code", "date_deadline"],
            where="date_done IS NULL AND state != 'cancelled'",
        )
        # The alert job walks the open milestones by deadline, each batch from where the
        # previous one stopped (erm.alert.manager): the same rows in (deadline, id) order.
        tools.create_index(
            self.env.cr, "erm_wvp_milestone_open_deadline_idx", self._table,
            ["date_deadline", "id"],
            where="date_done IS NULL AND state != 'cancelled'",
        )
        return res

    @api.depends("code", "sequence")
    def _compute_name(self):
        labels = dict(self._fields["code"]._description_selection(self.env))
        for milestone in self:
            label = labels.get(milestone.code, milestone.code or "")
            milestone.name = f"{label} {milestone.sequence}" if milestone.sequence else label

    @api.depends("code")
    def _compute_is_private(self):
        for milestone in self:
            milestone.is_private = milestone.code in milestone_table.PRIVATE_CODES

    @api.depends("code")
    def _compute_responsible_role(self):
        for milestone in self:
            milestone.responsible_role = CODE_ROLE.get(milestone.code, "procesbewaker")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("code") not in milestone_table.BY_CODE:
                raise ValidationError(
                    _("Unknown milestone code: %(code)s.", code=vals.get("code"))
                )
        milestones = super().create(vals_list)
        self.env["erm.alert.manager"]._schedule_sync(milestones.ids)
        return milestones

    def write(self, vals):
        if "code" in vals and vals["code"] not in milestone_table.BY_CODE:
            raise ValidationError(_("Unknown milestone code: %(code)s.", code=vals["code"]))
        res = super().write(vals)
        if "date_done" in vals and not self.env.context.get("erm_wvp_sync"):
            self.case_id._recompute_wvp()
        if vals.get("date_done") and not self.env.context.get("erm_alert_closing"):
            self.env["erm.alert.manager"]._close_done_activities(self)
        if ALERT_SYNC_FIELDS & set(vals):
            self.env["erm.alert.manager"]._schedule_sync(self.ids)
        return res

    # ------------------------------------------------------------------ actions
    def action_mark_done(self):
        today = fields.Date.context_today(self)
        self.filtered(lambda m: not m.date_done).write({"date_done": today})
        return True

    def action_mark_open(self):
        self.write({"date_done": False})
        return True

    # ------------------------------------------------------------------ sync with the engine
    @api.model
    def _lead_days(self, company, code):
        """Lead time of `code` in `company`: its erm.milestone.lead.time line, else the
        default. The lines are read once per worker (registry cache), not per call."""
        return self.env["erm.milestone.lead.time"]._lead_days_for(company.id, code)

    def _erm_escalation_partners(self):
        """{milestone id: res.partner} to notify when the milestone is overdue too long: the
        escalation contact of the process guardian (domain.md §2).

        - model IV (the coach does everything): the board of the company;
        - otherwise the company's escalation contact (Settings), else the HR advisers of the
          case's ERM policy, else the company's HR advisers; never the process guardian
          himself (in model III he is the HR adviser), falling back to the board."""
        # sudo: the members of groups and the cases' contacts, as contacts to escalate to
        sudo_self = self.sudo()

        def users_of(xmlid):
            return sudo_self.env.ref(xmlid).users.filtered(lambda u: u.active and not u.share)

        hr_users, board_users = users_of("erm_verzuim.group_erm_hr"), users_of(
            "erm_verzuim.group_erm_board"
        )
        result = {}
        for milestone in sudo_self:
            company, case = milestone.company_id, milestone.case_id
            board = board_users.filtered(lambda u, c=company: c in u.company_ids)
            if case.erm_model in BOARD_ESCALATION_MODELS:
                contact = board
            else:
                contact = company.erm_escalation_user_id.filtered("active")
                if not contact:
                    contact = case.erm_policy_id.hr_user_ids.filtered("active") or (
                        hr_users.filtered(lambda u, c=company: c in u.company_ids)
                    )
                contact = (contact - case.procesbewaker_user_id) or board
            result[milestone.id] = contact.partner_id
        return result

    @api.model
    def _state_for(self, company, code, date_deadline, date_done, today):
        if date_done:
            return "done"
        if date_deadline < today:
            return "overdue"
        if date_deadline <= today + timedelta(days=self._lead_days(company, code)):
            return "due_soon"
        return "planned"

    @api.model
    def _progress(self, milestones):
        """Engine progress from the done dates of a chain's milestones."""
        values = {}
        evaluations = []
        for milestone in milestones:
            if not milestone.date_done or milestone.state == "cancelled":
                continue
            if milestone.code == "evaluatie":
                evaluations.append(milestone.date_done)
            elif milestone.code in PROGRESS_FIELD:
                values[PROGRESS_FIELD[milestone.code]] = milestone.date_done
        return wvp.Progress(evaluations_done=tuple(sorted(evaluations)), **values)

    @api.model
    def _sync_chains(self, cases, chains):
        """Create, update or cancel the milestones of the chains of `cases` so that they match
        the engine's deadlines; update each case's phase, next deadline and waiting-time end.
        Reads everything in a few searches and writes through the batched flush."""
        today = fields.Date.context_today(self)
        self = self.with_context(erm_wvp_sync=True)  # noqa: PLW0642 - no recursive recompute
        cases = cases.with_context(erm_wvp_sync=True)
        roots = cases.chain_root_id
        milestones_by_root = defaultdict(lambda: self.browse())
        for milestone in self.search([("chain_root_id", "in", roots.ids)]):
            milestones_by_root[milestone.chain_root_id.id] |= milestone
        cases_by_root = defaultdict(list)
        for case in cases:
            cases_by_root[case.chain_root_id.id].append(case)
        extensions_by_root = defaultdict(list)
        for ext in self.env["erm.wachttijd.extension"].search([("case_id", "in", cases.ids)]):
            extensions_by_root[ext.case_id.chain_root_id.id].append(
                wvp.Extension(ext.kind, ext.date_end)
            )

        rule_sets = self.env["erm.wvp.rule.set"]._engine_rule_sets()
        to_create = []
        for root_id, chain in chains.items():
            chain_cases = sorted(cases_by_root.get(root_id, []), key=lambda c: c.date_start)
            if not chain_cases:
                continue
            current = chain_cases[-1]
            company = current.company_id
            existing = milestones_by_root[root_id]
            progress = self._progress(existing)
            # sudo: the safety net is private data, read for the bookkeeping only
            regimes = [(c, c.sudo().vangnet_ids.vangnet_regime) for c in reversed(chain_cases)]
            vangnet_case, vangnet_regime = next(((c, r) for c, r in regimes if r), (None, None))
            deadlines = wvp.compute_deadlines(
                chain,
                early_doctor=company.erm_early_doctor,
                progress=progress,
                extensions=tuple(extensions_by_root.get(root_id, ())),
                vangnet_regime=vangnet_regime,
                date_vangnet_event=vangnet_case.date_employment_end if vangnet_case else None,
                # the version of the timeline in force on the chain's first sick day
                rules=milestone_table.rule_set_for(chain.spells[0].date_start, rule_sets),
            )
            index = {(m.code, m.sequence): m for m in existing}
            duty = {
                "regievoerder": current.regievoerder_user_id,
                "procesbewaker": current.procesbewaker_user_id,
            }
            next_open = None
            for deadline in deadlines:
                state = self._state_for(
                    company, deadline.code, deadline.date_deadline, deadline.date_done, today
                )
                if state not in ("done",) and (
                    next_open is None or deadline.date_deadline < next_open.date_deadline
                ) and BY_CODE[deadline.code].task and not BY_CODE[deadline.code].private:
                    # the case's next deadline is read by everyone who reads the case: it
                    # never names a private milestone (the safety-net report)
                    next_open = deadline
                vals = {
                    "date_deadline": deadline.date_deadline,
                    "date_window_start": deadline.date_window_start,
                    "state": state,
                }
                if not deadline.date_done:
                    vals["case_id"] = current.id
                    vals["responsible_user_id"] = duty[CODE_ROLE[deadline.code]].id
                milestone = index.pop((deadline.code, deadline.sequence), None)
                if milestone:
                    changed = {
                        key: value for key, value in vals.items()
                        if (milestone[key].id if key in ("case_id", "responsible_user_id")
                            else milestone[key]) != (value or False)
                    }
                    if changed:
                        milestone.write(changed)
                else:
                    vals.update(code=deadline.code, sequence=deadline.sequence,
                                chain_root_id=root_id, case_id=current.id,
                                date_done=deadline.date_done,
                                responsible_user_id=duty[CODE_ROLE[deadline.code]].id)
                    to_create.append(vals)
            # Milestones the engine no longer produces never came due (recovery before the
            # deadline) or were replaced: keep them, marked not applicable, unless done.
            stale = self.browse(
                [m.id for m in index.values() if not m.date_done and m.state != "cancelled"]
            )
            if stale:
                stale.write({"state": "cancelled"})

            wachttijd_end = wvp.wachttijd_end(chain, tuple(extensions_by_root.get(root_id, ())))
            phase = wvp.phase(chain, progress, today)
            for case in chain_cases:
                is_current = case == current
                vals = {
                    "date_wachttijd_end": wachttijd_end or False,
                    "state": phase if is_current else "hersteld",
                    "next_deadline": next_open.date_deadline if next_open and is_current
                    else False,
                    "next_milestone_code": next_open.code if next_open and is_current
                    else False,
                }
                changed = {k: v for k, v in vals.items() if case[k] != v}
                if changed:
                    case.write(changed)
        if to_create:
            self.create(to_create)
