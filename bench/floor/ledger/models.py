"""An expense, the way the Django tutorial would write it."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Expense(models.Model):
    """One amount spent by a user on a day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="USD")
    category = models.CharField(max_length=32, default="Other")
    vendor = models.CharField(max_length=200, blank=True, default="")
    transaction_date = models.DateField()
    # A default, not auto_now_add, so the bench can copy the project's timestamps.
    created_at = models.DateTimeField(default=timezone.now)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-transaction_date", "-created_at", "-id"]
        indexes = [
            # Serves the list's order for one user (is_active read from the index).
            models.Index(
                fields=["user", "transaction_date", "created_at", "id", "is_active"],
                name="ledger_user_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} {self.vendor} ({self.transaction_date})"
