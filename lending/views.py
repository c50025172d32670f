"""Thin views of the lending feature: validate, call one service method, render.
Detail actions resolve the record first, so another user's id is a 404 whatever
the body says."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from lending import serializers as s
from lending.filters import LendingFilter
from lending.services import LendingService
from mysphere_core.api import FeatureGenericViewSet, FeatureViewSet
from mysphere_core.serializers import validated

REPAYMENT_ID = OpenApiParameter("repayment_id", OpenApiTypes.INT, OpenApiParameter.PATH)
EXPENSE_ID = OpenApiParameter("expense_id", OpenApiTypes.INT, OpenApiParameter.PATH)
# Reports: one unpaged answer, no list filters.
UNPAGED: dict[str, Any] = {
    "detail": False,
    "methods": ["get"],
    "pagination_class": None,
    "filterset_class": None,
}
# Computed collections: paged like every list, no list filters.
LISTED: dict[str, Any] = {"detail": False, "methods": ["get"], "filterset_class": None}


class LendingViewSet(FeatureViewSet):
    """Records of money lent and borrowed: CRUD, repayments, balances, AI."""

    service = LendingService
    serializer_class = s.LendingSerializer
    write_serializer_class = s.LendingWriteSerializer
    filterset_class = LendingFilter
    lookup_field = "lending_id"
    lookup_value_regex = r"\d+"

    def get_serializer_context(self) -> dict[str, Any]:
        """The user's today, for `is_overdue`."""
        context = super().get_serializer_context()
        if self.request and self.request.user.is_authenticated:
            context["today"] = LendingService.today_for(user=self.request.user)
        return context

    # --- repayments and closing -----------------------------------------------------

    @extend_schema(request=s.RepaySerializer, responses={201: s.RepayResultSerializer})
    @action(detail=True, methods=["post"], serializer_class=s.RepayResultSerializer)
    def repay(self, request: Request, lending_id: str) -> Response:
        """Record a repayment (at most what is outstanding); the status follows."""
        record = self.get_object()
        body = validated(s.RepaySerializer, request.data)
        record, repayment = self.service.repay(
            user=request.user, pk=record.pk, data=body
        )
        return self.render(
            {"repayment": repayment, "lending": record}, status.HTTP_201_CREATED
        )

    @extend_schema(responses={200: s.RepaymentSerializer(many=True)})
    @action(
        detail=True,
        methods=["get"],
        serializer_class=s.RepaymentSerializer,
        filterset_class=None,
    )
    def repayments(self, request: Request, lending_id: str) -> Response:
        """The record's live repayments, newest first."""
        rows = self.service.repayments_for(user=request.user, pk=lending_id)
        return self.page(rows, s.RepaymentSerializer)

    @extend_schema(
        parameters=[REPAYMENT_ID], request=None, responses={200: s.LendingSerializer}
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"repayments/(?P<repayment_id>\d+)",
        url_name="repayment-detail",
    )
    def repayment(
        self, request: Request, lending_id: str, repayment_id: str
    ) -> Response:
        """Delete a repayment (soft); answers the record, its status recomputed."""
        record = self.service.delete_repayment(
            user=request.user, pk=lending_id, repayment_id=repayment_id
        )
        return self.render(record)

    @extend_schema(request=None, responses={200: s.LendingSerializer})
    @action(detail=True, methods=["post"])
    def write_off(self, request: Request, lending_id: str) -> Response:
        """Give up on money you lent: it no longer counts as owed."""
        return self.render(self.service.write_off(user=request.user, pk=lending_id))

    @extend_schema(request=None, responses={200: s.LendingSerializer})
    @action(detail=True, methods=["post"])
    def forgive(self, request: Request, lending_id: str) -> Response:
        """Let a debt go (or record that the lender let yours go)."""
        return self.render(self.service.forgive(user=request.user, pk=lending_id))

    # --- balances -------------------------------------------------------------------

    @extend_schema(responses={200: s.SummarySerializer(many=True)})
    @action(**LISTED, serializer_class=s.SummarySerializer)
    def summary(self, request: Request) -> Response:
        """Per currency: owed to you, owed by you, net, overdue, repaid this month."""
        rows = self.service.summary(user=request.user)
        return self.page(rows, s.SummarySerializer)

    @extend_schema(responses={200: s.CounterpartySerializer(many=True)})
    @action(**LISTED, serializer_class=s.CounterpartySerializer)
    def counterparties(self, request: Request) -> Response:
        """Per person and currency: net balance, open items, reliability."""
        rows = self.service.counterparties(user=request.user)
        return self.page(rows, s.CounterpartySerializer)

    @extend_schema(request=s.SettleSerializer, responses={200: s.SettlementSerializer})
    @action(detail=False, methods=["post"], serializer_class=s.SettlementSerializer)
    def settle(self, request: Request) -> Response:
        """One payment settling the open items with a person, both ways netted."""
        body = validated(s.SettleSerializer, request.data)
        settlement = self.service.settle(user=request.user, data=body)
        return self.render(settlement)

    # --- AI ---------------------------------------------------------------------------

    @extend_schema(responses={200: s.LendingInsightsEnvelopeSerializer})
    @action(
        **UNPAGED,
        throttle_scope="ai",
        serializer_class=s.LendingInsightsEnvelopeSerializer,
    )
    def insights(self, request: Request) -> Response:
        """Who to remind and how, risk per person, ageing (AI, else rules)."""
        result = self.service.insights(user=request.user)
        return self.render(result)

    @extend_schema(
        request=s.LendingParseTextSerializer,
        responses={
            201: s.LendingParseTextResponseSerializer,
            200: OpenApiResponse(s.LendingParseTextResponseSerializer, "Dry run."),
        },
    )
    @action(
        detail=False,
        methods=["post"],
        throttle_scope="ai",
        serializer_class=s.LendingParseTextResponseSerializer,
    )
    def parse_text(self, request: Request) -> Response:
        """Record a loan or a repayment from a sentence (AI, else the parser)."""
        body = validated(s.LendingParseTextSerializer, request.data)
        outcome = self.service.parse_text(user=request.user, **body)
        code = status.HTTP_200_OK if outcome.dry_run else status.HTTP_201_CREATED
        return self.render(outcome, code)


class ExpenseSplitViewSet(FeatureGenericViewSet):
    """`POST /api/expenses/{expense_id}/split/`: mounted by lending under the
    expenses prefix (see `urls.py`); the expense is read through its service."""

    service = LendingService
    serializer_class = s.LendingSerializer
    lookup_field = "expense_id"
    lookup_value_regex = r"\d+"

    def get_object(self) -> Any:
        """The user's expense (404 for anybody else's)."""
        return self.service.expense_for_split(
            user=self.request.user, expense_id=self.kwargs["expense_id"]
        )

    @extend_schema(
        parameters=[EXPENSE_ID],
        request=s.SplitSerializer,
        responses={201: s.LendingSerializer(many=True)},
    )
    @action(detail=True, methods=["post"], pagination_class=None)
    def split(self, request: Request, expense_id: str) -> Response:
        """One `lent` record per person for their share of the expense."""
        expense = self.get_object()
        body = validated(s.SplitSerializer, request.data)
        created = self.service.split_expense(
            user=request.user, expense_id=expense.pk, data=body
        )
        data = s.LendingSerializer(
            created, many=True, context=self.get_serializer_context()
        ).data
        return Response(data, status=status.HTTP_201_CREATED)
