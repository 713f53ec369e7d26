# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which figures about groups of people a user may see (domain.md §5): the ORM side of
``engine/aggregate_guard.py``, asked by every channel that shows such figures (the
dashboard, the XLSX, the pivot's report model, the review agenda, the budget use, the
spreekuur figures), so that the same request gives the same cells everywhere.

A group is the whole company (node ``"company"``) or a department with its
sub-departments; its people are the employees counted in a period, by their current
department. A group below the company's minimum, or one derivable from the totals beside it,
is hidden unless the user may read every case behind it: that is asked of the case rules
themselves (``_search`` as the user), never guessed from his groups."""

from odoo import api, models
from odoo.tools import SQL

from ..engine import aggregate_guard

COMPANY = "company"


class ErmAggregateGuard(models.AbstractModel):
    _name = "erm.aggregate.guard"
    _description = "Guard of figures about groups of people"

    @api.model
    def _settings_env(self):
        """The environment in which the guard reads a company's setting and departments."""
        # sudo: the company's minimum group size and department tree: a setting and
        # identities every reader of figures needs, never shown themselves
        return self.sudo().env

    @api.model
    def minimum(self, company):
        """The minimum group size of ``company`` as every channel applies it."""
        return aggregate_guard.effective_minimum(
            company.with_env(self._settings_env()).erm_min_group_size
        )

    @api.model
    def _tree(self, company):
        """{node: parent node}: the company's departments under the node ``"company"``."""
        departments = self._settings_env()["hr.department"].with_context(
            active_test=False
        ).search(
            [("company_id", "=", company.id)]
        )
        tree = {COMPANY: None}
        tree.update({d.id: d.parent_id.id if d.parent_id in departments else COMPANY
                     for d in departments})
        return tree

    @api.model
    def _people_by_department_periods(self, company, bounds):
        """Per period ``(start, end)`` of ``bounds`` (end excluded): {department id or None:
        set of employee ids} counted in it. Here the company's active employees (erm_verzuim
        knows no contracts); erm_reports counts the employments of each period."""
        self.env["hr.employee"].flush_model(["company_id", "department_id", "active"])
        self.env.cr.execute(SQL(
            "SELECT id, department_id FROM hr_employee WHERE company_id = %s AND active",
            company.id,
        ))
        own = {}
        for employee_id, department_id in self.env.cr.fetchall():
            own.setdefault(department_id, set()).add(employee_id)
        return [own for _bound in bounds]

    @api.model
    def _counts_by_department_periods(self, company, bounds):
        """Per period: {department id or None: number of people} (what the tree needs when
        no periods are compared; erm_reports counts in the database)."""
        return [{department_id: len(members) for department_id, members in own.items()}
                for own in self._people_by_department_periods(company, bounds)]

    @api.model
    def _known_nodes(self, company, tree):
        """The nodes of ``tree`` whose every case this user may read, by the case rules: a
        node with cases, none of them closed to him; a node without any case only when he
        may read every case of the company (HR)."""
        if self.env.su:
            return set(tree)
        Case = self.env["erm.absence.case"].with_context(
            active_test=False, allowed_company_ids=company.ids,
        )
        if company not in self.env.user.company_ids or not self.env["ir.model.access"].check(
            "erm.absence.case", "read", raise_exception=False
        ):
            return set()
        readable = Case._search([("company_id", "=", company.id)])
        # the subquery reads whatever the record rules read (duty holders, the team, ...):
        # everything pending must be in the database first
        self.env.flush_all()
        self.env.cr.execute(SQL(
            """SELECT e.department_id, COUNT(*),
                      COUNT(*) FILTER (WHERE c.id NOT IN %(readable)s)
                 FROM erm_absence_case c
                 JOIN hr_employee e ON e.id = c.employee_id
                WHERE c.company_id = %(company)s
             GROUP BY e.department_id""",
            readable=readable.subselect(), company=company.id,
        ))
        cases = dict.fromkeys(tree, 0)
        closed = dict.fromkeys(tree, 0)
        for department_id, count, not_readable in self.env.cr.fetchall():
            node = department_id if department_id in tree else COMPANY
            while node is not None:
                cases[node] += count
                closed[node] += not_readable
                node = tree[node]
        reads_all = cases[COMPANY] > 0 and not closed[COMPANY]
        return {node for node in tree
                if not closed[node] and (cases[node] or reads_all)}

    @api.model
    def hidden_nodes(self, company, bounds, pairs=(), as_board=False):
        """Per period of ``bounds``: the set of nodes (``"company"`` or department ids)
        whose figures this user may not see. ``pairs``: ``(later, earlier)`` indices of
        periods shown beside each other (differencing over time). ``as_board``: decide for
        a reader of aggregates only (an agenda every participant reads)."""
        tree = self._tree(company)
        minimum = self.minimum(company)
        known = set() if as_board else self._known_nodes(company, tree)
        # the people themselves only when periods are compared
        people = self._people_by_department_periods(company, bounds) if pairs else None
        counts = []
        for own in ([{d: len(m) for d, m in own.items()} for own in people] if pairs
                    else self._counts_by_department_periods(company, bounds)):
            per_node = dict.fromkeys(tree, 0)
            for department_id, count in own.items():
                node = department_id if department_id in tree else COMPANY
                while node is not None:
                    per_node[node] += count
                    node = tree[node]
            counts.append(per_node)
        hidden = [aggregate_guard.suppress_tree(tree, per_node, minimum, known)
                  for per_node in counts]
        if pairs:
            differences = {node: {} for node in tree}
            for later, earlier in pairs:
                per_node = {node: [0, 0] for node in tree}
                for department_id in set(people[later]) | set(people[earlier]):
                    now = people[later].get(department_id, set())
                    then = people[earlier].get(department_id, set())
                    node = department_id if department_id in tree else COMPANY
                    while node is not None:
                        per_node[node][0] += len(now - then)
                        per_node[node][1] += len(then - now)
                        node = tree[node]
                for node, (only_now, only_then) in per_node.items():
                    differences[node][(later, earlier)] = (only_now, only_then)
            for node in tree:
                if node in known:
                    continue
                for index in aggregate_guard.suppress_periods(
                    [per_node[node] for per_node in counts], differences[node], minimum,
                ):
                    hidden[index].add(node)
        return hidden

    @api.model
    def group_hidden(self, company, department=None, bounds=((None, None),), pairs=(),
                     as_board=False, include_children=True):
        """Per period of ``bounds``: whether this user may not see the figures of the
        company (no ``department``) or of ``department`` (with its sub-departments, or
        without them: then its own employees, which the shown subtree beside it must not
        give away either)."""
        node = department.id if department else COMPANY
        hidden = self.hidden_nodes(company, list(bounds), pairs, as_board)
        if include_children or not department:
            return [node in nodes for nodes in hidden]
        tree = self._tree(company)
        if not as_board and node in self._known_nodes(company, tree):
            return [False] * len(hidden)
        minimum = self.minimum(company)
        result = []
        subtree = {d for d in tree if d != COMPANY and self._under(tree, d, node)}
        for nodes, own in zip(hidden, self._counts_by_department_periods(company, list(bounds)),
                              strict=True):
            mine = own.get(department.id, 0)
            below = sum(own.get(d, 0) for d in subtree if d != node)
            result.append(node in nodes or mine < minimum
                          or aggregate_guard.is_small(below, minimum))
        return result

    @api.model
    def _under(self, tree, node, top):
        while node is not None:
            if node == top:
                return True
            node = tree[node]
        return False

    @api.model
    def hidden_rows(self, company, counts, with_total=True):
        """The keys of sibling rows ``{key: people}`` beside a total (e.g. the kinds of
        service of the budget, the professionals of the spreekuur) that nobody but their
        own people may see, with ``aggregate_guard.TOTAL`` when the total may not be shown
        either: rows about preventive care and the budget have no case behind them, so
        nobody's rules open them."""
        return aggregate_guard.suppress_rows(counts, self.minimum(company), with_total)
