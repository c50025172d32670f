"""Fixtures every app's tests share: API clients, users, clean cache, Gemini stub."""

import json
import threading
from collections import deque
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from users.services import UserService

DEFAULT_PASSWORD = "Sphere-Pass-2026!"
STUB_API_KEY = "stub-key-never-real-7f3a"


@pytest.fixture(autouse=True)
def _isolated_settings(settings) -> Iterator[None]:
    """Each test: empty cache (throttles, AI caches), fast hashing, AI off-network.

    With no key, every AI path answers from its fallback; the base URL points at a
    closed local port so nothing could reach Google even if a key leaked in.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.GEMINI_API_KEY = ""
    settings.GEMINI_BASE_URL = "http://127.0.0.1:9"
    settings.AI_INSIGHTS_ENABLED = True
    settings.AI_MAX_CALLS_PER_DAY = 3
    settings.AI_MAX_PARSE_CALLS_PER_DAY = 50
    settings.FEATURE_FLAGS = dict.fromkeys(settings.FEATURE_FLAGS, True)
    cache.clear()
    yield
    cache.clear()


class GeminiStub:
    """A local HTTP server answering Gemini's `generateContent` REST calls from a queue.

    Queue answers with `reply_json`, `reply_text`, `reply_status` and `reply_delay`;
    every request received is recorded in `requests` (path, headers, parsed body).
    An empty queue answers 500, so an unexpected call cannot pass unnoticed.
    """

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self._queue: deque[tuple[str, Any]] = deque()
        self._lock = threading.Lock()
        self._release = threading.Event()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                """Quiet."""

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length)
                with stub._lock:
                    stub.requests.append(
                        {
                            "path": self.path,
                            "headers": {k.lower(): v for k, v in self.headers.items()},
                            "body": json.loads(raw or b"{}"),
                        }
                    )
                    kind, payload = (
                        stub._queue.popleft()
                        if stub._queue
                        else ("status", (500, "stub queue is empty"))
                    )
                if kind == "delay":
                    seconds, payload = payload
                    stub._release.wait(seconds)
                    kind = "json"
                if kind == "status":
                    code, message = payload
                    status_name = {429: "RESOURCE_EXHAUSTED", 500: "INTERNAL"}.get(
                        code, "FAILED_PRECONDITION"
                    )
                    body = {
                        "error": {
                            "code": code,
                            "message": message,
                            "status": status_name,
                        }
                    }
                else:
                    code = 200
                    text = payload if kind == "text" else json.dumps(payload)
                    body = {
                        "candidates": [
                            {
                                "content": {"role": "model", "parts": [{"text": text}]},
                                "finishReason": "STOP",
                                "index": 0,
                            }
                        ],
                        "usageMetadata": {
                            "promptTokenCount": 1,
                            "candidatesTokenCount": 1,
                            "totalTokenCount": 2,
                        },
                        "modelVersion": "stub",
                    }
                data = json.dumps(body).encode()
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and left

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(
            target=self.server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
        )
        self._thread.start()

    def reply_json(self, payload: Any) -> None:
        """Queue a successful answer whose text is `payload` as JSON."""
        self._queue.append(("json", payload))

    def reply_text(self, text: str) -> None:
        """Queue a successful answer whose text is `text` verbatim (e.g. not JSON)."""
        self._queue.append(("text", text))

    def reply_status(self, code: int, message: str = "stub error") -> None:
        """Queue an error answer with this HTTP status."""
        self._queue.append(("status", (code, message)))

    def reply_delay(self, seconds: float, payload: Any) -> None:
        """Queue an answer that arrives only after `seconds`."""
        self._queue.append(("delay", (seconds, payload)))

    def prompts(self) -> list[str]:
        """The prompt text of every request received."""
        return [
            "".join(p.get("text", "") for p in r["body"]["contents"][0]["parts"])
            for r in self.requests
        ]

    def stop(self) -> None:
        """Shut the server down, cutting any pending delay short."""
        self._release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gemini_stub(settings) -> Iterator[GeminiStub]:
    """A running Gemini stub with the real SDK pointed at it (key set, 5 s timeout)."""
    stub = GeminiStub()
    settings.GEMINI_API_KEY = STUB_API_KEY
    settings.GEMINI_BASE_URL = stub.url
    settings.AI_TIMEOUT_SECONDS = 5
    yield stub
    stub.stop()


@pytest.fixture
def api_client() -> APIClient:
    """An anonymous API client."""
    return APIClient()


@pytest.fixture
def make_user(db) -> Callable:
    """Create a user (with profile) through the service, as registration does."""
    counter = {"n": 0}

    def _make(username: str | None = None, **kwargs) -> object:
        counter["n"] += 1
        name = username or f"user{counter['n']}"
        return UserService.register(
            username=name,
            email=kwargs.pop("email", f"{name}@example.com"),
            password=kwargs.pop("password", DEFAULT_PASSWORD),
            profile=kwargs.pop("profile", None),
            **kwargs,
        )

    return _make


@pytest.fixture
def user(make_user) -> object:
    """The main test user."""
    return make_user("alice")


@pytest.fixture
def other_user(make_user) -> object:
    """Another user whose data must stay invisible."""
    return make_user("bob")


def _client_for(user: object) -> APIClient:
    client = APIClient()
    access = UserService.tokens_for(user=user)["access"]
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


@pytest.fixture
def auth_client(user) -> APIClient:
    """An API client carrying a real JWT of `user`."""
    return _client_for(user)


@pytest.fixture
def other_client(other_user) -> APIClient:
    """An API client carrying a real JWT of `other_user`."""
    return _client_for(other_user)
