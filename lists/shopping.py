"""The shop: what a list will cost, and finishing it as one Groceries expense.

`estimate` adds up the items' prices when every item has one; else it takes the
user's past Groceries expenses at the vendor (the one asked, else where this list
was last bought) and says what a shop there usually costs; else the prices it has.
It compares the estimate with what remains in this month's Groceries budget, read
through the budgets service. `complete` records the shop through the expenses
service, in the same transaction as the list's changes, and keeps a `ListShopModel`
row of it, so that `undo` (the expense deleted, the cleared items back, the list
unarchived) and `correct` (the expense's total, vendor, currency or date changed
through `ExpenseService.update` with the same `source_ref`) can follow.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone

from expenses.services import ExpenseService
from lists.items import check_room
from lists.models import ListItemModel, ListModel, ListShopModel
from mysphere_core.errors import DomainError, ErrorCode, InvalidInput, NotFoundError
from mysphere_core.money import to_cents
from mysphere_core.serializers import per_currency
from users.services import UserService

GROCERIES = "Groceries"
BASIS_ITEMS = "item_prices"
BASIS_PAST = "past_expenses"
BASIS_PARTIAL = "item_prices_partial"
BASIS_NONE = "none"
BASES = (BASIS_ITEMS, BASIS_PAST, BASIS_PARTIAL, BASIS_NONE)
PAST_SHOPS = 10  # the vendor's last shops the average is taken over
# How the expense names its list, and what the API's fields are called.
SOURCE_REF = "list:{pk}"
FIELD_NAMES = {"amount": "total", "transaction_date": "date"}
NO_SHOP = "No shop of yours on this list: only who finished a shop can change it."


@dataclass
class Estimate:
    """What a list will cost, and how that compares with the Groceries budget."""

    list_id: int
    item_count: int
    priced_items: int
    unpriced_items: int
    items_total: list[dict[str, Any]]
    vendor: str
    past_shops: dict[str, Any] | None
    basis: str
    estimate: list[dict[str, Any]]
    budget: dict[str, Any] | None
    budget_message: str
    left_after_shop: Decimal | None = None
    fits_budget: bool | None = None


@dataclass
class Completion:
    """What finishing a shop did: the expense, and what became of the list."""

    shopping_list: ListModel
    expense: Any
    cleared_item_ids: list[int] = field(default_factory=list)
    archived: bool = False


@dataclass
class Undone:
    """What undoing a shop did: the expense deleted, the items back, the list."""

    shopping_list: ListModel
    expense_id: int
    restored_item_ids: list[int] = field(default_factory=list)
    unarchived: bool = False


def item_totals(items: list[ListItemModel], default: str) -> dict[str, Decimal]:
    """The priced items' prices summed per currency."""
    totals: dict[str, Decimal] = {}
    for item in items:
        if item.estimated_price is not None:
            code = item.currency or default
            totals[code] = totals.get(code, Decimal("0")) + item.estimated_price
    return totals


def past_shops(user: AbstractBaseUser, vendor: str) -> dict[str, Any] | None:
    """The average of the user's last Groceries expenses at `vendor`, in the
    currency they used most there; None without any."""
    if not vendor:
        return None
    rows: QuerySet = ExpenseService.queryset_for(user=user).filter(
        category=GROCERIES,
        vendor__iexact=vendor,
        expense_type="expense",
    )
    recent = list(
        rows.order_by("-transaction_date", "-expense_id").values_list(
            "amount", "currency"
        )[:PAST_SHOPS]
    )
    if not recent:
        return None
    currencies = [currency for _, currency in recent]
    code = max(set(currencies), key=lambda c: (currencies.count(c), c))
    amounts = [amount for amount, currency in recent if currency == code]
    return {
        "vendor": vendor,
        "currency": code,
        "count": len(amounts),
        "average": to_cents(sum(amounts, Decimal("0")) / len(amounts)),
    }


def choose_basis(
    items: list[ListItemModel], totals: dict[str, Decimal], past: dict | None
) -> tuple[str, dict[str, Decimal]]:
    """Which figure estimates the shop, and that figure per currency."""
    priced = sum(1 for item in items if item.estimated_price is not None)
    if items and priced == len(items):
        return BASIS_ITEMS, totals
    if past is not None:
        return BASIS_PAST, {past["currency"]: past["average"]}
    if priced:
        return BASIS_PARTIAL, totals
    return BASIS_NONE, {}


def groceries_budget(user: AbstractBaseUser) -> tuple[dict[str, Any] | None, str]:
    """This month's Groceries line of the user's budget, and a sentence about it."""
    if not apps.is_installed("budgets"):
        return None, "No budget: budgets are not available on this server."
    from budgets.services import BudgetService  # installed: read through its service

    line = BudgetService.remaining_in_category(user=user, category=GROCERIES)
    if line is None:
        return None, "No Groceries budget this month."
    return line, (
        f"{line['remaining']} {line['currency']} left in this month's Groceries "
        "budget."
    )


def compare(result: Estimate, figures: dict[str, Decimal]) -> None:
    """Fill in what the budget would have left after the shop (same currency)."""
    line = result.budget
    if line is None:
        return
    code = line["currency"]
    if code not in figures:
        if figures:
            result.budget_message += f" The estimate is not in {code}: not compared."
        return
    result.left_after_shop = to_cents(Decimal(line["remaining"]) - figures[code])
    result.fits_budget = result.left_after_shop >= 0


def estimate(
    user: AbstractBaseUser,
    shopping_list: ListModel,
    items: list[ListItemModel],
    vendor: str = "",
) -> Estimate:
    """The estimated cost of the list's live items against the Groceries budget."""
    default = UserService.currency_for(user=user)
    totals = item_totals(items, default)
    vendor = (vendor or shopping_list.last_vendor).strip()
    past = past_shops(user, vendor)
    basis, figures = choose_basis(items, totals, past)
    budget, message = groceries_budget(user)
    priced = sum(1 for item in items if item.estimated_price is not None)
    result = Estimate(
        list_id=shopping_list.pk,
        item_count=len(items),
        priced_items=priced,
        unpriced_items=len(items) - priced,
        items_total=per_currency(totals),
        vendor=vendor,
        past_shops=past,
        basis=basis,
        estimate=per_currency(figures),
        budget=budget,
        budget_message=message,
    )
    compare(result, figures)
    return result


def expense_data(
    user: AbstractBaseUser, shopping_list: ListModel, body: dict, count: int
) -> dict[str, Any]:
    """The Groceries expense of a finished shop."""
    return {
        "amount": body["total"],
        "currency": body.get("currency") or UserService.currency_for(user=user),
        "category": GROCERIES,
        "vendor": body["vendor"],
        "transaction_date": body.get("date") or UserService.today_for(user=user),
        "notes": f"Shopping list: {shopping_list.name} ({count} items)",
    }


def _api_names(exc: InvalidInput) -> InvalidInput:
    """The expenses service's field errors under the API's field names."""
    detail = exc.detail if isinstance(exc.detail, dict) else {"total": exc.detail}
    return InvalidInput(errors={FIELD_NAMES.get(k, k): v for k, v in detail.items()})


def record_expense(user: AbstractBaseUser, data: dict, list_pk: int) -> Any:
    """Create the expense; its field errors come back under the API's names."""
    try:
        return ExpenseService.create(
            user=user, data=data, source_ref=SOURCE_REF.format(pk=list_pk)
        )
    except InvalidInput as exc:
        raise _api_names(exc) from exc


def complete(
    user: AbstractBaseUser, shopping_list: ListModel, body: dict[str, Any]
) -> Completion:
    """Record the shop (call under the list's lock, inside a transaction): one
    Groceries expense, then the checked items cleared or the list archived."""
    checked = list(
        ListItemModel.objects.filter(
            list=shopping_list, is_active=True, is_checked=True
        ).values_list("pk", flat=True)
    )
    if not checked:
        raise DomainError(
            "Check off what you bought before finishing the shop.",
            code=ErrorCode.NOTHING_CHECKED,
        )
    data = expense_data(user, shopping_list, body, len(checked))
    expense = record_expense(user, data, shopping_list.pk)
    archive = bool(body.get("archive"))
    was_archived = shopping_list.is_archived
    shopping_list.last_vendor = body["vendor"]
    shopping_list.completed_at = timezone.now()
    shopping_list.is_archived = shopping_list.is_archived or archive
    shopping_list.save(
        update_fields=["last_vendor", "completed_at", "is_archived", "updated_at"]
    )
    done = Completion(shopping_list=shopping_list, expense=expense, archived=archive)
    if not archive:
        ListItemModel.objects.filter(pk__in=checked).update(
            is_active=False, updated_at=timezone.now()
        )
        done.cleared_item_ids = checked
    ListShopModel.objects.create(
        list=shopping_list,
        user=user,
        expense_id=expense.pk,
        cleared_item_ids=done.cleared_item_ids,
        archived=archive and not was_archived,
    )
    return done


# --- after the shop: undo or correct it ---------------------------------------------


def shop_expense(
    user: AbstractBaseUser, shopping_list: ListModel, expense_id: int | None
) -> Any:
    """The caller's live expense of a shop of this list (`expense_id`, else the
    latest); 404 for any other expense, someone else's shop included."""
    rows = ExpenseService.queryset_for(user=user).filter(
        source_ref=SOURCE_REF.format(pk=shopping_list.pk)
    )
    if expense_id is not None:
        rows = rows.filter(pk=expense_id)
    expense = rows.order_by("-created_at", "-expense_id").first()
    if expense is None:
        raise NotFoundError(NO_SHOP)
    return expense


def _restore(shopping_list: ListModel, shop: ListShopModel, done: Undone) -> None:
    """Bring back what a shop cleared (checked, as they were) and unarchive the
    list if the shop archived it; the shop row is marked undone."""
    cleared = ListItemModel.objects.filter(
        list=shopping_list, pk__in=shop.cleared_item_ids, is_active=False
    )
    ids = sorted(cleared.values_list("pk", flat=True))
    check_room(shopping_list, len(ids))
    ListItemModel.objects.filter(pk__in=ids).update(
        is_active=True, updated_at=timezone.now()
    )
    done.restored_item_ids = ids
    if shop.archived and shopping_list.is_archived:
        shopping_list.is_archived = False
        done.unarchived = True
    shop.soft_delete()


def undo(
    user: AbstractBaseUser, shopping_list: ListModel, expense_id: int | None
) -> Undone:
    """Undo the caller's shop of this list (call under the list's lock, inside a
    transaction): its expense deleted, the items it cleared back, the list
    unarchived if the shop archived it."""
    expense = shop_expense(user, shopping_list, expense_id)
    done = Undone(shopping_list=shopping_list, expense_id=expense.pk)
    shop = ListShopModel.objects.filter(
        list=shopping_list, expense_id=expense.pk, is_active=True
    ).first()
    if shop is not None:
        _restore(shopping_list, shop, done)
    ExpenseService.delete(user=user, pk=expense.pk, unlink=True)
    latest = ListShopModel.objects.filter(list=shopping_list, is_active=True).first()
    shopping_list.completed_at = latest.created_at if latest else None
    shopping_list.save(update_fields=["is_archived", "completed_at", "updated_at"])
    return done


def correct(
    user: AbstractBaseUser, shopping_list: ListModel, body: dict[str, Any]
) -> Any:
    """Change the total, vendor, currency or date of the caller's shop of this
    list, through the expenses service naming the shop's `source_ref`; a new
    vendor of the list's latest shop becomes its `last_vendor`."""
    expense = shop_expense(user, shopping_list, body.get("expense_id"))
    names = {v: k for k, v in FIELD_NAMES.items()}
    data = {
        names.get(key, key): body[key]
        for key in ("total", "vendor", "currency", "date")
        if body.get(key) is not None
    }
    try:
        expense = ExpenseService.update(
            user=user,
            pk=expense.pk,
            data=data,
            source_ref=SOURCE_REF.format(pk=shopping_list.pk),
        )
    except InvalidInput as exc:
        raise _api_names(exc) from exc
    latest = ListShopModel.objects.filter(list=shopping_list, is_active=True).first()
    if "vendor" in data and (latest is None or latest.expense_id == expense.pk):
        shopping_list.last_vendor = expense.vendor
        shopping_list.save(update_fields=["last_vendor", "updated_at"])
    return expense
