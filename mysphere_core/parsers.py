"""Request parsing and content negotiation: DRF's, hardened."""

from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import NotAcceptable, ParseError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, answering 400 (not 500) to absurdly nested documents."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: dict | None = None,
    ) -> Any:
        """Parse JSON; nesting deeper than Python's recursion limit is a ParseError."""
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - the document is nested too deeply.")


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
