"""What every benchmark shares: a production-like Django on a throwaway SQLite."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


SECRET_KEY = "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
# What every benchmark runs the project with (bench/load.py gives its servers these).
BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "mysphere_core.settings",
    "DEBUG": "False",
    "SECRET_KEY": SECRET_KEY,
    "SECURE_SSL_REDIRECT": "False",
    "GEMINI_API_KEY": "",
    "THROTTLE_USER": "1000000/hour",
    "THROTTLE_AI": "1000000/minute",
    # the assistant's 10 a minute would refuse nearly every request of a load run
    "THROTTLE_ASSISTANT": "1000000/minute",
}


def configure(
    db_path: Path | None, *, database_url: str = "", env: dict[str, str] | None = None
) -> None:
    """DEBUG off, no AI key, no throttling in the way, a migrated throwaway database
    (SQLite at `db_path`, or `database_url`).

    `REDIS_URL` and `CACHE_URL` from the environment are kept, so one run can measure
    another cache; by default the embedded one (a table in the database).
    """
    os.environ.update(
        {
            **BENCH_ENV,
            **(env or {}),
            "DATABASE_URL": database_url or f"sqlite:///{db_path}",
            "ALLOWED_HOSTS": "testserver",
            "LOG_LEVEL": "WARNING",
        }
    )
    os.environ.setdefault("REDIS_URL", "")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
