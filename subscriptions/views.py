"""Thin views of the subscriptions feature: validate, call a service, render."""

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import SearchFilter
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from subscriptions import serializers as s
from subscriptions.filters import (
    StrictOrderingFilter,
    SubscriptionAlertFilter,
    SubscriptionFilter,
)
from subscriptions.models import (
    SubscriptionAlertModel,
    SubscriptionCategoryModel,
    SubscriptionModel,
)
from subscriptions.services import (
    SubscriptionAlertService,
    SubscriptionCategoryService,
    SubscriptionService,
)

SUBSCRIPTION_ID = OpenApiParameter(
    "subscription_id", OpenApiTypes.STR, OpenApiParameter.PATH
)
PAYMENT_ID = OpenApiParameter("payment_id", OpenApiTypes.INT, OpenApiParameter.PATH)
NO_FILTERS: dict[str, Any] = {"filter_backends": []}


class SubscriptionViewSet(viewsets.ModelViewSet):
    """Subscriptions: CRUD, status changes, payments, usage and portfolio views."""

    queryset = SubscriptionModel.objects.none()
    serializer_class = s.SubscriptionSerializer
    lookup_field = "subscription_id"
    filterset_class = SubscriptionFilter
    filter_backends = [DjangoFilterBackend, SearchFilter, StrictOrderingFilter]
    search_fields = ["name", "provider", "description", "notes"]
    ordering_fields = [
        "name",
        "provider",
        "amount",
        "next_billing_date",
        "start_date",
        "status",
        "created_at",
    ]
    ordering = ["next_billing_date", "name", "subscription_id"]
    throttle_scope: str | None = None

    def get_queryset(self) -> QuerySet[SubscriptionModel]:
        """The user's subscriptions, from the service."""
        return SubscriptionService.queryset_for(user=self.request.user)

    def get_serializer_class(self) -> type[Serializer]:
        """Write serializer for create/update, read serializer otherwise."""
        if self.action in ("create", "update", "partial_update"):
            return s.SubscriptionCreateSerializer
        return s.SubscriptionSerializer

    def _render(self, subscription: SubscriptionModel, code: int = 200) -> Response:
        context = self.get_serializer_context()
        body = s.SubscriptionSerializer(subscription, context=context).data
        return Response(body, status=code)

    def _page(self, queryset: QuerySet, serializer_class: type[Serializer]) -> Response:
        page = self.paginate_queryset(queryset)
        context = self.get_serializer_context()
        data = serializer_class(page, many=True, context=context).data
        return self.get_paginated_response(data)

    @extend_schema(
        request=s.SubscriptionCreateSerializer,
        responses={201: s.SubscriptionSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Create a subscription (at most 100 per user)."""
        serializer = s.SubscriptionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        subscription = SubscriptionService.create(
            user=request.user, data=serializer.validated_data
        )
        return self._render(subscription, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.SubscriptionCreateSerializer,
        responses={200: s.SubscriptionSerializer},
    )
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Replace (PUT) or change (PATCH) a subscription."""
        instance = self.get_object()
        serializer = s.SubscriptionCreateSerializer(
            instance, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        subscription = SubscriptionService.update(
            user=request.user,
            subscription_id=instance.pk,
            data=serializer.validated_data,
        )
        return self._render(subscription)

    def perform_destroy(self, instance: SubscriptionModel) -> None:
        """Soft delete."""
        SubscriptionService.delete(user=self.request.user, subscription_id=instance.pk)

    # --- status ---------------------------------------------------------------------

    @extend_schema(request=None, responses={200: s.SubscriptionSerializer})
    @action(detail=True, methods=["post"])
    def pause(self, request: Request, subscription_id: str) -> Response:
        """Pause an active subscription."""
        return self._render(
            SubscriptionService.pause(
                user=request.user, subscription_id=subscription_id
            )
        )

    @extend_schema(request=None, responses={200: s.SubscriptionSerializer})
    @action(detail=True, methods=["post"])
    def resume(self, request: Request, subscription_id: str) -> Response:
        """Resume a paused subscription: next billing = first anchored date >= today."""
        return self._render(
            SubscriptionService.resume(
                user=request.user, subscription_id=subscription_id
            )
        )

    @extend_schema(
        request=s.SubscriptionCancelSerializer,
        responses={200: s.SubscriptionSerializer},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, subscription_id: str) -> Response:
        """Cancel an active or paused subscription (end_date defaults to today)."""
        serializer = s.SubscriptionCancelSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._render(
            SubscriptionService.cancel(
                user=request.user,
                subscription_id=subscription_id,
                end_date=serializer.validated_data.get("end_date"),
            )
        )

    # --- payments, usage, price history ---------------------------------------------

    @extend_schema(
        methods=["GET"], responses={200: s.SubscriptionPaymentSerializer(many=True)}
    )
    @extend_schema(
        methods=["POST"],
        request=s.SubscriptionPaymentCreateSerializer,
        responses={201: s.PaymentResultSerializer},
    )
    @action(detail=True, methods=["get", "post"], **NO_FILTERS)
    def payments(self, request: Request, subscription_id: str) -> Response:
        """List payments, or record one (paying the current cycle advances the date)."""
        if request.method == "GET":
            return self._page(
                SubscriptionService.payments_for(
                    user=request.user, subscription_id=subscription_id
                ),
                s.SubscriptionPaymentSerializer,
            )
        serializer = s.SubscriptionPaymentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        payment = SubscriptionService.record_payment(
            user=request.user,
            subscription_id=subscription_id,
            data=serializer.validated_data,
        )
        body = s.PaymentResultSerializer(
            {"payment": payment, "subscription": payment.subscription},
            context=self.get_serializer_context(),
        ).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[PAYMENT_ID], request=None, responses={204: None})
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"payments/(?P<payment_id>\d+)",
        url_name="payment-detail",
        **NO_FILTERS,
    )
    def delete_payment(
        self, request: Request, subscription_id: str, payment_id: str
    ) -> Response:
        """Delete a payment and its expense; its cycle becomes due again."""
        SubscriptionService.delete_payment(
            user=request.user,
            subscription_id=subscription_id,
            payment_id=int(payment_id),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        methods=["GET"], responses={200: s.SubscriptionUsageSerializer(many=True)}
    )
    @extend_schema(
        methods=["POST"],
        request=s.SubscriptionUsageSerializer,
        responses={201: s.SubscriptionUsageSerializer},
    )
    @action(detail=True, methods=["get", "post"], **NO_FILTERS)
    def usage(self, request: Request, subscription_id: str) -> Response:
        """List usage logs, or log usage (count, duration, value)."""
        if request.method == "GET":
            return self._page(
                SubscriptionService.usage_for(
                    user=request.user, subscription_id=subscription_id
                ),
                s.SubscriptionUsageSerializer,
            )
        serializer = s.SubscriptionUsageSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        usage = SubscriptionService.log_usage(
            user=request.user,
            subscription_id=subscription_id,
            data=serializer.validated_data,
        )
        return Response(
            s.SubscriptionUsageSerializer(usage).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(responses={200: s.SubscriptionPriceChangeSerializer(many=True)})
    @action(detail=True, methods=["get"], **NO_FILTERS)
    def price_history(self, request: Request, subscription_id: str) -> Response:
        """Every change of the subscription's amount, newest first."""
        return self._page(
            SubscriptionService.price_history_for(
                user=request.user, subscription_id=subscription_id
            ),
            s.SubscriptionPriceChangeSerializer,
        )

    # --- portfolio --------------------------------------------------------------------

    @extend_schema(responses={200: s.DashboardSerializer})
    @action(detail=False, methods=["get"], pagination_class=None, **NO_FILTERS)
    def dashboard(self, request: Request) -> Response:
        """Totals, monthly and yearly cost by currency, renewals, categories."""
        data = SubscriptionService.dashboard(user=request.user)
        return Response(
            s.DashboardSerializer(data, context=self.get_serializer_context()).data
        )

    @extend_schema(responses={200: s.AnalyticsSerializer})
    @action(detail=False, methods=["get"], pagination_class=None, **NO_FILTERS)
    def analytics(self, request: Request) -> Response:
        """Six-month cost trend, payment methods, averages, categories, lifetime."""
        return Response(
            s.AnalyticsSerializer(SubscriptionService.analytics(user=request.user)).data
        )

    @extend_schema(
        parameters=[s.UpcomingQuerySerializer],
        responses={200: s.SubscriptionSerializer(many=True)},
    )
    @action(detail=False, methods=["get"], pagination_class=None, **NO_FILTERS)
    def upcoming(self, request: Request) -> Response:
        """Active subscriptions renewing within `days` (default 7)."""
        query = s.UpcomingQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        subscriptions = SubscriptionService.upcoming(
            user=request.user, days=query.validated_data["days"]
        )
        return Response(
            s.SubscriptionSerializer(
                subscriptions, many=True, context=self.get_serializer_context()
            ).data
        )

    @extend_schema(
        parameters=[s.CalendarQuerySerializer],
        responses={200: s.CalendarSerializer},
    )
    @action(detail=False, methods=["get"], pagination_class=None, **NO_FILTERS)
    def calendar(self, request: Request) -> Response:
        """Every renewal date (and trial end) in `month` (YYYY-MM)."""
        query = s.CalendarQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = SubscriptionService.calendar(
            user=request.user, month=query.validated_data.get("month")
        )
        return Response(s.CalendarSerializer(data).data)

    @extend_schema(
        request=s.ParseTextSerializer,
        responses={
            201: s.ParseTextResultSerializer,
            200: OpenApiResponse(s.ParseTextResultSerializer, "Dry run."),
        },
    )
    @action(
        detail=False,
        methods=["post"],
        throttle_scope="ai",
        pagination_class=None,
        **NO_FILTERS,
    )
    def parse_text(self, request: Request) -> Response:
        """Read a subscription from text and create it; `dry_run: true` only reads."""
        serializer = s.ParseTextSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = SubscriptionService.parse_text(
            user=request.user, **serializer.validated_data
        )
        body = s.ParseTextResultSerializer(
            result, context=self.get_serializer_context()
        ).data
        code = status.HTTP_200_OK if result["dry_run"] else status.HTTP_201_CREATED
        return Response(body, status=code)

    @extend_schema(responses={200: s.AIInsightsEnvelopeSerializer})
    @action(
        detail=False,
        methods=["get"],
        throttle_scope="ai",
        pagination_class=None,
        **NO_FILTERS,
    )
    def ai_insights(self, request: Request) -> Response:
        """AI insights (cached, rationed); rule-based ones when the AI cannot serve."""
        return Response(SubscriptionService.ai_insights(user=request.user))


class SubscriptionCategoryViewSet(viewsets.ModelViewSet):
    """The user's subscription categories."""

    queryset = SubscriptionCategoryModel.objects.none()
    serializer_class = s.SubscriptionCategorySerializer
    lookup_url_kwarg = "category_id"
    lookup_value_regex = r"\d+"
    filter_backends: list = []
    ordering = ["name"]

    def get_queryset(self) -> QuerySet[SubscriptionCategoryModel]:
        """The user's categories, from the service."""
        return SubscriptionCategoryService.queryset_for(
            user=self.request.user
        ).order_by("name", "id")

    def get_object(self) -> SubscriptionCategoryModel:
        """One of the user's categories (404 otherwise)."""
        return SubscriptionCategoryService.get_for(
            user=self.request.user, category_id=int(self.kwargs["category_id"])
        )

    def perform_create(self, serializer: Serializer) -> None:
        """Create through the service."""
        serializer.instance = SubscriptionCategoryService.create(
            user=self.request.user, data=serializer.validated_data
        )

    def perform_update(self, serializer: Serializer) -> None:
        """Update through the service."""
        serializer.instance = SubscriptionCategoryService.update(
            user=self.request.user,
            category_id=serializer.instance.pk,
            data=serializer.validated_data,
        )

    def perform_destroy(self, instance: SubscriptionCategoryModel) -> None:
        """Soft delete; its subscriptions become uncategorised."""
        SubscriptionCategoryService.delete(
            user=self.request.user, category_id=instance.pk
        )


class SubscriptionAlertViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Alerts: unread first; mark read, dismiss, mark all read."""

    queryset = SubscriptionAlertModel.objects.none()
    serializer_class = s.SubscriptionAlertSerializer
    lookup_url_kwarg = "alert_id"
    lookup_value_regex = r"\d+"
    filterset_class = SubscriptionAlertFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self) -> QuerySet[SubscriptionAlertModel]:
        """The user's live alerts, from the service."""
        return SubscriptionAlertService.queryset_for(user=self.request.user)

    @extend_schema(request=None, responses={200: s.SubscriptionAlertSerializer})
    @action(detail=True, methods=["post"])
    def read(self, request: Request, alert_id: str) -> Response:
        """Mark the alert read."""
        alert = SubscriptionAlertService.mark_read(
            user=request.user, alert_id=int(alert_id)
        )
        return Response(s.SubscriptionAlertSerializer(alert).data)

    @extend_schema(request=None, responses={200: s.SubscriptionAlertSerializer})
    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, alert_id: str) -> Response:
        """Dismiss the alert: it leaves the list."""
        alert = SubscriptionAlertService.dismiss(
            user=request.user, alert_id=int(alert_id)
        )
        return Response(s.SubscriptionAlertSerializer(alert).data)

    @extend_schema(request=None, responses={200: s.ReadAllResultSerializer})
    @action(detail=False, methods=["post"], filter_backends=[])
    def read_all(self, request: Request) -> Response:
        """Mark every alert read."""
        return Response(
            {"updated": SubscriptionAlertService.mark_all_read(user=request.user)}
        )
