"""Request parsing and content negotiation: DRF's, hardened."""

import codecs
import json
from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import NotAcceptable, ParseError, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request
from rest_framework.utils import json as drf_json

from mysphere_core.limits import shown


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, answering 400 (not 500) to absurdly nested documents, to
    text that is not valid Unicode (a lone surrogate such as `"\\ud800"`, in a
    value or a key: 400 naming the field) and to numbers in exponent notation."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: dict | None = None,
    ) -> Any:
        """Parse JSON, then check every string of the document."""
        parser_context = parser_context or {}
        encoding = parsers.get_encoding(parser_context)
        try:
            text = codecs.getreader(encoding)(stream).read()
            data = json.loads(
                text,
                parse_float=_decimal_notation,
                parse_constant=drf_json.strict_constant if self.strict else None,
            )
        except RecursionError:
            raise ParseError("JSON parse error - the document is nested too deeply.")
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {str(exc)[:200]}")
        _check_text(data, "")
        return data


def _decimal_notation(literal: str) -> float:
    """A JSON number with a fraction; one in exponent notation (`1E5`) is refused."""
    if "e" in literal or "E" in literal:
        raise ParseError(
            f"Numbers must be written in decimal notation, not '{shown(literal)}'."
        )
    return float(literal)


def _check_text(value: Any, path: str) -> None:
    """A ValidationError naming the first string (or key) that is not valid Unicode."""
    if isinstance(value, str):
        if not _valid_unicode(value):
            name = path or "non_field_errors"
            raise ValidationError({name: ["This text is not valid Unicode."]})
    elif isinstance(value, dict):
        for key, item in value.items():
            if not _valid_unicode(key):
                raise ValidationError(
                    {"non_field_errors": ["A key is not valid Unicode."]}
                )
            _check_text(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_text(item, f"{path}[{index}]" if path else f"[{index}]")


def _valid_unicode(text: str) -> bool:
    """False for a string holding a lone surrogate (it has no UTF-8 form)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class JSONFallbackNegotiation(DefaultContentNegotiation):
    """Content negotiation that answers JSON when nothing the client accepts is
    offered (e.g. `Accept: text/html` with the browsable API off), never a 406."""

    def select_renderer(
        self, request: Request, renderers: list, format_suffix: str | None = None
    ) -> tuple:
        """The renderer the client asked for, else the first one (JSON)."""
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except NotAcceptable:
            return renderers[0], renderers[0].media_type
