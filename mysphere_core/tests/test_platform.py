"""The shared platform: health, readiness, API docs, error shape, settings guards."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DatabaseError

from mysphere_core import health
from mysphere_core.schedule import beat_schedule

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_health_is_public_and_complete(api_client, settings):
    settings.GEMINI_API_KEY = "secret-key-value"
    settings.AI_INSIGHTS_ENABLED = True
    resp = api_client.get("/health/")
    assert resp.status_code == 200
    body = resp.json()
    assert body["status"] == "healthy"
    assert body["checks"]["database"] == "healthy"
    assert body["checks"]["cache"] == "healthy"
    assert body["checks"]["ai_service"] == "configured"
    assert body["checks"]["features"]["expense_ai_insights"] is True
    assert set(body["system"]) >= {"python_version", "django_version"}
    assert "secret-key-value" not in resp.content.decode()


@pytest.mark.parametrize(
    "key, enabled, expected",
    [("", True, "not_configured"), ("k", False, "disabled"), ("k", True, "configured")],
)
def test_health_reports_ai_state(api_client, settings, key, enabled, expected):
    settings.GEMINI_API_KEY = key
    settings.AI_INSIGHTS_ENABLED = enabled
    assert api_client.get("/health/").json()["checks"]["ai_service"] == expected


def _broken_cursor(*args, **kwargs):
    raise DatabaseError("connection refused")


def test_health_is_503_when_the_database_is_down(api_client, monkeypatch):
    monkeypatch.setattr(health.connection, "cursor", _broken_cursor)
    resp = api_client.get("/health/")
    assert resp.status_code == 503
    assert resp.json()["status"] == "unhealthy"
    assert resp.json()["checks"]["database"] == "unhealthy"
    assert api_client.get("/ready/").status_code == 503


def test_ready(api_client):
    resp = api_client.get("/ready/")
    assert resp.status_code == 200
    assert resp.json()["status"] == "ready"


def test_feature_health_is_503_when_its_table_is_unreachable(api_client, monkeypatch):
    from users.models import UserProfileModel

    def _fail(*args, **kwargs):
        raise DatabaseError("no such table")

    monkeypatch.setattr(UserProfileModel._default_manager.__class__, "exists", _fail)
    resp = api_client.get("/api/users/health/")
    assert resp.status_code == 503
    assert resp.json()["status"] == "unhealthy"


def test_swagger_ui_uses_only_local_assets(api_client):
    resp = api_client.get("/api/docs/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "swagger-ui" in html
    assert "drf_spectacular_sidecar" in html
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
    assert "https://" not in html.split("<body")[0]


def test_redoc_uses_only_local_assets(api_client):
    html = api_client.get("/api/redoc/").content.decode()
    assert "drf_spectacular_sidecar" in html
    assert "https://" not in html and "http://" not in html


def test_sidecar_static_asset_is_served(client):
    resp = client.get(
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"
    )
    assert resp.status_code == 200


def test_schema_has_jwt_security_scheme(api_client):
    resp = api_client.get("/api/schema/", {"format": "json"})
    assert resp.status_code == 200
    schema = resp.json()
    scheme = schema["components"]["securitySchemes"]["jwtAuth"]
    assert scheme == {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}


def test_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert out.stat().st_size > 1000


def test_unknown_route_is_json_404(auth_client):
    resp = auth_client.get("/api/users/nope/")
    assert resp.status_code == 404
    assert resp["Content-Type"] == "application/json"
    assert resp.json() == {"detail": "Not found.", "code": "not_found"}


# Explicit values, so that a developer's .env cannot fill them in.
CLEAN_ENV = {
    "PATH": "/usr/bin:/bin",
    "DJANGO_SETTINGS_MODULE": "mysphere_core.settings",
    "SECRET_KEY": "",
    "DATABASE_URL": "",
    "REDIS_URL": "",
    "CELERY_BROKER_URL": "",
}


def _settings_import(env: dict) -> subprocess.CompletedProcess:
    base = CLEAN_ENV
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("key", ["", "change-me", "django-insecure-" + "x" * 40])
def test_production_refuses_a_missing_or_placeholder_secret_key(key):
    proc = _settings_import(
        {"DEBUG": "False", "ALLOWED_HOSTS": "example.com", "SECRET_KEY": key}
    )
    assert proc.returncode != 0
    assert "SECRET_KEY" in proc.stderr


def test_production_refuses_empty_allowed_hosts():
    proc = _settings_import(
        {"DEBUG": "False", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": ""}
    )
    assert proc.returncode != 0
    assert "ALLOWED_HOSTS" in proc.stderr


def test_check_deploy_is_clean_in_production_env():
    proc = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **CLEAN_ENV,
            "DEBUG": "False",
            "SECRET_KEY": "p" * 20 + "Q7#x" * 12,
            "ALLOWED_HOSTS": "api.example.com",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_seed_demo_creates_a_user_who_can_log_in(api_client):
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent: the second run changes nothing
    resp = api_client.post(
        "/api/users/login/",
        {"username": "demo", "password": "Demo-Sphere-2026!"},
        format="json",
    )
    assert resp.status_code == 200
    assert resp.json()["user"]["profile"]["timezone"] == "America/New_York"


def test_ai_usage_admin_is_read_only(client, make_user):
    from mysphere_core.models import AIUsageModel

    admin_user = make_user("root")
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    AIUsageModel.objects.create(
        user=admin_user, feature="expenses", day="2026-11-22", calls=2
    )
    client.force_login(admin_user)
    listing = client.get("/admin/mysphere_core/aiusagemodel/")
    assert listing.status_code == 200
    assert "expenses" in listing.content.decode()
    assert client.get("/admin/mysphere_core/aiusagemodel/add/").status_code == 403


def test_cors_allows_the_react_dev_server(api_client):
    resp = api_client.options(
        "/api/users/login/",
        HTTP_ORIGIN="http://localhost:3000",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert resp["Access-Control-Allow-Origin"] == "http://localhost:3000"
    evil = api_client.options(
        "/api/users/login/",
        HTTP_ORIGIN="http://evil.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "Access-Control-Allow-Origin" not in evil


def test_celery_runs_tasks_eagerly_in_tests(settings):
    from mysphere_core.celery import app

    assert app.conf.task_always_eager is True
    assert app.conf.beat_schedule == beat_schedule()
    assert "todos-send-reminders" in app.conf.beat_schedule


def test_celery_is_eager_exactly_when_no_broker_is_configured():
    probe = (
        "from django.conf import settings; "
        "print(settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL)"
    )
    base = {**CLEAN_ENV, "DEBUG": "True", "SECRET_KEY": "k" * 50}
    for extra, expected in [
        ({}, "True "),
        ({"REDIS_URL": "redis://127.0.0.1:6379/0"}, "False redis://127.0.0.1:6379/0"),
    ]:
        proc = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", probe],
            cwd=ROOT,
            env={**base, **extra},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.stdout.strip().splitlines()[-1] == expected.strip(), proc.stderr


@pytest.mark.parametrize(
    "extra, expected",
    [
        ({}, "60 True"),
        ({"DATABASE_URL": "postgres://u:p@127.0.0.1:5432/db"}, "60 True"),
        ({"CONN_MAX_AGE": "0"}, "0 True"),
        (
            {"DATABASE_URL": "postgres://u:p@127.0.0.1:5432/db", "CONN_MAX_AGE": "0"},
            "0 True",
        ),
        ({"CONN_MAX_AGE": "30"}, "30 True"),
    ],
)
def test_connections_are_kept_by_default_on_every_database(extra, expected):
    probe = (
        "from django.conf import settings; db = settings.DATABASES['default']; "
        "print(db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'])"
    )
    proc = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", probe],
        cwd=ROOT,
        env={**CLEAN_ENV, "DEBUG": "True", "SECRET_KEY": "k" * 50, **extra},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.stdout.strip().splitlines()[-1] == expected, proc.stderr


def test_validation_errors_keep_the_field_map_and_others_are_detail_code(
    api_client, auth_client
):
    bad = api_client.post("/api/users/register/", {"email": "nope"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["email"] == ["Enter a valid email address."]
    unauth = api_client.get("/api/users/me/")
    assert unauth.json() == {
        "detail": "Authentication credentials were not provided.",
        "code": "not_authenticated",
    }
    wrong_method = auth_client.put("/api/users/me/", {}, format="json")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["code"] == "method_not_allowed"


@pytest.mark.parametrize(
    "feature, table",
    [
        ("users", "user_profiles"),
        ("expenses", "expenses"),
        ("subscriptions", "subscriptions"),
    ],
)
def test_every_feature_health_endpoint(api_client, feature, table):
    resp = api_client.get(f"/api/{feature}/health/")
    assert resp.status_code == 200
    body = resp.json()
    assert body["feature"] == feature
    assert body["status"] == "healthy"
    assert body["database"] == "connected"
    assert body["table"] == table
    assert body["ai_service"] == "not_configured"
    assert "timestamp" in body


def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
