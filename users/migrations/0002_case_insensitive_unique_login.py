"""Usernames and emails unique whatever their case, enforced by the database."""

from django.db import migrations

INDEXES = [
    ("users_username_ci_uniq", "LOWER(username)", ""),
    ("users_email_ci_uniq", "LOWER(email)", " WHERE email <> ''"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE UNIQUE INDEX {name} ON auth_user ({expr}){where}",
            reverse_sql=f"DROP INDEX {name}",
        )
        for name, expr, where in INDEXES
    ]
