# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Dates and amounts as people read them, for every text the addons compose (messages,
titles, chatter, agendas, file names): the language's date format (dd-mm-jjjj in Dutch),
the currency with its symbol. Plain functions; never ``str(date)`` or
an ISO string in a text."""

import pytz

from odoo import fields
from odoo.tools import format_amount, format_date


def org_lang(env, company=None):
    """The language of a text many people read (a note in the case's chatter): the acting
    user's (the web client puts it in the context); without one (a scheduled job, the
    demo generator, a system path) the company's own language when it is installed."""
    if env.context.get("lang"):
        return env.context["lang"]
    # sudo: the company's language, for texts written on its behalf
    lang = (company or env.company).sudo().partner_id.lang
    if lang and env["res.lang"]._lang_get(lang):
        return lang
    return "en_US"


def org_env(env, company=None):
    """`env` in the language of org_lang."""
    return env(context=dict(env.context, lang=org_lang(env, company)))


def fmt_date(env, value, lang=None):
    """A date (or a datetime's date) in the language's format; "" for none."""
    return format_date(env, value, lang_code=lang) if value else ""


def fmt_period(env, start, end, lang=None):
    """"01-11-2026 - 30-11-2026" in the language's format."""
    return f"{fmt_date(env, start, lang)} - {fmt_date(env, end, lang)}"


def fmt_datetime(env, value, tz=None, lang=None):
    """A UTC datetime as the local day and time without seconds ("07-12-2026 14:05"),
    in `tz` (default: the user's, else Europe/Amsterdam)."""
    if not value:
        return ""
    value = fields.Datetime.to_datetime(value)
    zone = pytz.timezone(tz or env.context.get("tz") or env.user.tz or "Europe/Amsterdam")
    local = pytz.utc.localize(value).astimezone(zone)
    return f"{fmt_date(env, local.date(), lang)} {local.strftime('%H:%M')}"


def file_date(value):
    """A date for a file name: day-month-year without a slash (01-11-2026)."""
    return value.strftime("%d-%m-%Y") if value else ""


def fmt_amount(env, amount, currency, lang=None):
    """An amount with the currency's symbol and decimals ("€ 1.450,00" in Dutch)."""
    return format_amount(env, amount or 0.0, currency, lang_code=lang)
