# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The medical vocabulary no text of the product may hold (domain.md §5, AP beleidsregels
2016): diagnosis, complaints, treatment, medication, symptoms, pregnancy, in Dutch and
English. Shared by the vocabulary test of every view and term and the printed documents'."""

import re

FORBIDDEN = re.compile(
    r"diagnos\w*|klacht\w*|complaint\w*|behandel\w*|treatment\w*|medicati\w*|"
    r"medication\w*|sympto\w*|zwanger\w*|pregnan\w*",
    re.IGNORECASE,
)
