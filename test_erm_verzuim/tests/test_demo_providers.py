# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The provider network and interventions of the demo organisation (data/demo_providers.py),
made by generate_demo: every role has work on screen."""

from datetime import date

from data.demo_providers import generate_providers

TODAY = date(2026, 11, 22)


class DemoProvidersChecks:
    """Checks of TestDemo (tests/test_demo.py), which builds the demo once for all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.providers_result = cls.demo["providers"]

    def test_catalogue(self):
        self.assertGreaterEqual(self.providers_result["providers"], 10)
        Provider = self.env["erm.provider"].with_context(active_test=False)
        providers = Provider.search([("id", "in", [
            self.ref(f"provider_{key}").id for key in (
                "bedrijfsarts", "arbeidsdeskundige", "psycholoog", "fysiotherapeut",
                "mediator", "reintegratie", "verzekeraar")
        ])])
        self.assertEqual(len(providers), 7)
        self.assertEqual(self.ref("provider_bedrijfsarts").partner_id,
                         self.ref("user_bedrijfsarts").partner_id)
        self.assertTrue(all(providers.mapped("service_ids")))
        self.assertFalse(self.ref("provider_oud_reintegratie").active)
        phases = set(Provider.search([]).service_ids.mapped("phase"))
        self.assertEqual(phases, {"prevention", "absence", "first_track", "second_track"})
        # every role reads the catalogue
        for login in ("medewerker", "leidinggevende", "bedrijfsarts", "directie", "coach"):
            user = self.ref(f"user_{login}")
            self.assertGreaterEqual(
                self.env["erm.provider"].with_user(user).search_count([]), 10, login)

    def test_interventions_for_every_role(self):
        Intervention = self.env["erm.intervention"]
        states = set(Intervention.search([]).mapped("state"))
        self.assertEqual(states, {"proposed", "approved", "running", "done", "cancelled"})
        manager = self.ref("user_leidinggevende")
        hr = self.ref("user_hr")
        mine = Intervention.with_user(manager).search(
            [("state", "=", "proposed"), ("approver_user_id", "=", manager.id)])
        self.assertTrue(mine)
        self.assertTrue(mine.with_user(manager)[0].erm_may_approve)
        hrs = Intervention.with_user(hr).search(
            [("state", "=", "proposed"), ("approver_user_id", "=", hr.id)])
        self.assertTrue(hrs)
        activities = self.env["mail.activity"].search([
            ("res_model", "=", "erm.intervention"), ("user_id", "in", (manager | hr).ids),
        ])
        self.assertEqual(set(activities.mapped("res_id")), set((mine | hrs).ids))
        # nobody gets an activity he cannot open
        for activity in self.env["mail.activity"].search([
            ("erm_alert_kind", "=", "late_intervention")
        ]) | activities:
            record = self.env[activity.res_model].browse(activity.res_id)
            self.assertTrue(record.with_user(activity.user_id)._filtered_access("read"))
        done = Intervention.search([("state", "=", "done")])
        self.assertTrue(all(done.mapped("outcome")))
        # the overdue case (week 8+) without any intervention has its signal
        late = self.env["mail.activity"].search([("erm_alert_kind", "=", "late_intervention")])
        self.assertIn(self.ref("case_overdue").id, late.mapped("res_id"))
        self.assertGreater(self.ref("case_zorg_uwv").intervention_cost, 0)

    def test_providers_idempotent(self):
        again = generate_providers(self.env, today=TODAY)
        self.assertEqual(again["created"], 0)
        self.assertEqual(again["providers"], self.providers_result["providers"])
