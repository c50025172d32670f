"""The lending feature's domain events: name -> (the payload's fields, what
happened). The kit assembles the catalogue from every installed app's
`EVENTS` (`mysphere_core/events.py`); services announce them, receivers subscribe
by name.
"""

from mysphere_core.events import MONEY, EventDeclarations

_LENDING = (
    "lending_id",
    "direction",
    "counterparty_name",
    *MONEY,
    "due_date",
)

EVENTS: EventDeclarations = {
    "lending.created": (
        _LENDING,
        "Money lent or borrowed was recorded (by hand, parse_text or a split).",
    ),
    "lending.updated": (("lending_id", "fields"), "A record's fields changed."),
    "lending.deleted": (("lending_id",), "A record was soft-deleted."),
    "lending.repaid": (
        ("lending_id", "repayment_id", *MONEY, "outstanding", "status"),
        "A repayment was recorded (outstanding and status: after it).",
    ),
    "lending.repayment_deleted": (
        ("lending_id", "repayment_id", "outstanding", "status"),
        "A repayment was deleted; outstanding and status recomputed.",
    ),
    "lending.status_changed": (
        ("lending_id", "status", "previous_status"),
        "Written off or forgiven.",
    ),
    "lending.settled": (
        ("counterparty_name", "currency", "amount", "lending_ids"),
        "One payment settled several open items with a person.",
    ),
    "lending.due_soon": (
        (*_LENDING, "outstanding"),
        "An open record falls due in 3 days (once per record and due date).",
    ),
    "lending.overdue": (
        (*_LENDING, "outstanding"),
        "An open record became overdue (once per record and due date).",
    ),
}
