"""The front door of the expenses feature: views, the admin and other apps call
`ExpenseService`, and only it.

Reads and writes live here; the rest sits beside it by concern: `analytics.py`
(analytics, categories, totals), `insights.py` (recent figures, prompt context,
rule-based insights), `parsing.py` (natural-language entry), `export.py` (CSV).
Writes announce domain events (`expense.created`, …); the kit's receiver forgets
the user's cached analytics, list totals and AI insights when they commit.
"""

import hashlib
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from expenses import analytics, categories, insights, parsing, rollups, spending
from expenses.ai_insights import ExpenseAIInsights
from expenses.export import CSVExport, csv_lines
from expenses.models import DEFAULT_CATEGORY as DEFAULT_CATEGORY
from expenses.models import (
    EXPENSE_CATEGORIES,
    ExpenseCategoryModel,
    ExpenseModel,
)
from expenses.serializers import ExpenseSerializer
from expenses.vocabulary import category_named, category_scores, detect_category
from mysphere_core import ai, caching, duplicates, events, roundtrips
from mysphere_core.dates import month_end, month_start
from mysphere_core.errors import DomainError, ErrorCode, InvalidInput, NotFoundError
from mysphere_core.limits import parse_pk
from mysphere_core.money import format_money, money_text
from users.services import UserService

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
# What an expense recorded by another object (source_ref) must keep matching.
LINKED_FIELDS = ("amount", "currency", "transaction_date", "expense_type")
MAX_BULK_ITEMS = 500
# Other features read the vocabulary here: the built-in categories
# (`EXPENSE_CATEGORIES`, the budgets' too), the one for anything else
# (`DEFAULT_CATEGORY`) and how many custom ones a user may add.
MAX_CUSTOM_CATEGORIES = categories.MAX_CUSTOM_CATEGORIES


def _payload(expense: ExpenseModel) -> dict[str, Any]:
    """The catalogue's fields of an expense event, JSON-ready."""
    return {
        "expense_id": expense.pk,
        "amount": money_text(Decimal(expense.amount), expense.currency),
        "currency": expense.currency,
        "category": expense.category,
        "transaction_date": expense.transaction_date.isoformat(),
        "expense_type": str(expense.expense_type),
    }


def _normalised(field: str, value: Any) -> Any:
    """A value of `field` in the form it is stored (currency codes upper-case)."""
    if field == "currency":
        return str(value).upper()
    if field == "amount":
        return Decimal(str(value))
    return value


class ExpenseService:
    """Expenses of one user: CRUD, analytics, parsing, insights and export."""

    CATEGORIES = EXPENSE_CATEGORIES
    # How another feature renders an expense (the dashboard's recent expenses).
    serializer = ExpenseSerializer

    # --- reads ----------------------------------------------------------------------

    @staticmethod
    def queryset_for(*, user: AbstractBaseUser | None) -> QuerySet[ExpenseModel]:
        """The user's active expenses, newest first."""
        return ExpenseModel.objects.filter(user=user, is_active=True)

    @staticmethod
    def get_for(*, user: AbstractBaseUser, pk: Any) -> ExpenseModel:
        """One active expense of the user; 404 for anybody else's or a deleted one."""
        row_id = parse_pk(pk)
        expense = None
        if row_id is not None:
            expense = ExpenseService.queryset_for(user=user).filter(pk=row_id).first()
        if expense is None:
            raise NotFoundError("Expense not found.")
        return expense

    @staticmethod
    def list_total(
        *,
        user: AbstractBaseUser,
        queryset: QuerySet[ExpenseModel],
        filters: Mapping[str, Sequence[str]],
    ) -> int:
        """The row count of a filtered list (the paginator's total), cached per user
        and filters until the user's next write."""
        digest = hashlib.sha256(repr(sorted(filters.items())).encode()).hexdigest()
        timeout = settings.EXPENSE_ANALYTICS_CACHE_TIMEOUT
        parts = ("count", digest[:32])
        return caching.cached_versioned(user, FEATURE, parts, queryset.count, timeout)

    # --- writes ---------------------------------------------------------------------

    @staticmethod
    def create(
        *, user: AbstractBaseUser, data: Mapping[str, Any], source_ref: str = ""
    ) -> ExpenseModel:
        """Validate and save one expense; announces `expense.created`.

        Currency and date default to the user's; a missing category is guessed from
        the vendor, notes and original text ("Other" when nothing matches).
        """
        expense = ExpenseService._build(
            user=user,
            data=data,
            source_ref=source_ref,
            currency=data.get("currency") or UserService.currency_for(user=user),
        )
        # One statement asks every receiver with a test whether it has work (most
        # users have no webhook endpoint, and no plan open to alerts).
        probed = events.probe("expense.created", user=user, **_payload(expense))
        if probed.in_transaction or not roundtrips.folds():
            with transaction.atomic():
                expense.save()
                rollups.record(after=[rollups.state_of(expense)])
                events.announce(
                    "expense.created", user=user, probed=probed, **_payload(expense)
                )
            return expense
        # Nothing to write beside it: the INSERT and its rollups in one round trip,
        # atomic by themselves (PostgreSQL).
        after = rollups.statements(after=[rollups.state_of(expense)])
        roundtrips.save_with(expense, after)
        events.announce(
            "expense.created", user=user, probed=probed, **_payload(expense)
        )
        return expense

    @staticmethod
    def validate(
        *, user: AbstractBaseUser, data: Mapping[str, Any], pk: Any = None
    ) -> None:
        """Raise what `create` (no `pk`) or `update` would raise, saving nothing."""
        if pk is None:
            currency = data.get("currency") or UserService.currency_for(user=user)
            ExpenseService._build(user=user, data=data, currency=currency)
        else:
            ExpenseService._updated(user=user, pk=pk, data=data)

    @staticmethod
    def update(
        *,
        user: AbstractBaseUser,
        pk: Any,
        data: Mapping[str, Any],
        source_ref: str = "",
    ) -> ExpenseModel:
        """Change some fields of an expense, validated by the same rules as create;
        announces `expense.updated`.

        An expense recorded by another object (`source_ref`) keeps the amount,
        currency, date and type of that object: changing them is a `linked_expense`
        error; its notes, category, vendor and payment method can change. The
        recording object itself, naming the expense's `source_ref`, may change them
        (a corrected subscription payment corrects its expense).
        """
        expense = ExpenseService._updated(
            user=user, pk=pk, data=data, source_ref=source_ref
        )
        with transaction.atomic():
            before = rollups.locked_states([expense.pk])
            expense.save()
            rollups.record(before=before, after=[rollups.state_of(expense)])
            events.announce("expense.updated", user=user, **_payload(expense))
        return expense

    @staticmethod
    def set_shared_amount(
        *, user: AbstractBaseUser, pk: Any, shared_amount: Decimal
    ) -> ExpenseModel:
        """Record what others owe of an expense (a split bill, told by lending):
        its spending becomes the user's share; announces `expense.updated`."""
        expense = ExpenseService.get_for(user=user, pk=pk)
        if shared_amount and shared_amount >= expense.amount:
            raise InvalidInput(
                f"The shares of expense {expense.pk} would add up to "
                f"{format_money(shared_amount, expense.currency)}; together they "
                "must stay under it "
                f"({format_money(expense.amount, expense.currency)}).",
                field="amount",
            )
        with transaction.atomic():
            before = rollups.locked_states([expense.pk])
            expense.shared_amount = shared_amount
            expense.save(update_fields=["shared_amount", "updated_at"])
            rollups.record(before=before, after=[rollups.state_of(expense)])
            events.announce("expense.updated", user=user, **_payload(expense))
        return expense

    @staticmethod
    def delete(*, user: AbstractBaseUser, pk: Any, unlink: bool = False) -> None:
        """Soft-delete an expense (one recorded by another object needs `unlink`);
        announces `expense.deleted`, once: the row is checked again under its lock,
        so of two concurrent deletes the second answers 404."""
        expense = ExpenseService.get_for(user=user, pk=pk)
        if expense.source_ref and not unlink:
            raise DomainError(
                f"This expense was recorded by {expense.source_ref}; "
                "delete it there instead.",
                code=ErrorCode.LINKED_EXPENSE,
            )
        with transaction.atomic():
            before = rollups.locked_states([expense.pk])
            if not (before and before[0].is_active):
                raise NotFoundError()  # deleted by a concurrent request: once only
            expense.soft_delete()
            rollups.record(before=before)
            events.announce("expense.deleted", user=user, **_payload(expense))

    @staticmethod
    def restore(*, user: AbstractBaseUser, pk: Any) -> ExpenseModel:
        """Undo a delete: the same expense (same id) active again and counted again
        everywhere, within `EXPENSE_RESTORE_WINDOW_SECONDS` of the delete; announces
        `expense.restored`. An active expense is answered as it is; 404 for anybody
        else's; `restore_window_passed` (400) once the window is over."""
        row_id = parse_pk(pk)
        with transaction.atomic():
            expense = (
                ExpenseModel.objects.select_for_update()
                .filter(user=user, pk=row_id)
                .first()
                if row_id is not None
                else None
            )
            if expense is None:
                raise NotFoundError("Expense not found.")
            if expense.is_active:
                return expense
            seconds = settings.EXPENSE_RESTORE_WINDOW_SECONDS
            since = timezone.now() - (
                expense.deleted_at or datetime.min.replace(tzinfo=UTC)
            )
            if since > timedelta(seconds=seconds):
                raise DomainError(
                    f"This expense was deleted more than {seconds // 60} minutes "
                    "ago; it can no longer be restored.",
                    ErrorCode.RESTORE_WINDOW_PASSED,
                )
            expense.is_active = True
            expense.deleted_at = None
            expense.save(update_fields=["is_active", "deleted_at", "updated_at"])
            rollups.record(after=[rollups.state_of(expense)])
            events.announce("expense.restored", user=user, **_payload(expense))
        return expense

    @staticmethod
    def bulk_create(
        *, user: AbstractBaseUser, items: list[Mapping[str, Any]]
    ) -> list[ExpenseModel]:
        """Create up to 500 expenses at once: all of them, or none (errors by index);
        announces `expense.bulk_created`."""
        if not items:
            raise InvalidInput("Give at least one expense.", field="expenses")
        if len(items) > MAX_BULK_ITEMS:
            raise InvalidInput(
                f"At most {MAX_BULK_ITEMS} expenses per request.", field="expenses"
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
            except InvalidInput as exc:
                errors[str(index)] = exc.detail
        if errors:
            raise InvalidInput(errors={"expenses": errors})
        with transaction.atomic():
            created = ExpenseModel.objects.bulk_create(expenses, batch_size=250)
            rollups.record(after=[rollups.state_of(expense) for expense in created])
            ids = [expense.pk for expense in created]
            events.announce(
                "expense.bulk_created", user=user, expense_ids=ids, count=len(ids)
            )
        return created

    @staticmethod
    def delete_many(*, user: AbstractBaseUser, expense_ids: Sequence[int]) -> int:
        """Soft-delete those of `expense_ids` that are the user's live expenses (an
        import undone), atomically; each announces `expense.deleted`. How many."""
        ids = list(
            ExpenseService.queryset_for(user=user)
            .filter(pk__in=list(expense_ids))
            .values_list("pk", flat=True)
        )
        return ExpenseService.set_active(expense_ids=ids, active=False)

    @staticmethod
    def set_active(*, expense_ids: list[int], active: bool) -> int:
        """Staff: soft-delete or restore expenses by id; returns how many changed.

        Each changed expense announces `expense.deleted` or `expense.restored`.
        """
        name = "expense.restored" if active else "expense.deleted"
        with transaction.atomic():
            rows = list(
                ExpenseModel.objects.select_for_update(of=("self",))
                .filter(pk__in=expense_ids)
                .exclude(is_active=active)
                .select_related("user")
                .order_by("pk")
            )
            ExpenseModel.objects.filter(pk__in=[r.pk for r in rows]).update(
                is_active=active, deleted_at=None if active else timezone.now()
            )
            states = [rollups.state_of(row)._replace(is_active=True) for row in rows]
            if active:
                rollups.record(after=states)
            else:
                rollups.record(before=states)
            for expense in rows:
                events.announce(name, user=expense.user, **_payload(expense))
        return len(rows)

    @staticmethod
    def purge(*, expense_ids: list[int]) -> int:
        """Staff: delete expenses for good; the active ones announce
        `expense.deleted`. Returns how many rows were deleted."""
        with transaction.atomic():
            rows = list(
                ExpenseModel.objects.select_for_update(of=("self",))
                .filter(pk__in=expense_ids)
                .select_related("user")
                .order_by("pk")
            )
            rollups.record(before=[rollups.state_of(row) for row in rows])
            for expense in rows:
                if expense.is_active:
                    events.announce(
                        "expense.deleted", user=expense.user, **_payload(expense)
                    )
            ExpenseModel.objects.filter(pk__in=[r.pk for r in rows]).delete()
        return len(rows)

    # --- analytics ------------------------------------------------------------------

    @staticmethod
    def totals_by_currency(*, queryset: QuerySet[ExpenseModel]) -> list[dict[str, Any]]:
        """Signed totals and counts of the active rows of `queryset`, per currency."""
        return analytics.totals_by_currency(queryset)

    @staticmethod
    def analytics(
        *,
        user: AbstractBaseUser,
        date_from: date | None = None,
        date_to: date | None = None,
    ) -> dict[str, Any]:
        """Totals, categories, 12-month trend, top vendors and the previous period,
        grouped by currency. A range reaching today (the default, the web app's
        "last N months") is cached per user and range until the user's next write;
        one that ended before today is computed each time (asked once as a rule:
        caching it cost about what computing it costs, plus a cache write, on
        SQLite under the database's write lock).

        Default range: this calendar month in the user's time zone; with only
        `date_from`, up to today; with only `date_to`, from the 1st of its month.
        The range may span at most ten years.
        """
        date_from, date_to = analytics.analytics_range(
            today=lambda: UserService.today_for(user=user),
            date_from=date_from,
            date_to=date_to,
        )

        def compute() -> dict[str, Any]:
            return analytics.compute_analytics(
                user, date_from=date_from, date_to=date_to
            )

        if date_to < UserService.today_for(user=user):
            return compute()
        return caching.cached_versioned(
            user,
            FEATURE,
            ("analytics", date_from, date_to),
            compute,
            settings.EXPENSE_ANALYTICS_CACHE_TIMEOUT,
        )

    @staticmethod
    def month_totals(*, user: AbstractBaseUser) -> list[dict[str, Any]]:
        """This month's (the user's local month) signed total and count per
        currency: what `analytics` says for its default range, in one query."""
        return analytics.month_totals(user, UserService.today_for(user=user))

    @staticmethod
    def categories(*, user: AbstractBaseUser) -> list[dict[str, Any]]:
        """Every valid category with the user's count and totals (per currency);
        cached like analytics."""
        return caching.cached(
            caching.versioned_key(user, FEATURE, "categories"),
            lambda: analytics.category_summary(user),
            settings.EXPENSE_ANALYTICS_CACHE_TIMEOUT,
        )

    @staticmethod
    def category_names(*, user: AbstractBaseUser) -> list[str]:
        """Every category the user may use: the nine system ones, then their own."""
        return categories.names_for(user)

    @staticmethod
    def custom_categories(*, user: AbstractBaseUser) -> QuerySet[ExpenseCategoryModel]:
        """The user's live categories of their own (to read or join, not write)."""
        return categories.custom_of(user)

    @staticmethod
    def category_parents(*, user: AbstractBaseUser) -> dict[str, str | None]:
        """Each of the user's categories -> the system one it rolls up to."""
        return categories.parents_of(user)

    @staticmethod
    def resolve_category(*, user: AbstractBaseUser, value: str) -> str | None:
        """The user's category named `value` in any case, or None."""
        return categories.resolve(user, value)

    @staticmethod
    def create_category(
        *, user: AbstractBaseUser, data: Mapping[str, Any]
    ) -> ExpenseCategoryModel:
        """A category of the user's own (`name`, optional `parent`, `color`)."""
        return categories.create(user=user, data=data)

    @staticmethod
    def update_category(
        *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
    ) -> ExpenseCategoryModel:
        """Rename (history follows), re-parent or recolor a custom category."""
        return categories.update(user=user, pk=pk, data=data)

    @staticmethod
    def delete_category(
        *, user: AbstractBaseUser, pk: Any, move_to: str | None = None
    ) -> None:
        """Delete a custom category; one in use needs `move_to`."""
        categories.delete(user=user, pk=pk, move_to=move_to)

    @staticmethod
    def rebuild_rollups(*, user: AbstractBaseUser) -> tuple[int, ...]:
        """Recompute the user's monthly and daily rollups from their expenses,
        atomically; returns the rows written (monthly category, monthly vendor,
        daily category, daily vendor: `manage.py rebuild_rollups`)."""
        return rollups.rebuild(user)

    # --- natural language and AI ----------------------------------------------------

    @staticmethod
    def parse_text(
        *,
        user: AbstractBaseUser,
        text: str,
        dry_run: bool = False,
        confirm_duplicates: bool = False,
    ) -> duplicates.CheckedParseOutcome:
        """Read an expense from words (Gemini, else the built-in parser) and save it
        through `create`, unless `dry_run`. No amount (or an impossible date, one out
        of range, an amount over the maximum) is a 400 on `text`; nothing is saved.
        An expense of the last few minutes it repeats comes back as
        `possible_duplicate` and nothing is saved unless `confirm_duplicates`.
        """
        today = UserService.today_for(user=user)
        currency = UserService.currency_for(user=user)
        text = parsing.checked_text(text, today=today, currency=currency)
        result = parsing.parse(user=user, text=text, today=today, currency=currency)
        parsed = parsing.check_parsed(result)
        custom = categories.custom_for_text(user, text)
        if custom:  # the user's own category the words name ("rent" -> Housing)
            parsed["category"] = custom
        match = None
        if not confirm_duplicates:
            match = parsing.recent_duplicate(user, parsed, text)
        created = None
        if not dry_run and match is None:
            data = parsing.expense_data(parsed, text)
            created = ExpenseService.create(user=user, data=data)
        return duplicates.CheckedParseOutcome(
            result=result,
            dry_run=dry_run,
            created=created,
            possible_duplicate=match.as_match() if match else None,
        )

    @staticmethod
    def ai_insights(*, user: AbstractBaseUser) -> ai.AIResult:
        """Gemini's insights (cached for the user's day, rationed), else rule-based
        ones from the same figures."""
        today = UserService.today_for(user=user)
        return ai.insights(
            user=user,
            feature=FEATURE,
            today=today,
            build_prompt=lambda: ExpenseService._insights_prompt(user, today),
            schema=ExpenseAIInsights.INSIGHTS_SCHEMA,
            fallback=lambda: ExpenseService._fallback_insights(user, today),
        )

    # --- export ---------------------------------------------------------------------

    @staticmethod
    def export_csv(
        *, user: AbstractBaseUser, queryset: QuerySet[ExpenseModel]
    ) -> CSVExport:
        """The (filtered) expenses as a CSV download named for the user's today:
        UTF-8 BOM, header, ISO dates, plain decimals, times in the user's zone."""
        zone = UserService.timezone_for(user=user)
        today = UserService.today_for(user=user)
        return CSVExport(
            filename=f"expenses-{today.isoformat()}.csv",
            lines=csv_lines(queryset, zone),
        )

    @staticmethod
    def category_named(*, text: str) -> str | None:
        """The category a question names by one of its words ("dining", "comida"),
        or None (unlike `suggest_category`, no guess from brands or items)."""
        return category_named(text)

    def suggest_category(*, text: str, user: AbstractBaseUser | None = None) -> str:
        """The category a text names: the user's own first (its name or the usual
        words of one), else the built-in vocabulary's ("Other" if none)."""
        return categories.custom_for_text(user, text) or detect_category(text)

    @staticmethod
    def category_scores(*, text: str) -> dict[str, int]:
        """Each built-in category's keyword score for a text (the budgets'
        classifier weighs them with its own rules)."""
        return category_scores(text)

    @staticmethod
    def spent_by_category(
        *, user: AbstractBaseUser, month: date, currency: str
    ) -> dict[str, Decimal]:
        """The month's signed spending per category in one currency (one query)."""
        return spending.month_by_category(user, month, currency)

    @staticmethod
    def spending_history(
        *, user: AbstractBaseUser, month: date, currency: str, months: int = 3
    ) -> dict[str, Decimal]:
        """Spending per category over the `months` full months before `month`."""
        return spending.history_by_category(user, month, currency, months)

    # --- helpers --------------------------------------------------------------------

    @staticmethod
    def _insights_prompt(user: AbstractBaseUser, today: date) -> str:
        """The insights prompt: profile and aggregated figures only."""
        context = insights.prompt_context(
            today=today,
            profile=UserService.profile_context(user=user),
            figures=insights.recent_figures(
                ExpenseService.queryset_for(user=user), today
            ),
            analytics=ExpenseService.analytics(
                user=user, date_from=month_start(today), date_to=month_end(today)
            ),
        )
        return ExpenseAIInsights.insights_prompt(context)

    @staticmethod
    def _fallback_insights(user: AbstractBaseUser, today: date) -> dict[str, Any]:
        """Rule-based insights from the user's last 30 days."""
        figures = insights.recent_figures(ExpenseService.queryset_for(user=user), today)
        profile = UserService.profile_for(user=user)
        return insights.fallback_insights(
            figures, income=profile.monthly_income, income_currency=profile.currency
        )

    @staticmethod
    def _updated(
        *,
        user: AbstractBaseUser,
        pk: Any,
        data: Mapping[str, Any],
        source_ref: str = "",
    ) -> ExpenseModel:
        """The user's expense with `data` applied and validated, not saved."""
        expense = ExpenseService.get_for(user=user, pk=pk)
        if expense.source_ref and expense.source_ref != source_ref:
            changed = [
                field
                for field in LINKED_FIELDS
                if data.get(field) is not None
                and _normalised(field, data[field])
                != _normalised(field, getattr(expense, field))
            ]
            if changed:
                raise DomainError(
                    f"This expense was recorded by {expense.source_ref}; its "
                    f"{', '.join(changed)} cannot be changed here. Change or delete "
                    "it there instead.",
                    code=ErrorCode.LINKED_EXPENSE,
                )
        for field, value in data.items():
            if field in WRITABLE_FIELDS and value is not None:
                setattr(expense, field, value)
        expense.currency = str(expense.currency).upper()
        ExpenseService._validate(expense)
        if expense.shared_amount and expense.amount <= expense.shared_amount:
            raise InvalidInput(
                f"{format_money(expense.shared_amount, expense.currency)} of it is "
                "split with others; the amount must stay above that (you keep a "
                "share).",
                field="amount",
            )
        return expense

    @staticmethod
    def _build(
        *,
        user: AbstractBaseUser,
        data: Mapping[str, Any],
        currency: str,
        source_ref: str = "",
        today: date | None = None,
    ) -> ExpenseModel:
        """An unsaved, validated expense from `data`."""
        values = {
            k: v for k, v in data.items() if k in WRITABLE_FIELDS and v is not None
        }
        values["currency"] = str(values.get("currency") or currency).upper()
        if not values.get("transaction_date"):
            values["transaction_date"] = today or UserService.today_for(user=user)
        if not values.get("category"):
            words = " ".join(
                str(values.get(k, "")) for k in ("vendor", "notes", "raw_text")
            )
            values["category"] = ExpenseService.suggest_category(user=user, text=words)
        expense = ExpenseModel(user=user, source_ref=source_ref or "", **values)
        ExpenseService._validate(expense)
        return expense

    @staticmethod
    def _validate(expense: ExpenseModel) -> None:
        """The model's field rules and the user's categories (system and their
        own, any case), raised as a DRF field map (400)."""
        errors: dict[str, Any] = {}
        try:
            expense.full_clean(exclude=["user", "category"], validate_unique=False)
        except DjangoValidationError as exc:
            errors = exc.message_dict
        name = categories.resolve(expense.user, expense.category)
        if name is None:
            errors["category"] = [
                categories.unknown_message(expense.user, expense.category)
            ]
        else:
            expense.category = name
        if errors:
            raise InvalidInput(errors=errors)
