"""Categories: the nine system ones of the rule book and each user's own.

A custom category has a `name` (unique per user among live ones, any case, never a
system name), an optional `parent` among the system categories (its spending rolls
up there in analytics and it takes the parent's budget ranking) and a `color`.
Expenses keep the category's name, so every sum, filter and export reads it as it
reads a system one. A rename moves the user's expenses (history included) to the
new name and rebuilds their rollups in one transaction; a category in use cannot be
deleted unless its expenses move to another category (`move_to`).
"""

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet

from expenses import rollups
from expenses.models import EXPENSE_CATEGORIES, ExpenseCategoryModel, ExpenseModel
from mysphere_core import events
from mysphere_core.errors import (
    ConflictError,
    ErrorCode,
    InvalidInput,
    LimitExceededError,
    NotFoundError,
)
from mysphere_core.limits import parse_pk
from mysphere_core.textparse import slug

MAX_CUSTOM_CATEGORIES = 50
NAMES_ATTRIBUTE = "_expense_category_names"
COLOR = re.compile(r"#[0-9a-fA-F]{6}")
# Words that point at a common custom category the nine do not name: the parsers
# choose the user's category of that name when the text has one of them.
HINTS: dict[str, tuple[str, ...]] = {
    "housing": ("rent", "mortgage", "landlord", "apartment", "apartments", "lease"),
    "home": ("rent", "mortgage", "landlord", "apartment", "apartments", "lease"),
    "pets": ("vet", "veterinarian", "pet", "dog", "cat", "kibble"),
    "childcare": ("daycare", "nanny", "babysitter", "nursery"),
    "insurance": ("insurance", "premium"),
    "gifts": ("gift", "gifts", "present", "presents"),
    "car": ("car", "fuel", "petrol", "parking", "toll"),
}
_WORD = re.compile(r"[^\W\d_]+")


def custom_of(user: AbstractBaseUser | None) -> QuerySet[ExpenseCategoryModel]:
    """The user's live custom categories, by name."""
    return ExpenseCategoryModel.objects.filter(user=user, is_active=True)


def names_for(user: AbstractBaseUser) -> list[str]:
    """Every category the user may use: the system ones, then their own by name
    (read once per request: kept on the user object, forgotten by every write)."""
    names = getattr(user, NAMES_ATTRIBUTE, None)
    if names is None:
        names = [*EXPENSE_CATEGORIES, *custom_of(user).values_list("name", flat=True)]
        setattr(user, NAMES_ATTRIBUTE, names)
    return names


def _announce(user: AbstractBaseUser, category: ExpenseCategoryModel) -> None:
    """Say a category of the user's own changed: the caches built on the list of
    categories (its summary with totals) are forgotten after the commit."""
    events.announce(
        "expense.category_changed",
        user=user,
        category_id=category.pk,
        name=category.name,
    )


def _forget_names(user: AbstractBaseUser) -> None:
    """The user's categories changed: read them again next time."""
    if hasattr(user, NAMES_ATTRIBUTE):
        delattr(user, NAMES_ATTRIBUTE)


def _named(names: Iterable[str], wanted: str) -> str | None:
    """The name among `names` that `wanted` (casefolded) spells or slugs, or None."""
    for name in names:
        if wanted in (name.casefold(), slug(name)):
            return name
    return None


def resolve(user: AbstractBaseUser, value: str) -> str | None:
    """The user's category named `value` in any case or by its slug
    ("home-office"), or None. A system name is answered without reading the
    user's own categories (they come after the system ones, so one of theirs
    never wins over a system name)."""
    wanted = str(value).strip().casefold()
    return _named(EXPENSE_CATEGORIES, wanted) or _named(names_for(user), wanted)


def unknown_message(user: AbstractBaseUser, value: str) -> str:
    """Why `value` is not a category, listing the user's categories."""
    return (
        f"'{value}' is not a category. Category must be one of: "
        f"{', '.join(names_for(user))}."
    )


def parents_of(user: AbstractBaseUser) -> dict[str, str | None]:
    """Each of the user's categories -> the system category it rolls up to (a
    system one to itself; a custom one without a parent to None)."""
    parents: dict[str, str | None] = {name: name for name in EXPENSE_CATEGORIES}
    for name, parent in custom_of(user).values_list("name", "parent"):
        parents[name] = parent or None
    return parents


def custom_for_text(user: AbstractBaseUser | None, text: str) -> str | None:
    """The user's custom category a text names, by its own words or the usual
    words of such a category ("rent" -> Housing), else None."""
    if user is None or not getattr(user, "pk", None):
        return None
    words = {w.casefold() for w in _WORD.findall(text)}
    if not words:
        return None
    for name in names_for(user)[len(EXPENSE_CATEGORIES) :]:  # the user's own
        own = {w.casefold() for w in _WORD.findall(name)}
        hints = set(HINTS.get(name.casefold(), ()))
        if (own and own <= words) or words & hints:
            return name
    return None


# --- writes ---------------------------------------------------------------------------


def get_for(user: AbstractBaseUser, pk: Any) -> ExpenseCategoryModel:
    """One of the user's live custom categories; 404 otherwise."""
    row_id = parse_pk(pk)
    category = custom_of(user).filter(pk=row_id).first() if row_id else None
    if category is None:
        raise NotFoundError("Category not found.")
    return category


def _field_error(field: str, message: str) -> InvalidInput:
    return InvalidInput(message, field=field)


def _checked(
    user: AbstractBaseUser, data: Mapping[str, Any], exclude: int | None = None
) -> dict[str, Any]:
    """The name, parent and color sent, validated (400 naming the field)."""
    values: dict[str, Any] = {}
    if "name" in data:
        name = " ".join(str(data["name"]).split())
        if not name:
            raise _field_error("name", "Give the category a name.")
        taken = custom_of(user).filter(name__iexact=name).exclude(pk=exclude)
        if any(name.casefold() == s.casefold() for s in EXPENSE_CATEGORIES):
            raise _field_error("name", f"{name} is a system category already.")
        if taken.exists():
            raise _field_error("name", f"You already have a category named {name}.")
        values["name"] = name
    if "parent" in data:
        parent = str(data["parent"] or "").strip()
        match = next(
            (s for s in EXPENSE_CATEGORIES if s.casefold() == parent.casefold()), None
        )
        if parent and match is None:
            raise _field_error(
                "parent",
                f"'{parent}' is not a system category. Use one of: "
                f"{', '.join(EXPENSE_CATEGORIES)}, or leave it empty.",
            )
        values["parent"] = match or ""
    if "color" in data:
        color = str(data["color"] or "")
        if color and not COLOR.fullmatch(color):
            raise _field_error("color", "Use a color like #3366CC, or leave it empty.")
        values["color"] = color.upper()
    return values


def create(*, user: AbstractBaseUser, data: Mapping[str, Any]) -> ExpenseCategoryModel:
    """A custom category (at most MAX_CUSTOM_CATEGORIES live per user)."""
    if "name" not in data:
        raise _field_error("name", "This field is required.")
    values = _checked(user, data)
    if custom_of(user).count() >= MAX_CUSTOM_CATEGORIES:
        raise LimitExceededError(
            f"You have {MAX_CUSTOM_CATEGORIES} categories of your own, the most "
            "allowed: delete one first."
        )
    _forget_names(user)
    category = ExpenseCategoryModel.objects.create(user=user, **values)
    _announce(user, category)
    return category


def _move_expenses(user: AbstractBaseUser, old: str, new: str) -> int:
    """Every expense of `old` (deleted ones too: history) now under `new`, the
    rollups rebuilt; announces `expense.category_renamed`. How many moved."""
    moved = ExpenseModel.objects.filter(user=user, category=old).update(category=new)
    rollups.rebuild(user)
    events.announce(
        "expense.category_renamed", user=user, old_name=old, new_name=new, count=moved
    )
    return moved


def update(
    *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
) -> ExpenseCategoryModel:
    """Rename, re-parent or recolor; a rename keeps the history under the new name."""
    category = get_for(user, pk)
    values = _checked(user, data, exclude=category.pk)
    _forget_names(user)
    with transaction.atomic():
        old = category.name
        for field, value in values.items():
            setattr(category, field, value)
        category.save()
        if category.name != old:
            _move_expenses(user, old, category.name)
        _announce(user, category)
    return category


def delete(*, user: AbstractBaseUser, pk: Any, move_to: str | None = None) -> None:
    """Delete a custom category; one in use needs `move_to` (its expenses move)."""
    category = get_for(user, pk)
    in_use = ExpenseModel.objects.filter(
        user=user, category=category.name, is_active=True
    ).count()
    target = resolve(user, move_to) if move_to else None
    if move_to and (target is None or target == category.name):
        raise _field_error("move_to", unknown_message(user, move_to))
    if in_use and target is None:
        raise ConflictError(
            f"{in_use} expenses are in {category.name}: move them first with "
            "?move_to=<another category>.",
            code=ErrorCode.CATEGORY_IN_USE,
        )
    _forget_names(user)
    with transaction.atomic():
        if target is not None:
            _move_expenses(user, category.name, target)
        category.soft_delete()
        _announce(user, category)
