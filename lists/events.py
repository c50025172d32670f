"""The lists feature's domain events: name -> (the payload's fields, what
happened). The kit assembles the catalogue from every installed app's
`EVENTS` (`mysphere_core/events.py`); services announce them, receivers subscribe
by name.
"""

from mysphere_core.events import EventDeclarations

EVENTS: EventDeclarations = {
    "list.created": (("list_id", "name", "list_type"), "A list was created."),
    "list.updated": (("list_id", "fields"), "A list's fields changed."),
    "list.deleted": (("list_id",), "A list was soft-deleted."),
    "list.items_changed": (
        ("list_id", "action", "item_ids"),
        "Items were added, changed, checked, reordered or removed.",
    ),
    "list.shared": (
        ("list_id", "name", "shared_with_id", "invited_email", "permission"),
        "The owner shared a list (shared_with_id: the user named by username; "
        "invited_email, with shared_with_id null: an invited address).",
    ),
    "list.unshared": (
        ("list_id", "shared_with_id"),
        "The owner stopped sharing a list with a user.",
    ),
    "list.completed": (
        ("list_id", "name", "owner_id", "expense_id", "total", "currency", "vendor"),
        "A shop was finished: one Groceries expense was recorded (by the list's "
        "owner or someone it is shared with; owner_id: the list's owner).",
    ),
    "list.shopping_undone": (
        ("list_id", "expense_id", "item_ids"),
        "A finished shop was undone: its expense deleted, the items it cleared back.",
    ),
}
