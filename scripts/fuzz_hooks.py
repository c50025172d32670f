"""Schemathesis hooks of the second fuzz pass (scripts/fuzz_api.sh): the operations
that end a session or an account get a fresh account per case, the admin API an
administrator's token, so no case locks the fuzzer out."""

import itertools
import json
import os
import urllib.request
from typing import Any

import schemathesis

BASE = os.environ["FUZZ_BASE_URL"]
ADMIN_TOKEN = os.environ["FUZZ_ADMIN_TOKEN"]
_numbers = itertools.count()


def _fresh_token() -> str:
    """The access token of a newly registered account."""
    n = next(_numbers)
    body = {
        "username": f"fuzz{os.getpid()}x{n}",
        "email": f"fuzz{os.getpid()}x{n}@example.com",
        "password": "Fuzz-Sphere-2026!",
    }
    request = urllib.request.Request(  # noqa: S310 - the local server under test
        f"{BASE}/api/users/register/",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as resp:  # noqa: S310 - loopback
        return json.load(resp)["access"]


@schemathesis.hook
def before_call(ctx: Any, case: Any, **kwargs: Any) -> None:
    """An administrator's token for the admin API, a fresh account for the rest."""
    path = case.operation.path
    token = ADMIN_TOKEN if path.startswith("/api/users/admin/") else _fresh_token()
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
