"""Thin views of the integrations feature: validate, call one service method, render."""

from typing import Any

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, renderers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from integrations import serializers as s
from integrations.filters import NotificationFilter
from integrations.importing import report_data
from integrations.services import (
    CalendarService,
    ExportService,
    ImportService,
    NotificationService,
    RestoreService,
    WebhookService,
)
from mysphere_core.api import FeatureGenericViewSet, FeatureViewSet
from mysphere_core.parsers import JSONFallbackNegotiation
from mysphere_core.schema import ErrorsAutoSchema
from mysphere_core.serializers import validated
from users.services import UserService

CALENDAR_FEED_NAME = "calendar-feed"


class NotificationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    FeatureGenericViewSet,
):
    """The user's notifications: list, read marks, unread count, preferences."""

    service = NotificationService
    serializer_class = s.NotificationSerializer
    filterset_class = NotificationFilter
    lookup_value_regex = r"\d+"
    lookup_url_kwarg = "notification_id"

    def perform_destroy(self, instance: Any) -> None:
        """Soft delete through the service."""
        NotificationService.delete(user=self.request.user, pk=instance.pk)

    @extend_schema(request=None, responses={200: s.NotificationSerializer})
    @action(detail=True, methods=["post"])
    def read(self, request: Request, notification_id: str) -> Response:
        """Mark one notification read."""
        return self.render(
            NotificationService.mark_read(user=request.user, pk=notification_id)
        )

    @extend_schema(request=None, responses={200: s.MarkedSerializer})
    @action(detail=False, methods=["post"])
    def read_all(self, request: Request) -> Response:
        """Mark every notification read."""
        marked = NotificationService.mark_all_read(user=request.user)
        return Response(s.MarkedSerializer({"marked": marked}).data)

    @extend_schema(responses={200: s.UnreadCountSerializer})
    @action(detail=False, methods=["get"])
    def unread_count(self, request: Request) -> Response:
        """Unread notifications, in total and per severity."""
        counts = NotificationService.unread_count(user=request.user)
        return Response(s.UnreadCountSerializer(counts).data)

    @extend_schema(
        methods=["GET"], responses={200: s.NotificationPreferencesSerializer}
    )
    @extend_schema(
        methods=["PATCH"],
        request=s.NotificationPreferencesSerializer,
        responses={200: s.NotificationPreferencesSerializer},
    )
    @action(detail=False, methods=["get", "patch"])
    def preferences(self, request: Request) -> Response:
        """Where each kind goes: in_app, email (at once), digest (daily), none."""
        if request.method == "PATCH":
            body = validated(s.NotificationPreferencesSerializer, request.data)
            chosen = NotificationService.set_preferences(
                user=request.user, choices=body
            )
        else:
            chosen = NotificationService.preferences(user=request.user)
        return Response(chosen)


class WebhookViewSet(FeatureViewSet):
    """The user's webhook endpoints: CRUD, ping, secret rotation, delivery log."""

    service = WebhookService
    serializer_class = s.WebhookSerializer
    write_serializer_class = s.WebhookWriteSerializer
    lookup_value_regex = r"\d+"
    lookup_url_kwarg = "webhook_id"

    @extend_schema(
        request=s.WebhookWriteSerializer, responses={201: s.WebhookSecretSerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A new endpoint; the answer shows its secret, this once."""
        fields = validated(s.WebhookWriteSerializer, request.data)
        endpoint = WebhookService.create(user=request.user, data=fields)
        body = s.WebhookSecretSerializer(endpoint).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.DeliverySerializer})
    @action(detail=True, methods=["post"])
    def ping(self, request: Request, webhook_id: str) -> Response:
        """Send a signed `webhook.ping` now; answers its delivery."""
        delivery = WebhookService.ping(user=request.user, pk=webhook_id)
        return Response(s.DeliverySerializer(delivery).data)

    @extend_schema(request=None, responses={200: s.WebhookSecretSerializer})
    @action(detail=True, methods=["post"])
    def rotate_secret(self, request: Request, webhook_id: str) -> Response:
        """A new secret, shown this once; the old one stops at once."""
        endpoint = WebhookService.rotate_secret(user=request.user, pk=webhook_id)
        return Response(s.WebhookSecretSerializer(endpoint).data)

    @extend_schema(responses={200: s.DeliverySerializer(many=True)})
    @action(detail=True, methods=["get"])
    def deliveries(self, request: Request, webhook_id: str) -> Response:
        """The endpoint's delivery log, newest first."""
        rows = WebhookService.deliveries_for(user=request.user, pk=webhook_id)
        return self.page(rows, s.DeliverySerializer)

    @extend_schema(
        request=None,
        responses={
            202: s.DeliverySerializer,
            409: OpenApiResponse(description="Still being delivered."),
        },
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"deliveries/(?P<delivery_id>\d+)/redeliver",
        url_name="redeliver",
    )
    def redeliver(
        self, request: Request, webhook_id: str, delivery_id: str
    ) -> Response:
        """Send one finished delivery again (its attempts start over)."""
        delivery = WebhookService.redeliver(
            user=request.user, pk=webhook_id, delivery_id=delivery_id
        )
        return Response(
            s.DeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED
        )


class OneObjectSchema(ErrorsAutoSchema):
    """The schema of a ViewSet whose `list` route answers one object, not a page."""

    def _is_list_view(self, serializer: Any = None) -> bool:
        """Never a list."""
        return False


class CalendarViewSet(FeatureGenericViewSet):
    """The secret URL of the user's calendar feed, and a new one."""

    schema = OneObjectSchema()
    service = CalendarService
    serializer_class = s.CalendarURLSerializer
    pagination_class = None

    def _url(self, token: str) -> Response:
        """The absolute feed URL of a token."""
        path = reverse(f"integrations:{CALENDAR_FEED_NAME}", kwargs={"token": token})
        url = self.request.build_absolute_uri(path)
        return Response(s.CalendarURLSerializer({"url": url}).data)

    @extend_schema(responses={200: s.CalendarURLSerializer})
    def list(self, request: Request) -> Response:
        """`{"url": ".../api/integrations/calendar/<token>.ics"}` (no JWT needed)."""
        return self._url(CalendarService.token_for(user=request.user))

    @extend_schema(request=None, responses={200: s.CalendarURLSerializer})
    @action(detail=False, methods=["post"])
    def regenerate(self, request: Request) -> Response:
        """A new secret URL; the old one stops working."""
        return self._url(CalendarService.regenerate(user=request.user))


class CalendarFeedView(APIView):
    """`GET calendar/<token>.ics`: the iCal feed, no JWT (the token is the key)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        responses={
            (200, "text/calendar"): OpenApiTypes.STR,
            304: OpenApiResponse(description="Not modified (If-None-Match)."),
        },
        parameters=[OpenApiParameter("If-None-Match", str, OpenApiParameter.HEADER)],
    )
    def get(self, request: Request, token: str) -> HttpResponse:
        """The RFC 5545 feed; 304 when the client's ETag is current."""
        body, etag = CalendarService.feed(token=token)
        given = request.headers.get("If-None-Match", "")
        tags = {t.strip().removeprefix("W/") for t in given.split(",")}
        if etag in tags or "*" in tags:
            response = HttpResponse(status=status.HTTP_304_NOT_MODIFIED)
        else:
            response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
            response["Content-Disposition"] = 'inline; filename="mysphere.ics"'
        response["ETag"] = etag
        response["Cache-Control"] = "private, max-age=300"
        return response


@extend_schema_view(
    destroy=extend_schema(
        responses={204: OpenApiResponse(description="Undone: its expenses deleted.")}
    )
)
class ImportViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    FeatureGenericViewSet,
):
    """CSV import into expenses, the history of real imports, and undo (DELETE:
    the expenses an import created are deleted, nothing else)."""

    def perform_destroy(self, instance: Any) -> None:
        """Undo the import through the service."""
        ImportService.delete(user=self.request.user, pk=instance.pk)

    service = ImportService
    serializer_class = s.ImportRecordSerializer
    lookup_value_regex = r"\d+"
    lookup_url_kwarg = "import_id"

    @extend_schema(
        request={"multipart/form-data": s.ImportRequestSerializer},
        responses={
            200: OpenApiResponse(s.ImportReportSerializer, "Dry run."),
            201: s.ImportReportSerializer,
        },
    )
    @action(
        detail=False,
        methods=["post"],
        parser_classes=[MultiPartParser, FormParser],
    )
    def expenses(self, request: Request) -> Response:
        """Import a bank CSV (dry run by default: what each row would become)."""
        body = validated(s.ImportRequestSerializer, request.data)
        options = dict(body)
        upload = options.pop("file")
        options["currency"] = options.get("currency") or UserService.currency_for(
            user=request.user
        )
        report = ImportService.import_expenses(
            user=request.user, upload=upload, filename=upload.name, options=options
        )
        code = status.HTTP_200_OK if report.dry_run else status.HTTP_201_CREATED
        return Response(s.ImportReportSerializer(report_data(report)).data, code)


class ExportNegotiation(JSONFallbackNegotiation):
    """`?format=` picks the export's format (checked by its serializer), not a
    renderer: every DRF answer of the export (errors) is JSON."""

    def select_renderer(
        self, request: Request, renderers: list, format_suffix: str | None = None
    ) -> tuple:
        """JSON, whatever `format` says."""
        return renderers[0], renderers[0].media_type


class ExportViewSet(FeatureGenericViewSet):
    """Everything of the user's, from every feature."""

    schema = OneObjectSchema()
    service = ExportService
    serializer_class = s.ExportQuerySerializer
    renderer_classes = [renderers.JSONRenderer]
    content_negotiation_class = ExportNegotiation
    pagination_class = None

    def get_queryset(self) -> Any:
        """No queryset: the export reads every feature through the data protocol."""
        return None

    @extend_schema(
        parameters=[s.ExportQuerySerializer],
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "application/zip"): OpenApiTypes.BINARY,
        },
    )
    def list(self, request: Request) -> HttpResponse:
        """One JSON document (streamed, with `schema_version`), or `?format=csv`:
        a zip of one CSV per table."""
        query = validated(s.ExportQuerySerializer, request.query_params)
        day = UserService.today_for(user=request.user).isoformat()
        if query.get("format") == "csv":
            return FileResponse(
                ExportService.zip_file(user=request.user),
                as_attachment=True,
                filename=f"mysphere-export-{day}.zip",
                content_type="application/zip",
            )
        response = StreamingHttpResponse(
            ExportService.json_chunks(user=request.user),
            content_type="application/json",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="mysphere-export-{day}.json"'
        )
        return response


class RestoreViewSet(FeatureGenericViewSet):
    """The JSON export written back into an account with no data yet."""

    schema = OneObjectSchema()
    service = RestoreService
    serializer_class = s.RestoreRequestSerializer
    parser_classes = [MultiPartParser, FormParser]
    pagination_class = None

    def get_queryset(self) -> Any:
        """No queryset: the restore writes every feature through the data protocol."""
        return None

    @extend_schema(
        request={"multipart/form-data": s.RestoreRequestSerializer},
        responses={
            201: s.RestoreReportSerializer,
            409: OpenApiResponse(description="The account has data already."),
        },
    )
    def create(self, request: Request) -> Response:
        """Restore a JSON export (`file`) into this account, which must have no
        data yet (409 otherwise: a second restore never doubles anything)."""
        body = validated(s.RestoreRequestSerializer, request.data)
        upload = body["file"]
        tables = RestoreService.restore(user=request.user, upload=upload)
        answer = {"restored": sum(tables.values()), "tables": tables}
        return Response(
            s.RestoreReportSerializer(answer).data, status=status.HTTP_201_CREATED
        )
