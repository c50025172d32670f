"""All business logic of the expenses feature.

Reads (`queryset_for`, `search`, `get_for`), writes (`create`, `update`, `delete`,
`bulk_create`), analytics, natural-language entry, AI insights, categories and CSV
export. Every write invalidates the user's analytics and AI insight caches.
"""

import logging
import uuid
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import QuerySet
from rest_framework import exceptions

from expenses.models import EXPENSE_CATEGORIES, ExpenseModel
from mysphere_core import ai
from mysphere_core.exceptions import DomainError, NotFoundError
from users.services import UserService

logger = logging.getLogger(__name__)

FEATURE = "expenses"
WRITABLE_FIELDS = (
    "amount",
    "currency",
    "category",
    "vendor",
    "transaction_date",
    "raw_text",
    "payment_method",
    "expense_type",
    "notes",
    "ai_suggested_category",
    "confidence",
)
ANALYTICS_CACHE_TIMEOUT = 3600
MAX_BULK_ITEMS = 500


class ExpenseService:
    """Expenses of one user: CRUD, analytics, parsing, insights and export."""

    CATEGORIES = EXPENSE_CATEGORIES

    # --- reads ----------------------------------------------------------------------

    @staticmethod
    def queryset_for(*, user: AbstractBaseUser) -> QuerySet[ExpenseModel]:
        """The user's active expenses, newest first."""
        return ExpenseModel.objects.filter(user=user, is_active=True)

    @staticmethod
    def get_for(*, user: AbstractBaseUser, expense_id: int) -> ExpenseModel:
        """One active expense of the user; 404 for anybody else's or a deleted one."""
        try:
            pk = int(expense_id)
        except (TypeError, ValueError):
            pk = 0
        expense = None
        if 0 < pk < 2**63:
            expense = ExpenseService.queryset_for(user=user).filter(pk=pk).first()
        if expense is None:
            raise NotFoundError("Expense not found.")
        return expense

    # --- writes ---------------------------------------------------------------------

    @staticmethod
    def create(
        *, user: AbstractBaseUser, data: Mapping[str, Any], source_ref: str = ""
    ) -> ExpenseModel:
        """Validate and save one expense; currency and date default to the user's."""
        expense = ExpenseService._build(
            user=user,
            data=data,
            source_ref=source_ref,
            currency=data.get("currency") or UserService.currency_for(user=user),
        )
        expense.save()
        ExpenseService.invalidate_caches(user=user)
        return expense

    @staticmethod
    def update(
        *, user: AbstractBaseUser, expense_id: int, data: Mapping[str, Any]
    ) -> ExpenseModel:
        """Change some fields of an expense, validated by the same rules as create."""
        expense = ExpenseService.get_for(user=user, expense_id=expense_id)
        for field, value in data.items():
            if field in WRITABLE_FIELDS:
                setattr(expense, field, value)
        if isinstance(expense.currency, str):
            expense.currency = expense.currency.upper()
        ExpenseService._validate(expense)
        expense.save()
        ExpenseService.invalidate_caches(user=user)
        return expense

    @staticmethod
    def delete(
        *, user: AbstractBaseUser, expense_id: int, unlink: bool = False
    ) -> None:
        """Soft-delete an expense; one recorded by another object needs `unlink`."""
        expense = ExpenseService.get_for(user=user, expense_id=expense_id)
        if expense.source_ref and not unlink:
            raise DomainError(
                f"This expense was recorded by {expense.source_ref}; "
                "delete it there instead.",
                code="linked_expense",
            )
        expense.soft_delete()
        ExpenseService.invalidate_caches(user=user)

    @staticmethod
    def bulk_create(
        *, user: AbstractBaseUser, items: list[Mapping[str, Any]]
    ) -> list[ExpenseModel]:
        """Create up to 500 expenses at once: all of them, or none (errors by index)."""
        if not items:
            raise exceptions.ValidationError(
                {"expenses": ["Give at least one expense."]}
            )
        if len(items) > MAX_BULK_ITEMS:
            raise exceptions.ValidationError(
                {"expenses": [f"At most {MAX_BULK_ITEMS} expenses per request."]}
            )
        currency = UserService.currency_for(user=user)
        today = UserService.today_for(user=user)
        expenses: list[ExpenseModel] = []
        errors: dict[str, Any] = {}
        for index, item in enumerate(items):
            try:
                expenses.append(
                    ExpenseService._build(
                        user=user, data=item, currency=currency, today=today
                    )
                )
            except exceptions.ValidationError as exc:
                errors[str(index)] = exc.detail
        if errors:
            raise exceptions.ValidationError({"expenses": errors})
        with transaction.atomic():
            created = ExpenseModel.objects.bulk_create(expenses, batch_size=250)
        ExpenseService.invalidate_caches(user=user)
        return created

    @staticmethod
    def invalidate_caches(*, user: AbstractBaseUser) -> None:
        """Forget the user's cached analytics (every range) and AI insights.

        Done at once and again after the surrounding transaction commits, so a read
        racing an uncommitted write cannot re-cache stale numbers.
        """

        def _forget() -> None:
            cache.set(_analytics_version_key(user), uuid.uuid4().hex, None)
            ai.invalidate(user=user, feature=FEATURE)

        _forget()
        transaction.on_commit(_forget)

    # --- helpers --------------------------------------------------------------------

    @staticmethod
    def _build(
        *,
        user: AbstractBaseUser,
        data: Mapping[str, Any],
        currency: str,
        source_ref: str = "",
        today: Any = None,
    ) -> ExpenseModel:
        """An unsaved, validated expense from `data`."""
        values = {k: v for k, v in data.items() if k in WRITABLE_FIELDS}
        values["currency"] = (values.get("currency") or currency).upper()
        if not values.get("transaction_date"):
            values["transaction_date"] = today or UserService.today_for(user=user)
        for text_field in ("vendor", "notes", "raw_text"):
            if values.get(text_field) is None:
                values.pop(text_field, None)
        expense = ExpenseModel(user=user, source_ref=source_ref or "", **values)
        ExpenseService._validate(expense)
        return expense

    @staticmethod
    def _validate(expense: ExpenseModel) -> None:
        """The model's field rules, raised as a DRF field map (400)."""
        try:
            expense.full_clean(exclude=["user"], validate_unique=False)
        except DjangoValidationError as exc:
            raise exceptions.ValidationError(exc.message_dict)


def _analytics_version_key(user: AbstractBaseUser) -> str:
    """Cache key of the user's analytics version (changed by every write)."""
    return f"expense_analytics_version_{user.pk}"


def _analytics_version(user: AbstractBaseUser) -> str:
    """The user's current analytics version; a missing one is created, never reused."""
    key = _analytics_version_key(user)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, None)
        version = cache.get(key)
    return str(version)
