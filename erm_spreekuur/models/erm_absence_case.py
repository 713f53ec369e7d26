# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The absence case plans and shows its consultations."""

from odoo import api, fields, models

from odoo.addons.erm_verzuim.engine.milestones import PROBLEEMANALYSE


class ErmAbsenceCase(models.Model):
    _inherit = "erm.absence.case"

    spreekuur_booking_ids = fields.One2many(
        "erm.spreekuur.booking", "case_id", string="Consultations", copy=False,
    )
    spreekuur_booking_count = fields.Integer(
        string="Consultations (count)", compute="_compute_spreekuur_booking_count",
    )
    spreekuur_can_plan = fields.Boolean(
        string="May plan consultations", compute="_compute_spreekuur_can_plan",
    )

    def _erm_plannable_cases(self):
        """The cases of self whose consultations the user plans (domain.md §6): who may work
        the case (its regievoerder, procesbewaker or casemanager), and HR any case of its
        companies it may read."""
        if self.env.user.has_group("erm_verzuim.group_erm_hr"):
            return self._filtered_access("read")
        return self._filtered_access("write")

    @api.depends_context("uid")
    def _compute_spreekuur_can_plan(self):
        plannable = self.filtered("id")._erm_plannable_cases()
        for case in self:
            case.spreekuur_can_plan = case in plannable

    @api.depends("spreekuur_booking_ids")
    def _compute_spreekuur_booking_count(self):
        # The reader's own rules decide which consultations count.
        groups = self.env["erm.spreekuur.booking"]._read_group(
            [("case_id", "in", self.ids), ("state", "!=", "cancelled")],
            ["case_id"], ["__count"],
        )
        counts = {case.id: count for case, count in groups}
        for case in self:
            case.spreekuur_booking_count = counts.get(case.id, 0)

    def _spreekuur_doctor_professionals(self):
        """The professionals of the company's own doctors first, then the others."""
        self.ensure_one()
        Professional = self.env["erm.spreekuur.professional"]
        professionals = Professional.search([
            ("company_id", "in", [self.company_id.id, False]),
        ])
        # a plain read: the company of a case the planner reads, and its doctors
        doctors = self.company_id.erm_doctor_user_ids
        return professionals.filtered(lambda p: p.user_id in doctors) | professionals.filtered(
            lambda p: p.kind == "bedrijfsarts"
        ) | professionals

    def action_plan_spreekuur(self):
        """A new consultation for the case: free slots of the company's doctor first."""
        self.ensure_one()
        first = self._spreekuur_doctor_professionals()[:1]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Plan a consultation"),
            "res_model": "erm.spreekuur.booking",
            "view_mode": "form",
            "views": [(self.env.ref("erm_spreekuur.erm_spreekuur_booking_view_form_plan").id,
                       "form")],
            "target": "new",
            "context": {
                "default_case_id": self.id,
                "default_employee_id": self.employee_id.id,
                "default_kind": "case",
                "default_purpose": PROBLEEMANALYSE,
                "erm_plan_professional_id": first.id,
                # the form's first onchange takes defaults, it does not compute the field
                "default_plan_professional_id": first.id,
            },
        }

    def action_view_spreekuur_bookings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "erm_spreekuur.erm_spreekuur_booking_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id, "create": False}
        return action
