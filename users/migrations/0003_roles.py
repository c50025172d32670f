"""The role groups: support (view everything) and administrators (everything)."""

from django.db import migrations


def create_roles(apps, schema_editor):
    """Create the groups with their permissions."""
    from users.roles import sync_role_groups

    sync_role_groups()


def drop_roles(apps, schema_editor):
    """Remove the groups (their members keep their accounts)."""
    apps.get_model("auth", "Group").objects.filter(
        name__in=["support", "administrators"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0002_case_insensitive_unique_login"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, drop_roles)]
