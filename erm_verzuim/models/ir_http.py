# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# Odoo's own Dutch catalogue of the web client with known slips, corrected for every user:
# {(language prefix, source): (wrong translation, right translation)}. "Create %s" titles
# the dialog of a new line ("Plannen . maken").
WEB_TRANSLATION_FIXES = {
    ("nl", "Create %s"): ("%s . maken", "%s maken"),
}


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @api.model
    def get_translations_for_webclient(self, modules, lang):
        translations, lang_params = super().get_translations_for_webclient(modules, lang)
        prefix = (lang or self.env.context.get("lang") or "").split("_")[0]
        web = translations.get("web")
        if web and any(key[0] == prefix for key in WEB_TRANSLATION_FIXES):
            # the catalogue is cached read-only: the corrected one is a copy
            messages = []
            for message in web["messages"]:
                wrong, right = WEB_TRANSLATION_FIXES.get((prefix, message["id"]), (None, None))
                if wrong is not None and message["string"] == wrong:
                    message = dict(message, string=right)
                messages.append(message)
            translations = dict(translations, web=dict(web, messages=messages))
        return translations, lang_params
