"""The rules a list and its items keep, raised as Django validation errors.

Models name them as field validators (so `full_clean` and the admin apply them) and
the serializers reuse them, so the API's 400s and the admin's messages agree.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Model

from mysphere_core.errors import InvalidInput

MAX_NAME_LENGTH = 200
MAX_QUANTITY = Decimal("10000")
MAX_ITEMS_PER_LIST = 500
MAX_SHARES_PER_LIST = 50
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def validate_quantity(value: Decimal | None) -> None:
    """Quantities are greater than 0 and at most 10,000."""
    if value is None:
        return
    if value <= 0:
        raise ValidationError("Quantity must be greater than 0.", code="min_value")
    if value > MAX_QUANTITY:
        raise ValidationError(
            f"Quantity cannot exceed {MAX_QUANTITY:,}.", code="max_value"
        )


def validate_item_name(value: str) -> None:
    """An item name has text, at most 200 characters."""
    if not (value or "").strip():
        raise ValidationError("Give the item a name.", code="blank")
    if len(value) > MAX_NAME_LENGTH:
        raise ValidationError(
            f"Item names are at most {MAX_NAME_LENGTH} characters "
            f"(this one has {len(value)}).",
            code="max_length",
        )


def validate_color(value: str) -> None:
    """A colour is empty or "#RRGGBB"."""
    if value and not COLOR_RE.match(value):
        raise ValidationError('Use a hex colour like "#4CAF50".', code="invalid_color")


def validate_item_count(current: int, adding: int) -> None:
    """A list holds at most 500 items: adding more is refused, naming the room left."""
    if current + adding > MAX_ITEMS_PER_LIST:
        room = max(0, MAX_ITEMS_PER_LIST - current)
        raise ValidationError(
            f"A list holds at most {MAX_ITEMS_PER_LIST} items; this one has "
            f"{current}, so {room} more can be added.",
            code="too_many_items",
        )


def check_fields(row: Model, *, exclude: list[str]) -> None:
    """The row's field rules (not its uniqueness), raised as a field map (400)."""
    try:
        row.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as exc:
        raise InvalidInput(errors=exc.message_dict) from exc
