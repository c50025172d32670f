"""The subscriptions feature's domain events: name -> (the payload's fields, what
happened). The kit assembles the catalogue from every installed app's
`EVENTS` (`mysphere_core/events.py`); services announce them, receivers subscribe
by name.
"""

from mysphere_core.events import MONEY, EventDeclarations

EVENTS: EventDeclarations = {
    "subscription.created": (
        ("subscription_id", "name", *MONEY, "billing_cycle", "next_billing_date"),
        "A subscription was added.",
    ),
    "subscription.updated": (
        ("subscription_id", "fields"),
        "A subscription's fields changed.",
    ),
    "subscription.deleted": (("subscription_id",), "A subscription was removed."),
    "subscription.restored": (
        ("subscription_id",),
        "Staff restored a soft-deleted subscription.",
    ),
    "subscription.status_changed": (
        ("subscription_id", "status", "previous_status"),
        "Paused, resumed, cancelled or expired.",
    ),
    "subscription.price_changed": (
        ("subscription_id", "old_amount", "old_currency", *MONEY),
        "A subscription's price changed.",
    ),
    "subscription.payment_recorded": (
        ("subscription_id", "payment_id", *MONEY, "due_date", "status"),
        "A payment of a subscription was recorded.",
    ),
    "subscription.payment_updated": (
        ("subscription_id", "payment_id", "fields", *MONEY, "due_date", "status"),
        "A payment was corrected (its linked expense with it); `fields` changed.",
    ),
    "subscription.payment_refunded": (
        ("subscription_id", "payment_id", *MONEY, "refund_date", "status"),
        "A payment was refunded (amount: the refund; status: refunded or "
        "partially_refunded).",
    ),
    "subscription.payment_deleted": (
        ("subscription_id", "payment_id"),
        "A payment was deleted; its cycle is due again.",
    ),
    "subscription.usage_logged": (
        ("subscription_id", "usage_id"),
        "Usage of a subscription was logged.",
    ),
    "subscription.category_changed": (
        ("category_id", "action"),
        "A subscription category was created, renamed or deleted.",
    ),
    "subscription.alert_raised": (
        ("alert_id", "subscription_id", "alert_type", "title", "message", "email"),
        "A renewal, payment, trial, price, usage, end or status alert was raised "
        "(`email`: the subscription lets its alerts be emailed).",
    ),
    "subscription.alerts_changed": (
        ("alert_ids",),
        "Alerts were read, dismissed or removed (each is read).",
    ),
}
