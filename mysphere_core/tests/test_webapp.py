"""The web app served at `/` from its build folder, beside the API."""

from pathlib import Path

import pytest
from django.test import Client

from mysphere_core.webapp_headers import APP_CSP

INDEX = b'<!doctype html><html><body><div id="root"></div></body></html>'
ASSET = "/assets/index-AbC12345.js"
NOT_FOUND = {"detail": "Not found.", "code": "not_found"}


def _build(folder: Path) -> None:
    """A fake Vite build: index.html, a hashed asset, the PWA files."""
    (folder / "assets").mkdir(parents=True)
    (folder / "index.html").write_bytes(INDEX)
    (folder / "assets" / "index-AbC12345.js").write_text("console.log('app')")
    (folder / "sw.js").write_text("self.addEventListener('fetch', () => {})")
    (folder / "manifest.webmanifest").write_text('{"name": "MY SPHERE"}')


@pytest.fixture
def web_dir(tmp_path, settings) -> Path:
    """An empty build folder set as the app's (a client made afterwards lists it)."""
    folder = tmp_path / "dist"
    settings.WEB_APP_DIR = folder
    settings.WHITENOISE_ROOT = folder
    return folder


@pytest.fixture
def web(web_dir) -> Client:
    """A client of a server whose app is built (whitenoise lists the folder at the
    client's first request, as a process does when it starts)."""
    _build(web_dir)
    return Client()


def _assert_app_page(resp) -> None:
    assert resp["Content-Type"].replace('"', "") == "text/html; charset=utf-8"
    assert resp["Cache-Control"] == "no-cache"
    assert resp["Content-Security-Policy"] == APP_CSP
    assert resp["X-Frame-Options"] == "DENY"
    assert resp["Referrer-Policy"] == "same-origin"
    assert resp["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/login", "/expenses/123", "/reset-password/"])
def test_app_routes_answer_the_index(web, path):
    resp = web.get(path, {"uid": "x", "token": "y"})
    assert resp.status_code == 200
    assert resp.content == INDEX
    _assert_app_page(resp)


def test_the_csp_allows_no_inline_script_and_no_other_origin():
    assert "script-src 'self';" in APP_CSP
    assert "connect-src 'self';" in APP_CSP
    assert "frame-ancestors 'none'" in APP_CSP
    assert "http" not in APP_CSP


def test_head_and_revalidation(web):
    assert web.head("/login").status_code == 200
    etag = web.get("/login")["ETag"]
    again = web.get("/home", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


def test_other_methods_on_app_routes_are_405_json(web):
    resp = web.post("/login", {"a": 1})
    assert resp.status_code == 405
    assert resp["Allow"] == "GET, HEAD"
    assert resp.json()["code"] == "method_not_allowed"


def test_hashed_assets_are_cached_for_good(web):
    resp = web.get(ASSET)
    assert resp.status_code == 200
    assert resp["Cache-Control"] == "max-age=315360000, public, immutable"
    assert b"".join(resp.streaming_content) == b"console.log('app')"


def test_the_other_build_files_are_revalidated(web):
    worker = web.get("/sw.js")
    assert worker.status_code == 200
    assert worker["Cache-Control"] == "no-cache"
    manifest = web.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    assert manifest["Cache-Control"] == "no-cache"
    index = web.get("/index.html")  # straight from whitenoise: the same headers
    _assert_app_page(index)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/api/nope/", "/foo.txt", "/assets/index-Gone9999.js", "/static/nope.css"],
)
def test_api_dotted_and_excluded_paths_keep_the_json_404(web, path):
    resp = web.get(path)
    assert resp.status_code == 404
    assert resp.json() == NOT_FOUND


@pytest.mark.django_db
def test_admin_health_docs_and_statics_are_untouched(web):
    assert web.get("/admin/").url == "/admin/login/?next=/admin/"
    login = web.get("/admin/login/")
    assert b"csrfmiddlewaretoken" in login.content
    assert "Content-Security-Policy" not in login
    assert web.get("/health/").json()["status"] == "healthy"
    docs = web.get("/api/docs/")
    assert docs.status_code == 200
    assert "Content-Security-Policy" not in docs
    bundle = web.get(
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"
    )
    assert bundle["Cache-Control"] == "max-age=60, public"


def test_a_server_without_the_build_says_how_to_build_it(web_dir):
    resp = Client().get("/login")
    assert resp.status_code == 503
    assert b"make web" in resp.content
    _assert_app_page(resp)


def test_autorefresh_sees_a_build_made_after_start(web_dir, settings):
    settings.WHITENOISE_AUTOREFRESH = True
    client = Client()
    assert client.get("/").status_code == 503
    _build(web_dir)
    assert client.get("/").content == INDEX
    assert client.get(ASSET)["Cache-Control"].endswith("immutable")
