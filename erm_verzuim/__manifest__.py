# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "ERM Verzuim",
    "summary": "Sickness-absence management under the Eigen Regie Model "
    "(Wet verbetering poortwachter)",
    "version": "18.0.1.2.0",
    "category": "Human Resources/Verzuim",
    "website": "https://github.com/erm-verzuim/erm-verzuim",
    "author": "ERM Verzuim",
    "maintainers": ["erm-verzuim"],
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    "uninstall_hook": "uninstall_hook",
    "depends": ["hr", "mail", "hr_holidays", "hr_skills", "portal", "auth_totp"],
    # grouped by kind; reports come before the data (a mail template attaches one) and
    # the views (buttons print them), menus last (they point to the actions of views and
    # wizards)
    "data": [
        # the activity types first: a record rule names one
        "data/mail_activity_type_data.xml",
        # security
        "security/erm_verzuim_security.xml",
        "security/ir.model.access.csv",
        "security/erm_stakeholder_review_security.xml",
        "security/erm_budget_security.xml",
        "security/erm_portal_security.xml",
        "security/erm_vangnet_security.xml",
        "security/erm_sanction_risk_security.xml",
        # reports
        "report/erm_access_overview_report.xml",
        "report/erm_stakeholder_review_report.xml",
        "report/erm_uwv_file_reports.xml",
        # data
        "data/erm_verzuim_data.xml",
        "data/erm_skill_data.xml",
        "data/ir_cron_data.xml",
        "data/erm_wvp_rule_set_data.xml",
        "data/erm_sanction_risk_data.xml",
        "data/mail_template_data.xml",
        "data/erm_intervention_data.xml",
        "data/erm_precondition_data.xml",
        "data/erm_stakeholder_review_data.xml",
        "data/erm_portal_view_data.xml",
        # views
        "views/res_config_settings_views.xml",
        "views/erm_absence_case_views.xml",
        "views/erm_wvp_milestone_views.xml",
        "views/erm_reintegration_plan_views.xml",
        "views/erm_ba_advice_views.xml",
        "views/erm_care_contact_views.xml",
        "views/erm_intervention_views.xml",
        "views/erm_sanction_risk_views.xml",
        "views/erm_wvp_rule_set_views.xml",
        "views/erm_provider_views.xml",
        "views/erm_model_policy_views.xml",
        "views/erm_milestone_lead_time_views.xml",
        "views/erm_access_log_views.xml",
        "views/erm_retention_review_views.xml",
        "views/erm_precondition_views.xml",
        "views/erm_stakeholder_review_views.xml",
        "views/erm_stakeholder_review_scope_views.xml",
        "views/erm_budget_claim_views.xml",
        "views/hr_employee_views.xml",
        "views/hr_leave_type_views.xml",
        "views/res_users_views.xml",
        "views/portal_budget_templates.xml",
        "views/portal_templates.xml",
        "views/portal_view_templates.xml",
        # wizards
        "wizards/erm_sick_report_wizard_views.xml",
        "wizards/erm_absence_recovery_wizard_views.xml",
        "wizards/erm_model_choice_wizard_views.xml",
        # menus
        "views/erm_verzuim_menus.xml",
    ],
    "demo": [],
    "assets": {
        # the reports' Lato from the system: text a PDF reader can find (see the file)
        "web.report_assets_common": [
            ("after", "web/static/fonts/fonts.scss",
             "erm_verzuim/static/src/scss/report_fonts.scss"),
        ],
    },
}
