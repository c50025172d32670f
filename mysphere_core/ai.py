"""The one Gemini gateway (google-genai)."""

from django.conf import settings


def service_status() -> str:
    """`configured`, `not_configured` or `disabled`: never the key itself."""
    if not settings.AI_INSIGHTS_ENABLED:
        return "disabled"
    return "configured" if settings.GEMINI_API_KEY else "not_configured"
