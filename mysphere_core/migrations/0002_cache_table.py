"""The database cache table (the default cache when there is no REDIS_URL)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    """`createcachetable` for every database cache in CACHES (none with Redis)."""
    call_command("createcachetable", database=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("mysphere_core", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
