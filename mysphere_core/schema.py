"""The OpenAPI schema documents every error an operation can answer, with its shape.

`ErrorsAutoSchema` (DRF's DEFAULT_SCHEMA_CLASS) adds to each operation the error
responses it can give, unless the view declares them itself:

- 400 a field map `{"field": ["message"]}` or `{"detail", "code"}`: bodies and query
  parameters (a field of a nested object or list maps to its own errors), and a
  malformed `Idempotency-Key` on any authenticated write (DELETE included);
- 401 without a valid token (or bad credentials), 403 where a role is needed;
- 404 for paths naming an object, for feature routes (a feature turned off) and for
  paginated lists (`?page=` past the last page or not a page: "Invalid page.");
- 409 on writes (a conflict with existing data, or a retry while its first request
  with the same `Idempotency-Key` still runs), 413 on bodies over the limit;
- 422 on authenticated writes: an `Idempotency-Key` reused for a different request
  (every such write documents the optional `Idempotency-Key` header);
- 429 wherever a throttle applies (with `retry_after_seconds`);
- 414 on operations with query parameters: a request line over the server's limit is
  refused by gunicorn itself, before the app (its body is not ours to shape).
"""

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
)
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated

from mysphere_core import errors, idempotency, schema_docs
from mysphere_core.serializers import OldName

WRITES = ("POST", "PUT", "PATCH")
IDEMPOTENCY_KEY = OpenApiParameter(
    name=idempotency.HEADER,
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "Any 1-255 visible ASCII characters, new for each intended write. The same "
        "key from the same user within 24 hours gets the first answer again (with "
        "the header `Idempotent-Replayed: true`) and writes nothing more; the same "
        "key with a different request is a 422 `idempotency_key_reused`; a retry "
        "while the first still runs is a 409 `idempotency_key_in_progress`."
    ),
)


class OldNameExtension(OpenApiSerializerFieldExtension):
    """A renamed request field's old name: the string it was, `deprecated`."""

    target_class = OldName

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict:
        """The field's own schema, marked deprecated."""
        schema = auto_schema._map_serializer_field(
            self.target, direction, bypass_extensions=True
        )
        return {**schema, "deprecated": True}


class ErrorSerializer(serializers.Serializer):
    """Every error but validation: a sentence and a machine-readable code."""

    detail = serializers.CharField()
    code = serializers.CharField(
        help_text="What went wrong, for a client to switch on (HTTP status):\n\n"
        + errors.described()
    )


class ThrottledSerializer(ErrorSerializer):
    """Too many requests: when to try again."""

    retry_after_seconds = serializers.IntegerField(required=False)


class FieldErrorsSerializer(serializers.Serializer):
    """Validation errors: each field that was wrong, with its messages."""

    def to_representation(self, instance: Any) -> Any:  # pragma: no cover - docs only
        """Unused: the shape is documented, never rendered."""
        return instance


_FIELD_ERRORS_SCHEMA = {
    "type": "object",
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "object", "description": "Errors of a nested object or list."},
        ]
    },
    "example": {"amount": ["Amount must be greater than 0."]},
}
URI_TOO_LONG = OpenApiResponse(
    description="The URL is too long (refused by the server)."
)
BAD_REQUEST = PolymorphicProxySerializer(
    component_name="BadRequest",
    serializers=[FieldErrorsSerializer, ErrorSerializer],
    resource_type_field_name=None,
)


class ErrorsAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema plus the error responses of each operation."""

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        """The operation, with every error code it can answer added to its responses."""
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        queries = any(p["in"] == "query" for p in operation.get("parameters", []))
        responses = operation["responses"]
        for code, serializer in self._error_responses(queries).items():
            if code not in responses:
                responses[code] = self._get_response_for_code(serializer, code)
        return operation

    def get_description(self) -> str:
        """Words for a user of the API: the standard actions from the object they
        serve (`schema_docs`), the others from their docstring."""
        standard = schema_docs.standard_text(
            self.view, getattr(self.view, "action", None)
        )
        return standard[1] if standard else super().get_description()

    def get_summary(self) -> str | None:
        """A heading: the standard action's, else the description's first sentence."""
        standard = schema_docs.standard_text(
            self.view, getattr(self.view, "action", None)
        )
        if standard:
            return standard[0]
        summary = schema_docs.summary_of(self.get_description() or "")
        return schema_docs.per_method(summary, self.view, self.method) or None

    def get_override_parameters(self) -> list[Any]:
        """The view's parameters, plus `Idempotency-Key` on authenticated writes."""
        parameters = list(super().get_override_parameters())
        if self._keyed():
            parameters.append(IDEMPOTENCY_KEY)
        return parameters

    def _keyed(self) -> bool:
        """True for a write of a signed-in user (an unsafe method that is not
        public): the idempotency middleware applies."""
        permissions = self.view.get_permissions()
        public = any(isinstance(p, AllowAny) for p in permissions)
        return self.method in idempotency.UNSAFE_METHODS and not public

    def _error_responses(self, queries: bool) -> dict[str, Any]:
        """Status code -> serializer of each error this operation can answer."""
        permissions = self.view.get_permissions()
        public = any(isinstance(p, AllowAny) for p in permissions)
        codes: dict[str, Any] = {}
        if self.method in WRITES or queries or self._keyed():  # a bad Idempotency-Key
            codes["400"] = BAD_REQUEST
        if queries:
            codes["414"] = URI_TOO_LONG
        if not public or self.method in WRITES:  # a login can fail too
            codes["401"] = ErrorSerializer
        if any(not isinstance(p, (AllowAny, IsAuthenticated)) for p in permissions):
            codes["403"] = ErrorSerializer
        if "{" in self.path or hasattr(self.view, "service") or self._paginated():
            codes["404"] = ErrorSerializer
        if self.method in WRITES or self._keyed():
            codes["409"] = ErrorSerializer
        if self.method in WRITES:
            codes["413"] = ErrorSerializer
        if self._keyed():
            codes["422"] = ErrorSerializer
        if self.view.get_throttles():
            codes["429"] = ThrottledSerializer
        return codes

    def _paginated(self) -> bool:
        """A list answered in pages (an invalid `?page=` is a 404)."""
        paginator = getattr(self.view, "pagination_class", None)
        return self.method == "GET" and bool(paginator) and self._is_list_view()

    def _map_serializer(self, serializer: Any, direction: str, bypass_extensions=False):
        """The field-error map is a free-form object of string lists."""
        if isinstance(serializer, FieldErrorsSerializer):
            return dict(_FIELD_ERRORS_SCHEMA)
        return super()._map_serializer(serializer, direction, bypass_extensions)
