"""What every feature's Gemini prompt may know about the user: their profile context."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser


def profile_context(user: AbstractBaseUser) -> dict[str, Any]:
    """Currency, time zone, income, goals and risk tolerance, without identity."""
    profile = getattr(user, "profile", None)
    if profile is None:
        return {"currency": "USD", "timezone": "UTC"}
    return {
        "currency": profile.currency,
        "timezone": profile.timezone,
        "monthly_income": (
            str(profile.monthly_income) if profile.monthly_income is not None else None
        ),
        "financial_goals": list(profile.financial_goals),
        "risk_tolerance": profile.risk_tolerance,
    }
