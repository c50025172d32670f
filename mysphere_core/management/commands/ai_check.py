"""`python manage.py ai_check`: one real Gemini call to verify the key and model."""

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mysphere_core import ai

CHECK_SCHEMA = {
    "type": "object",
    "properties": {"ok": {"type": "boolean"}},
    "required": ["ok"],
}


class Command(BaseCommand):
    """Call Gemini once with the configured key and model; print OK and the latency."""

    help = "Verify the Gemini key and model with one real call."

    def handle(self, *args: Any, **options: Any) -> None:
        """Run the check; exit non-zero on failure."""
        status = ai.service_status()
        if status != "configured":
            raise CommandError(
                f"AI is {status.replace('_', ' ')}: set GEMINI_API_KEY "
                "(and AI_INSIGHTS_ENABLED=True) in .env."
            )
        started = time.monotonic()
        try:
            answer = ai.generate_json('Reply with the JSON {"ok": true}.', CHECK_SCHEMA)
        except ai.AIUnavailable as exc:
            cause = exc.__cause__
            detail = f" ({type(cause).__name__}: {cause})" if cause else ""
            raise CommandError(
                f"Gemini call to model {settings.AI_MODEL} failed: {exc.reason}{detail}"
            ) from exc
        latency_ms = (time.monotonic() - started) * 1000
        self.stdout.write(
            self.style.SUCCESS(
                f"OK: model {settings.AI_MODEL} answered {answer} "
                f"in {latency_ms:.0f} ms"
            )
        )
