# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "ERM Verzuim",
    "summary": "Sickness-absence management under the Eigen Regie Model "
    "(Wet verbetering poortwachter)",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Verzuim",
    "website": "https://github.com/erm-verzuim/erm-verzuim",
    "author": "ERM Verzuim",
    "maintainers": ["erm-verzuim"],
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    "depends": ["hr", "mail", "hr_holidays", "hr_skills"],
    "data": [
        "security/erm_verzuim_security.xml",
        "security/ir.model.access.csv",
        "data/erm_verzuim_data.xml",
        "views/res_config_settings_views.xml",
        "views/erm_absence_case_views.xml",
        "views/erm_wvp_milestone_views.xml",
        "views/erm_reintegration_plan_views.xml",
        "views/erm_absence_recovery_wizard_views.xml",
        "views/hr_employee_views.xml",
        "views/erm_verzuim_menus.xml",
    ],
    "demo": [],
}
