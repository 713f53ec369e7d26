# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Pure-Python spreekuur rules (no ORM): slot generation in the company's time zone."""
