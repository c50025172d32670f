"""Records and their repayments: create, change, delete, repay, close.

Every change of what is repaid locks the record's row first (`select_for_update`),
so concurrent repayments are applied one after the other and can never pay back
more than the amount (a database check holds it too).
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import QuerySet

from expenses.services import ExpenseService
from lending.models import (
    OPEN_STATUSES,
    Direction,
    LendingModel,
    Method,
    RepaymentModel,
    Status,
)
from lending.validators import clean_name, counterparty_key
from mysphere_core import events
from mysphere_core.errors import InvalidInput, NotFoundError
from mysphere_core.limits import parse_pk
from mysphere_core.money import format_money, minor_units_error, money_text
from users.services import UserService

SPLIT_PREFIX = "expense:"  # the source_ref of a share of a split expense
WRITABLE_FIELDS = (
    "direction",
    "counterparty_name",
    "counterparty_contact",
    "amount",
    "currency",
    "description",
    "lent_date",
    "due_date",
    "notes",
)
CLOSED_BY = {
    Status.WRITTEN_OFF: "written off",
    Status.FORGIVEN: "forgiven",
    Status.REPAID: "repaid",
}


def field_error(field: str, message: str) -> InvalidInput:
    """A 400 naming `field`."""
    return InvalidInput(message, field=field)


def payload(record: LendingModel) -> dict[str, Any]:
    """The catalogue's common fields of a lending event, JSON-ready."""
    return {
        "lending_id": record.pk,
        "direction": record.direction,
        "counterparty_name": record.counterparty_name,
        "amount": money_text(Decimal(record.amount), record.currency),
        "currency": record.currency,
        "due_date": record.due_date.isoformat() if record.due_date else None,
    }


def live(user: AbstractBaseUser | None) -> QuerySet[LendingModel]:
    """The user's live records."""
    return LendingModel.objects.filter(user=user, is_active=True)


def get_for(user: AbstractBaseUser, pk: Any, *, lock: bool = False) -> LendingModel:
    """One live record of the user (locked for update when asked); 404 otherwise."""
    row_id = parse_pk(pk)
    rows = live(user)
    if lock:
        rows = rows.select_for_update(of=("self",))
    record = rows.filter(pk=row_id).first() if row_id is not None else None
    if record is None:
        raise NotFoundError("Lending record not found.")
    return record


def recomputed_status(record: LendingModel) -> str:
    """The status that follows from what is repaid (written off and forgiven stay)."""
    if record.status in (Status.WRITTEN_OFF, Status.FORGIVEN):
        return record.status
    if record.repaid_amount <= 0:
        return Status.OUTSTANDING
    if record.repaid_amount >= record.amount:
        return Status.REPAID
    return Status.PARTIALLY_REPAID


def validated(record: LendingModel) -> LendingModel:
    """The record checked against its field rules and the date order (400s)."""
    record.counterparty_name = clean_name(record.counterparty_name)
    record.counterparty_key = counterparty_key(record.counterparty_name)
    record.currency = str(record.currency).upper()
    try:
        record.full_clean(
            exclude=["user"], validate_unique=False, validate_constraints=False
        )
    except DjangoValidationError as exc:
        raise InvalidInput(errors=exc.message_dict)
    if record.due_date and record.due_date < record.lent_date:
        raise field_error(
            "due_date",
            f"The due date cannot be before the lent date "
            f"({record.lent_date.isoformat()}).",
        )
    return record


def build(
    user: AbstractBaseUser, data: Mapping[str, Any], source_ref: str = ""
) -> LendingModel:
    """An unsaved, validated record from `data` (currency and date: the user's)."""
    values = {k: v for k, v in data.items() if k in WRITABLE_FIELDS and v is not None}
    values.setdefault("currency", UserService.currency_for(user=user))
    values.setdefault("lent_date", UserService.today_for(user=user))
    values.setdefault("direction", Direction.LENT)
    record = LendingModel(user=user, source_ref=source_ref, **values)
    return validated(record)


def create(
    user: AbstractBaseUser, data: Mapping[str, Any], source_ref: str = ""
) -> LendingModel:
    """Save one record; announces `lending.created`."""
    record = build(user, data, source_ref)
    with transaction.atomic():
        record.save()
        events.announce("lending.created", user=user, **payload(record))
    return record


def update(user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]) -> LendingModel:
    """Change fields of a record (locked against repayments meanwhile); the amount
    stays at least what is repaid, the currency stays once repayments exist;
    announces `lending.updated` with the fields that changed."""
    with transaction.atomic():
        record = get_for(user, pk, lock=True)
        before = {f: getattr(record, f) for f in WRITABLE_FIELDS}
        for field, value in data.items():
            if field in WRITABLE_FIELDS:
                setattr(record, field, value)
        validated(record)
        changed = sorted(f for f in WRITABLE_FIELDS if getattr(record, f) != before[f])
        _check_repaid_fields(record, before, changed)
        record.status = recomputed_status(record)
        record.save()
        if "amount" in changed:
            sync_split_expense(user, record.source_ref)
        if changed:
            events.announce(
                "lending.updated", user=user, lending_id=record.pk, fields=changed
            )
    return record


def _check_repaid_fields(
    record: LendingModel, before: dict[str, Any], changed: list[str]
) -> None:
    """With repayments recorded, the amount covers them, the currency and direction
    stay, and the lent date is not after the first repayment."""
    if not record.repaid_amount:
        return
    for field in ("currency", "direction"):
        if field in changed:
            raise field_error(
                field,
                f"Repayments are recorded ({before[field]}); the {field} cannot "
                "change.",
            )
    first = (
        RepaymentModel.objects.filter(lending=record, is_active=True)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )
    if "lent_date" in changed and first and record.lent_date > first:
        raise field_error(
            "lent_date",
            f"A repayment is dated {first.isoformat()}; the lent date cannot be "
            "after it.",
        )
    if record.amount < record.repaid_amount:
        raise field_error(
            "amount",
            f"{format_money(record.repaid_amount, record.currency)} is already "
            "repaid; the amount cannot be less.",
        )


def delete(user: AbstractBaseUser, pk: Any) -> None:
    """Soft-delete a record (its repayments stay with it); `lending.deleted`. A
    share of a split bill goes back to the user's own spending."""
    with transaction.atomic():
        record = get_for(user, pk, lock=True)
        record.soft_delete()
        sync_split_expense(user, record.source_ref)
        events.announce("lending.deleted", user=user, lending_id=record.pk)


def sync_split_expense(user: AbstractBaseUser, source_ref: str) -> None:
    """Tell expenses what others owe of a split expense (the live shares lent out
    of it), so that only the user's share counts as their spending."""
    if not source_ref.startswith(SPLIT_PREFIX):
        return
    shares = live(user).filter(source_ref=source_ref).values_list("amount", flat=True)
    try:
        ExpenseService.set_shared_amount(
            user=user,
            pk=source_ref.removeprefix(SPLIT_PREFIX),
            shared_amount=sum(shares, Decimal("0.00")),
        )
    except NotFoundError:
        return  # the expense was deleted: nothing of it counts any more


# --- repayments ---------------------------------------------------------------------


def _repayable(record: LendingModel, amount: Decimal) -> None:
    """A 400 when the record is closed, `amount` finer than its currency's minor
    units or over what is outstanding."""
    finer = minor_units_error(amount, record.currency)
    if finer:
        raise field_error("amount", finer)
    if not record.is_open:
        raise field_error(
            "status",
            f"This record is {CLOSED_BY[record.status]}; it takes no repayments.",
        )
    if amount > record.outstanding:
        raise field_error(
            "amount",
            f"Only {format_money(record.outstanding, record.currency)} is "
            f"outstanding; repay at most that.",
        )


def _repayment_date(user: AbstractBaseUser, record: LendingModel, day: date) -> None:
    """Repayments fall between the lent date and the user's today."""
    if day < record.lent_date:
        raise field_error(
            "date",
            f"A repayment cannot be before the lent date "
            f"({record.lent_date.isoformat()}).",
        )
    if day > UserService.today_for(user=user):
        raise field_error("date", "A repayment cannot be in the future.")


def check_repayment(
    user: AbstractBaseUser, record: LendingModel, amount: Decimal, day: date
) -> None:
    """A 400 when `record` cannot take `amount` on `day` (closed, over what is
    outstanding, before the lent date or in the future)."""
    _repayable(record, amount)
    _repayment_date(user, record, day)


def apply_repayment(
    record: LendingModel, amount: Decimal, day: date, method: str, note: str
) -> RepaymentModel:
    """Record a repayment on a locked record and move its sums and status."""
    repayment = RepaymentModel.objects.create(
        lending=record, amount=amount, date=day, method=method, note=note
    )
    record.repaid_amount += amount
    record.status = recomputed_status(record)
    record.save(update_fields=["repaid_amount", "status", "updated_at"])
    return repayment


def repay(
    user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
) -> tuple[LendingModel, RepaymentModel]:
    """Pay back part or all of a record (at most what is outstanding); the status
    follows; announces `lending.repaid`."""
    amount = Decimal(data["amount"])
    day = data.get("date") or UserService.today_for(user=user)
    with transaction.atomic():
        record = get_for(user, pk, lock=True)
        check_repayment(user, record, amount, day)
        repayment = apply_repayment(
            record,
            amount,
            day,
            data.get("method") or Method.OTHER,
            data.get("note") or "",
        )
        announce_repaid(user, record, repayment)
    return record, repayment


def announce_repaid(
    user: AbstractBaseUser, record: LendingModel, repayment: RepaymentModel
) -> None:
    """`lending.repaid` for one repayment (outstanding and status after it)."""
    events.announce(
        "lending.repaid",
        user=user,
        lending_id=record.pk,
        repayment_id=repayment.pk,
        amount=str(repayment.amount),
        currency=record.currency,
        outstanding=str(record.outstanding),
        status=record.status,
    )


def repayments_for(user: AbstractBaseUser, pk: Any) -> QuerySet[RepaymentModel]:
    """A record's live repayments, newest first; 404 when it is not the user's."""
    record = get_for(user, pk)
    return RepaymentModel.objects.filter(lending=record, is_active=True)


def delete_repayment(
    user: AbstractBaseUser, pk: Any, repayment_id: Any
) -> LendingModel:
    """Soft-delete a repayment; what is repaid and the status are recomputed;
    announces `lending.repayment_deleted`."""
    with transaction.atomic():
        record = get_for(user, pk, lock=True)
        row_id = parse_pk(repayment_id)
        repayment = (
            RepaymentModel.objects.filter(lending=record, pk=row_id, is_active=True)
            .select_for_update()
            .first()
            if row_id is not None
            else None
        )
        if repayment is None:
            raise NotFoundError("Repayment not found.")
        repayment.soft_delete()
        record.repaid_amount -= repayment.amount
        record.status = recomputed_status(record)
        record.save(update_fields=["repaid_amount", "status", "updated_at"])
        events.announce(
            "lending.repayment_deleted",
            user=user,
            lending_id=record.pk,
            repayment_id=repayment.pk,
            outstanding=str(record.outstanding),
            status=record.status,
        )
    return record


def close(user: AbstractBaseUser, pk: Any, status: str) -> LendingModel:
    """Write off (money lent only) or forgive an open record; announces
    `lending.status_changed`."""
    with transaction.atomic():
        record = get_for(user, pk, lock=True)
        if record.status not in OPEN_STATUSES:
            raise field_error(
                "status",
                f"Only an open record can be {CLOSED_BY[status]}; this one is "
                f"{CLOSED_BY[record.status]}.",
            )
        if status == Status.WRITTEN_OFF and record.direction != Direction.LENT:
            raise field_error(
                "direction",
                f"Only money you lent can be {CLOSED_BY[status]}; when the lender "
                "lets you off, forgive it instead.",
            )
        previous = record.status
        record.status = status
        record.save(update_fields=["status", "updated_at"])
        events.announce(
            "lending.status_changed",
            user=user,
            lending_id=record.pk,
            status=status,
            previous_status=previous,
        )
    return record
