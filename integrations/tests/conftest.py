"""Fixtures of the integrations tests: a real webhook receiver on 127.0.0.1; the
assistant's known week."""

import threading
from collections import deque
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


class _ReceiverHandler(BaseHTTPRequestHandler):
    """Records each POST and answers the receiver's next queued status."""

    receiver: "Receiver"

    def log_message(self, *args: Any) -> None:
        """Quiet."""

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        """Record the request; answer the next status (200 when none queued)."""
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        code, delay, location = self.receiver.take(
            {"headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
        )
        if delay:
            self.receiver.release.wait(delay)
        try:
            self.send_response(code)
            if location:
                self.send_header("Location", location)
            payload = b"x" * 5000 if code >= 500 else b'{"ok": true}'
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass


class Receiver:
    """A local HTTP server standing in for a customer's webhook endpoint."""

    def __init__(self) -> None:
        """Serve on a free port of 127.0.0.1."""
        self.requests: list[dict[str, Any]] = []
        self._answers: deque[tuple[int, float, str]] = deque()
        self._lock = threading.Lock()
        self.release = threading.Event()
        handler = type("Handler", (_ReceiverHandler,), {"receiver": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}
        )
        self._thread.daemon = True
        self._thread.start()

    def take(self, request: dict[str, Any]) -> tuple[int, float, str]:
        """Record a request and hand out the next answer."""
        with self._lock:
            self.requests.append(request)
            return self._answers.popleft() if self._answers else (200, 0, "")

    def answer(
        self, code: int, times: int = 1, *, delay: float = 0, location: str = ""
    ) -> None:
        """Queue `times` answers with this status."""
        self._answers.extend([(code, delay, location)] * times)

    def stop(self) -> None:
        """Shut down."""
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings) -> Iterator[Receiver]:
    """A webhook receiver on loopback, reachable (WEBHOOK_ALLOW_PRIVATE on)."""
    settings.WEBHOOK_ALLOW_PRIVATE = True
    server = Receiver()
    yield server
    server.stop()


@pytest.fixture
def week(frozen, auth_client):
    """The signed-in user's known week (`assistant_week.py`)."""
    from integrations.tests.assistant_week import seed_week

    seed_week(auth_client)
    return auth_client
