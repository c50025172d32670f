"""Signed webhook deliveries: the body, the signature, the SSRF guard, one attempt.

A delivery is posted as `{"id", "type", "created_at", "data"}` with
`X-MySphere-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. Targets
must be http(s) and resolve only to public addresses (unless
`WEBHOOK_ALLOW_PRIVATE`); redirects are not followed; each attempt times out after
`WEBHOOK_TIMEOUT_SECONDS`; no transaction is open and no row locked while it runs
(the delivery is claimed with a lease first). Failed attempts are scheduled again
with exponential backoff (`next_attempt_at`, never slept through) up to
`MAX_ATTEMPTS`; an endpoint whose deliveries fail `DISABLE_AFTER` times in a row
is turned off and its owner notified.
"""

import hashlib
import hmac
import ipaddress
import json
import secrets
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from requests.adapters import HTTPAdapter

from integrations.models import Kind, WebhookDeliveryModel, WebhookEndpointModel
from integrations.notifications import notify
from integrations.rules import NotificationSpec
from mysphere_core import outbound
from mysphere_core.events import DomainEvent

MAX_ATTEMPTS = 5
DISABLE_AFTER = 10  # deliveries given up in a row
BACKOFF_BASE_SECONDS = 30  # 30 s, 2 min, 8 min, 32 min between the 5 attempts
RESPONSE_BODY_LIMIT = 1000
CLAIM_LEASE = timedelta(minutes=2)  # longer than any attempt (timeouts are seconds)
CLOCK_SLACK = timedelta(seconds=5)  # a countdown task may run a little early
DUE_BATCH = 500
SIGNATURE_HEADER = "X-MySphere-Signature"
PING_EVENT = "webhook.ping"
Status = WebhookDeliveryModel.Status


class UnsafeTarget(ValueError):
    """The URL may not be called (scheme, host, or a private address)."""


def new_secret() -> str:
    """A fresh signing secret."""
    return "whsec_" + secrets.token_urlsafe(32)


def sign(secret: str, timestamp: int, body: str) -> str:
    """The signature header value for `body` sent at `timestamp`."""
    message = f"{timestamp}.{body}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def event_body(event: DomainEvent) -> str:
    """The JSON posted for an event."""
    document = {
        "id": event.event_id,
        "type": event.name,
        "created_at": event.occurred_at.isoformat(),
        "data": event.payload,
    }
    return json.dumps(document, separators=(",", ":"))


def ping_body(event_id: str, webhook_id: int) -> str:
    """The JSON posted by a ping."""
    document = {
        "id": event_id,
        "type": PING_EVENT,
        "created_at": timezone.now().isoformat(),
        "data": {"webhook_id": webhook_id},
    }
    return json.dumps(document, separators=(",", ":"))


# IPv6 ranges that carry an IPv4 address in their last 32 bits (NAT64, SIIT,
# IPv4-compatible); a gateway would forward to that IPv4 address.
EMBEDDING_IPV4 = [
    ipaddress.ip_network(n) for n in ("64:ff9b::/96", "::ffff:0:0:0/96", "::/96")
]
LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215: never public


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for (mapped, 6to4, NAT64...), if any."""
    if ip.ipv4_mapped or ip.sixtofour:
        return ip.ipv4_mapped or ip.sixtofour
    if any(ip in network for network in EMBEDDING_IPV4):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _refused(address: str) -> bool:
    """True for loopback, private, link-local, multicast and other non-public IPs
    (an IPv6 address standing for such an IPv4 one included)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in LOCAL_NAT64:
            return True
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            ip = embedded
    return not ip.is_global or ip.is_multicast


def check_target(url: str) -> str:
    """The address to connect to for `url`; `UnsafeTarget` unless the URL is
    http(s) and every address its host resolves to is public (any address when
    `WEBHOOK_ALLOW_PRIVATE`)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsafeTarget("Only http and https URLs are allowed.")
    try:
        host, port = parts.hostname, parts.port
    except ValueError as exc:
        raise UnsafeTarget("The URL's port is not valid.") from exc
    if not host:
        raise UnsafeTarget("The URL has no host.")
    default_port = 443 if parts.scheme == "https" else 80
    try:
        infos = socket.getaddrinfo(host, port or default_port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise UnsafeTarget(f"The host '{host}' cannot be resolved.") from exc
    addresses = [info[4][0] for info in infos]
    if not settings.WEBHOOK_ALLOW_PRIVATE and any(map(_refused, addresses)):
        raise UnsafeTarget(
            f"The host '{host}' resolves to a private, loopback, link-local or "
            "multicast address."
        )
    return addresses[0]


class _PinnedAdapter(HTTPAdapter):
    """Connects to the checked address while TLS (SNI, certificate) and the Host
    header keep the URL's host name: no second DNS answer to be rebound."""

    def __init__(self, hostname: str) -> None:
        self._hostname = hostname
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        """https pools verify and send SNI for the URL's host, not the address."""
        kwargs["server_hostname"] = self._hostname
        kwargs["assert_hostname"] = self._hostname
        super().init_poolmanager(*args, **kwargs)


def pinned_request(url: str, address: str) -> tuple[str, str, requests.Session]:
    """The URL with its host replaced by the checked address, the Host header, and
    a session that connects there (no proxies from the environment)."""
    parts = urlsplit(url)
    literal = f"[{address}]" if ":" in address else address
    netloc = literal if parts.port is None else f"{literal}:{parts.port}"
    if "@" in parts.netloc:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    host_header = parts.netloc.rsplit("@", 1)[-1]
    session = requests.Session()
    session.trust_env = False
    session.mount(f"{parts.scheme}://", _PinnedAdapter(parts.hostname or ""))
    return urlunsplit(parts._replace(netloc=netloc)), host_header, session


@dataclass(frozen=True)
class Outcome:
    """What one POST gave: a status code and body, or an error."""

    ok: bool
    status_code: int | None = None
    body: str = ""
    error: str = ""
    duration_ms: int = 0


TURNED_OFF = Outcome(ok=False, error="The endpoint is turned off.")


def _read_limited(response: requests.Response) -> str:
    """At most RESPONSE_BODY_LIMIT characters of the response body."""
    data = b""
    for chunk in response.iter_content(chunk_size=RESPONSE_BODY_LIMIT):
        data += chunk
        if len(data) >= RESPONSE_BODY_LIMIT:
            break
    return data[:RESPONSE_BODY_LIMIT].decode("utf-8", errors="replace")


def post(url: str, secret: str, delivery: WebhookDeliveryModel) -> Outcome:
    """POST the delivery's body, signed, to `url` (guarded, no redirects; never
    inside a transaction)."""
    outbound.check_outside_transaction("A webhook POST")
    started = time.monotonic()
    try:
        address = check_target(url)
    except UnsafeTarget as exc:
        return Outcome(ok=False, error=f"Refused: {exc}")
    target, host_header, session = pinned_request(url, address)
    headers = {
        "Host": host_header,
        "Content-Type": "application/json",
        "User-Agent": "MySphere-Webhooks/1",
        "X-MySphere-Event": delivery.event_type,
        "X-MySphere-Delivery": str(delivery.pk),
        SIGNATURE_HEADER: sign(secret, int(time.time()), delivery.body),
    }
    try:
        with session.post(
            target,
            data=delivery.body.encode(),
            headers=headers,
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
            allow_redirects=False,
            stream=True,
        ) as response:
            body = _read_limited(response)
            code = response.status_code
    except requests.RequestException as exc:
        elapsed = int((time.monotonic() - started) * 1000)
        return Outcome(ok=False, error=type(exc).__name__, duration_ms=elapsed)
    finally:
        session.close()
    elapsed = int((time.monotonic() - started) * 1000)
    error = "" if 200 <= code < 300 else f"HTTP {code}"
    if 300 <= code < 400:
        error = f"HTTP {code}: redirects are not followed"
    return Outcome(
        ok=not error, status_code=code, body=body, error=error, duration_ms=elapsed
    )


def backoff_seconds(attempts: int) -> int:
    """Seconds before the next attempt after `attempts` failed ones."""
    return BACKOFF_BASE_SECONDS * 4 ** (attempts - 1)


def create_delivery(
    endpoint: WebhookEndpointModel, *, event_id: str, event_type: str, body: str
) -> WebhookDeliveryModel | None:
    """A pending delivery of one event to one endpoint (None if it exists)."""
    try:
        with transaction.atomic():
            return WebhookDeliveryModel.objects.create(
                endpoint=endpoint, event_id=event_id, event_type=event_type, body=body
            )
    except IntegrityError:
        return None


def attempt(delivery_id: int, *, final: bool = False) -> int | None:
    """Make one attempt of a due delivery; answers the seconds until the next
    attempt, or None when there is none to schedule (succeeded, given up, `final`,
    not due, or taken by another worker).

    No transaction is open and no row is locked while the POST runs: the delivery is
    claimed first (a short lease in `next_attempt_at`, one conditional UPDATE), the
    outcome is written afterwards, only while the lease is still ours.
    """
    lease = _claim(delivery_id)
    if lease is None:
        return None
    delivery = WebhookDeliveryModel.objects.select_related("endpoint").get(
        pk=delivery_id
    )
    endpoint = delivery.endpoint
    if not (endpoint.enabled and endpoint.is_active):
        return _finish(delivery_id, lease, TURNED_OFF, final=True)
    outcome = post(endpoint.url, endpoint.secret, delivery)
    return _finish(delivery_id, lease, outcome, final=final)


def _claim(delivery_id: int) -> datetime | None:
    """Take a due delivery for one attempt: its lease end, or None when it is not
    due or another worker holds it. A worker that dies mid-attempt leaves a lease
    that runs out, and the sweep tries again."""
    now = timezone.now()
    lease = now + CLAIM_LEASE
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now + CLOCK_SLACK)
    claimed = WebhookDeliveryModel.objects.filter(
        due, pk=delivery_id, status__in=(Status.PENDING, Status.RETRYING)
    ).update(next_attempt_at=lease, updated_at=now)
    return lease if claimed else None


def _finish(
    delivery_id: int, lease: datetime, outcome: Outcome, *, final: bool
) -> int | None:
    """Write an attempt's outcome while our lease holds (a short transaction)."""
    with transaction.atomic():
        delivery = (
            WebhookDeliveryModel.objects.select_for_update(of=("self",))
            .select_related("endpoint")
            .filter(pk=delivery_id, next_attempt_at=lease)
            .first()
        )
        if delivery is None:
            return None  # the lease ran out and another worker took it
        _record(delivery, outcome)
        if outcome is TURNED_OFF:
            delivery.status, countdown = Status.FAILED, None  # not the receiver's fault
        else:
            countdown = _next_step(delivery, outcome, final=final)
        delivery.save()
    return countdown


def _record(delivery: WebhookDeliveryModel, outcome: Outcome) -> None:
    """Write one attempt's outcome into the delivery log."""
    delivery.attempts += 1
    delivery.response_code = outcome.status_code
    delivery.response_body = outcome.body
    delivery.error = outcome.error[:500]
    delivery.duration_ms = outcome.duration_ms
    delivery.next_attempt_at = None


def _next_step(
    delivery: WebhookDeliveryModel, outcome: Outcome, *, final: bool
) -> int | None:
    """Succeeded, retried later, or given up (counting towards disabling)."""
    endpoints = WebhookEndpointModel.objects.filter(pk=delivery.endpoint_id)
    if outcome.ok:
        delivery.status = Status.SUCCEEDED
        delivery.delivered_at = timezone.now()
        if delivery.event_type != PING_EVENT:
            endpoints.update(consecutive_failures=0)
        return None
    if not final and delivery.attempts < MAX_ATTEMPTS:
        countdown = backoff_seconds(delivery.attempts)
        delivery.status = Status.RETRYING
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=countdown)
        return countdown
    delivery.status = Status.FAILED
    if delivery.event_type != PING_EVENT:
        endpoints.update(consecutive_failures=F("consecutive_failures") + 1)
        _disable_if_failing(delivery)
    return None


def due_deliveries() -> list[int]:
    """Deliveries whose attempt is due: new ones, retries whose time has come, and
    attempts whose lease ran out (a worker that died, a task the broker lost)."""
    now = timezone.now()
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    rows = WebhookDeliveryModel.objects.filter(
        due, status__in=(Status.PENDING, Status.RETRYING)
    )
    return list(rows.order_by("pk").values_list("pk", flat=True)[:DUE_BATCH])


def _disable_if_failing(delivery: WebhookDeliveryModel) -> None:
    """Turn the endpoint off after DISABLE_AFTER failed deliveries in a row and tell
    its owner (once: only the update that turns it off notifies)."""
    reason = f"Turned off after {DISABLE_AFTER} failed deliveries in a row."
    turned_off = WebhookEndpointModel.objects.filter(
        pk=delivery.endpoint_id,
        enabled=True,
        consecutive_failures__gte=DISABLE_AFTER,
    ).update(enabled=False, disabled_reason=reason, updated_at=timezone.now())
    if not turned_off:
        return
    endpoint = delivery.endpoint
    notify(
        NotificationSpec(
            user_id=endpoint.user_id,
            kind=Kind.WEBHOOK_DISABLED,
            title=f"Webhook turned off: {endpoint.url}"[:200],
            body=f"{reason} Last error: {delivery.error}. Fix the receiver and "
            "turn it on again.",
            severity="critical",
            object_type="webhook",
            object_id=str(endpoint.pk),
            dedupe_key=f"{endpoint.pk}:{delivery.pk}",
        )
    )
