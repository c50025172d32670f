"""Thin views of the expenses feature: validate, call one service method, render."""

from collections.abc import Callable
from functools import cached_property, partial
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import renderers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from expenses import serializers as s
from expenses.filters import ExpenseFilter
from expenses.services import ExpenseService
from mysphere_core.api import FeatureViewSet
from mysphere_core.pagination import StandardPagination
from mysphere_core.serializers import validated

PAGE_PARAMS = ("page", "page_size")
CATEGORY_ID = OpenApiParameter(
    "category_id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Its id."
)


class CSVRenderer(renderers.BaseRenderer):
    """Lets `Accept: text/csv` reach the export, which streams its own body; every
    other body is rendered as JSON (`ExpenseViewSet.finalize_response`)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"


class _CountedPaginator(Paginator):
    """A Django paginator whose total comes from `total()` (a cached count)."""

    def __init__(
        self, object_list: Any, per_page: int, *, total: Callable[[], int]
    ) -> None:
        super().__init__(object_list, per_page)
        self._total = total

    @cached_property
    def count(self) -> int:
        """The total number of rows."""
        return self._total()


class ExpenseListPagination(StandardPagination):
    """Standard pages; the total is the service's count, cached until a write."""

    def paginate_queryset(
        self, queryset: QuerySet, request: Request, view: Any = None
    ) -> list | None:
        """One page; the total is counted once per user and filters."""
        filters = {
            name: values
            for name, values in request.query_params.lists()
            if name not in PAGE_PARAMS
        }
        total = partial(
            ExpenseService.list_total,
            user=request.user,
            queryset=queryset,
            filters=filters,
        )
        self.django_paginator_class = partial(_CountedPaginator, total=total)
        return super().paginate_queryset(queryset, request, view)


@extend_schema_view(
    destroy=extend_schema(
        responses={
            204: OpenApiResponse(description="Soft-deleted."),
            400: OpenApiResponse(description="Recorded by another object."),
        }
    ),
)
class ExpenseViewSet(FeatureViewSet):
    """The user's expenses: CRUD, filters, analytics, bulk and text entry, export."""

    service = ExpenseService
    serializer_class = s.ExpenseSerializer
    filterset_class = ExpenseFilter
    pagination_class = ExpenseListPagination
    # Ids are digits (the schema says so); the service answers 404 past BIGINT.
    lookup_value_regex = r"\d+"
    lookup_url_kwarg = "expense_id"

    def finalize_response(
        self, request: Request, response: Any, *args: Any, **kwargs: Any
    ) -> Any:
        """Every DRF body (errors, OPTIONS metadata) is JSON whatever was accepted
        (`Accept: text/csv` or `?format=csv` included): only the export streams CSV,
        so a bad export filter is still a 400 naming the parameter."""
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response):
            response.accepted_renderer = renderers.JSONRenderer()
            response.accepted_media_type = response.accepted_renderer.media_type
        return response

    @extend_schema(
        parameters=[s.ExpenseAnalyticsQuerySerializer],
        responses={200: s.ExpenseAnalyticsSerializer},
    )
    @action(detail=False, methods=["get"])
    def analytics(self, request: Request) -> Response:
        """Totals, categories, trend, top vendors and the previous period."""
        query = s.ExpenseAnalyticsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        result = ExpenseService.analytics(user=request.user, **query.validated_data)
        return Response(s.render_analytics(result))

    @extend_schema(
        request=None,
        responses={
            200: s.ExpenseSerializer,
            400: OpenApiResponse(description="Deleted too long ago to restore."),
        },
    )
    @action(detail=True, methods=["post"])
    def restore(self, request: Request, expense_id: str) -> Response:
        """Undo a delete: the same expense back, within minutes of the delete."""
        expense = ExpenseService.restore(user=request.user, pk=expense_id)
        return Response(self.get_serializer(expense).data)

    @extend_schema(
        request=s.ExpenseBulkCreateSerializer,
        responses={201: s.ExpenseBulkCreateResponseSerializer},
    )
    @action(detail=False, methods=["post"])
    def bulk_create(self, request: Request) -> Response:
        """Create up to 500 expenses in one transaction: all or nothing."""
        serializer = s.ExpenseBulkCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        created = ExpenseService.bulk_create(
            user=request.user, items=serializer.validated_data["expenses"]
        )
        body = {"created": len(created), "expenses": created}
        return Response(
            s.ExpenseBulkCreateResponseSerializer(body).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=s.ExpenseParseTextSerializer,
        responses={
            201: s.ExpenseParseTextResponseSerializer,
            200: OpenApiResponse(
                s.ExpenseParseTextResponseSerializer,
                "Dry run, or a possible duplicate not saved.",
            ),
        },
    )
    @action(detail=False, methods=["post"], throttle_scope="ai")
    def parse_text(self, request: Request) -> Response:
        """Create an expense from a sentence (AI, else the built-in parser)."""
        serializer = s.ExpenseParseTextSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        outcome = ExpenseService.parse_text(
            user=request.user, **serializer.validated_data
        )
        code = status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK
        return Response(s.ExpenseParseTextResponseSerializer(outcome).data, status=code)

    @extend_schema(responses={200: s.ExpenseInsightsEnvelopeSerializer})
    @action(detail=False, methods=["get"], throttle_scope="ai")
    def ai_insights(self, request: Request) -> Response:
        """Spending insights from Gemini (cached, rationed) or from rules."""
        result = ExpenseService.ai_insights(user=request.user)
        return Response(s.ExpenseInsightsEnvelopeSerializer(result).data)

    @extend_schema(
        methods=["GET"], responses={200: s.ExpenseCategorySummarySerializer(many=True)}
    )
    @extend_schema(
        methods=["POST"],
        request=s.ExpenseCategoryWriteSerializer,
        responses={201: s.ExpenseCategorySummarySerializer},
    )
    @action(detail=False, methods=["get", "post"], pagination_class=StandardPagination)
    def categories(self, request: Request) -> Response:
        """The user's categories (the nine system ones, then their own) with their
        count and totals; POST adds one of their own."""
        if request.method == "POST":
            data = validated(s.ExpenseCategoryWriteSerializer, request.data)
            made = ExpenseService.create_category(user=request.user, data=data)
            return self._category(made.pk, status.HTTP_201_CREATED)
        summary = ExpenseService.categories(user=request.user)
        return self.page(summary, s.ExpenseCategorySummarySerializer)

    @extend_schema(
        methods=["PATCH"],
        parameters=[CATEGORY_ID],
        request=s.ExpenseCategoryWriteSerializer,
        responses={200: s.ExpenseCategorySummarySerializer},
    )
    @extend_schema(
        methods=["DELETE"],
        parameters=[CATEGORY_ID, s.ExpenseCategoryMoveSerializer],
        request=None,
        responses={204: None},
    )
    @action(
        detail=False,
        methods=["patch", "delete"],
        url_path=r"categories/(?P<category_id>\d+)",
        url_name="category-detail",
    )
    def category(self, request: Request, category_id: str) -> Response:
        """Rename (its expenses follow), re-parent or recolor one of the user's
        categories; DELETE it (one in use needs `?move_to=<category>`)."""
        if request.method == "DELETE":
            move = validated(s.ExpenseCategoryMoveSerializer, request.query_params)
            ExpenseService.delete_category(
                user=request.user, pk=category_id, move_to=move.get("move_to")
            )
            return Response(status=status.HTTP_204_NO_CONTENT)
        data = validated(s.ExpenseCategoryWriteSerializer, request.data, partial=True)
        changed = ExpenseService.update_category(
            user=request.user, pk=category_id, data=data
        )
        return self._category(changed.pk)

    def _category(self, category_id: int, code: int = status.HTTP_200_OK) -> Response:
        """One of the user's own categories as the category list shows it."""
        row = next(
            r
            for r in ExpenseService.categories(user=self.request.user)
            if r["category_id"] == category_id
        )
        return Response(s.ExpenseCategorySummarySerializer(row).data, status=code)

    @extend_schema(filters=True, responses={(200, "text/csv"): OpenApiTypes.STR})
    @action(
        detail=False,
        methods=["get"],
        renderer_classes=[renderers.JSONRenderer, CSVRenderer],
    )
    def export(self, request: Request) -> StreamingHttpResponse:
        """The filtered list (the list's filters) as a CSV download, streamed."""
        download = ExpenseService.export_csv(
            user=request.user, queryset=self.filter_queryset(self.get_queryset())
        )
        response = StreamingHttpResponse(
            download.lines, content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
        return response
