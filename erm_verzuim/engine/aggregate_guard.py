# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one rule for figures about groups of people (domain.md §5), without the ORM.

A figure about a group smaller than the minimum goes only to users who may read every case
behind it; everyone else sees "< minimum". The same holds for a figure from which such a group
can be derived by subtraction: a cell is hidden when it, or its difference with any total it
sits in, a sibling, its parent or an earlier period shown beside it, covers fewer people than
the minimum. Every channel (dashboard, XLSX, pivot, review agenda, budget use, spreekuur
figures) asks the ORM side (``erm.aggregate.guard``) which uses these functions, so the same
request gives the same cells everywhere.
"""

# the company setting's default and its lowest allowed value: a group of two or one is a
# person, whatever the setting says
DEFAULT_MINIMUM = 5
FLOOR = 3
TOTAL = "__total__"


def effective_minimum(value):
    """The minimum group size to apply for a company's setting ``value``."""
    return max(int(value or DEFAULT_MINIMUM), FLOOR)


def is_small(count, minimum):
    """Whether ``count`` people is a group that may not be shown (0 people is no group)."""
    return 0 < count < minimum


def suppress_tree(tree, counts, minimum, known=frozenset()):
    """The nodes of an organisation tree whose figures may not be shown.

    ``tree``: node -> parent (None for the root); ``counts``: node -> headcount *including*
    its sub-nodes; ``known``: nodes whose every case the reader may read (he may see them
    whatever their size). A node with fewer than ``minimum`` people is suppressed. So is a
    shown sub-node whenever subtracting the shown sub-nodes from a shown node would leave
    between 1 and ``minimum - 1`` people the reader does not know (a department of 6 with a
    shown sub-department of 5 reveals the sixth person): then the smallest shown sub-node is
    hidden until the remainder is large enough, so the higher totals, which the board steers
    on, stay visible; when only known sub-nodes are shown, the node itself is hidden.
    Deepest nodes are decided first."""
    known = set(known)
    children = {}
    for node, parent in tree.items():
        children.setdefault(parent, []).append(node)
    depth = {}

    def node_depth(node):
        if node not in depth:
            parent = tree.get(node)
            depth[node] = 0 if parent is None else node_depth(parent) + 1
        return depth[node]

    suppressed = set()

    def cover(node):
        """The top-most shown nodes below ``node``: what a reader could subtract."""
        result = []
        for child in children.get(node, ()):
            result += cover(child) if child in suppressed else [child]
        return result

    for node in sorted(tree, key=lambda n: (-node_depth(n), str(n))):
        if node in known:
            continue
        count = counts.get(node, 0)
        if count < minimum:
            suppressed.add(node)
            continue
        while True:
            shown = cover(node)
            remainder = count - sum(counts.get(child, 0) for child in shown)
            if not shown or not is_small(remainder, minimum):
                break
            candidates = [child for child in shown if child not in known]
            if not candidates:
                suppressed.add(node)
                break
            suppressed.add(min(candidates, key=lambda child: (counts.get(child, 0),
                                                              str(child))))
    return suppressed


def suppress_rows(counts, minimum, with_total=True, known=frozenset()):
    """The keys of sibling rows (``{key: people}``) that may not be shown, with ``TOTAL``
    when the total line may not be shown either (``with_total``: the rows sit in a total
    shown beside them, so a hidden row must not be derivable from it)."""
    if not with_total:
        return {key for key, count in counts.items()
                if key not in known and count < minimum}
    tree = {TOTAL: None}
    tree.update(dict.fromkeys(counts, TOTAL))
    people = dict(counts)
    people[TOTAL] = sum(counts.values())
    return suppress_tree(tree, people, minimum, known)


def suppress_periods(counts, differences, minimum):
    """The indices of periods hidden by difference with a period shown beside them.

    ``counts``: the group's people per period; ``differences``: ``{(later, earlier):
    (people only in the later, people only in the earlier)}`` for the periods shown beside
    each other. When either side of a difference holds 1 to ``minimum - 1`` people, the
    earlier period is hidden: the current figure, the one every channel shows alike, stays.
    A period whose own group is small is hidden too."""
    hidden = {index for index, count in enumerate(counts) if is_small(count, minimum)}
    for (later, earlier), (only_later, only_earlier) in sorted(differences.items()):
        if later in hidden or earlier in hidden:
            continue
        if is_small(only_later, minimum) or is_small(only_earlier, minimum):
            hidden.add(earlier)
    return hidden
