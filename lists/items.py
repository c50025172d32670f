"""Item writes: add (one, or many from words, merging), change, check, reorder,
clear. Each runs under the list's row lock (`access.locked`) and announces
`list.items_changed`."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Max
from django.utils import timezone

from lists.aisles import aisle_for, singular
from lists.item_parser import ParsedItem, parse_items
from lists.models import ListItemModel, ListModel
from lists.validators import (
    MAX_ITEMS_PER_LIST,
    MAX_NAME_LENGTH,
    check_fields,
    validate_item_count,
    validate_quantity,
)
from mysphere_core import events
from mysphere_core.errors import InvalidInput
from users.services import UserService

WORD = re.compile(r"[^\W_]+")
QUANTITY_PLACES = ListItemModel._meta.get_field("quantity").decimal_places
ITEM_FIELDS = (
    "name",
    "quantity",
    "unit",
    "aisle",
    "notes",
    "estimated_price",
    "currency",
)


def announce(
    user: AbstractBaseUser, shopping_list: ListModel, action: str, ids: Iterable[int]
) -> None:
    """`list.items_changed`, and the list's `updated_at` moved to now."""
    ListModel.objects.filter(pk=shopping_list.pk).update(updated_at=timezone.now())
    events.announce(
        "list.items_changed",
        user=user,
        list_id=shopping_list.pk,
        action=action,
        item_ids=sorted(ids),
    )


def full_clean(item: ListItemModel) -> None:
    """The item's field rules (400 naming the field)."""
    check_fields(item, exclude=["list", "position", "checked_by"])


def next_position(shopping_list: ListModel) -> int:
    """The position after every row of the list (soft-deleted ones included)."""
    top = ListItemModel.objects.filter(list=shopping_list).aggregate(m=Max("position"))
    return 0 if top["m"] is None else top["m"] + 1


def live_count(shopping_list: ListModel) -> int:
    """How many live items the list holds."""
    return ListItemModel.objects.filter(list=shopping_list, is_active=True).count()


def check_room(shopping_list: ListModel, adding: int) -> None:
    """400 when `adding` more items would take the list past 500."""
    try:
        validate_item_count(live_count(shopping_list), adding)
    except DjangoValidationError as exc:
        raise InvalidInput(errors={"items": exc.messages})


def apply_check(item: ListItemModel, checked: bool, user: AbstractBaseUser) -> None:
    """Check (when, by whom) or uncheck an item, unsaved."""
    if checked == item.is_checked:
        return
    item.is_checked = checked
    item.checked_at = timezone.now() if checked else None
    item.checked_by = user if checked else None


def build_item(
    user: AbstractBaseUser, shopping_list: ListModel, data: Mapping[str, Any]
) -> ListItemModel:
    """An unsaved, validated item: the aisle from the keyword map when not given,
    the user's currency when a price is given without one."""
    values = {k: v for k, v in data.items() if k in ITEM_FIELDS and v is not None}
    values["name"] = str(values.get("name", "")).strip()
    if "aisle" not in values:
        values["aisle"] = aisle_for(values["name"])
    if values.get("estimated_price") is not None and not values.get("currency"):
        values["currency"] = UserService.currency_for(user=user)
    item = ListItemModel(list=shopping_list, position=0, **values)
    full_clean(item)
    return item


def update_item(
    user: AbstractBaseUser, item: ListItemModel, data: Mapping[str, Any]
) -> list[str]:
    """Apply `data` to an item and save it; the fields that changed."""
    changed = []
    for name in ITEM_FIELDS:
        if name in data and getattr(item, name) != data[name]:
            setattr(item, name, data[name])
            changed.append(name)
    if "is_checked" in data and data["is_checked"] != item.is_checked:
        apply_check(item, bool(data["is_checked"]), user)
        changed += ["is_checked", "checked_at", "checked_by"]
    if item.estimated_price is not None and not item.currency:
        item.currency = UserService.currency_for(user=user)
        changed.append("currency")
    item.name = item.name.strip()
    full_clean(item)
    if changed:
        item.save(update_fields=[*set(changed), "updated_at"])
    return changed


# --- adding from words --------------------------------------------------------------


def merge_key(name: str, unit: str) -> tuple[str, str]:
    """Items with the same words (any case, singular or plural) and unit are one."""
    words = (singular(word) for word in WORD.findall(name.lower()))
    return " ".join(words) or name.strip().lower(), unit


@dataclass
class AddPlan:
    """What `add_items` does: items to create, existing items whose quantity grows."""

    parsed: list[ParsedItem]
    created: list[ListItemModel] = field(default_factory=list)
    merged: list[ListItemModel] = field(default_factory=list)
    dry_run: bool = False


def read_text(text: str) -> list[ParsedItem]:
    """The items of the text; 400 on `text` when none, or one breaks a rule."""
    parsed = parse_items(text)
    if not parsed:
        raise InvalidInput(
            "No items found: write them separated by commas or lines.", field="text"
        )
    if len(parsed) > MAX_ITEMS_PER_LIST:
        raise InvalidInput(
            f"At most {MAX_ITEMS_PER_LIST} items at once ({len(parsed)}).", field="text"
        )
    errors = []
    for entry in parsed:
        if len(entry.name) > MAX_NAME_LENGTH:
            errors.append(
                f'"{entry.name[:40]}…": item names are at most 200 characters.'
            )
        try:
            validate_quantity(entry.quantity)
        except DjangoValidationError as exc:
            errors.append(f'"{entry.text[:60]}": {exc.messages[0]}')
            continue
        if entry.quantity.normalize().as_tuple().exponent < -QUANTITY_PLACES:
            errors.append(
                f'"{entry.text[:60]}": quantities have at most '
                f"{QUANTITY_PLACES} decimal places."
            )
    if errors:
        raise InvalidInput(errors={"text": errors})
    return parsed


def _grow(item: ListItemModel, quantity: Decimal) -> None:
    """Add `quantity` to an item (its price grows in proportion); 400 past 10,000."""
    before = Decimal(item.quantity)
    item.quantity = before + quantity
    try:
        validate_quantity(item.quantity)
    except DjangoValidationError as exc:
        raise InvalidInput(
            f'"{item.name}" would reach {item.quantity}: {exc.messages[0]}',
            field="text",
        )
    if item.estimated_price is not None and before > 0:
        price = Decimal(item.estimated_price) * item.quantity / before
        item.estimated_price = price.quantize(Decimal("0.01"))


def plan_additions(
    user: AbstractBaseUser, shopping_list: ListModel, parsed: list[ParsedItem]
) -> AddPlan:
    """Match parsed items against the list's unchecked items (and each other)."""
    open_items: dict[tuple[str, str], ListItemModel] = {}
    rows = ListItemModel.objects.filter(
        list=shopping_list, is_active=True, is_checked=False
    ).order_by("position")
    for row in rows:
        open_items.setdefault(merge_key(row.name, row.unit), row)
    plan = AddPlan(parsed=parsed)
    for entry in parsed:
        key = merge_key(entry.name, entry.unit)
        target = open_items.get(key)
        if target is None:
            data = {"name": entry.name, "quantity": entry.quantity, "unit": entry.unit}
            new = build_item(user, shopping_list, {**data, "aisle": entry.aisle})
            plan.created.append(new)
            open_items[key] = new
            continue
        _grow(target, entry.quantity)
        if target.pk and target not in plan.merged:
            plan.merged.append(target)
    return plan


def save_plan(plan: AddPlan, shopping_list: ListModel) -> None:
    """Write a plan: grown quantities, then the new items after the last position."""
    for item in plan.merged:
        item.save(update_fields=["quantity", "estimated_price", "updated_at"])
    start = next_position(shopping_list)
    for offset, item in enumerate(plan.created):
        item.position = start + offset
    plan.created = ListItemModel.objects.bulk_create(plan.created)


# --- order ----------------------------------------------------------------------------


def reorder(shopping_list: ListModel, item_ids: list[int]) -> list[int]:
    """Put the given items first, in that order, the rest after as they were; every
    row keeps a unique position. Returns the live items' ids in their new order."""
    rows = list(
        ListItemModel.objects.filter(list=shopping_list).order_by("position", "pk")
    )
    live = {row.pk: row for row in rows if row.is_active}
    unknown = [str(i) for i in item_ids if i not in live]
    if unknown:
        raise InvalidInput(
            f"Not items of this list: {', '.join(unknown)}.", field="item_ids"
        )
    if len(set(item_ids)) != len(item_ids):
        raise InvalidInput("An item is named twice.", field="item_ids")
    chosen = set(item_ids)
    ordered = [live[i] for i in item_ids]
    ordered += [r for r in rows if r.is_active and r.pk not in chosen]
    ordered += [r for r in rows if not r.is_active]
    # Negative places first, so no row ever takes a place another row still holds.
    ListItemModel.objects.filter(list=shopping_list).update(position=-F("item_id"))
    for position, row in enumerate(ordered):
        row.position = position
    ListItemModel.objects.bulk_update(ordered, ["position"], batch_size=500)
    return [row.pk for row in ordered if row.is_active]
