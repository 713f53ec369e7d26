# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "ERM Verzuim - Managementinformatie",
    "summary": "Absence figures to the Vernet standard: rate, frequency, duration, "
    "zero-absence and cost",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Verzuim",
    "website": "https://github.com/erm-verzuim/erm-verzuim",
    "author": "ERM Verzuim",
    "maintainers": ["erm-verzuim"],
    "license": "AGPL-3",
    "installable": True,
    "depends": ["erm_verzuim", "hr_contract", "report_xlsx"],
    # grouped by kind; menus last (they point to the actions of views and wizards)
    "data": [
        # security
        "security/erm_reports_security.xml",
        "security/ir.model.access.csv",
        # reports
        "report/erm_management_xlsx.xml",
        # views
        "views/res_config_settings_views.xml",
        "views/erm_absence_report_views.xml",
        "views/erm_dashboard_views.xml",
        # wizards
        "wizards/erm_kpi_export_wizard_views.xml",
        # menus
        "views/erm_reports_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "erm_reports/static/src/dashboard/*",
        ],
    },
}
