"""The front door of the lending feature: views, the admin, tasks and other apps
call `LendingService`, and only it.

The logic sits beside it by concern: `records.py` (records and repayments),
`balances.py` (summary, counterparties), `settling.py` (settle-up, expense split),
`reminders.py` (beat reminders), `insights.py` (figures and rule-based insights),
`parsing.py` + `nlp_parser.py` (plain-words entry). Writes announce `lending.*`
events; the kit's receiver forgets the user's cached insights when they commit.
"""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from lending import balances, insights, parsing, records, reminders, settling
from lending.ai_insights import LendingAIInsights
from lending.models import (
    OPEN_STATUSES,
    LendingModel,
    RepaymentModel,
    Status,
)
from mysphere_core import ai
from users.services import UserService

FEATURE = "lending"


class LendingService:
    """Money lent and borrowed by one user: records, repayments, balances, AI."""

    # --- reads ----------------------------------------------------------------------

    @staticmethod
    def queryset_for(*, user: AbstractBaseUser | None) -> QuerySet[LendingModel]:
        """The user's live records, newest first."""
        return records.live(user)

    @staticmethod
    def get_for(*, user: AbstractBaseUser, pk: Any) -> LendingModel:
        """One live record of the user; 404 for anybody else's or a deleted one."""
        return records.get_for(user, pk)

    @staticmethod
    def repayments_for(*, user: AbstractBaseUser, pk: Any) -> QuerySet[RepaymentModel]:
        """A record's live repayments, newest first (404 when not the user's)."""
        return records.repayments_for(user, pk)

    @staticmethod
    def today_for(*, user: AbstractBaseUser) -> date:
        """The user's today: what `is_overdue` is judged against."""
        return UserService.today_for(user=user)

    @staticmethod
    def summary(*, user: AbstractBaseUser) -> list[dict[str, Any]]:
        """Per currency: what is owed each way, net, overdue, repaid this month."""
        return balances.summary(user, UserService.today_for(user=user))

    @staticmethod
    def counterparties(*, user: AbstractBaseUser) -> list[dict[str, Any]]:
        """Per person and currency: net balance, open items, dates, on-time rate."""
        return balances.counterparties(user, UserService.today_for(user=user))

    @staticmethod
    def overview(
        *, user: AbstractBaseUser
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """`summary` and `counterparties` together, the records read once."""
        return balances.overview(user, UserService.today_for(user=user))

    @staticmethod
    def open_due_between(
        *, user: AbstractBaseUser, first: date, last: date
    ) -> list[LendingModel]:
        """The user's open records falling due between the two days, soonest first."""
        return list(
            records.live(user)
            .filter(status__in=OPEN_STATUSES, due_date__range=(first, last))
            .order_by("due_date", "lending_id")
        )

    # --- writes ---------------------------------------------------------------------

    @staticmethod
    def create(
        *, user: AbstractBaseUser, data: Mapping[str, Any], source_ref: str = ""
    ) -> LendingModel:
        """Record money lent or borrowed; announces `lending.created`."""
        return records.create(user, data, source_ref)

    @staticmethod
    def update(
        *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
    ) -> LendingModel:
        """Change a record's fields (status follows); `lending.updated`."""
        return records.update(user, pk, data)

    @staticmethod
    def delete(*, user: AbstractBaseUser, pk: Any) -> None:
        """Soft-delete a record; `lending.deleted`."""
        records.delete(user, pk)

    @staticmethod
    def repay(
        *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
    ) -> tuple[LendingModel, RepaymentModel]:
        """Record a repayment (at most what is outstanding); `lending.repaid`."""
        return records.repay(user, pk, data)

    @staticmethod
    def delete_repayment(
        *, user: AbstractBaseUser, pk: Any, repayment_id: Any
    ) -> LendingModel:
        """Soft-delete a repayment; the status is recomputed."""
        return records.delete_repayment(user, pk, repayment_id)

    @staticmethod
    def write_off(*, user: AbstractBaseUser, pk: Any) -> LendingModel:
        """Give up on money lent that will not come back."""
        return records.close(user, pk, Status.WRITTEN_OFF)

    @staticmethod
    def forgive(*, user: AbstractBaseUser, pk: Any) -> LendingModel:
        """Let the debt go (as lender), or record that the lender let it go."""
        return records.close(user, pk, Status.FORGIVEN)

    @staticmethod
    def settle(
        *, user: AbstractBaseUser, data: Mapping[str, Any]
    ) -> settling.Settlement:
        """One payment settling the open items with a person, both directions
        netted, oldest first; `lending.settled`."""
        return settling.settle(user, data)

    @staticmethod
    def expense_for_split(*, user: AbstractBaseUser, expense_id: Any) -> Any:
        """The user's expense to split, through the expenses service (404 else)."""
        return settling.expense_for(user, expense_id)

    @staticmethod
    def split_expense(
        *, user: AbstractBaseUser, expense_id: Any, data: Mapping[str, Any]
    ) -> list[LendingModel]:
        """One `lent` record per person for their share of an expense."""
        return settling.split(user, expense_id, data)

    # --- natural language and AI ----------------------------------------------------

    @staticmethod
    def parse_text(
        *, user: AbstractBaseUser, text: str, dry_run: bool = False
    ) -> ai.ParseOutcome:
        """Read a loan or a repayment from words (Gemini, else the built-in parser)
        and record it, unless `dry_run` (which still says which item a repayment
        would go to). No amount or no person is a 400 on `text`."""
        today = UserService.today_for(user=user)
        currency = UserService.currency_for(user=user)
        text = parsing.checked_text(text)
        result = parsing.parse(user=user, text=text, today=today, currency=currency)
        parsed = parsing.check_parsed(result)
        parsed, created = parsing.record(
            user=user, parsed=parsed, text=text, dry_run=dry_run
        )
        return ai.ParseOutcome(
            result=parsing.with_data(result, parsed), dry_run=dry_run, created=created
        )

    @staticmethod
    def insights(*, user: AbstractBaseUser) -> ai.AIResult:
        """Who to remind and how, risk per person, ageing, money at risk: Gemini's
        words on our figures (cached for the day, rationed), else rule-based."""
        today = UserService.today_for(user=user)
        figures: dict[str, Any] = {}

        def computed() -> dict[str, Any]:
            """The figures, computed once, only when an answer needs them."""
            if not figures:
                rows = balances.rows_of(user)
                figures.update(
                    insights.fallback_insights(rows, balances.people(rows), today)
                )
                figures["prompt"] = insights.prompt_figures(rows, figures, today)
            return figures

        return ai.insights(
            user=user,
            feature=FEATURE,
            today=today,
            build_prompt=lambda: LendingAIInsights.insights_prompt(
                computed()["prompt"]
            ),
            schema=LendingAIInsights.INSIGHTS_SCHEMA,
            fallback=lambda: {k: v for k, v in computed().items() if k != "prompt"},
            clean=lambda data: LendingAIInsights.clean_insights(data, computed()),
        )

    # --- reminders ------------------------------------------------------------------

    @staticmethod
    def send_reminders(*, now: datetime | None = None) -> dict[str, int]:
        """Announce `lending.due_soon` / `lending.overdue` once per record, kind
        and due date (the beat task)."""
        return reminders.send(now=now)
