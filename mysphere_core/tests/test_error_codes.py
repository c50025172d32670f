"""The error registry: every code the source can answer is an `ErrorCode`, domain
errors carry members (not free strings), services raise no DRF validation errors,
and the one handler renders domain errors in the house shapes."""

import ast
from pathlib import Path

import pytest
from rest_framework.test import APIRequestFactory

from mysphere_core import errors
from mysphere_core.errors import (
    DomainError,
    ErrorCode,
    InvalidInput,
    NotFoundError,
    PermissionDeniedError,
)
from mysphere_core.exceptions import exception_handler
from mysphere_core.schema import ErrorSerializer

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "mysphere_core",
    "users",
    "expenses",
    "budgets",
    "subscriptions",
    "todos",
    "lists",
    "lending",
    "integrations",
)
# Field-level validation codes never reach an error body's `code`.
FIELD_LEVEL = ("ValidationError",)
# Where DRF's own validation errors belong: the request and response layer.
DRF_LAYER = (
    "serializers",
    "action_serializers",
    "views",
    "fields",
    "filters",
    "parsers",
    "api",
    "exceptions",
)


def _sources() -> list[tuple[Path, ast.Module]]:
    """Every non-test, non-migration module of the project, parsed."""
    found = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts:
                continue
            found.append((path, ast.parse(path.read_text())))
    return found


SOURCES = _sources()


def _called(node: ast.Call) -> str:
    """The called name (`DomainError`, `exceptions.PermissionDenied` -> its last
    part)."""
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _code_literals() -> list[tuple[str, str]]:
    """(where, code) of every error code written as a string in the source."""
    found = []
    for path, tree in SOURCES:
        for node in ast.walk(tree):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call) and _called(node) not in FIELD_LEVEL:
                for keyword in node.keywords:
                    if keyword.arg == "code" and isinstance(
                        keyword.value, ast.Constant
                    ):
                        found.append((where, keyword.value.value))
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if (
                        isinstance(key, ast.Constant)
                        and key.value == "code"
                        and isinstance(value, ast.Constant)
                        and isinstance(value.value, str)
                    ):
                        found.append((where, value.value))
    return found


def test_every_code_the_source_names_is_in_the_registry():
    literals = _code_literals()
    assert literals, "the scan found nothing: it is broken"
    unknown = [(where, code) for where, code in literals if code not in set(ErrorCode)]
    assert unknown == []


def test_domain_errors_name_their_code_from_the_enum():
    domain = {cls.__name__ for cls in _subclasses(DomainError)} | {"DomainError"}
    free = []
    for path, tree in SOURCES:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called(node) in domain:
                codes = [k.value for k in node.keywords if k.arg == "code"]
                codes += node.args[1:2]
                free += [
                    f"{path.relative_to(ROOT)}:{node.lineno}"
                    for code in codes
                    if isinstance(code, ast.Constant)
                ]
    assert free == []


def test_services_raise_no_drf_validation_errors():
    drf = []
    for path, tree in SOURCES:
        if path.stem in DRF_LAYER or path.parent.name == "management":
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "ValidationError"
                and getattr(node.func.value, "id", "") in ("exceptions", "serializers")
            ):
                drf.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert drf == []


def _subclasses(cls: type) -> list[type]:
    """Every subclass of `cls`, however deep."""
    direct = cls.__subclasses__()
    return direct + [deeper for sub in direct for deeper in _subclasses(sub)]


def test_an_unknown_code_is_refused():
    with pytest.raises(ValueError):
        DomainError("No.", code="made_up")


def test_the_schema_lists_every_code_with_its_status():
    text = ErrorSerializer().fields["code"].help_text
    for code in ErrorCode:
        assert f"`{code.value}` ({code.status})" in text
    assert errors.described() in text


def _rendered(exc: Exception) -> tuple[int, object]:
    """The handler's answer to `exc` in a view."""
    request = APIRequestFactory().post("/api/anything/")
    response = exception_handler(exc, {"request": request, "view": None})
    return response.status_code, response.data


@pytest.mark.parametrize(
    ("exc", "status", "body"),
    [
        (
            DomainError("Paid already.", ErrorCode.ALREADY_PAID),
            400,
            {"detail": "Paid already.", "code": "already_paid"},
        ),
        (
            InvalidInput("Give a name.", field="name"),
            400,
            {"name": ["Give a name."]},
        ),
        (
            InvalidInput(errors={"items": {"1": {"amount": "Too much."}}}),
            400,
            {"items": {"1": {"amount": ["Too much."]}}},
        ),
        (
            InvalidInput("Write something."),
            400,
            {"detail": "Write something.", "code": "invalid"},
        ),
        (NotFoundError(), 404, {"detail": "Not found.", "code": "not_found"}),
        (
            PermissionDeniedError("Owner only.", ErrorCode.OWNER_ONLY),
            403,
            {"detail": "Owner only.", "code": "owner_only"},
        ),
    ],
)
def test_the_handler_renders_domain_errors_in_the_house_shapes(exc, status, body):
    assert _rendered(exc) == (status, body)
