"""Create the groups of the API's roles with their model permissions.

The role definitions are written out here, not imported, so that this migration does the same
thing whenever it runs; a later change of a role is a later migration.
"""

from django.db import migrations

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"

RECORDS = [
    ("users", "chatuser"),
    ("chat", "chatsession"),
    ("chat", "conversation"),
    ("responses", "userresponse"),
    ("interactions", "fpminteraction"),
    ("referrals", "referral"),
    ("analytics", "sessionanalytics"),
]

ROLES = {
    "chatbot": [
        *[(app, f"{action}_{model}") for app, model in RECORDS for action in (VIEW, ADD, CHANGE)],
        ("clinics", "view_clinic"),
    ],
    "analyst": [
        *[(app, f"view_{model}") for app, model in [*RECORDS, ("clinics", "clinic")]],
        ("analytics", "view_reports"),
    ],
    "clinic-manager": [
        (app, f"{action}_{model}")
        for app, model in [("clinics", "clinic"), ("referrals", "referral")]
        for action in (VIEW, ADD, CHANGE, DELETE)
    ],
}


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("users", "0001_initial"),
        ("chat", "0001_initial"),
        ("responses", "0001_initial"),
        ("interactions", "0001_initial"),
        ("clinics", "0001_initial"),
        ("referrals", "0001_initial"),
        ("analytics", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
