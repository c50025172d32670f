"""Fill the monthly rollups from the expenses already stored (what
`manage.py rebuild_rollups` does, written against the historical models)."""

from django.db import migrations
from django.db.models import Case, Count, DecimalField, F, Q, Sum, When
from django.db.models.functions import TruncMonth


def _cents(value):
    """A decimal sum (2 places) as whole cents."""
    return int((value or 0) * 100)


def backfill(apps, schema_editor):
    """One aggregate per rollup table over every active expense, bulk inserted."""
    expenses = apps.get_model("expenses", "ExpenseModel")
    summary = apps.get_model("expenses", "MonthlySpendingSummaryModel")
    vendors = apps.get_model("expenses", "MonthlyVendorSpendingModel")
    signed = Case(
        When(expense_type="refund", then=-F("amount")),
        default=F("amount"),
        output_field=DecimalField(max_digits=16, decimal_places=2),
    )
    raw = (
        expenses.objects.filter(is_active=True)
        .order_by()
        .annotate(month=TruncMonth("transaction_date"))
    )
    rows = raw.values("user_id", "month", "currency", "category").annotate(
        t=Sum(signed), n=Count("pk"), r=Sum("amount", filter=Q(expense_type="refund"))
    )
    summary.objects.bulk_create(
        [
            summary(
                user_id=row["user_id"], month=row["month"], currency=row["currency"],
                category=row["category"], total_cents=_cents(row["t"]),
                item_count=row["n"], refund_cents=_cents(row["r"]),
            )
            for row in rows
        ],
        batch_size=500,
    )
    rows = (
        raw.exclude(vendor="")
        .values("user_id", "month", "currency", "vendor")
        .annotate(t=Sum(signed), n=Count("pk"))
    )
    vendors.objects.bulk_create(
        [
            vendors(
                user_id=row["user_id"], month=row["month"], currency=row["currency"],
                vendor=row["vendor"], total_cents=_cents(row["t"]), item_count=row["n"],
            )
            for row in rows
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):

    dependencies = [("expenses", "0004_monthly_rollups")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
