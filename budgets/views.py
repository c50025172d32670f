"""Thin views of the budgets feature: validate, call one service method, render."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from budgets import serializers as s
from budgets.filters import BudgetFilter
from budgets.services import BudgetService
from budgets.spending import parse_month
from mysphere_core.api import FeatureViewSet


@extend_schema_view(
    create=extend_schema(request=s.BudgetWriteSerializer),
    update=extend_schema(request=s.BudgetWriteSerializer),
    partial_update=extend_schema(request=s.BudgetWriteSerializer),
    destroy=extend_schema(
        responses={204: OpenApiResponse(description="Soft-deleted.")}
    ),
)
class BudgetViewSet(FeatureViewSet):
    """The user's monthly plans: CRUD, summaries, rollover, ranking, advice."""

    service = BudgetService
    serializer_class = s.BudgetSerializer
    write_serializer_class = s.BudgetWriteSerializer
    filterset_class = BudgetFilter
    lookup_value_regex = r"\d+"

    @extend_schema(responses={200: s.BudgetSummarySerializer})
    @action(detail=True, methods=["get"], url_path="summary")
    def plan_summary(self, request: Request, pk: str) -> Response:
        """The summary of one plan."""
        result = BudgetService.summary(user=request.user, pk=pk)
        return Response(s.BudgetSummarySerializer(result).data)

    @extend_schema(
        parameters=[s.MonthQuerySerializer],
        responses={200: s.BudgetSummarySerializer},
    )
    @action(detail=False, methods=["get"])
    def summary(self, request: Request) -> Response:
        """The summary of a month's plan (default: the current month)."""
        query = s.MonthQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        month = query.validated_data.get("month")
        result = BudgetService.summary(
            user=request.user, month=parse_month(month) if month else None
        )
        return Response(s.BudgetSummarySerializer(result).data)

    @extend_schema(request=None, responses={200: s.BudgetSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        """Close the month: what is left (or overspent) carries into the next."""
        return self.render(BudgetService.close(user=request.user, pk=pk))
