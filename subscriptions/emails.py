"""Alert emails: one email per user listing their new alerts, sent by a Celery task.

The task lives here (not in tasks.py) because alert generation queues it, and
tasks.py reaches alert generation through the services facade; the worker still
registers it (tasks.py imports the services, which import this module).
"""

import logging
from smtplib import SMTPException

from celery import shared_task

from mysphere_core import outbound
from subscriptions.models import SubscriptionAlertModel

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(OSError, SMTPException),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=3,
)
def send_alert_email(alert_ids: list[int]) -> bool:
    """Email one user their new alerts; a failing mail server is tried again 3 times
    with exponential backoff. False when the alerts are gone or the user has none."""
    alerts = list(
        SubscriptionAlertModel.objects.filter(pk__in=alert_ids)
        .select_related("subscription__user")
        .order_by("pk")
    )
    if not alerts:
        return False
    user = alerts[0].subscription.user
    lines = "\n".join(f"- {a.title}: {a.message}" for a in alerts)
    outbound.send_mail(
        subject=f"MY SPHERE: {len(alerts)} subscription alert(s)",
        message=f"Hello {user.get_username()},\n\n{lines}\n",
        from_email=None,
        recipient_list=[user.email],
    )
    return True
