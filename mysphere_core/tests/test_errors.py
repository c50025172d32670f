"""Every error under /api/ is JSON, whatever went wrong and whatever DEBUG says."""

import json

import pytest
from django.test import Client, RequestFactory

from mysphere_core.exceptions import json_csrf_failure

pytestmark = pytest.mark.django_db


def test_a_body_over_the_upload_limit_is_a_413_in_json(api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = b'{"username": "' + b"x" * 4096 + b'"}'
    resp = api_client.generic(
        "POST", "/api/users/login/", body, content_type="application/json"
    )
    assert resp.status_code == 413
    assert resp["Content-Type"] == "application/json"
    assert resp.json()["code"] == "request_too_large"


def test_a_disallowed_host_is_a_400_in_json():
    resp = Client().get("/api/users/health/", HTTP_HOST="evil.example.com")
    assert resp.status_code == 400
    assert resp.json() == {
        "detail": "The request could not be understood.",
        "code": "bad_request",
    }


def test_a_404_under_api_is_json_even_in_debug(api_client, settings):
    settings.DEBUG = True
    resp = api_client.get("/api/nothing-here/")
    assert resp.status_code == 404
    assert resp.json() == {"detail": "Not found.", "code": "not_found"}


def test_html_accept_gets_json_not_the_browsable_api(auth_client):
    resp = auth_client.get("/api/users/me/", HTTP_ACCEPT="text/html")
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/json"
    assert resp.json()["username"] == "alice"


def test_a_csrf_failure_is_json_outside_the_admin():
    request = RequestFactory().post("/api/users/login/")
    resp = json_csrf_failure(request, reason="CSRF cookie not set.")
    assert resp.status_code == 403
    assert json.loads(resp.content)["code"] == "csrf_failed"
    admin = json_csrf_failure(RequestFactory().post("/admin/login/"), reason="x")
    assert admin["Content-Type"].startswith("text/html")


def test_every_answer_carries_a_request_id(api_client):
    fresh = api_client.get("/health/")
    assert len(fresh["X-Request-ID"]) == 32
    kept = api_client.get("/health/", HTTP_X_REQUEST_ID="trace-42")
    assert kept["X-Request-ID"] == "trace-42"
    forged = api_client.get("/health/", HTTP_X_REQUEST_ID="bad id\nInjected: 1")
    assert forged["X-Request-ID"] != "bad id\nInjected: 1"


def test_json_log_lines_carry_the_request_fields():
    import logging

    from mysphere_core.logs import JSONFormatter

    record = logging.makeLogRecord(
        {
            "name": "mysphere.access",
            "levelname": "INFO",
            "msg": "GET %s 200",
            "args": ("/api/x/",),
            "status": 200,
            "request_id": "abc",
            "user_id": 7,
        }
    )
    line = json.loads(JSONFormatter().format(record))
    assert line["message"] == "GET /api/x/ 200"
    assert line["level"] == "INFO" and line["logger"] == "mysphere.access"
    assert (line["status"], line["request_id"], line["user_id"]) == (200, "abc", 7)
    assert line["time"].endswith("+00:00")


def test_the_access_line_names_the_user_and_request(auth_client, user, caplog):
    caplog.set_level("INFO", logger="mysphere.access")
    resp = auth_client.get("/api/users/me/", HTTP_X_REQUEST_ID="req-1")
    assert resp.status_code == 200
    record = next(r for r in caplog.records if r.name == "mysphere.access")
    assert (record.method, record.path, record.status) == ("GET", "/api/users/me/", 200)
    assert record.user_id == user.pk and record.request_id == "req-1"
    assert record.duration_ms >= 0


def test_the_schema_documents_each_operations_errors():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = schema["paths"]

    def codes(path: str, method: str) -> set[str]:
        return set(paths[path][method]["responses"])

    assert codes("/api/users/me/", "get") == {"200", "401", "429"}
    assert codes("/api/users/login/", "post") >= {"400", "401", "413", "429"}
    assert codes("/api/users/admin/{user_id}/deactivate/", "post") >= {"403", "404"}
    assert codes("/api/users/health/", "get") == {"200", "503"}
    bad = paths["/api/users/me/"]["patch"]["responses"]["400"]
    ref = bad["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/BadRequest")
    field_map = schema["components"]["schemas"]["FieldErrors"]
    messages, nested = field_map["additionalProperties"]["oneOf"]
    assert messages == {"type": "array", "items": {"type": "string"}}
    assert nested["type"] == "object"
    assert codes("/api/expenses/", "get") >= {"400", "414"}
