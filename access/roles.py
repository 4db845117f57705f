"""The roles of API clients, as groups of Django model permissions.

The groups are created by this app's migrations, so that every database has them after
`migrate`; staff may then change them in the admin without touching code. This module is the
description of the roles for people and commands; a change here needs a new migration too.
"""

CHATBOT = "chatbot"
ANALYST = "analyst"
CLINIC_MANAGER = "clinic-manager"

REPORTS_PERMISSION = "analytics.view_reports"

ROLE_HELP = {
    CHATBOT: (
        "the chatbot front end's server: view, add and change users, chat sessions, messages, "
        "responses, FPM interactions, referrals and analytics records; view clinics; no "
        "delete, no reports"
    ),
    ANALYST: "an analytics job or reader: view everything, plus the reports (stats, flows)",
    CLINIC_MANAGER: (
        "keeps the clinic directory: view, add, change and delete clinics and referrals"
    ),
}
