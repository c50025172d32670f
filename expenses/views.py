"""Thin views of the expenses feature: validate, call one service method, render."""

import csv
import io
from typing import Any

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from expenses import serializers as s
from expenses.models import ExpenseModel
from expenses.services import ExpenseService
from users.services import UserService


class CSVRenderer(renderers.BaseRenderer):
    """Lets `Accept: text/csv` reach the export; renders its errors as CSV rows."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: dict | None = None,
    ) -> bytes:
        """An error body as `field,message` lines (the export streams itself)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["field", "message"])
        items = data.items() if isinstance(data, dict) else [("detail", data)]
        for field, messages in items:
            for message in messages if isinstance(messages, list) else [messages]:
                writer.writerow([field, message])
        return out.getvalue().encode(self.charset)


@extend_schema_view(
    create=extend_schema(
        request=s.ExpenseSerializer, responses={201: s.ExpenseSerializer}
    ),
    retrieve=extend_schema(responses={200: s.ExpenseSerializer}),
    update=extend_schema(
        request=s.ExpenseSerializer, responses={200: s.ExpenseSerializer}
    ),
    partial_update=extend_schema(
        request=s.ExpenseSerializer, responses={200: s.ExpenseSerializer}
    ),
    destroy=extend_schema(
        responses={
            204: OpenApiResponse(description="Soft-deleted."),
            400: OpenApiResponse(description="Recorded by another object."),
        }
    ),
)
class ExpenseViewSet(viewsets.ModelViewSet):
    """The user's expenses: CRUD, filters, analytics, bulk and text entry, export."""

    serializer_class = s.ExpenseSerializer
    queryset = ExpenseModel.objects.none()
    filter_backends: list = []
    lookup_value_regex = r"\d{1,18}"
    throttle_scope: str | None = None  # the AI actions set "ai"

    def get_queryset(self) -> Any:
        """The user's active expenses."""
        return ExpenseService.queryset_for(user=self.request.user)

    def get_object(self) -> ExpenseModel:
        """One of the user's expenses, or 404."""
        return ExpenseService.get_for(
            user=self.request.user, expense_id=self.kwargs["pk"]
        )

    def _filters(self, request: Request) -> dict[str, Any]:
        """The validated list filters of the query string."""
        serializer = s.ExpenseFilterSerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(
        parameters=[s.ExpenseFilterSerializer],
        responses={200: s.ExpenseSerializer(many=True)},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The user's expenses, filtered, ordered and paginated."""
        expenses = ExpenseService.search(
            user=request.user, filters=self._filters(request)
        )
        page = self.paginate_queryset(expenses)
        return self.get_paginated_response(s.ExpenseSerializer(page, many=True).data)

    def perform_create(self, serializer: s.ExpenseSerializer) -> None:
        """Create through the service (it validates and invalidates caches)."""
        serializer.instance = ExpenseService.create(
            user=self.request.user, data=serializer.validated_data
        )

    def perform_update(self, serializer: s.ExpenseSerializer) -> None:
        """Update through the service (same rules as create)."""
        serializer.instance = ExpenseService.update(
            user=self.request.user,
            expense_id=serializer.instance.pk,
            data=serializer.validated_data,
        )

    def perform_destroy(self, instance: ExpenseModel) -> None:
        """Soft delete."""
        ExpenseService.delete(user=self.request.user, expense_id=instance.pk)

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
        return Response(s.ExpenseAnalyticsSerializer(result).data)

    @extend_schema(
        request=s.ExpenseBulkCreateSerializer,
        responses={201: s.ExpenseBulkCreateResponseSerializer},
    )
    @action(detail=False, methods=["post"])
    def bulk_create(self, request: Request) -> Response:
        """Create up to 500 expenses in one transaction: all or nothing."""
        serializer = s.ExpenseBulkCreateSerializer(data=request.data)
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
            200: OpenApiResponse(s.ExpenseParseTextResponseSerializer, "Dry run."),
        },
    )
    @action(detail=False, methods=["post"], throttle_scope="ai")
    def parse_text(self, request: Request) -> Response:
        """Create an expense from a sentence (AI, else the built-in parser)."""
        serializer = s.ExpenseParseTextSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = ExpenseService.parse_text(
            user=request.user, **serializer.validated_data
        )
        code = status.HTTP_200_OK if result["dry_run"] else status.HTTP_201_CREATED
        return Response(s.ExpenseParseTextResponseSerializer(result).data, status=code)

    @extend_schema(responses={200: s.ExpenseInsightsEnvelopeSerializer})
    @action(detail=False, methods=["get"], throttle_scope="ai")
    def ai_insights(self, request: Request) -> Response:
        """Spending insights from Gemini (cached, rationed) or from rules."""
        envelope = ExpenseService.ai_insights(user=request.user)
        return Response(s.ExpenseInsightsEnvelopeSerializer(envelope).data)

    @extend_schema(responses={200: s.ExpenseCategorySummarySerializer(many=True)})
    @action(detail=False, methods=["get"], pagination_class=None)
    def categories(self, request: Request) -> Response:
        """The valid categories with the user's count and totals in each."""
        summary = ExpenseService.categories(user=request.user)
        return Response(s.ExpenseCategorySummarySerializer(summary, many=True).data)

    @extend_schema(
        parameters=[s.ExpenseFilterSerializer],
        responses={(200, "text/csv"): OpenApiTypes.STR},
    )
    @action(
        detail=False,
        methods=["get"],
        renderer_classes=[renderers.JSONRenderer, CSVRenderer],
    )
    def export(self, request: Request) -> StreamingHttpResponse:
        """The filtered list as a CSV download (streamed)."""
        lines = ExpenseService.export_csv(
            user=request.user, filters=self._filters(request)
        )
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        today = UserService.today_for(user=request.user)
        response["Content-Disposition"] = (
            f'attachment; filename="expenses-{today.isoformat()}.csv"'
        )
        return response
