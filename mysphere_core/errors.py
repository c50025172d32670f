"""Domain errors and the one registry of error codes; nothing here depends on DRF.

Services, receivers, Celery tasks, the admin and the assistant raise and catch
`DomainError`s; the API's one exception handler (`exceptions.py`) renders them:

    raise DomainError("This payment is paid already.", ErrorCode.ALREADY_PAID)
        -> 400 {"detail": "This payment is paid already.", "code": "already_paid"}
    raise InvalidInput("Give at least one expense.", field="expenses")
        -> 400 {"expenses": ["Give at least one expense."]}
    raise InvalidInput(errors={"expenses": {"1": {"amount": ["…"]}}})
        -> 400 the field map as given

Every code a client can meet in an error body's `code` is an `ErrorCode` member,
with its HTTP status and its meaning (documented in the schema); a code outside the
enum is a programming error (ValueError), and a test checks every code the source
names.
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404


class ErrorCode(StrEnum):
    """An error body's `code`, its HTTP status and what it means."""

    status: int
    meaning: str

    def __new__(cls, code: str, status: int, meaning: str) -> "ErrorCode":
        """A member whose value is the code, carrying its status and meaning."""
        member = str.__new__(cls, code)
        member._value_ = code
        member.status = status
        member.meaning = meaning
        return member

    # 400: the request is refused; `detail` says what to change.
    INVALID = ("invalid", 400, "The request breaks a rule; `detail` says which.")
    BAD_REQUEST = ("bad_request", 400, "The request could not be understood.")
    PARSE_ERROR = ("parse_error", 400, "The body is not valid JSON (or too deep).")
    LIMIT_EXCEEDED = ("limit_exceeded", 400, "A per-user limit has been reached.")
    LINKED_EXPENSE = (
        "linked_expense",
        400,
        "The expense was recorded by another object (a payment, a shop, a loan): "
        "change or delete it there.",
    )
    ALREADY_PAID = ("already_paid", 400, "That billing cycle is paid already.")
    NOT_REFUNDABLE = ("not_refundable", 400, "The payment cannot be refunded.")
    INVALID_TRANSITION = (
        "invalid_transition",
        400,
        "The object's status does not allow this change.",
    )
    OPEN_SUBTASKS = ("open_subtasks", 400, "The task still has open subtasks.")
    BUDGET_CLOSED = ("budget_closed", 400, "The month's budget is closed.")
    NOTHING_CHECKED = ("nothing_checked", 400, "No item of the list is checked.")
    RESTORE_WINDOW_PASSED = (
        "restore_window_passed",
        400,
        "The deleted object can no longer be restored: its undo window is over.",
    )
    INVALID_IDEMPOTENCY_KEY = (
        "invalid_idempotency_key",
        400,
        "The Idempotency-Key header is malformed.",
    )
    # 401: who is asking is unknown.
    NOT_AUTHENTICATED = ("not_authenticated", 401, "Sign in: no credentials sent.")
    AUTHENTICATION_FAILED = (
        "authentication_failed",
        401,
        "The credentials were refused.",
    )
    INVALID_CREDENTIALS = (
        "invalid_credentials",
        401,
        "The username or the password is wrong.",
    )
    ACCOUNT_INACTIVE = ("account_inactive", 401, "The account is deactivated.")
    TOKEN_NOT_VALID = ("token_not_valid", 401, "The token is expired or invalid.")
    USER_NOT_FOUND = ("user_not_found", 401, "The token's user no longer exists.")
    USER_INACTIVE = ("user_inactive", 401, "The token's user is deactivated.")
    PASSWORD_CHANGED = (
        "password_changed",
        401,
        "The password changed since the token was issued: sign in again.",
    )
    # 403: known, but not allowed.
    PERMISSION_DENIED = ("permission_denied", 403, "Not allowed.")
    OWNER_ONLY = ("owner_only", 403, "Only the shared list's owner can do this.")
    READ_ONLY = ("read_only", 403, "The list is shared with you read-only.")
    WEB_CLIENT_REQUIRED = (
        "web_client_required",
        403,
        "The sign-in cookie needs the web app's X-MySphere-Client header.",
    )
    ORIGIN_NOT_ALLOWED = (
        "origin_not_allowed",
        403,
        "The sign-in cookie is not accepted from this origin.",
    )
    CSRF_FAILED = ("csrf_failed", 403, "The CSRF check failed (the admin's forms).")
    # 404-415: the resource or the method.
    NOT_FOUND = ("not_found", 404, "No such object for this user (or no such URL).")
    FEATURE_DISABLED = (
        "feature_disabled",
        404,
        "The feature is turned off on this server.",
    )
    METHOD_NOT_ALLOWED = ("method_not_allowed", 405, "The method is not allowed.")
    NOT_ACCEPTABLE = ("not_acceptable", 406, "No answer in the accepted format.")
    CONFLICT = ("conflict", 409, "This conflicts with existing data.")
    CATEGORY_IN_USE = (
        "category_in_use",
        409,
        "The category is still used: move its rows first.",
    )
    IDEMPOTENCY_KEY_REUSED = (
        "idempotency_key_reused",
        422,
        "The Idempotency-Key was used with a different request.",
    )
    IDEMPOTENCY_KEY_IN_PROGRESS = (
        "idempotency_key_in_progress",
        409,
        "A request with this Idempotency-Key is still running: retry soon.",
    )
    REQUEST_TOO_LARGE = ("request_too_large", 413, "The body is over 2.5 MB.")
    UNSUPPORTED_MEDIA_TYPE = (
        "unsupported_media_type",
        415,
        "The body's Content-Type is not accepted.",
    )
    ERROR = (
        "error",
        400,
        "Another client error without a code of its own: the HTTP status says which.",
    )
    # 429 and 5xx: try again later.
    THROTTLED = (
        "throttled",
        429,
        "Too many requests; `retry_after_seconds` says when to retry.",
    )
    SERVER_ERROR = ("server_error", 500, "Something went wrong on the server.")
    STORAGE_FULL = (
        "storage_full",
        503,
        "The server cannot store anything now (its disk is full).",
    )


def described() -> str:
    """Every code with its status and meaning, one line each (for the schema)."""
    return "\n".join(
        f"- `{code.value}` ({code.status}): {code.meaning}" for code in ErrorCode
    )


class DomainError(Exception):
    """A business rule said no: a code from the registry, a message a person can
    act on, and the field it is about when there is one (rendered as a field map,
    `{"field": ["message"]}`), else `{"detail", "code"}`."""

    default_code = ErrorCode.INVALID
    default_detail = "The request breaks a business rule."

    def __init__(
        self,
        detail: str | None = None,
        code: ErrorCode | str | None = None,
        *,
        field: str | None = None,
    ) -> None:
        self.code = ErrorCode(code) if code else self.default_code
        self.message = str(detail if detail is not None else self.default_detail)
        self.field = field
        self.detail: Any = self.message
        super().__init__(self.message)

    @property
    def status(self) -> int:
        """The HTTP status of its code."""
        return self.code.status

    def body(self) -> Any:
        """The one JSON shape: a field map for a field's error, else
        `{"detail", "code"}`."""
        if self.field is not None:
            return {self.field: [self.message]}
        return {"detail": self.message, "code": self.code.value}


class InvalidInput(DomainError):
    """The request's values are wrong (400 `invalid`): one field's message, a whole
    field map (`errors`: several fields, or one entry per item of a list), or a
    sentence. `detail` is the field map (or `[sentence]`), as a form would show it."""

    def __init__(
        self,
        detail: str | None = None,
        *,
        field: str | None = None,
        errors: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(detail, field=field)
        if errors is not None:
            self.detail = _field_map(errors)
            self.message = _first_message(self.detail)
        elif field is not None:
            self.detail = {field: [self.message]}
        else:
            self.detail = [self.message]

    def body(self) -> Any:
        """The field map, or `{"detail", "code"}` for a sentence."""
        if isinstance(self.detail, dict):
            return self.detail
        return {"detail": self.message, "code": self.code.value}


def _field_map(value: Any) -> Any:
    """Messages as DRF renders them: every field's value a list of strings, nested
    maps and lists kept (`{"a": "x"}` is `{"a": ["x"]}`)."""
    if isinstance(value, Mapping):
        return {str(key): _listed(item) for key, item in value.items()}
    return _listed(value)


def _listed(value: Any) -> Any:
    """A field's errors: a list of messages (or nested maps), a map kept a map."""
    if isinstance(value, Mapping):
        return _field_map(value)
    if isinstance(value, (list, tuple)):
        return [
            _field_map(item) if isinstance(item, Mapping) else str(item)
            for item in value
        ]
    return [str(value)]


def _first_message(value: Any) -> str:
    """The first message of a field map, for logs and `str()`."""
    while isinstance(value, (Mapping, list)) and value:
        value = next(iter(value.values())) if isinstance(value, Mapping) else value[0]
    return str(value)


class NotFoundError(DomainError, Http404):
    """The object does not exist for this user (other users' data included); also
    Django's `Http404`, so code that expects one (DRF's OPTIONS metadata) sees it."""

    default_code = ErrorCode.NOT_FOUND
    default_detail = "Not found."


class FeatureDisabledError(NotFoundError):
    """The feature is turned off on this server: its whole API is a 404."""

    default_code = ErrorCode.FEATURE_DISABLED
    default_detail = "This feature is turned off on this server."


class PermissionDeniedError(DomainError, PermissionDenied):
    """The user may see the object but not do this (a list shared read-only); also
    Django's `PermissionDenied`, for code that expects one."""

    default_code = ErrorCode.PERMISSION_DENIED
    default_detail = "You do not have permission to perform this action."


class ConflictError(DomainError):
    """The request conflicts with the current state (duplicates, races)."""

    default_code = ErrorCode.CONFLICT
    default_detail = "This conflicts with existing data."


class LimitExceededError(DomainError):
    """A per-user limit (count, size) has been reached."""

    default_code = ErrorCode.LIMIT_EXCEEDED
    default_detail = "A limit has been reached."


class PayloadTooLargeError(DomainError):
    """The request body is over the upload limit."""

    default_code = ErrorCode.REQUEST_TOO_LARGE
    default_detail = "The request body is too large (at most 2.5 MB)."


class StorageFullError(DomainError):
    """The database cannot store anything now (its disk is full)."""

    default_code = ErrorCode.STORAGE_FULL
    default_detail = "The server cannot store anything right now; try again later."
