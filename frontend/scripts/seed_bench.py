"""The bench-web user: `bench10k` with 10,000 expenses over three years, seeded into the
database of the server bench-web started (bench/expenses_bench.py's seed: bulk insert,
then the monthly rollups rebuilt). Run by scripts/bench-web.ts with that server's
DATABASE_URL; the password is Bench-Pass-2026!."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysphere_core.settings")

import django  # noqa: E402

django.setup()

from expenses_bench import seed  # noqa: E402

seed(10_000, username="bench10k")
