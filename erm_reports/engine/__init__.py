# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Pure-Python management-information rules (no ORM): the Vernet figures."""
