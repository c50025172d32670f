"""The front door of the integrations feature: views, tasks and the admin call these.

The logic lives beside it by concern: `rules.py` (which events notify, and how),
`notifications.py` (the centre, emails, digest), `webhooks.py` (signing, SSRF
guard, attempts), `calendar_feed.py` (the iCal feed), `csv_layout.py` +
`importing.py` (CSV import into expenses), `exporting.py` (export). Domain events
reach `receivers.py`; no feature imports this app.
"""

import secrets
import uuid
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from integrations import (
    calendar_feed,
    exporting,
    importing,
    notifications,
    restoring,
    webhooks,
)
from integrations.models import (
    CalendarTokenModel,
    ImportModel,
    NotificationModel,
    WebhookDeliveryModel,
    WebhookEndpointModel,
)
from integrations.rules import SUBSCRIPTION_KINDS, alert_id_of
from mysphere_core import outbound
from mysphere_core.calendar import calendar_entries
from mysphere_core.errors import (
    ConflictError,
    InvalidInput,
    LimitExceededError,
    NotFoundError,
)
from mysphere_core.limits import parse_pk
from subscriptions.services import SubscriptionAlertService

MAX_WEBHOOKS_PER_USER = 20
WEBHOOK_FIELDS = ("url", "events", "description", "enabled")


def _one(queryset: QuerySet, pk: Any, what: str) -> Any:
    """The row `pk` of the queryset, or a 404 naming `what`."""
    row_id = parse_pk(pk)
    row = queryset.filter(pk=row_id).first() if row_id is not None else None
    if row is None:
        raise NotFoundError(f"{what} not found.")
    return row


def _alerts_read(
    user: AbstractBaseUser, rows: Iterable[NotificationModel], dismiss: bool = False
) -> None:
    """The subscription alerts among these notifications are read (or dismissed)
    in the subscriptions app too: one read state for both lists."""
    alert_ids = [
        alert_id
        for row in rows
        if (alert_id := alert_id_of(row.kind, row.dedupe_key)) is not None
    ]
    if alert_ids:
        SubscriptionAlertService.read_from_centre(
            user=user, alert_ids=alert_ids, dismiss=dismiss
        )


class NotificationService:
    """The user's notifications, their read marks and their preferences."""

    @staticmethod
    def queryset_for(*, user: AbstractBaseUser | None) -> QuerySet[NotificationModel]:
        """The user's live notifications, newest first."""
        return NotificationModel.objects.filter(user=user, is_active=True)

    @staticmethod
    def get_for(*, user: AbstractBaseUser, pk: Any) -> NotificationModel:
        """One of the user's notifications; 404 otherwise."""
        queryset = NotificationService.queryset_for(user=user)
        return _one(queryset, pk, "Notification")

    @staticmethod
    @transaction.atomic
    def delete(*, user: AbstractBaseUser, pk: Any) -> None:
        """Soft-delete a notification (it is not made again for its occurrence); a
        subscription alert's notification dismisses the alert too."""
        notification = NotificationService.get_for(user=user, pk=pk)
        notification.soft_delete()
        _alerts_read(user, [notification], dismiss=True)

    @staticmethod
    @transaction.atomic
    def mark_read(*, user: AbstractBaseUser, pk: Any) -> NotificationModel:
        """Mark one notification read (a subscription alert's: the alert too)."""
        notification = NotificationService.get_for(user=user, pk=pk)
        _alerts_read(user, [notification])
        return notifications.mark_read(notification)

    @staticmethod
    @transaction.atomic
    def mark_all_read(*, user: AbstractBaseUser) -> int:
        """Mark all of the user's notifications read (their subscription alerts
        too); how many changed."""
        unread = NotificationService.queryset_for(user=user).filter(is_read=False)
        _alerts_read(user, unread.filter(kind__in=SUBSCRIPTION_KINDS))
        return notifications.mark_all_read(unread)

    @staticmethod
    def unread_count(*, user: AbstractBaseUser) -> dict[str, Any]:
        """Unread notifications, in total and per severity."""
        return notifications.counts(NotificationService.queryset_for(user=user))

    @staticmethod
    def unread_and_latest(
        *, user: AbstractBaseUser, limit: int
    ) -> tuple[dict[str, Any], list[NotificationModel]]:
        """`unread_count` and the first `limit` of `queryset_for`, cheaper."""
        return notifications.unread_and_latest(user.pk, limit)

    @staticmethod
    def preferences(*, user: AbstractBaseUser) -> dict[str, str]:
        """Every kind with its channel (in_app, email, digest or none)."""
        return notifications.preferences(user)

    @staticmethod
    def set_preferences(
        *, user: AbstractBaseUser, choices: Mapping[str, str]
    ) -> dict[str, str]:
        """Change the channel of some kinds; answers every kind's channel."""
        return notifications.set_preferences(user, dict(choices))

    @staticmethod
    def send_digests() -> dict[str, int]:
        """The daily digest emails whose hour has come (beat task)."""
        return notifications.send_digests()


class WebhookService:
    """The user's webhook endpoints and their deliveries."""

    @staticmethod
    def queryset_for(
        *, user: AbstractBaseUser | None
    ) -> QuerySet[WebhookEndpointModel]:
        """The user's endpoints (not deleted), newest first."""
        return WebhookEndpointModel.objects.filter(user=user, is_active=True)

    @staticmethod
    def get_for(*, user: AbstractBaseUser, pk: Any) -> WebhookEndpointModel:
        """One of the user's endpoints; 404 otherwise."""
        return _one(WebhookService.queryset_for(user=user), pk, "Webhook")

    @staticmethod
    def _checked_url(url: str) -> str:
        """The URL if it may be called; a 400 on `url` otherwise."""
        try:
            webhooks.check_target(url)
        except webhooks.UnsafeTarget as exc:
            raise InvalidInput(str(exc), field="url")
        return url

    @staticmethod
    def create(
        *, user: AbstractBaseUser, data: Mapping[str, Any]
    ) -> WebhookEndpointModel:
        """A new endpoint with a fresh secret (shown once, in this answer)."""
        url = WebhookService._checked_url(data["url"])
        if WebhookService.queryset_for(user=user).count() >= MAX_WEBHOOKS_PER_USER:
            raise LimitExceededError(
                f"At most {MAX_WEBHOOKS_PER_USER} webhooks per user."
            )
        values = {k: data[k] for k in WEBHOOK_FIELDS if k in data}
        return WebhookEndpointModel.objects.create(
            **{**values, "url": url}, user=user, secret=webhooks.new_secret()
        )

    @staticmethod
    def update(
        *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
    ) -> WebhookEndpointModel:
        """Change an endpoint; turning it on again clears its failure count."""
        endpoint = WebhookService.get_for(user=user, pk=pk)
        if "url" in data:
            WebhookService._checked_url(data["url"])
        for name in WEBHOOK_FIELDS:
            if name in data:
                setattr(endpoint, name, data[name])
        if data.get("enabled"):
            endpoint.consecutive_failures = 0
            endpoint.disabled_reason = ""
        endpoint.save()
        return endpoint

    @staticmethod
    def delete(*, user: AbstractBaseUser, pk: Any) -> None:
        """Soft-delete an endpoint: nothing is sent to it any more."""
        WebhookService.get_for(user=user, pk=pk).soft_delete()

    @staticmethod
    def rotate_secret(*, user: AbstractBaseUser, pk: Any) -> WebhookEndpointModel:
        """A new secret (shown once); the old one stops signing at once."""
        endpoint = WebhookService.get_for(user=user, pk=pk)
        endpoint.secret = webhooks.new_secret()
        endpoint.save(update_fields=["secret", "updated_at"])
        return endpoint

    @staticmethod
    def ping(*, user: AbstractBaseUser, pk: Any) -> WebhookDeliveryModel:
        """Send a signed `webhook.ping` now (one attempt) and answer its log row."""
        endpoint = WebhookService.get_for(user=user, pk=pk)
        event_id = uuid.uuid4().hex
        body = webhooks.ping_body(event_id, endpoint.pk)
        delivery = webhooks.create_delivery(
            endpoint, event_id=event_id, event_type=webhooks.PING_EVENT, body=body
        )
        webhooks.attempt(delivery.pk, final=True)
        delivery.refresh_from_db()
        return delivery

    @staticmethod
    def deliveries_for(
        *, user: AbstractBaseUser, pk: Any
    ) -> QuerySet[WebhookDeliveryModel]:
        """The delivery log of one of the user's endpoints, newest first."""
        endpoint = WebhookService.get_for(user=user, pk=pk)
        return WebhookDeliveryModel.objects.filter(endpoint=endpoint, is_active=True)

    @staticmethod
    def redeliver(
        *, user: AbstractBaseUser, pk: Any, delivery_id: Any
    ) -> WebhookDeliveryModel:
        """Send a finished delivery again (attempts start over); 409 while it is
        still being delivered."""
        from integrations.tasks import deliver_webhook_task

        deliveries = WebhookService.deliveries_for(user=user, pk=pk)
        with transaction.atomic():
            delivery = _one(deliveries.select_for_update(), delivery_id, "Delivery")
            status = WebhookDeliveryModel.Status
            finished = (status.SUCCEEDED, status.FAILED)
            if delivery.status not in finished:
                raise ConflictError("This delivery is still being sent.")
            delivery.status = WebhookDeliveryModel.Status.PENDING
            delivery.attempts = 0
            delivery.next_attempt_at = timezone.now()
            delivery.save()
            outbound.later(deliver_webhook_task, delivery.pk)
        delivery.refresh_from_db()
        return delivery


class CalendarService:
    """The user's calendar feed: its secret URL and its content."""

    @staticmethod
    def queryset_for(*, user: AbstractBaseUser | None) -> QuerySet[CalendarTokenModel]:
        """The user's calendar token (one row at most)."""
        return CalendarTokenModel.objects.filter(user=user, is_active=True)

    @staticmethod
    def token_for(*, user: AbstractBaseUser) -> str:
        """The user's feed token, made on first use."""
        token, _ = CalendarTokenModel.objects.get_or_create(
            user=user, defaults={"token": secrets.token_urlsafe(32)}
        )
        return token.token

    @staticmethod
    def regenerate(*, user: AbstractBaseUser) -> str:
        """A new token: the old feed URL stops working at once."""
        token, _ = CalendarTokenModel.objects.update_or_create(
            user=user, defaults={"token": secrets.token_urlsafe(32)}
        )
        return token.token

    @staticmethod
    def feed(*, token: str) -> tuple[bytes, str]:
        """The feed of the token's user and its ETag; 404 for an unknown token."""
        row = (
            CalendarTokenModel.objects.filter(
                token=token, is_active=True, user__is_active=True
            )
            .select_related("user")
            .first()
        )
        if row is None:
            raise NotFoundError("Unknown calendar.")
        body = calendar_feed.render(calendar_entries(row.user), name="MY SPHERE")
        return body, calendar_feed.etag(body)


class ImportService:
    """CSV imports into expenses and their history."""

    @staticmethod
    def queryset_for(*, user: AbstractBaseUser | None) -> QuerySet[ImportModel]:
        """The user's past imports, newest first."""
        return ImportModel.objects.filter(user=user, is_active=True)

    @staticmethod
    def get_for(*, user: AbstractBaseUser, pk: Any) -> ImportModel:
        """One of the user's imports; 404 otherwise."""
        return _one(ImportService.queryset_for(user=user), pk, "Import")

    @staticmethod
    def delete(*, user: AbstractBaseUser, pk: Any) -> int:
        """Undo an import: the expenses it created that are still there are
        deleted (nothing else), and it leaves the history; how many were deleted."""
        with transaction.atomic():
            record = _one(
                ImportService.queryset_for(user=user).select_for_update(), pk, "Import"
            )
            return importing.undo(user, record)

    @staticmethod
    def import_expenses(
        *,
        user: AbstractBaseUser,
        upload: IO[bytes],
        filename: str,
        options: Mapping[str, Any],
    ) -> importing.ImportReport:
        """Read a bank CSV; dry run: what would happen per row; real run: create
        the new expenses atomically (duplicates skipped, so a re-import adds
        nothing)."""
        if getattr(upload, "size", 0) > importing.MAX_FILE_BYTES:
            raise InvalidInput("The file is over 5 MB.", field="file")
        data = upload.read(importing.MAX_FILE_BYTES + 1)
        return importing.import_expenses(
            user=user, data=data, filename=filename, options=options
        )


class ExportService:
    """Everything of a user's, from every feature."""

    @staticmethod
    def json_chunks(*, user: AbstractBaseUser) -> Iterator[str]:
        """The JSON document, chunk by chunk (for a streamed answer)."""
        return exporting.json_chunks(user)

    @staticmethod
    def zip_file(*, user: AbstractBaseUser) -> IO[bytes]:
        """A zip of one CSV per table, rewound."""
        return exporting.zip_file(user)


class RestoreService:
    """The JSON export written back into an empty account."""

    @staticmethod
    def restore(*, user: AbstractBaseUser, upload: IO[bytes]) -> dict[str, int]:
        """Restore the export document atomically; rows written per table. 409
        when the account has data already, 400 on `file` for no export."""
        if getattr(upload, "size", 0) > restoring.MAX_FILE_BYTES:
            raise InvalidInput("The file is over 20 MB.", field="file")
        data = upload.read(restoring.MAX_FILE_BYTES + 1)
        return restoring.restore(user=user, data=data)
