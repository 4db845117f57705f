"""Create the database cache's table, where production keeps the throttle counts when no Redis
is configured, so that `migrate` alone prepares a database for every cache setting."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "clinicbot_cache"


def create_table(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("access", "0001_roles")]

    operations = [migrations.RunPython(create_table, drop_table)]
