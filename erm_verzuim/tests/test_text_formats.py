# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Dates and amounts as people read them (models/erm_format.py): dd-mm-jjjj in Dutch, the
company's currency with its symbol for a provider's prices, and the language of a
system path's chatter note."""

from datetime import date, datetime

from odoo.tests import tagged

from ..models import erm_format
from .common import ErmTestCommon


@tagged("post_install", "-at_install", "erm_locale")
class TestTextFormats(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("nl_NL")
        cls.nl = cls.env(context=dict(cls.env.context, lang="nl_NL"))
        cls.euro = cls.env.ref("base.EUR")
        cls.euro.active = True
        cls.company.currency_id = cls.euro

    def test_helpers(self):
        self.assertEqual(erm_format.fmt_date(self.nl, date(2026, 12, 1)), "01-12-2026")
        self.assertEqual(erm_format.fmt_date(self.nl, False), "")
        self.assertEqual(
            erm_format.fmt_period(self.nl, date(2026, 11, 1), date(2026, 11, 30)),
            "01-11-2026 - 30-11-2026")
        # 07-12-2026 08:05 UTC is 09:05 in Amsterdam; no seconds
        self.assertEqual(erm_format.fmt_datetime(
            self.nl, datetime(2026, 12, 7, 8, 5, 30), tz="Europe/Amsterdam"),
            "07-12-2026 09:05")
        self.assertEqual(erm_format.file_date(date(2026, 11, 1)), "01-11-2026")
        # the symbol on the currency's side (after the amount for the euro in Odoo)
        self.assertEqual(erm_format.fmt_amount(self.nl, 1450.0, self.euro).replace(
            "\N{NO-BREAK SPACE}", " "), "1.450,00 €" if self.euro.position == "after"
            else "€ 1.450,00")
        # a system path (no language in the context) writes in the company's language
        bare = self.env(context={})
        self.company.partner_id.lang = "nl_NL"
        self.assertEqual(erm_format.org_lang(bare, self.company), "nl_NL")
        self.assertEqual(erm_format.org_lang(self.nl(context={"lang": "en_US"}),
                                             self.company), "en_US")

    def test_provider_prices_in_company_currency(self):
        usd = self.env.ref("base.USD")
        # even when the current company works in dollars, the company's provider is in euro
        self.company_2.currency_id = usd
        provider = self.env["erm.provider"].with_company(self.company_2).create({
            "name": "Re-integratiebureau Rijn", "kind": "reintegratiebureau",
            "company_id": self.company.id,
        })
        service = self.env["erm.provider.service"].with_company(self.company_2).create({
            "provider_id": provider.id, "name": "Traject tweede spoor", "price": 1450.0,
        })
        self.assertEqual(service.currency_id, self.euro)
        # a shared provider's prices are in the currency of the company that reads them
        shared = self.env["erm.provider"].create({"name": "Mediators", "kind": "mediator"})
        shared_service = self.env["erm.provider.service"].create({
            "provider_id": shared.id, "name": "Mediation", "price": 900.0,
        })
        self.assertEqual(shared_service.with_company(self.company).currency_id, self.euro)
        self.assertEqual(shared_service.with_company(self.company_2).currency_id, usd)
