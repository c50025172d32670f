"""Example values that make sense, for the schema: by a field's name, then its type.

`value(name, schema)` is one property's example ("currency" -> "USD", an amount ->
"25.50", a date -> "2026-11-20"); `build(schema, schemas)` a whole body from a
component's properties (references followed, deprecated request fields left out,
one row in each list).
"""

from typing import Any

DEPTH = 8
MONEY = "25.50"
PERCENT = "42.5"
# By exact name: what a person would send or see.
BY_NAME: dict[str, Any] = {
    "currency": "USD",
    "username": "sam",
    "login": "sam",
    "email": "sam@example.com",
    "first_name": "Sam",
    "last_name": "Rivera",
    "password": "correct-horse-battery",
    "new_password": "correct-horse-battery-2",
    "old_password": "correct-horse-battery",
    "month": "2026-11",
    "vendor": "Corner Market",
    "description": "Weekly groceries at the corner market",
    "item_description": "Weekly groceries at the corner market",
    "title": "Pay the electricity bill",
    "name": "Groceries",
    "category": "Groceries",
    "parent": "Food & Dining",
    "counterparty": "Alex",
    "counterparty_name": "Alex",
    "text": "Lunch at the cafe 12.50 yesterday",
    "message": "How much did I spend on groceries this month?",
    "reply": "You spent 212.40 USD on Groceries this month.",
    "notes": "Paid by card",
    "raw_text": "Lunch at the cafe 12.50 yesterday",
    "source_ref": "subscription:sub_8Kq2mZ4x:2026-11",
    "ai_suggested_category": "Groceries",
    "timezone": "Europe/Madrid",
    "time_zone": "Europe/Madrid",
    "language": "en",
    "color": "#4C6EF5",
    "provider": "Netflix",
    "detail": "Not found.",
    "code": "not_found",
    "url": "https://example.com/hooks/mysphere",
    "website_url": "https://www.netflix.com",
    "next": None,
    "previous": None,
    "unit": "kg",
    "quantity": "2",
    "aisle": "Produce",
    "subscription_id": "sub_8Kq2mZ4x",
    "confidence": 0.9,
    "on_time_rate": 0.75,
    "rate": 0.8,
    "score": 12,
    "count": 1,
    "page_size": 20,
    "days": 7,
    "necessity_score": 8,
    "position": 1,
    "tags": "home",
    "goals": "Save for a house down payment",
    "financial_goals": "Save for a house down payment",
}
# Decimal strings named so are percentages; the others are money.
PERCENT_WORDS = ("percent", "percentage")
DATES = {
    "date": "2026-11-20",
    "date-time": "2026-11-20T09:30:00Z",
    "time": "09:30:00",
    "duration": "00:30:00",
    "email": "sam@example.com",
    "uri": "https://example.com/hooks/mysphere",
    "uuid": "3f2c1d9e-8a7b-4c6d-9e0f-1a2b3c4d5e6f",
}


def value(name: str, schema: dict) -> Any:
    """The example of one scalar property called `name`."""
    if name in BY_NAME and _fits(BY_NAME[name], schema):
        return BY_NAME[name]
    enum = [v for v in schema.get("enum", []) if v is not None]
    if enum:
        return enum[0]
    kind, fmt = schema.get("type"), schema.get("format")
    if kind == "string":
        return _string(name, fmt)
    if kind == "integer":
        return 42 if name.endswith("_id") else max(1, schema.get("minimum", 1))
    if kind == "number":
        return 0.5
    if kind == "boolean":
        return name in ("is_active", "enabled", "confirm")
    return None


def _fits(example: Any, schema: dict) -> bool:
    """The named example has the property's type (an id may be a number or text)."""
    kinds = {str: "string", int: "integer", float: "number", type(None): None}
    kind = kinds.get(type(example))
    return kind is None or schema.get("type") in (kind, None) or kind == "integer"


def _string(name: str, fmt: str | None) -> str:
    """A string example by format, then by the words of the name."""
    if fmt == "decimal":
        percent = name == "share" or any(w in name for w in PERCENT_WORDS)
        return PERCENT if percent else MONEY
    if fmt in DATES:
        return DATES[fmt]
    if name.endswith("_date") or name.endswith("_on"):
        return DATES["date"]
    if name.endswith("_at"):
        return DATES["date-time"]
    return name.replace("_", " ").capitalize() or "Example"


def build(schema: dict, schemas: dict, depth: int = 0, name: str = "") -> Any:
    """An example body for `schema` (a `$ref` to a component, or inline); `name`
    is the property it is the value of (a list's rows take the list's name)."""
    if depth > DEPTH:
        return None
    if "$ref" in schema:
        return build(schemas[schema["$ref"].rsplit("/", 1)[-1]], schemas, depth + 1)
    for key in ("allOf", "oneOf", "anyOf"):
        if schema.get(key):
            return build(schema[key][0], schemas, depth, name)
    if "example" in schema:
        return schema["example"]
    if schema.get("type") == "array":
        item = build(schema.get("items", {}), schemas, depth, name)
        return [] if item is None else [item]
    if "properties" in schema:
        return {
            key: build(prop, schemas, depth, key)
            for key, prop in schema["properties"].items()
            if not prop.get("deprecated")
        }
    if schema.get("type") == "object":
        return {}
    return value(name, schema)
