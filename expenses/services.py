"""All business logic of the expenses feature.

Reads (`queryset_for`, `search`, `get_for`), writes (`create`, `update`, `delete`,
`bulk_create`), analytics, natural-language entry, AI insights, categories and CSV
export. Every write invalidates the user's analytics and AI insight caches.
"""

import csv
import hashlib
import logging
from calendar import monthrange
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Avg, Case, Count, DecimalField, F, Q, QuerySet, Sum, When
from rest_framework import exceptions

from expenses.ai_insights import ExpenseAIInsights
from expenses.models import (
    DATE_RANGE_MESSAGE,
    EARLIEST_EXPENSE_DATE,
    EXPENSE_CATEGORIES,
    LATEST_EXPENSE_DATE,
    ExpenseModel,
    max_expense_amount,
)
from expenses.nlp_parser import (
    detect_category,
    impossible_date,
    mentions_amount,
    parse_expense_text,
)
from mysphere_core import ai, caching
from mysphere_core.exceptions import DomainError, NotFoundError
from mysphere_core.money import to_cents
from users.services import UserService

logger = logging.getLogger(__name__)

FEATURE = "expenses"
INSIGHTS_FLAG = "EXPENSE_AI_INSIGHTS"
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
ANALYTICS_CACHE_TIMEOUT = 3600
MAX_BULK_ITEMS = 500
TREND_MONTHS = 12
MAX_ANALYTICS_DAYS = 3660
TOP_VENDORS = 5
NO_AMOUNT = "No amount found in the text."

ZERO = Decimal("0.00")
REFUND = ExpenseModel.ExpenseType.REFUND
# Refunds count against spending: every sum is of this signed amount.
SIGNED_AMOUNT = Case(
    When(expense_type=REFUND, then=-F("amount")),
    default=F("amount"),
    output_field=DecimalField(max_digits=14, decimal_places=2),
)
ORDERINGS = {
    "date": ("transaction_date", "created_at", "expense_id"),
    "-date": ("-transaction_date", "-created_at", "-expense_id"),
    "amount": ("amount", "-transaction_date", "-expense_id"),
    "-amount": ("-amount", "-transaction_date", "-expense_id"),
    "created": ("created_at", "expense_id"),
    "-created": ("-created_at", "-expense_id"),
}
CSV_COLUMNS = (
    ("expense_id", "expense_id"),
    ("transaction_date", "date"),
    ("amount", "amount"),
    ("currency", "currency"),
    ("category", "category"),
    ("vendor", "vendor"),
    ("payment_method", "payment_method"),
    ("expense_type", "expense_type"),
    ("notes", "notes"),
    ("raw_text", "original_text"),
    ("created_at", "created_at"),
)
CSV_CHUNK = 2000
# Spreadsheets run cells starting with these as formulas; such text gets a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SPIKE_FACTOR = Decimal("3")
SPIKE_HISTORY_DAYS = 180
SPIKE_MIN_HISTORY = 3
WEEK_JUMP_PERCENT = 50


class ExpenseService:
    """Expenses of one user: CRUD, analytics, parsing, insights and export."""

    CATEGORIES = EXPENSE_CATEGORIES

    # --- reads ----------------------------------------------------------------------

    @staticmethod
    def queryset_for(*, user: AbstractBaseUser) -> QuerySet[ExpenseModel]:
        """The user's active expenses, newest first."""
        return ExpenseModel.objects.filter(user=user, is_active=True)

    @staticmethod
    def search(
        *, user: AbstractBaseUser, filters: Mapping[str, Any]
    ) -> QuerySet[ExpenseModel]:
        """The user's active expenses matching validated list filters, ordered.

        Its `count()` (the paginator's total) is cached until the user's next write.
        """
        queryset = ExpenseService.queryset_for(user=user)
        lookups = {
            "category": "category__in",
            "date_from": "transaction_date__gte",
            "date_to": "transaction_date__lte",
            "min_amount": "amount__gte",
            "max_amount": "amount__lte",
            "payment_method": "payment_method",
            "expense_type": "expense_type",
            "currency": "currency",
        }
        conditions = {
            lookup: filters[name]
            for name, lookup in lookups.items()
            if filters.get(name) not in (None, "", [])
        }
        queryset = queryset.filter(**conditions)
        text = (filters.get("search") or "").strip()
        if text:
            queryset = queryset.filter(
                Q(vendor__icontains=text)
                | Q(category__icontains=text)
                | Q(raw_text__icontains=text)
                | Q(notes__icontains=text)
            )
        queryset = queryset.order_by(*ORDERINGS[filters.get("ordering") or "-date"])
        # The paginator's COUNT is cached like analytics: until the user's next write.
        digest = hashlib.sha256(repr(sorted(filters.items())).encode()).hexdigest()
        key = caching.versioned_key(user, FEATURE, "count", digest[:32])
        return queryset.count_cached_as(key, ANALYTICS_CACHE_TIMEOUT)

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
        """Validate and save one expense.

        Currency and date default to the user's; a missing category is guessed from
        the vendor, notes and original text ("Other" when nothing matches).
        """
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
        """Change some fields of an expense, validated by the same rules as create.

        An expense recorded by another object (`source_ref`) keeps the amount,
        currency, date and type of that object: changing them is a `linked_expense`
        error; its notes, category, vendor and payment method can change.
        """
        expense = ExpenseService.get_for(user=user, expense_id=expense_id)
        if expense.source_ref:
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
                    code="linked_expense",
                )
        for field, value in data.items():
            if field in WRITABLE_FIELDS and value is not None:
                setattr(expense, field, value)
        expense.currency = str(expense.currency).upper()
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
        caching.invalidate_user_caches(user=user, feature=FEATURE)

    @staticmethod
    def set_active(*, expense_ids: list[int], active: bool) -> int:
        """Staff: soft-delete or restore expenses by id; returns how many changed."""
        rows = ExpenseModel.objects.filter(pk__in=expense_ids).exclude(is_active=active)
        user_ids = set(rows.values_list("user_id", flat=True))
        changed = rows.update(is_active=active)
        for user in get_user_model().objects.filter(pk__in=user_ids):
            ExpenseService.invalidate_caches(user=user)
        return changed

    @staticmethod
    def totals_by_currency(*, queryset: QuerySet[ExpenseModel]) -> list[dict[str, Any]]:
        """Signed totals and counts of the active rows of `queryset`, per currency."""
        return [
            {
                "currency": row["currency"],
                "total": to_cents(row["total"]),
                "count": row["count"],
            }
            for row in queryset.filter(is_active=True)
            .order_by()
            .values("currency")
            .annotate(total=Sum(SIGNED_AMOUNT), count=Count("pk"))
            .order_by("currency")
        ]

    # --- analytics ------------------------------------------------------------------

    @staticmethod
    def analytics(
        *,
        user: AbstractBaseUser,
        date_from: date | None = None,
        date_to: date | None = None,
    ) -> dict[str, Any]:
        """Totals, categories, 12-month trend, top vendors and the previous period.

        Everything is grouped by currency and computed by aggregate queries; the
        result is cached for an hour per user and range, and every write of the
        user's expenses invalidates all their cached ranges at once.
        Default range: this calendar month in the user's time zone; with only
        `date_from`, up to today; with only `date_to`, from the 1st of its month.
        The range may span at most ten years.
        """
        today = UserService.today_for(user=user)
        if date_from is None and date_to is None:
            date_from = today.replace(day=1)
            date_to = _month_end(today)
        elif date_from is None:
            date_from = date_to.replace(day=1)
        elif date_to is None:
            date_to = max(today, date_from)
        if date_from > date_to:
            raise exceptions.ValidationError(
                {"date_to": ["date_to must be on or after date_from."]}
            )
        if (date_to - date_from).days >= MAX_ANALYTICS_DAYS:
            raise exceptions.ValidationError(
                {"date_from": ["The range may span at most ten years."]}
            )
        key = caching.versioned_key(user, FEATURE, "analytics", date_from, date_to)
        return caching.cached(
            key,
            lambda: _compute_analytics(user=user, date_from=date_from, date_to=date_to),
            ANALYTICS_CACHE_TIMEOUT,
        )

    @staticmethod
    def categories(*, user: AbstractBaseUser) -> list[dict[str, Any]]:
        """Every valid category with the user's count and totals (per currency).

        Cached like analytics: for an hour, until the user's next write.
        """
        return caching.cached(
            caching.versioned_key(user, FEATURE, "categories"),
            lambda: _category_summary(user=user),
            ANALYTICS_CACHE_TIMEOUT,
        )

    # --- natural language -----------------------------------------------------------

    @staticmethod
    def parse_text(
        *, user: AbstractBaseUser, text: str, dry_run: bool = False
    ) -> dict[str, Any]:
        """Read an expense from words (Gemini, else the built-in parser) and save it.

        A text with no amount is a 400 and nothing is saved; with `dry_run` only the
        parse is returned.
        """
        text = " ".join(text.split())
        if not mentions_amount(text):
            raise exceptions.ValidationError({"text": [NO_AMOUNT]})
        today = UserService.today_for(user=user)
        currency = UserService.currency_for(user=user)
        if problem := impossible_date(text, today=today, default_currency=currency):
            raise exceptions.ValidationError({"text": [f"{problem}."]})
        result = ai.parse(
            user=user,
            feature=FEATURE,
            text=text,
            build_prompt=lambda t: ExpenseAIInsights.parse_prompt(
                t, today=today, currency=currency
            ),
            schema=ExpenseAIInsights.PARSE_SCHEMA,
            fallback_parser=lambda t: parse_expense_text(
                t, today=today, default_currency=currency
            ),
            clean=lambda data: ExpenseAIInsights.clean_parsed(
                data, today=today, currency=currency
            ),
            context=f"{today.isoformat()}|{currency}",
        )
        if result.data is None:
            raise exceptions.ValidationError({"text": [NO_AMOUNT]})
        parsed = result.data
        day = parsed.get("date")
        if day and not EARLIEST_EXPENSE_DATE <= day <= LATEST_EXPENSE_DATE:
            raise exceptions.ValidationError(
                {
                    "text": [
                        f"The date {day.isoformat()} is out of range. "
                        + DATE_RANGE_MESSAGE
                    ]
                }
            )
        limit = max_expense_amount()
        if parsed["amount"] > limit:
            raise exceptions.ValidationError(
                {
                    "text": [
                        f"The amount {parsed['amount']} is over the maximum of "
                        f"{limit} for one expense."
                    ]
                }
            )
        expense = None
        if not dry_run:
            expense = ExpenseService.create(
                user=user,
                data={
                    "amount": parsed["amount"],
                    "currency": parsed["currency"],
                    "category": parsed["category"],
                    "vendor": parsed["vendor"],
                    "transaction_date": parsed["date"],
                    "payment_method": parsed["payment_method"],
                    # answers cached before expense_type existed have none
                    "expense_type": parsed.get(
                        "expense_type", ExpenseModel.ExpenseType.EXPENSE
                    ),
                    "raw_text": text,
                    "ai_suggested_category": parsed["category"],
                    "confidence": Decimal(str(parsed["confidence"])),
                },
            )
        return result.response(dry_run=dry_run, expense=expense)

    # --- AI insights ----------------------------------------------------------------

    @staticmethod
    def ai_insights(*, user: AbstractBaseUser) -> dict[str, Any]:
        """Gemini's insights (cached per day, rationed), else rule-based ones."""
        return ai.insights(
            user=user,
            feature=FEATURE,
            build_prompt=lambda: ExpenseAIInsights.insights_prompt(
                _insights_context(user)
            ),
            schema=ExpenseAIInsights.INSIGHTS_SCHEMA,
            fallback=lambda: _fallback_insights(user),
            flag=INSIGHTS_FLAG,
        )

    # --- export ---------------------------------------------------------------------

    @staticmethod
    def export_csv(
        *, user: AbstractBaseUser, filters: Mapping[str, Any]
    ) -> Iterator[str]:
        """The filtered list as CSV lines (UTF-8 BOM, header, ISO dates, plain
        decimals, times in the user's zone), read from the database in chunks."""
        zone = UserService.timezone_for(user=user)
        buffer = _LineBuffer()
        writer = csv.writer(buffer)
        writer.writerow([title for _, title in CSV_COLUMNS])
        yield "\ufeff" + buffer.pop()
        rows = (
            ExpenseService.search(user=user, filters=filters)
            .values_list(*(field for field, _ in CSV_COLUMNS))
            .iterator(chunk_size=CSV_CHUNK)
        )
        for row in rows:
            writer.writerow([_csv_cell(value, zone) for value in row])
            yield buffer.pop()

    # --- helpers --------------------------------------------------------------------

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
            values["category"] = detect_category(words)
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


# --- module helpers -------------------------------------------------------------------


def _category_summary(*, user: AbstractBaseUser) -> list[dict[str, Any]]:
    """Every valid category with the user's count and totals (per currency)."""
    rows = (
        ExpenseService.queryset_for(user=user)
        .order_by()
        .values("category", "currency")
        .annotate(total=Sum(SIGNED_AMOUNT), count=Count("pk"))
        .order_by("category", "currency")
    )
    summary = {
        name: {"category": name, "count": 0, "totals": []}
        for name in EXPENSE_CATEGORIES
    }
    for row in rows:
        entry = summary.get(row["category"])
        if entry is None:
            continue
        entry["count"] += row["count"]
        entry["totals"].append(
            {"currency": row["currency"], "total": to_cents(row["total"])}
        )
    return list(summary.values())


def _normalised(field: str, value: Any) -> Any:
    """A value of `field` in the form it is stored (currency codes upper-case)."""
    if field == "currency":
        return str(value).upper()
    if field == "amount":
        return Decimal(str(value))
    return value


def _month_end(day: date) -> date:
    return day.replace(day=monthrange(day.year, day.month)[1])


def _month_start(day: date, months_back: int) -> date:
    """The first day of the month `months_back` months before `day`'s month."""
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def _percent(part: Decimal, whole: Decimal) -> float | None:
    """`part` as a percentage of `whole`, one decimal; None when `whole` is 0."""
    if not whole:
        return None
    return float(round(part * 100 / whole, 1))


def _compute_analytics(
    *, user: AbstractBaseUser, date_from: date, date_to: date
) -> dict[str, Any]:
    """The analytics body, from four aggregate queries on the covering index."""
    length = (date_to - date_from).days + 1
    prev_to = date_from - timedelta(days=1)
    prev_from = date_from - timedelta(days=length)
    base = ExpenseService.queryset_for(user=user).order_by()
    in_period = Q(transaction_date__gte=date_from, transaction_date__lte=date_to)
    in_previous = Q(transaction_date__gte=prev_from, transaction_date__lte=prev_to)

    totals = (
        base.filter(transaction_date__gte=prev_from, transaction_date__lte=date_to)
        .values("currency")
        .annotate(
            total=Sum(SIGNED_AMOUNT, filter=in_period),
            count=Count("pk", filter=in_period),
            refunds=Sum("amount", filter=in_period & Q(expense_type=REFUND)),
            previous_total=Sum(SIGNED_AMOUNT, filter=in_previous),
            previous_count=Count("pk", filter=in_previous),
        )
    )
    by_category = (
        base.filter(in_period)
        .values("currency", "category")
        .annotate(total=Sum(SIGNED_AMOUNT), count=Count("pk"))
        .order_by("currency", "-total", "category")
    )
    months = [_month_start(date_to, back) for back in range(TREND_MONTHS - 1, -1, -1)]
    # Summed per day in index order (at most ~366 rows per currency), then the days
    # are folded into months: far cheaper than twelve conditional sums per row.
    trend = (
        base.filter(
            transaction_date__gte=months[0], transaction_date__lte=_month_end(date_to)
        )
        .values("transaction_date", "currency")
        .annotate(total=Sum(SIGNED_AMOUNT), count=Count("pk"))
    )
    vendors = (
        base.filter(in_period)
        .exclude(vendor="")
        .values("currency", "vendor")
        .annotate(total=Sum(SIGNED_AMOUNT), count=Count("pk"))
        .order_by("currency", "-total", "vendor")
    )

    per_currency: dict[str, dict[str, Any]] = {}

    def entry(code: str) -> dict[str, Any]:
        if code not in per_currency:
            per_currency[code] = {
                "currency": code,
                "total": ZERO,
                "count": 0,
                "average": ZERO,
                "refunds": ZERO,
                "by_category": [],
                "monthly_trend": [
                    {"month": start.strftime("%Y-%m"), "total": ZERO, "count": 0}
                    for start in months
                ],
                "top_vendors": [],
                "comparison": {
                    "previous_total": ZERO,
                    "previous_count": 0,
                    "delta": ZERO,
                    "delta_percent": None,
                },
            }
        return per_currency[code]

    for row in totals:
        item = entry(row["currency"])
        total = to_cents(row["total"] or ZERO)
        previous = to_cents(row["previous_total"] or ZERO)
        item["total"], item["count"] = total, row["count"]
        item["refunds"] = to_cents(row["refunds"] or ZERO)
        item["average"] = to_cents(total / row["count"]) if row["count"] else ZERO
        item["comparison"] = {
            "previous_total": previous,
            "previous_count": row["previous_count"],
            "delta": total - previous,
            "delta_percent": _percent(total - previous, previous),
        }
    month_index = {start.strftime("%Y-%m"): index for index, start in enumerate(months)}
    for row in trend:
        item = entry(row["currency"])
        month = item["monthly_trend"][
            month_index[row["transaction_date"].strftime("%Y-%m")]
        ]
        month["total"] = to_cents(month["total"] + row["total"])
        month["count"] += row["count"]
    for row in by_category:
        item = entry(row["currency"])
        total = to_cents(row["total"])
        item["by_category"].append(
            {
                "category": row["category"],
                "total": total,
                "count": row["count"],
                "share": _percent(total, item["total"]) or 0.0,
            }
        )
    for row in vendors:
        item = entry(row["currency"])
        if len(item["top_vendors"]) < TOP_VENDORS:
            item["top_vendors"].append(
                {
                    "vendor": row["vendor"],
                    "total": to_cents(row["total"]),
                    "count": row["count"],
                }
            )
    currencies = sorted(
        per_currency.values(), key=lambda c: (-c["count"], -c["total"], c["currency"])
    )
    return {
        "date_from": date_from,
        "date_to": date_to,
        "previous_date_from": prev_from,
        "previous_date_to": prev_to,
        "currencies": currencies,
    }


def _money(amount: Decimal, currency: str) -> str:
    """'1,234.50 USD'."""
    return f"{to_cents(amount):,.2f} {currency}"


def _count(n: int) -> str:
    """'1 expense', '3 expenses'."""
    return f"{n} expense" if n == 1 else f"{n} expenses"


def _recent_figures(user: AbstractBaseUser, today: date) -> dict[str, Any]:
    """The user's last 30 days, per currency, from aggregate queries.

    Totals and counts by category, this week against the week before, the biggest
    expense, and spikes: expenses at least 3x the user's own average for that
    category and currency over the 180 days before the window (so a spike does not
    raise its own baseline).
    """
    base = ExpenseService.queryset_for(user=user).order_by()
    start = today - timedelta(days=29)
    week = Q(transaction_date__gt=today - timedelta(days=7))
    week_before = Q(
        transaction_date__gt=today - timedelta(days=14),
        transaction_date__lte=today - timedelta(days=7),
    )
    recent = base.filter(transaction_date__gte=start, transaction_date__lte=today)
    figures: dict[str, dict[str, Any]] = {}
    rows = (
        recent.values("currency", "category")
        .annotate(total=Sum(SIGNED_AMOUNT), count=Count("pk"))
        .order_by("currency", "-total", "category")
    )
    for row in rows:
        item = figures.setdefault(
            row["currency"],
            {"total": ZERO, "count": 0, "categories": [], "spikes": []},
        )
        item["total"] += row["total"]
        item["count"] += row["count"]
        item["categories"].append(
            {
                "category": row["category"],
                "total": to_cents(row["total"]),
                "count": row["count"],
            }
        )
    weeks = (
        base.filter(transaction_date__gt=today - timedelta(days=14))
        .filter(transaction_date__lte=today)
        .values("currency")
        .annotate(
            this_week=Sum(SIGNED_AMOUNT, filter=week),
            week_before=Sum(SIGNED_AMOUNT, filter=week_before),
        )
    )
    for row in weeks:
        if row["currency"] in figures:
            figures[row["currency"]]["this_week"] = to_cents(row["this_week"] or ZERO)
            figures[row["currency"]]["week_before"] = to_cents(
                row["week_before"] or ZERO
            )
    for code, item in figures.items():
        item["total"] = to_cents(item["total"])
        item.setdefault("this_week", ZERO)
        item.setdefault("week_before", ZERO)
        item["biggest"] = (
            recent.filter(currency=code)
            .exclude(expense_type=REFUND)
            .order_by("-amount", "-transaction_date")
            .values("amount", "vendor", "category", "transaction_date")
            .first()
        )
    averages = (
        base.filter(
            transaction_date__gte=start - timedelta(days=SPIKE_HISTORY_DAYS),
            transaction_date__lt=start,
        )
        .exclude(expense_type=REFUND)
        .values("currency", "category")
        .annotate(average=Avg("amount"), count=Count("pk"))
        .filter(count__gte=SPIKE_MIN_HISTORY)
    )
    spike_filters = [
        Q(
            currency=row["currency"],
            category=row["category"],
            amount__gte=to_cents(Decimal(row["average"]) * SPIKE_FACTOR),
        )
        for row in averages
    ]
    usual = {
        (row["currency"], row["category"]): to_cents(Decimal(row["average"]))
        for row in averages
    }
    if spike_filters:
        spikes = (
            recent.exclude(expense_type=REFUND)
            .filter(reduce(or_, spike_filters))
            .order_by("-amount")
            .values("amount", "currency", "vendor", "category", "transaction_date")[:5]
        )
        for spike in spikes:
            spike["usual"] = usual[(spike["currency"], spike["category"])]
            figures[spike["currency"]]["spikes"].append(spike)
    return figures


def _insights_context(user: AbstractBaseUser) -> dict[str, Any]:
    """What the insights prompt may know: profile and aggregated figures only."""
    today = UserService.today_for(user=user)
    figures = _recent_figures(user, today)
    trend = ExpenseService.analytics(
        user=user, date_from=today.replace(day=1), date_to=_month_end(today)
    )
    return {
        "today": today.isoformat(),
        "profile": UserService.profile_context(user=user),
        "last_30_days": {
            code: {
                "total": item["total"],
                "count": item["count"],
                "by_category": item["categories"],
                "last_7_days": item["this_week"],
                "previous_7_days": item["week_before"],
                "biggest_expense": item["biggest"],
                "unusual_expenses": item["spikes"],
            }
            for code, item in figures.items()
        },
        "monthly_totals": {
            c["currency"]: [(m["month"], m["total"]) for m in c["monthly_trend"]]
            for c in trend["currencies"]
        },
    }


def _fallback_insights(user: AbstractBaseUser) -> dict[str, Any]:
    """Rule-based insights from the user's last 30 days, in the AI's shape."""
    today = UserService.today_for(user=user)
    figures = _recent_figures(user, today)
    if not figures:
        return {
            "summary": "No expenses in the last 30 days yet. Log a few (e.g. "
            "'Coffee at Starbucks for $4.75') and insights will appear here.",
            "spending_trends": [],
            "budget_recommendations": [
                "Record every expense for two weeks to see where your money goes."
            ],
            "category_insights": [],
            "alerts": [{"level": "info", "message": "Nothing to flag yet."}],
        }
    profile = UserService.profile_for(user=user)
    summary, trends, recommendations, categories, alerts = [], [], [], [], []
    for code, item in sorted(figures.items(), key=lambda pair: -pair[1]["count"]):
        top = item["categories"][0]
        share = _percent(top["total"], item["total"]) or 0.0
        summary.append(
            f"In the last 30 days you spent {_money(item['total'], code)} over "
            f"{_count(item['count'])}, most of it on {top['category']} ({share:g}%)."
        )
        this_week, week_before = item["this_week"], item["week_before"]
        change = _percent(this_week - week_before, week_before)
        if change is None:
            trends.append(f"Last 7 days: {_money(this_week, code)}.")
        else:
            direction = "more" if change >= 0 else "less"
            trends.append(
                f"Last 7 days: {_money(this_week, code)}, {abs(change):g}% "
                f"{direction} than the 7 days before ({_money(week_before, code)})."
            )
            if change >= WEEK_JUMP_PERCENT:
                alerts.append(
                    {
                        "level": "warning",
                        "message": f"Your {code} spending this week is up "
                        f"{change:g}% on the week before.",
                    }
                )
        biggest = item["biggest"]
        if biggest:
            where = f" at {biggest['vendor']}" if biggest["vendor"] else ""
            trends.append(
                f"Biggest expense: {_money(biggest['amount'], code)}{where} "
                f"({biggest['category']}) on {biggest['transaction_date']:%b %d}."
            )
        weekly_cap = to_cents(top["total"] * 7 / 30 * Decimal("0.9"))
        recommendations.append(
            f"{top['category']} is {share:g}% of your {code} spending; a weekly "
            f"cap of {_money(weekly_cap, code)} (10% under your recent pace) would "
            f"save about {_money(top['total'] * Decimal('0.1'), code)} a month."
        )
        income = profile.monthly_income
        if income and profile.currency == code:
            used = _percent(item["total"], income) or 0.0
            recommendations.append(
                f"The last 30 days took {used:g}% of your monthly income "
                f"({_money(income, code)})."
                + (" Aim for under 80% to keep saving." if used > 80 else "")
            )
        for row in item["categories"][:3]:
            average = to_cents(row["total"] / row["count"]) if row["count"] else ZERO
            part = _percent(row["total"], item["total"]) or 0.0
            categories.append(
                {
                    "category": row["category"],
                    "insight": f"{_money(row['total'], code)} over "
                    f"{_count(row['count'])} ({part:g}% of {code} spending), "
                    f"{_money(average, code)} on average.",
                }
            )
        repeats: dict[tuple[str, Decimal], list[dict[str, Any]]] = {}
        for spike in item["spikes"]:
            repeats.setdefault((spike["vendor"], spike["amount"]), []).append(spike)
        for group in repeats.values():
            spike = min(group, key=lambda row: row["transaction_date"])
            where = f" at {spike['vendor']}" if spike["vendor"] else ""
            again = f" (and {len(group) - 1} more like it)" if len(group) > 1 else ""
            alerts.append(
                {
                    "level": "warning",
                    "message": f"Unusual: {_money(spike['amount'], code)}{where} on "
                    f"{spike['transaction_date']:%b %d}{again} is "
                    f"{spike['amount'] / spike['usual']:.1f}x your usual "
                    f"{spike['category']} expense ({_money(spike['usual'], code)}).",
                }
            )
    if not alerts:
        alerts.append(
            {"level": "info", "message": "No unusual spending in the last 30 days."}
        )
    return {
        "summary": " ".join(summary),
        "spending_trends": trends,
        "budget_recommendations": recommendations,
        "category_insights": categories,
        "alerts": alerts,
    }


class _LineBuffer:
    """A write-only file for csv.writer that hands back what was written."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def write(self, text: str) -> None:
        self._parts.append(text)

    def pop(self) -> str:
        text = "".join(self._parts)
        self._parts.clear()
        return text


def _csv_cell(value: Any, zone: tzinfo) -> Any:
    """ISO dates, local "YYYY-MM-DD HH:MM:SS" times (what spreadsheets read as a
    date-time), plain decimals, text safe from formula injection."""
    if isinstance(value, datetime):
        return value.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
