"""Thin views of the budgets feature: validate, call one service method, render."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from budgets import action_serializers as a
from budgets import serializers as s
from budgets.filters import BudgetFilter
from budgets.models import BudgetModel
from budgets.services import BudgetService
from mysphere_core.api import FeatureViewSet
from mysphere_core.dates import parse_month
from mysphere_core.errors import NotFoundError
from mysphere_core.filters import NOT_FILTERS
from mysphere_core.serializers import validated
from users.services import UserService

CATEGORY_PATH = OpenApiParameter(
    "category",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="A category name (any case) or slug, e.g. Groceries, food-dining, "
    "or one of the user's own categories.",
)


def _month(request: Request) -> Any:
    """The `?month=` of the request as its first day (None when absent)."""
    params = {
        name: value
        for name, value in request.query_params.items()
        if name not in NOT_FILTERS
    }
    month = validated(s.MonthQuerySerializer, params).get("month")
    return parse_month(month) if month else None


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
    lookup_url_kwarg = "budget_id"

    def get_object(self) -> BudgetModel:
        """The plan of a detail route; routes without a plan id have none (404),
        which is what OPTIONS' metadata asks the category route."""
        if self.lookup_url_kwarg not in self.kwargs:
            raise NotFoundError("Budget not found.")
        return super().get_object()

    @extend_schema(
        operation_id="budgets_plan_summary", responses={200: s.BudgetSummarySerializer}
    )
    @action(detail=True, methods=["get"], url_path="summary", url_name="plan-summary")
    def plan_summary(self, request: Request, budget_id: str) -> Response:
        """The summary of one plan."""
        result = BudgetService.summary(user=request.user, pk=budget_id)
        return Response(s.BudgetSummarySerializer(result).data)

    @extend_schema(
        parameters=[s.MonthQuerySerializer],
        responses={200: s.BudgetSummarySerializer},
    )
    @action(detail=False, methods=["get"])
    def summary(self, request: Request) -> Response:
        """The summary of a month's plan (default: the current month)."""
        # Kept rendered for the user's day until a write of budgets, expenses,
        # subscriptions or the profile (render_kept).
        user, month = request.user, _month(request)
        return self.render_kept(
            (month, UserService.today_for(user=user)),
            lambda: BudgetService.summary(user=user, month=month),
            s.BudgetSummarySerializer,
        )

    @extend_schema(request=None, responses={200: s.BudgetSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request: Request, budget_id: str) -> Response:
        """Close the month: what is left (or overspent) carries into the next."""
        return self.render(BudgetService.close(user=request.user, pk=budget_id))

    @extend_schema(
        request=a.GenerateSerializer,
        responses={
            200: OpenApiResponse(a.GenerateResponseSerializer, "Dry run."),
            201: a.GenerateResponseSerializer,
        },
    )
    @action(detail=False, methods=["post"])
    def generate(self, request: Request) -> Response:
        """A 50/30/20-style plan from income; saved when `dry_run` is false."""
        data = validated(a.GenerateSerializer, request.data)
        result = BudgetService.generate(
            user=request.user,
            month=data["month"],
            income=data["income"],
            savings_goal=data.get("savings_goal"),
            goals=data["goals"],
            dry_run=data["dry_run"],
        )
        code = status.HTTP_200_OK if result["dry_run"] else status.HTTP_201_CREATED
        body = a.GenerateResponseSerializer(
            result, context=self.get_serializer_context()
        )
        return Response(body.data, status=code)

    @extend_schema(
        request=a.CheckPurchaseSerializer,
        responses={200: a.CheckPurchaseResponseSerializer},
    )
    @action(detail=False, methods=["post"])
    def check_purchase(self, request: Request) -> Response:
        """Does a purchase fit its category, after renewals still due this month?"""
        data = validated(
            a.CheckPurchaseSerializer, request.data, context={"request": request}
        )
        month = parse_month(data["month"]) if data.get("month") else None
        result = BudgetService.check_purchase(
            user=request.user,
            amount=data["amount"],
            category=data["category"],
            month=month,
        )
        return Response(a.CheckPurchaseResponseSerializer(result).data)

    @extend_schema(
        request=a.ClassifySerializer, responses={200: a.ClassifyResponseSerializer}
    )
    @action(detail=False, methods=["post"], throttle_scope="ai")
    def classify(self, request: Request) -> Response:
        """The category and necessity of a description (AI, else rules)."""
        data = validated(a.ClassifySerializer, request.data)
        result = BudgetService.classify(
            user=request.user,
            description=data["description"],
            amount=data.get("amount"),
        )
        return Response(a.ClassifyResponseSerializer(result).data)

    @extend_schema(
        request=a.PurchaseAdviceSerializer,
        responses={200: a.PurchaseAdviceResponseSerializer},
    )
    @action(detail=False, methods=["post"], throttle_scope="ai")
    def purchase_advice(self, request: Request) -> Response:
        """Buy, wait or don't buy (AI, cached per item and day; else rules)."""
        data = validated(
            a.PurchaseAdviceSerializer, request.data, context={"request": request}
        )
        result = BudgetService.purchase_advice(
            user=request.user,
            item_description=data["description"],
            amount=data["amount"],
            category=data.get("category"),
        )
        return Response(a.PurchaseAdviceResponseSerializer(result).data)

    @extend_schema(
        parameters=[s.MonthQuerySerializer],
        responses={200: a.SuggestionsSerializer},
    )
    @action(detail=False, methods=["get"])
    def suggestions(self, request: Request) -> Response:
        """Cover overspent categories from underspent ones, lowest necessity first."""
        result = BudgetService.suggestions(user=request.user, month=_month(request))
        return Response(a.SuggestionsSerializer(result).data)

    @extend_schema(
        request=a.ApplySuggestionSerializer, responses={200: s.BudgetSerializer}
    )
    @action(detail=True, methods=["post"])
    def apply_suggestion(self, request: Request, budget_id: str) -> Response:
        """Move allocation from one category to another (a suggestion applied)."""
        plan = self.get_object()
        data = validated(a.ApplySuggestionSerializer, request.data)
        return self.render(
            BudgetService.apply_suggestion(user=request.user, pk=plan.pk, data=data)
        )

    def perform_update(self, serializer: Serializer) -> None:
        """PUT replaces the allocations; PATCH changes only those sent."""
        serializer.instance = BudgetService.update(
            user=self.request.user,
            pk=serializer.instance.pk,
            data=serializer.validated_data,
            partial=serializer.partial,
        )

    @extend_schema(responses={200: a.CategoryRankingSerializer(many=True)})
    @action(detail=False, methods=["get"], filterset_class=None)
    def categories(self, request: Request) -> Response:
        """Every category with its necessity score, limit and default share."""
        rows = BudgetService.categories(user=request.user)
        return self.page(rows, a.CategoryRankingSerializer)

    @extend_schema(
        parameters=[CATEGORY_PATH],
        request=a.CategoryUpdateSerializer,
        responses={200: a.CategoryRankingSerializer},
    )
    @action(
        detail=False,
        methods=["put"],
        # After `categories/reset/` in the URL conf: DRF routes extra actions in
        # the order of their names (reset_categories < update_category).
        url_path=r"categories/(?P<category>[^/]+)",
        url_name="category",
    )
    def update_category(self, request: Request, category: str) -> Response:
        """Set a category's necessity score and/or monthly limit."""
        data = validated(a.CategoryUpdateSerializer, request.data)
        row = BudgetService.update_category(
            user=request.user, category=category, data=data
        )
        return Response(a.CategoryRankingSerializer(row).data)

    @extend_schema(
        request=None, responses={200: a.CategoryRankingSerializer(many=True)}
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="categories/reset",
        pagination_class=None,
    )
    def reset_categories(self, request: Request) -> Response:
        """Back to the system's necessity scores, no limits."""
        rows = BudgetService.reset_categories(user=request.user)
        return Response(a.CategoryRankingSerializer(rows, many=True).data)

    @extend_schema(responses={200: a.BudgetInsightsEnvelopeSerializer})
    @action(detail=False, methods=["get"], throttle_scope="ai")
    def ai_insights(self, request: Request) -> Response:
        """This month's analysis from Gemini (cached, rationed) or from rules."""
        result = BudgetService.ai_insights(user=request.user)
        return Response(a.BudgetInsightsEnvelopeSerializer(result).data)
