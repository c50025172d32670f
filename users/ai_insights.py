"""What every feature's Gemini prompt may know about the user: their profile.

Features ask `UserService.profile_context(user=...)`, which renders the profile here.
"""

from typing import Any


def profile_prompt_context(profile: Any | None) -> dict[str, Any]:
    """Currency, time zone, income, goals and risk tolerance, without identity."""
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
