"""Page-number pagination shared by every list endpoint."""

from typing import Any

from django.conf import settings
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request


class StandardPagination(PageNumberPagination):
    """`?page=N&page_size=M`: every collection answers `count`, `next`, `previous`
    and `results`. A `page_size` that is not a whole number from 1 to
    `max_page_size` (`PAGINATION_MAX_PAGE_SIZE`) is a 400 naming the range, never
    silently the maximum."""

    page_size = settings.PAGINATION_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = settings.PAGINATION_MAX_PAGE_SIZE

    def get_page_size(self, request: Request) -> int:
        """The asked page size, or the default when none is asked; 400 out of range."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        size = int(raw) if raw.isascii() and raw.isdigit() else 0
        if not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"A whole number from 1 to {self.max_page_size} "
                        f"(the maximum page size)."
                    ]
                }
            )
        return size

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        """DRF's page shape, with the example of a first and only page."""
        paged = super().get_paginated_response_schema(schema)
        properties = paged["properties"]
        properties["count"]["example"] = 1
        properties["next"]["example"] = None
        properties["previous"]["example"] = None
        return paged

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        """`page` and `page_size`, the latter with its bounds and default."""
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(
                    minimum=1, maximum=self.max_page_size, default=self.page_size
                )
                parameter["description"] = (
                    f"Rows per page: 1 to {self.max_page_size} "
                    f"(default {self.page_size}); more is a 400."
                )
        return parameters
