# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "ERM Verzuim - Spreekuur",
    "summary": "The organisation's own consultation hours for the bedrijfsarts "
    "and other professionals",
    "version": "18.0.1.2.0",
    "category": "Human Resources/Verzuim",
    "website": "https://github.com/erm-verzuim/erm-verzuim",
    "author": "ERM Verzuim",
    "maintainers": ["erm-verzuim"],
    "license": "AGPL-3",
    "installable": True,
    "pre_init_hook": "pre_init_hook",
    "depends": ["erm_verzuim", "calendar", "resource", "portal"],
    # grouped by kind; menus last (they point to the actions of views and wizards)
    "data": [
        # security
        "security/erm_spreekuur_security.xml",
        "security/ir.model.access.csv",
        "security/erm_spreekuur_employee_security.xml",
        "security/erm_spreekuur_portal_case_security.xml",
        # data
        "data/erm_spreekuur_mail_templates.xml",
        # views
        "views/erm_spreekuur_location_views.xml",
        "views/erm_spreekuur_professional_views.xml",
        "views/erm_spreekuur_session_views.xml",
        "views/erm_spreekuur_slot_views.xml",
        "views/erm_spreekuur_booking_views.xml",
        "views/erm_absence_case_views.xml",
        "views/portal_templates.xml",
        # wizards
        "wizards/erm_spreekuur_session_change_views.xml",
        "wizards/erm_spreekuur_book_wizard_views.xml",
        "wizards/erm_spreekuur_booking_cancel_views.xml",
        "wizards/erm_spreekuur_booking_reschedule_views.xml",
        # menus
        "views/erm_spreekuur_menus.xml",
    ],
}
