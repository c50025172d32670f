"""The users feature's domain events: name -> (the payload's fields, what
happened). The kit assembles the catalogue from every installed app's
`EVENTS` (`mysphere_core/events.py`); services announce them, receivers subscribe
by name.
"""

from mysphere_core.events import EventDeclarations

EVENTS: EventDeclarations = {
    "user.profile_updated": (("fields",), "The profile changed (currency, income…)."),
    "user.deactivated": ((), "The account was deactivated by its owner."),
}
