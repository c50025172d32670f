"""Thin views of the subscriptions feature on the kit: validate, call one service
method, render. Detail actions resolve the subscription first, so another user's id
is a 404 whatever the body says."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from mysphere_core.api import FeatureGenericViewSet, FeatureViewSet
from mysphere_core.serializers import validated
from subscriptions import portfolio_serializers as portfolio
from subscriptions import serializers as s
from subscriptions.filters import (
    SubscriptionAlertFilter,
    SubscriptionCategoryFilter,
    SubscriptionFilter,
)
from subscriptions.services import (
    SubscriptionAlertService,
    SubscriptionCategoryService,
    SubscriptionService,
)
from users.services import UserService

PAYMENT_ID = OpenApiParameter("payment_id", OpenApiTypes.INT, OpenApiParameter.PATH)
PORTFOLIO: dict[str, Any] = {"detail": False, "methods": ["get"]}
UNPAGED: dict[str, Any] = {"pagination_class": None}


class SubscriptionViewSet(FeatureViewSet):
    """Subscriptions: CRUD, status changes, payments, usage and portfolio views."""

    service = SubscriptionService
    serializer_class = s.SubscriptionSerializer
    write_serializer_class = s.SubscriptionCreateSerializer
    filterset_class = SubscriptionFilter
    lookup_field = "subscription_id"

    # --- status -----------------------------------------------------------------------

    @extend_schema(request=None, responses={200: s.SubscriptionSerializer})
    @action(detail=True, methods=["post"])
    def pause(self, request: Request, subscription_id: str) -> Response:
        """Pause an active subscription."""
        return self.render(self.service.pause(user=request.user, pk=subscription_id))

    @extend_schema(request=None, responses={200: s.SubscriptionSerializer})
    @action(detail=True, methods=["post"])
    def resume(self, request: Request, subscription_id: str) -> Response:
        """Resume a paused subscription: next billing = first unpaid date >= today."""
        return self.render(self.service.resume(user=request.user, pk=subscription_id))

    @extend_schema(
        request=s.SubscriptionCancelSerializer,
        responses={200: s.SubscriptionSerializer},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, subscription_id: str) -> Response:
        """Cancel an active or paused subscription (end_date defaults to today)."""
        subscription = self.get_object()
        body = validated(s.SubscriptionCancelSerializer, request.data)
        return self.render(
            self.service.cancel(
                user=request.user, pk=subscription.pk, end_date=body.get("end_date")
            )
        )

    # --- payments, usage, price history -----------------------------------------------

    @extend_schema(
        methods=["GET"], responses={200: s.SubscriptionPaymentSerializer(many=True)}
    )
    @extend_schema(
        methods=["POST"],
        request=s.SubscriptionPaymentCreateSerializer,
        responses={201: s.PaymentResultSerializer},
    )
    @action(
        detail=True, methods=["get", "post"], serializer_class=s.PaymentResultSerializer
    )
    def payments(self, request: Request, subscription_id: str) -> Response:
        """List payments, or record one (paying the current cycle advances the date)."""
        if request.method == "GET":
            rows = self.service.related_for(
                user=request.user, pk=subscription_id, relation="payments"
            )
            return self.page(rows, s.SubscriptionPaymentSerializer)
        subscription = self.get_object()
        body = validated(s.SubscriptionPaymentCreateSerializer, request.data)
        payment = self.service.record_payment(
            user=request.user, pk=subscription.pk, data=body
        )
        result = {"payment": payment, "subscription": payment.subscription}
        return self.render(result, status.HTTP_201_CREATED)

    @extend_schema(
        methods=["PATCH"],
        parameters=[PAYMENT_ID],
        request=s.SubscriptionPaymentUpdateSerializer,
        responses={200: s.PaymentResultSerializer},
    )
    @extend_schema(
        methods=["DELETE"], parameters=[PAYMENT_ID], request=None, responses={204: None}
    )
    @action(
        detail=True,
        methods=["patch", "delete"],
        url_path=r"payments/(?P<payment_id>\d+)",
        url_name="payment-detail",
        serializer_class=s.PaymentResultSerializer,
    )
    def payment(
        self, request: Request, subscription_id: str, payment_id: str
    ) -> Response:
        """Correct a payment (its expense follows), or delete it and its expenses.

        Delete works on a deleted subscription too (its expenses point here)."""
        if request.method == "DELETE":
            self.service.delete_payment(
                user=request.user, pk=subscription_id, payment_id=payment_id
            )
            return Response(status=status.HTTP_204_NO_CONTENT)
        subscription = self.get_object()
        body = validated(s.SubscriptionPaymentUpdateSerializer, request.data)
        payment = self.service.update_payment(
            user=request.user, pk=subscription.pk, payment_id=payment_id, data=body
        )
        return self.render({"payment": payment, "subscription": payment.subscription})

    @extend_schema(
        parameters=[PAYMENT_ID],
        request=s.SubscriptionPaymentRefundSerializer,
        responses={200: s.PaymentResultSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"payments/(?P<payment_id>\d+)/refund",
        url_name="payment-refund",
        serializer_class=s.PaymentResultSerializer,
    )
    def refund_payment(
        self, request: Request, subscription_id: str, payment_id: str
    ) -> Response:
        """Refund a paid payment (all of it by default) as a refund expense."""
        subscription = self.get_object()
        body = validated(s.SubscriptionPaymentRefundSerializer, request.data)
        payment = self.service.refund_payment(
            user=request.user, pk=subscription.pk, payment_id=payment_id, data=body
        )
        return self.render({"payment": payment, "subscription": payment.subscription})

    @extend_schema(
        methods=["GET"], responses={200: s.SubscriptionUsageSerializer(many=True)}
    )
    @extend_schema(
        methods=["POST"],
        request=s.SubscriptionUsageSerializer,
        responses={201: s.SubscriptionUsageSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=s.SubscriptionUsageSerializer,
    )
    def usage(self, request: Request, subscription_id: str) -> Response:
        """List usage logs, or log usage (count, duration, value)."""
        if request.method == "GET":
            rows = self.service.related_for(
                user=request.user, pk=subscription_id, relation="usage_logs"
            )
            return self.page(rows, s.SubscriptionUsageSerializer)
        subscription = self.get_object()
        body = validated(s.SubscriptionUsageSerializer, request.data)
        usage = self.service.log_usage(user=request.user, pk=subscription.pk, data=body)
        return self.render(usage, status.HTTP_201_CREATED)

    @extend_schema(responses={200: s.SubscriptionPriceChangeSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def price_history(self, request: Request, subscription_id: str) -> Response:
        """Every change of the subscription's amount, newest first."""
        rows = self.service.related_for(
            user=request.user, pk=subscription_id, relation="price_changes"
        )
        return self.page(rows, s.SubscriptionPriceChangeSerializer)

    # --- portfolio --------------------------------------------------------------------

    @action(**PORTFOLIO, **UNPAGED, serializer_class=portfolio.DashboardSerializer)
    def dashboard(self, request: Request) -> Response:
        """Counts, monthly and yearly cost per currency, renewals, categories."""
        # Kept rendered for the user's day until a write of their subscriptions or
        # profile (render_kept).
        user = request.user
        return self.render_kept(
            (UserService.today_for(user=user),),
            lambda: self.service.dashboard(user=user),
        )

    @action(**PORTFOLIO, **UNPAGED, serializer_class=portfolio.AnalyticsSerializer)
    def analytics(self, request: Request) -> Response:
        """Six-month cost trend, payment methods, averages, categories, lifetime."""
        return self.render(self.service.analytics(user=request.user))

    @extend_schema(
        parameters=[s.UpcomingQuerySerializer],
        responses={200: s.SubscriptionSerializer(many=True)},
    )
    @action(**PORTFOLIO)
    def upcoming(self, request: Request) -> Response:
        """Active subscriptions renewing within `days` (default 7)."""
        query = validated(s.UpcomingQuerySerializer, request.query_params)
        rows = self.service.upcoming(user=request.user, days=query["days"])
        return self.page(rows, self.serializer_class)

    @extend_schema(parameters=[s.CalendarQuerySerializer])
    @action(**PORTFOLIO, **UNPAGED, serializer_class=portfolio.CalendarSerializer)
    def calendar(self, request: Request) -> Response:
        """Every renewal date (and trial end) in `month` (YYYY-MM)."""
        query = validated(s.CalendarQuerySerializer, request.query_params)
        month = query.get("month")
        return self.render(self.service.calendar(user=request.user, month=month))

    @extend_schema(
        request=s.ParseTextSerializer,
        responses={
            201: s.ParseTextResultSerializer,
            200: OpenApiResponse(
                s.ParseTextResultSerializer,
                "Dry run, or a possible duplicate not saved.",
            ),
        },
    )
    @action(
        detail=False,
        methods=["post"],
        throttle_scope="ai",
        serializer_class=s.ParseTextResultSerializer,
        **UNPAGED,
    )
    def parse_text(self, request: Request) -> Response:
        """Read a subscription from text and create it; `dry_run: true` only reads."""
        body = validated(s.ParseTextSerializer, request.data)
        outcome = self.service.parse_text(user=request.user, **body)
        code = status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK
        return self.render(outcome, code)

    @action(
        **PORTFOLIO,
        **UNPAGED,
        throttle_scope="ai",
        serializer_class=portfolio.AIInsightsEnvelopeSerializer,
    )
    def ai_insights(self, request: Request) -> Response:
        """AI insights (cached, rationed); rule-based ones when the AI cannot serve."""
        return self.render(self.service.ai_insights(user=request.user))

    @extend_schema(
        description="Alias of `GET /api/subscriptions/ai_insights/` (the path the "
        "rule book names): the same envelope, cache, daily AI ration and throttle "
        "scope (`ai`, shared with ai_insights/).",
    )
    @action(
        **PORTFOLIO,
        **UNPAGED,
        throttle_scope="ai",
        serializer_class=portfolio.AIInsightsEnvelopeSerializer,
    )
    def insights(self, request: Request) -> Response:
        """The same answer as ai_insights/, under the rule book's path."""
        return self.ai_insights(request)


class SubscriptionCategoryViewSet(FeatureViewSet):
    """The user's subscription categories."""

    service = SubscriptionCategoryService
    serializer_class = s.SubscriptionCategorySerializer
    filterset_class = SubscriptionCategoryFilter
    lookup_url_kwarg = "category_id"
    lookup_value_regex = r"\d+"


class SubscriptionAlertViewSet(mixins.ListModelMixin, FeatureGenericViewSet):
    """Alerts: unread first; mark read, dismiss, mark all read."""

    service = SubscriptionAlertService
    serializer_class = s.SubscriptionAlertSerializer
    filterset_class = SubscriptionAlertFilter
    lookup_url_kwarg = "alert_id"
    lookup_value_regex = r"\d+"

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def read(self, request: Request, alert_id: str) -> Response:
        """Mark the alert read."""
        return self.render(self.service.mark_read(user=request.user, pk=alert_id))

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, alert_id: str) -> Response:
        """Dismiss the alert: it leaves the list."""
        return self.render(self.service.dismiss(user=request.user, pk=alert_id))

    @extend_schema(request=None)
    @action(detail=False, methods=["post"], serializer_class=s.ReadAllResultSerializer)
    def read_all(self, request: Request) -> Response:
        """Mark every alert read."""
        return self.render({"updated": self.service.mark_all_read(user=request.user)})
