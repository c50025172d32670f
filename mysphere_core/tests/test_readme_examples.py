"""Every shell example of the READMEs runs against a live server.

The fenced `bash`/`sh` blocks that call curl are taken from the root README first (it
registers a fresh user and defines `$ACCESS`), then from every app's README and
`docs/`, and run in that order in one bash session against the test server: curl
fails the run on any answer that is not 2xx, and the output names the block.
`make readme-examples` runs this file alone.
"""

import re
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from integrations import webhooks

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^```(?:bash|sh)\n(.*?)^```", re.MULTILINE | re.DOTALL)
# A command line that calls curl (not a comment that names it).
CALLS_CURL = re.compile(r"^\s*(?:[A-Z_]+=\$\()?curl\s", re.MULTILINE)
# Every curl fails on an HTTP error and says why; nothing waits for long.
PREAMBLE = """set -euo pipefail
curl() { command curl --fail-with-body --silent --show-error --max-time 30 "$@"; }
"""
EXAMPLE_HOST = "hooks.example.com"


def readmes() -> list[Path]:
    """The READMEs whose examples run: the root one first, then the others by path."""
    others = sorted(ROOT.glob("*/README.md")) + sorted(ROOT.glob("docs/*.md"))
    return [ROOT / "README.md", *others]


def shell_examples(path: Path) -> list[tuple[str, str]]:
    """(where, code) of each fenced bash/sh block of `path` with a curl command
    (blocks of make targets are not run)."""
    text = path.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        if CALLS_CURL.search(match.group(1)):
            line = text.count("\n", 0, match.start()) + 1
            found.append((f"{path.relative_to(ROOT)}:{line}", match.group(1)))
    return found


def script_for(base: str) -> str:
    """One bash script running every example against `base` (host:port), each block
    announced before it runs and acknowledged after."""
    parts = [PREAMBLE]
    for path in readmes():
        for where, code in shell_examples(path):
            code = code.replace("localhost:8000", base)
            parts.append(f"echo '### {where}'\n{code}\necho; echo 'ok {where}'\n")
    return "\n".join(parts)


def test_examples_are_found() -> None:
    """The root README defines `$ACCESS` before any example uses it."""
    first_where, first = shell_examples(ROOT / "README.md")[0]
    assert "ACCESS=$(" in first, first_where
    examples = [example for path in readmes() for example in shell_examples(path)]
    assert len(examples) >= 10
    # Blocks of make targets (`make test`, `make run`) are documentation, never run.
    assert not [where for where, code in examples if re.search(r"^make ", code, re.M)]


@pytest.fixture
def public_example_host(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """`hooks.example.com` resolves to a public address and its deliveries are
    answered 200 without the network; the list collects the URLs posted to."""
    real = socket.getaddrinfo
    posted: list[str] = []

    def getaddrinfo(host: str, *args: object, **kwargs: object) -> list:
        if host == EXAMPLE_HOST:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 443))]
        return real(host, *args, **kwargs)

    def post(url: str, secret: str, delivery: object) -> webhooks.Outcome:
        posted.append(url)
        return webhooks.Outcome(ok=True, status_code=200)

    monkeypatch.setattr(webhooks.socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(webhooks, "post", post)
    return posted


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_every_readme_example_answers_2xx(
    live_server: object, public_example_host: list[str], tmp_path: Path
) -> None:
    """Run every example in order; each block must finish with every call 2xx."""
    base = live_server.url.removeprefix("http://")
    script = script_for(base)
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    for path in readmes():
        for where, _ in shell_examples(path):
            assert f"ok {where}" in result.stdout, output[-3000:]
