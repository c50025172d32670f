"""Page-number pagination shared by every list endpoint."""

from django.conf import settings
from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """`?page=N&page_size=M`, page size capped at `PAGINATION_MAX_PAGE_SIZE`."""

    page_size = settings.PAGINATION_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = settings.PAGINATION_MAX_PAGE_SIZE
