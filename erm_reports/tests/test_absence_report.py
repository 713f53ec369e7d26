# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The absence analysis (SQL view) agrees with erm.kpi and follows need-to-know."""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import KpiCommon

JAN_DOMAIN = [("month", "=", date(2026, 1, 1))]


@tagged("post_install", "-at_install")
class TestAbsenceReport(KpiCommon):
    def rate(self, report, domain, fname="verzuimpercentage"):
        groups = report._read_group(domain, [], [f"{fname}:sum", "employed_days:sum"])
        return groups[0]

    def test_rate_of_a_group_is_the_ratio_of_sums(self):
        report = self.env["erm.absence.report"]
        domain = JAN_DOMAIN + [("department_id", "=", self.quality.id)]
        rate, employed = self.rate(report, domain)
        self.assertAlmostEqual(employed, 96.7)
        self.assertAlmostEqual(rate, 100 * 23 / 96.7)
        rate_excl, _employed = self.rate(report, domain, "verzuimpercentage_excl_vangnet")
        self.assertAlmostEqual(rate_excl, 100 * 7.5 / 96.7)
        figures = self.env["erm.kpi"].figures(
            *[date(2026, 1, 1), date(2026, 1, 31)], department_id=self.quality.id
        )
        self.assertAlmostEqual(rate, figures["verzuimpercentage"])
        rows = report.search(domain)
        self.assertEqual(len(rows), 4)
        self.assertEqual(sum(rows.mapped("reports")), 1)
        chris = rows.filtered(lambda r: r.employee_id == self.chris)
        self.assertAlmostEqual(chris.employed_days, 16 * 1.2)
        self.assertEqual(chris.verzuimpercentage, 0.0)

    def test_pivot_read_group_by_department(self):
        report = self.env["erm.absence.report"].with_user(self.user_hr)
        groups = report.read_group(
            JAN_DOMAIN + [("department_id", "=", self.quality.id)],
            ["verzuimpercentage:sum"], ["department_id"],
        )
        self.assertEqual(len(groups), 1)
        self.assertAlmostEqual(groups[0]["verzuimpercentage"], 100 * 23 / 96.7)

    def test_manager_reads_his_own_departments_only(self):
        mine = self.env["erm.absence.report"].with_user(self.quality_manager_user)
        self.assertEqual(
            set(mine.search(JAN_DOMAIN).employee_id.ids),
            {self.anna.id, self.bram.id, self.chris.id, self.dirk.id},
        )
        other = self.env["erm.absence.report"].with_user(self.user_manager)
        self.assertFalse(other.search(JAN_DOMAIN + [("department_id", "=", self.quality.id)]))
        # a new sub-department of his is his at once (the rule's cache is cleared)
        audit = self.env["hr.department"].create({
            "name": "Audit", "company_id": self.company.id, "parent_id": self.quality.id,
        })
        self.dirk.department_id = audit
        self.assertIn(self.dirk, mine.search(JAN_DOMAIN).employee_id)

    def test_board_and_employee_read_no_rows(self):
        for user in (self.user_board, self.user_employee):
            with self.assertRaises(AccessError):
                self.env["erm.absence.report"].with_user(user).search([])

    def test_managed_departments_of_many_users_at_once(self):
        """The departments each manager may read every case of are computed for many users
        in one go, as for each alone: a sub-department counts under the head whose
        department its parent path passes."""
        Users = self.env["res.users"]
        sub_user = new_test_user(self.env, login="erm_sub_manager",
                                 groups="erm_verzuim.group_erm_manager",
                                 company_id=self.company.id)
        sub_boss = self.env["hr.employee"].create({
            "name": "Hoofd Audit", "company_id": self.company.id, "user_id": sub_user.id,
            "department_id": self.quality.id,
        })
        audit = self.env["hr.department"].create({
            "name": "Audit", "company_id": self.company.id,
            "parent_id": self.quality.id, "manager_id": sub_boss.id,
        })
        self.dirk.department_id = audit
        users = self.quality_manager_user | sub_user | self.user_manager | self.user_employee
        users.invalidate_recordset(["erm_managed_department_ids"])
        together = {user.id: user.erm_managed_department_ids for user in users}
        for user in users:
            alone = Users.browse(user.id)
            alone.invalidate_recordset(["erm_managed_department_ids"])
            self.assertEqual(alone.erm_managed_department_ids, together[user.id], user.login)
        self.assertEqual(together[self.quality_manager_user.id], self.quality | audit)
        # the case rules open the head of Audit none of Dirk's cases (his manager chain)
        self.assertFalse(together[sub_user.id])
        self.assertFalse(together[self.user_employee.id])
