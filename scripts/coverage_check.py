"""Each app's services module is covered at least SERVICES_FLOOR percent.

Run after `pytest --cov` (what `make test-backend` does): reads the coverage data
(`COVERAGE_FILE`, `.coverage` by default), prints the total and one line per
`<app>/services.py`, and exits 1 when one is under the floor. The floor of the
whole project is `fail_under` in pyproject.toml, checked by pytest-cov itself.
"""

import io
import sys
from pathlib import Path

import coverage

ROOT = Path(__file__).resolve().parents[1]
SERVICES_FLOOR = 90.0


def services_modules() -> list[Path]:
    """Every app's `services.py`, by path."""
    return sorted(ROOT.glob("*/services.py"))


def percent(cov: coverage.Coverage, path: Path) -> float:
    """The share of `path`'s statements the suite ran (0 when it never ran)."""
    try:
        return cov.report(include=[str(path)], file=io.StringIO())
    except coverage.exceptions.NoDataError:
        return 0.0


def main() -> int:
    """Print the figures; 1 when a services module is under the floor."""
    cov = coverage.Coverage(config_file=str(ROOT / "pyproject.toml"))
    cov.load()
    total = cov.report(file=io.StringIO())
    print(f"coverage: {total:.1f} % of the project's statements")
    under = []
    for path in services_modules():
        share = percent(cov, path)
        print(f"  {path.relative_to(ROOT)}: {share:.1f} %")
        if share < SERVICES_FLOOR:
            under.append(path.relative_to(ROOT))
    if under:
        names = ", ".join(map(str, under))
        print(f"under {SERVICES_FLOOR:.0f} %: {names}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
