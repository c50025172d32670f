"""The user profile: money and locale preferences every feature reads."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from mysphere_core.models import BaseModel
from mysphere_core.money import validate_currency, validate_timezone


class UserProfileModel(BaseModel):
    """One per user, created by `UserService.register`."""

    # What the owner may change (the API's profile fields).
    EDITABLE_FIELDS = (
        "display_name",
        "currency",
        "timezone",
        "monthly_income",
        "financial_goals",
        "risk_tolerance",
        "email_notifications",
    )

    class RiskTolerance(models.TextChoices):
        CONSERVATIVE = "conservative", "Conservative"
        MODERATE = "moderate", "Moderate"
        AGGRESSIVE = "aggressive", "Aggressive"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(max_length=100, blank=True)
    currency = models.CharField(
        max_length=3, default="USD", validators=[validate_currency]
    )
    timezone = models.CharField(
        max_length=64, default="UTC", validators=[validate_timezone]
    )
    monthly_income = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    financial_goals = models.JSONField(default=list, blank=True)
    risk_tolerance = models.CharField(
        max_length=12, choices=RiskTolerance.choices, default=RiskTolerance.MODERATE
    )
    email_notifications = models.BooleanField(default=True)

    class Meta:
        verbose_name = "user profile"
        db_table = "user_profiles"
        ordering = ["user_id"]

    def __str__(self) -> str:
        return f"{self.user.username} ({self.currency}, {self.timezone})"


class RevokedSessionModel(models.Model):
    """A logged-out session: its access tokens are refused before they expire.

    A session is one login; its refresh and access tokens carry its id (`sid`),
    kept across refresh rotations.
    """

    sid = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    revoked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "revoked session"
        db_table = "revoked_sessions"
        ordering = ["-revoked_at"]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.sid}"
