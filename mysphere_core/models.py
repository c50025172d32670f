"""The abstract base every feature model inherits, and tables shared by all features."""

from typing import Any

from django.conf import settings
from django.db import models

from mysphere_core.money import MAX_MINOR_DIGITS, plain_amount


class PaymentMethod(models.TextChoices):
    """How money was paid: one list for every feature (an expense, a subscription and
    its payments, a repayment of money lent or borrowed)."""

    CASH = "cash", "Cash"
    CARD = "card", "Card"
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    MOBILE = "mobile", "Mobile"
    PAYPAL = "paypal", "PayPal"
    OTHER = "other", "Other"


class BaseModel(models.Model):
    """`created_at`, `updated_at` and `is_active` (soft delete) for every feature."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        abstract = True

    def soft_delete(self) -> None:
        """Hide the row from the API without losing it."""
        self.is_active = False
        self.save(update_fields=["is_active", "updated_at"])


class MoneyAmountField(models.DecimalField):
    """A money column: 13 digits with 3 decimals (the most any currency has: KWD,
    BHD, JOD); read back with 2 unless the third is used ("15.99", not "15.990"),
    so an amount reads as it was written. A plain DecimalField to migrations."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 13)
        kwargs.setdefault("decimal_places", MAX_MINOR_DIGITS)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        """The stored Decimal with a zero third decimal dropped."""
        return None if value is None else plain_amount(value)

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        """Migrations see the DecimalField it is."""
        name, _, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs


class AIUsageModel(models.Model):
    """AI calls a user made for a feature on one local day: the exact daily quota."""

    class Kind(models.TextChoices):
        INSIGHTS = "insights", "Insights"
        PARSE = "parse", "Parsing"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ai_usage"
    )
    feature = models.CharField(max_length=40)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.INSIGHTS)
    day = models.DateField()
    calls = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "ai_usage"
        ordering = ["-day", "user_id", "feature"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "feature", "kind", "day"], name="ai_usage_once_per_day"
            )
        ]
        indexes = [models.Index(fields=["day"])]
        verbose_name = "AI usage"
        verbose_name_plural = "AI usage"

    def __str__(self) -> str:
        return f"{self.user_id} {self.feature}/{self.kind} {self.day}: {self.calls}"


class CacheGenerationModel(models.Model):
    """A user's cache generation, part of every cache version of theirs.

    Raised when a write could not forget the user's caches (the cache was down or
    timed out), so entries computed before that write are never read again once the
    cache is back. Not user data: an id and a counter, no foreign key.
    """

    user_id = models.BigIntegerField(primary_key=True)
    generation = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "cache generation"
        db_table = "cache_generations"
        ordering = ["user_id"]

    def __str__(self) -> str:
        return f"{self.user_id}: generation {self.generation}"


class IdempotencyKeyModel(models.Model):
    """A write sent with an `Idempotency-Key`: what it asked (a fingerprint) and
    what it answered, so a retry with the same key gets the same answer (24 h)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="idempotency_keys",
    )
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    content = models.BinaryField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "idempotency key"
        db_table = "idempotency_keys"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], name="idempotency_key_once_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.key}: {self.status_code or 'in progress'}"
