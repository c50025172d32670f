"""The notification centre: making notifications from events (once per occurrence),
preferences per kind, read marks, immediate emails and the daily digest."""

import logging
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from integrations.models import (
    Channel,
    Kind,
    NotificationDigestModel,
    NotificationModel,
    NotificationPreferenceModel,
)
from integrations.rules import SUBSCRIPTION_KINDS, NotificationSpec, alert_key
from mysphere_core import outbound
from users.services import UserService

logger = logging.getLogger(__name__)
DEFAULT_CHANNEL = Channel.IN_APP


def preferences(user: AbstractBaseUser) -> dict[str, str]:
    """Every kind with the user's channel for it (in-app when never chosen)."""
    chosen = dict(
        NotificationPreferenceModel.objects.filter(user=user).values_list(
            "kind", "channel"
        )
    )
    return {kind: chosen.get(kind, DEFAULT_CHANNEL) for kind in Kind.values}


@transaction.atomic
def set_preferences(user: AbstractBaseUser, choices: dict[str, str]) -> dict[str, str]:
    """Store the channel of each kind given; answers every kind's channel."""
    for kind, channel in choices.items():
        NotificationPreferenceModel.objects.update_or_create(
            user=user, kind=kind, defaults={"channel": channel}
        )
    return preferences(user)


def channel_for(user_id: int, kind: str) -> str:
    """Where this kind of the user's notifications goes."""
    chosen = (
        NotificationPreferenceModel.objects.filter(user_id=user_id, kind=kind)
        .values_list("channel", flat=True)
        .first()
    )
    return chosen or DEFAULT_CHANNEL


def notify(
    spec: NotificationSpec, *, event_type: str = "", event_id: str = ""
) -> NotificationModel | None:
    """Make the notification of `spec` unless the user chose "none" for its kind or
    it exists already (same kind and occurrence); an "email" one is emailed once
    the row is committed. Answers the new notification, or None."""
    channel = channel_for(spec.user_id, spec.kind)
    if channel == Channel.NONE:
        return None
    if not spec.email_allowed:
        channel = Channel.IN_APP
    if not get_user_model().objects.filter(pk=spec.user_id, is_active=True).exists():
        return None
    try:
        with transaction.atomic():
            notification = NotificationModel.objects.create(
                user_id=spec.user_id,
                kind=spec.kind,
                title=spec.title,
                body=spec.body,
                severity=spec.severity,
                object_type=spec.object_type,
                object_id=spec.object_id,
                dedupe_key=spec.dedupe_key[:200],
                event_type=event_type,
                event_id=event_id,
                channel=channel,
            )
    except IntegrityError:
        return None  # this occurrence was notified already
    if channel == Channel.EMAIL:
        from integrations.tasks import send_notification_email_task

        outbound.later(send_notification_email_task, notification.pk)
    return notification


def _wants_email(user: AbstractBaseUser) -> bool:
    """The user has an address and has not turned emails off in the profile."""
    profile = UserService.profile_for(user=user)
    return bool(user.email) and profile.email_notifications


def send_email(notification_id: int) -> bool:
    """Email one notification, once: the row is marked first (one conditional
    UPDATE), the mail sent outside any transaction, the mark taken back if the mail
    server failed (so a later run may try again)."""
    notification = (
        NotificationModel.objects.select_related("user", "user__profile")
        .filter(pk=notification_id, emailed_at__isnull=True, is_active=True)
        .first()
    )
    if notification is None or not _wants_email(notification.user):
        return False
    unsent = NotificationModel.objects.filter(pk=notification_id, emailed_at=None)
    if not unsent.update(emailed_at=timezone.now()):
        return False  # another worker took it
    try:
        outbound.send_mail(
            subject=f"MY SPHERE: {notification.title}",
            message=f"{notification.title}\n\n{notification.body}\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[notification.user.email],
        )
    except Exception:
        NotificationModel.objects.filter(pk=notification_id).update(emailed_at=None)
        raise
    return True


def _pending_digest(user_id: int | None = None) -> QuerySet[NotificationModel]:
    """Unread digest notifications not emailed yet."""
    rows = NotificationModel.objects.filter(
        channel=Channel.DIGEST, is_read=False, is_active=True, emailed_at__isnull=True
    )
    return rows.filter(user_id=user_id) if user_id is not None else rows


def send_digests() -> dict[str, int]:
    """Hourly: one email per user whose local digest hour has come today, with the
    unread digest notifications; at most one digest per user and local day."""
    user_ids = set(_pending_digest().values_list("user_id", flat=True).distinct())
    users = get_user_model().objects.filter(pk__in=user_ids).select_related("profile")
    sent = 0
    for user in users:
        now = UserService.now_for(user=user)
        if now.hour >= settings.NOTIFICATION_DIGEST_HOUR:
            sent += int(_send_digest(user, now.date()))
    return {"digests_sent": sent}


def _send_digest(user: AbstractBaseUser, day: date) -> bool:
    """The digest of `user` for local `day`, sent once (a unique row per day). The
    day's row and the marks are committed first, the mail sent after; a mail server
    failure takes both back, so the next hourly run tries again."""
    if not _wants_email(user):
        return False
    try:
        with transaction.atomic():
            digest = NotificationDigestModel.objects.create(user=user, day=day)
            rows = list(
                _pending_digest(user.pk)
                .select_for_update(skip_locked=True)
                .order_by("created_at", "notification_id")
            )
            if not rows:
                return False
            ids = [n.pk for n in rows]
            NotificationModel.objects.filter(pk__in=ids).update(
                emailed_at=timezone.now()
            )
            digest.notification_count = len(rows)
            digest.save(update_fields=["notification_count"])
    except IntegrityError:
        return False  # today's digest went out already
    lines = [f"- {n.title}: {n.body}" for n in rows]
    try:
        outbound.send_mail(
            subject=f"MY SPHERE: {len(rows)} notifications for {day.isoformat()}",
            message="Your unread notifications:\n\n" + "\n".join(lines) + "\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
    except Exception:
        with transaction.atomic():
            NotificationModel.objects.filter(pk__in=ids).update(emailed_at=None)
            digest.delete()
        raise
    return True


def mark_read(notification: NotificationModel) -> NotificationModel:
    """Mark one notification read (idempotent)."""
    if not notification.is_read:
        notification.is_read = True
        notification.read_at = timezone.now()
        notification.save(update_fields=["is_read", "read_at", "updated_at"])
    return notification


def read_alerts(user_id: int, alert_ids: list[int]) -> int:
    """Mark read the notifications of these subscription alerts (read, dismissed or
    removed in the subscriptions app); how many changed."""
    return mark_all_read(
        NotificationModel.objects.filter(
            user_id=user_id,
            kind__in=SUBSCRIPTION_KINDS,
            dedupe_key__in=[alert_key(pk) for pk in alert_ids],
        )
    )


def mark_all_read(queryset: QuerySet[NotificationModel]) -> int:
    """Mark every unread notification of the queryset read; how many changed."""
    now = timezone.now()
    return queryset.filter(is_read=False).update(
        is_read=True, read_at=now, updated_at=now
    )


def counts(queryset: QuerySet[NotificationModel]) -> dict[str, Any]:
    """Unread notifications in total and per severity."""
    grouped = (
        queryset.filter(is_read=False)
        .order_by()
        .values_list("severity")
        .annotate(n=Count("pk"))
    )
    per_severity = dict.fromkeys(NotificationModel.Severity.values, 0)
    per_severity.update(dict(grouped))
    return {"unread": sum(per_severity.values()), "by_severity": per_severity}


# Home's notifications in two statements written once (the ORM compiling them cost
# more than running them): the unread counts per severity, the latest live rows.
_TABLE = NotificationModel._meta.db_table
_COLUMNS = ", ".join(f.column for f in NotificationModel._meta.concrete_fields)
_UNREAD_SQL = (
    f"SELECT severity, COUNT(*) FROM {_TABLE} "  # noqa: S608 (model constants)
    "WHERE user_id = %s AND is_active AND NOT is_read GROUP BY severity"
)
_LATEST_SQL = (
    f"SELECT {_COLUMNS} FROM {_TABLE} "  # noqa: S608 (model constants)
    "WHERE user_id = %s AND is_active "
    "ORDER BY created_at DESC, notification_id DESC LIMIT %s"
)


def unread_and_latest(user_id: int, limit: int) -> tuple[dict[str, Any], list]:
    """The user's unread counts (as `counts`) and latest `limit` live notifications
    (as the list's first page), each in one precompiled statement."""
    with connection.cursor() as cursor:
        cursor.execute(_UNREAD_SQL, [user_id])
        grouped = cursor.fetchall()
    per_severity = dict.fromkeys(NotificationModel.Severity.values, 0)
    per_severity.update(dict(grouped))
    unread = {"unread": sum(per_severity.values()), "by_severity": per_severity}
    return unread, list(NotificationModel.objects.raw(_LATEST_SQL, [user_id, limit]))
