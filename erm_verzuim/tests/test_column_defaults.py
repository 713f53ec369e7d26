# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Our settings on Odoo's own tables (res_company, res_users) hold their defaults in the
database too. While hr_holidays or calendar is updated on a database that holds our addons,
their tests create companies and users before erm_verzuim is loaded: such a row is written
without our columns and must still get our defaults (and pass the NOT NULL of a required
setting, e.g. the competence levels)."""

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestColumnDefaults(TransactionCase):
    def _insert_without_ours(self, model, record, unique_column, unique_value):
        """Copies `record` in SQL with only the columns that are not ours, as a registry
        without our addons writes it; returns the new row's id."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
            [model._table],
        )
        columns = [name for name, in self.env.cr.fetchall()
                   if name != "id" and not name.startswith("erm_")]
        self.assertIn(unique_column, columns)
        values = [
            SQL("%s", unique_value) if name == unique_column else SQL.identifier(name)
            for name in columns
        ]
        self.env.cr.execute(SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s WHERE id = %s RETURNING id",
            SQL.identifier(model._table), SQL(", ").join(map(SQL.identifier, columns)),
            SQL(", ").join(values), SQL.identifier(model._table), record.id,
        ))
        return model.browse(self.env.cr.fetchone()[0])

    def _assert_our_defaults(self, new):
        ours = [field for field in new._fields.values()
                if field.name.startswith("erm_") and field.store and not field.compute
                and field.type in ("boolean", "integer", "float", "monetary", "selection")
                and field.default is not None]
        self.assertTrue(ours)
        for field in ours:
            with self.subTest(field=field.name):
                self.assertEqual(new[field.name], field.default(new))

    def test_company_written_without_our_columns_gets_our_defaults(self):
        companies = self.env["res.company"]
        new = self._insert_without_ours(
            companies, self.env.company, "name", "Bedrijf zonder verzuimmodule",
        )
        # the required ones among them (NOT NULL in the database)
        self.assertEqual(new.erm_competence_level_i, "vaardig")
        self.assertEqual(new.erm_competence_level_iv, "none")
        self.assertEqual(new.erm_budget_services, "catalogue")
        self.assertEqual(new.erm_care_interval_early, 7)
        self._assert_our_defaults(new)

    def test_user_written_without_our_columns_gets_our_defaults(self):
        new = self._insert_without_ours(
            self.env["res.users"], self.env.user, "login", "zonder_verzuimmodule",
        )
        self.assertTrue(new.erm_deadline_digest)
        self._assert_our_defaults(new)
