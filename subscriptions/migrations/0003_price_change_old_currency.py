"""Price history keeps the currency before the change (rows so far: unchanged)."""

import django.db.models.expressions
from django.db import migrations, models

import mysphere_core.money


def copy_currency(apps, schema_editor):
    """Existing changes were within one currency."""
    model = apps.get_model("subscriptions", "SubscriptionPriceChangeModel")
    model.objects.update(old_currency=django.db.models.expressions.F("currency"))


class Migration(migrations.Migration):
    dependencies = [("subscriptions", "0002_alert_read_created_index")]

    operations = [
        migrations.AddField(
            model_name="subscriptionpricechangemodel",
            name="old_currency",
            field=models.CharField(
                default="",
                max_length=3,
                validators=[mysphere_core.money.validate_currency],
            ),
            preserve_default=False,
        ),
        migrations.RunPython(copy_currency, migrations.RunPython.noop),
    ]
