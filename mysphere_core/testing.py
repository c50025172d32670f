"""Test kit: the Gemini stub and the declarative API tests every feature runs.

An app's `tests/test_api.py` declares one class:

    class TestExpenseRoutes(FeatureAPITests):
        feature = "expenses"
        factories = {"expense": lambda user: ExpenseFactory(user=user)}
        list_bounds = {"expense-list": 6, "expense-categories": 6}

and gets, for every route its `urls.py` registers (found from the URL conf: the
ViewSet routes of the feature's own views, those it mounts under another feature's
prefix included, see `mysphere_core/routing.py`):

- health is public and well-formed;
- every route and method answers 401 without a token;
- every detail route and action answers 404 to another user and leaves the
  object unchanged;
- every list named in `list_bounds` stays within its query bound with 30 rows;
- DELETE is soft: the row stays, inactive, and the API no longer shows it.

`factories` maps a router basename to a function making one object of a user; a
route name may have its own factory (a detail route listing an object's rows, e.g.
`"subscription-payments"`: add one row and return the object), and such a list is
bounded at the URL of the last object made. `url_kwargs` gives values for extra URL
parameters (default "1").
Fixtures come from the root `conftest.py` (`make_user`, `client_for`,
`api_client`); nothing here imports a feature app.
"""

import json
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest
from django.apps import apps
from django.core.cache.backends.locmem import LocMemCache
from django.db.models import Model
from django.forms.models import model_to_dict
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from mysphere_core.resilient_cache import ResilientCacheMixin

STUB_API_KEY = "stub-key-never-real-7f3a"
LIST_ROWS = 30


def _gemini_body(kind: str, payload: Any) -> tuple[int, dict[str, Any]]:
    """The status and JSON body Gemini's REST API gives for a queued answer."""
    if kind == "status":
        code, message = payload
        status_name = {429: "RESOURCE_EXHAUSTED", 500: "INTERNAL"}.get(
            code, "FAILED_PRECONDITION"
        )
        return code, {
            "error": {"code": code, "message": message, "status": status_name}
        }
    text = payload if kind == "text" else json.dumps(payload)
    return 200, {
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


class _StubHandler(BaseHTTPRequestHandler):
    """Answers each POST with the stub's next queued answer."""

    stub: "GeminiStub"

    def log_message(self, *args: Any) -> None:
        """Quiet."""

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        """Record the request, wait if asked to, answer as Gemini would."""
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        kind, payload = self.stub.take(
            {
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": json.loads(raw or b"{}"),
            }
        )
        if kind == "delay":
            seconds, payload = payload
            self.stub.release.wait(seconds)
            kind = "json"
        code, body = _gemini_body(kind, payload)
        data = json.dumps(body).encode()
        try:
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client timed out and left


class GeminiStub:
    """A local HTTP server answering Gemini's `generateContent` REST calls from a queue.

    Queue answers with `reply_json`, `reply_text`, `reply_status` and `reply_delay`;
    every request received is recorded in `requests` (path, headers, parsed body).
    An empty queue answers 500, so an unexpected call cannot pass unnoticed.
    """

    def __init__(self) -> None:
        """Start serving on a free port of 127.0.0.1 (`url`)."""
        self.requests: list[dict[str, Any]] = []
        self._queue: deque[tuple[str, Any]] = deque()
        self._lock = threading.Lock()
        self.release = threading.Event()
        handler = type("Handler", (_StubHandler,), {"stub": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(
            target=self.server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
        )
        self._thread.start()

    def take(self, request: dict[str, Any]) -> tuple[str, Any]:
        """Record a request and hand out the next queued answer (500 when none)."""
        with self._lock:
            self.requests.append(request)
            if self._queue:
                return self._queue.popleft()
            return "status", (500, "stub queue is empty")

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
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


# --- declarative API tests ----------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One URL pattern of a feature's router and the methods it answers."""

    name: str
    basename: str
    detail: bool
    lookup: str
    kwargs: tuple[str, ...]
    methods: tuple[str, ...]
    viewset: type
    namespace: str

    def url(self, obj_pk: Any, extra: dict[str, Any]) -> str:
        """The route's URL for the object `obj_pk` (extra parameters from `extra`)."""
        values = {name: extra.get(name, "1") for name in self.kwargs}
        if self.detail:
            values[self.lookup] = obj_pk
        return reverse(f"{self.namespace}:{self.name}", kwargs=values)


def _patterns(
    entries: list[URLPattern | URLResolver], prefix: str, namespace: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    """Every URL pattern below the resolvers, with its full route prefix and
    namespace."""
    for entry in entries:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace) if n)
            yield from _patterns(entry.url_patterns, route, inner)
        else:
            yield route, namespace, entry


def _feature_of_view(view: type) -> str | None:
    """The feature of the app a view class lives in (None outside feature apps)."""
    config = apps.get_containing_app_config(view.__module__)
    return getattr(config, "feature", None)


def feature_routes(feature: str) -> list[Route]:
    """The API's ViewSet routes whose views belong to `feature`: those under
    `/api/<feature>/` and those it mounts under another feature's prefix."""
    routes = []
    for prefix, namespace, pattern in _patterns(get_resolver().url_patterns, ""):
        callback = pattern.callback
        actions = getattr(callback, "actions", None)
        if not prefix.startswith("api/") or not actions:
            continue
        if _feature_of_view(callback.cls) != feature:
            continue
        viewset = callback.cls
        lookup = viewset.lookup_url_kwarg or viewset.lookup_field
        names = tuple(pattern.pattern.regex.groupindex)
        routes.append(
            Route(
                name=pattern.name,
                basename=callback.initkwargs["basename"],
                detail=lookup in names,
                lookup=lookup,
                kwargs=tuple(n for n in names if n not in (lookup, "format")),
                methods=tuple(m for m in actions if m not in ("head", "options")),
                viewset=viewset,
                namespace=namespace,
            )
        )
    return routes


def _snapshot(obj: Model) -> dict[str, Any]:
    """Every field of the row as stored now."""
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    return {**model_to_dict(fresh), "updated_at": getattr(fresh, "updated_at", None)}


class FeatureAPITests:
    """Declare `feature`, `factories` and `list_bounds`; the tests are generated."""

    feature: ClassVar[str] = ""
    factories: ClassVar[dict[str, Callable[[Any], Model]]] = {}
    list_bounds: ClassVar[dict[str, int]] = {}
    url_kwargs: ClassVar[dict[str, Any]] = {}
    # Staff-only routes (the users' administration): a member is refused with a 403,
    # whoever the object belongs to.
    staff_routes: ClassVar[tuple[str, ...]] = ()

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        """Parametrize each test over the routes it applies to."""
        routes = feature_routes(self.feature)
        name = metafunc.function.__name__
        if "route_method" in metafunc.fixturenames:
            cases = [
                (r, m)
                for r in routes
                for m in r.methods
                if name != "test_other_users_object_is_404" or r.detail
            ]
            ids = [f"{m.upper()} {r.name}" for r, m in cases]
            metafunc.parametrize("route_method", cases, ids=ids)
        if "list_route" in metafunc.fixturenames:
            chosen = [r for r in routes if r.name in self.list_bounds]
            missing = set(self.list_bounds) - {r.name for r in chosen}
            assert not missing, f"list_bounds names unknown routes: {missing}"
            metafunc.parametrize("list_route", chosen, ids=[r.name for r in chosen])
        if "deletable" in metafunc.fixturenames:
            chosen = [r for r in routes if r.detail and "delete" in r.methods]
            chosen = [r for r in chosen if r.name == f"{r.basename}-detail"]
            metafunc.parametrize("deletable", chosen, ids=[r.basename for r in chosen])

    def _make(self, route: Route, user: Any) -> Model:
        """One object of `user` for the route (its own factory, else its basename's)."""
        factory = self.factories.get(route.name) or self.factories.get(route.basename)
        assert factory, f"declare factories['{route.basename}']"
        return factory(user)

    def test_health_is_public_and_well_formed(self, api_client: Any) -> None:
        """`GET /api/<feature>/health/` needs no token and says what it checked."""
        resp = api_client.get(f"/api/{self.feature}/health/")
        assert resp.status_code == 200
        body = resp.json()
        assert body["feature"] == self.feature
        assert body["status"] == "healthy"
        assert body["database"] == "connected"
        assert body["ai_service"] in ("configured", "not_configured", "disabled")
        assert body["timestamp"]

    def test_every_route_requires_a_token(self, api_client: Any, route_method) -> None:
        """Without a token every route and method is a 401, whatever the object."""
        route, method = route_method
        url = route.url(1, self.url_kwargs)
        resp = getattr(api_client, method)(url, {}, format="json")
        assert resp.status_code == 401, (method, url, resp.content[:200])
        assert resp.json()["code"] == "not_authenticated"

    def test_other_users_object_is_404(
        self, make_user: Callable, client_for: Callable, route_method
    ) -> None:
        """Another user's object is a 404 on every detail route (a 403 on a staff
        route), and stays as it was."""
        route, method = route_method
        owner, stranger = make_user(), make_user()
        obj = self._make(route, owner)
        before = _snapshot(obj)
        url = route.url(obj.pk, self.url_kwargs)
        resp = getattr(client_for(stranger), method)(url, {}, format="json")
        status, code = (
            (403, "permission_denied")
            if route.name in self.staff_routes
            else (404, "not_found")
        )
        assert resp.status_code == status, (method, url, resp.content[:200])
        assert resp.json()["code"] == code
        assert _snapshot(obj) == before

    def test_list_stays_within_its_query_bound(
        self,
        make_user: Callable,
        client_for: Callable,
        django_assert_max_num_queries: Callable,
        list_route: Route,
    ) -> None:
        """With 30 rows the list costs no more queries than declared."""
        user = make_user()
        made = [self._make(list_route, user) for _ in range(LIST_ROWS)]
        client = client_for(user)
        owner_pk = made[-1].pk if list_route.detail else None
        url = list_route.url(owner_pk, self.url_kwargs)
        with django_assert_max_num_queries(self.list_bounds[list_route.name]):
            resp = client.get(url)
        assert resp.status_code == 200, resp.content[:200]

    def test_delete_is_soft(
        self, make_user: Callable, client_for: Callable, deletable: Route
    ) -> None:
        """DELETE keeps the row (inactive) and the API no longer shows it."""
        user = make_user()
        obj = self._make(deletable, user)
        client = client_for(user)
        url = deletable.url(obj.pk, self.url_kwargs)
        assert client.delete(url).status_code == 204
        row = type(obj)._default_manager.get(pk=obj.pk)
        assert row.is_active is False
        assert client.get(url).status_code == 404


def _fails_while_down(name: str) -> Callable[..., Any]:
    """LocMemCache's method `name`, failing like a stopped Redis while down."""
    original = getattr(LocMemCache, name)

    def method(self: "_StoppableLocMem", *args: Any, **kwargs: Any) -> Any:
        self._check()
        return original(self, *args, **kwargs)

    method.__name__ = name
    method.__doc__ = f"LocMemCache.{name}, failing while the cache is down."
    return method


class _StoppableLocMem(LocMemCache):
    """Local memory that fails like a stopped Redis while `down`."""

    down: ClassVar[bool] = False

    def _check(self) -> None:
        """ConnectionError while down."""
        if _StoppableLocMem.down:
            raise ConnectionError("the cache is down")

    get = _fails_while_down("get")
    get_many = _fails_while_down("get_many")
    set = _fails_while_down("set")
    add = _fails_while_down("add")
    set_many = _fails_while_down("set_many")
    incr = _fails_while_down("incr")


class StoppableCache(ResilientCacheMixin, _StoppableLocMem):
    """The resilient cache over local memory that tests can stop and start
    (`StoppableCache.stop()`, `.start()`): a Redis outage on SQLite."""

    @staticmethod
    def stop() -> None:
        """Every cache call fails from now on."""
        _StoppableLocMem.down = True

    @staticmethod
    def start() -> None:
        """The cache answers again (with what it held before)."""
        _StoppableLocMem.down = False
