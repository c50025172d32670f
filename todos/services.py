"""The front door of the todos feature: views, the admin, beat tasks, receivers and
other apps call `TodoService`, and only it.

Reads live here; the rest sits beside it by concern: `writes.py` (create, update,
complete, reopen, bulk, reorder), `recurrence.py` (the anchored schedule),
`agenda.py` (today, overdue, stats), `suggestions.py` (the day's plan),
`parsing.py` + `nlp_parser.py` (quick add), `reminders.py` (beat),
`trials.py` (subscription trials as todos). Writes announce domain events
(`todo.*`); the kit's receiver forgets the user's cached suggestions on commit.
"""

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone

from mysphere_core import ai
from mysphere_core.errors import NotFoundError
from mysphere_core.limits import parse_pk
from todos import agenda, parsing, reminders, suggestions, trials, writes
from todos.ai_insights import TodoAIInsights
from todos.models import TodoModel
from todos.serializers import TodoSerializer
from users.services import UserService

FEATURE = "todos"


def _is_null(field: str) -> Case:
    """1 when `field` is null, else 0 (sorts missing values last everywhere)."""
    return Case(
        When(**{f"{field}__isnull": True}, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


class TodoService:
    """Todos of one user: CRUD, transitions, agenda, stats, quick add, AI plan."""

    # How another feature renders a todo (the dashboard's agenda).
    serializer = TodoSerializer

    # --- reads ------------------------------------------------------------------------

    @staticmethod
    def queryset_for(*, user: AbstractBaseUser | None) -> QuerySet[TodoModel]:
        """The user's live todos in manual order, with `priority_rank` (4 urgent ..
        1 low), `no_due_date` and `no_due_time` (1 when missing) to sort by: dates
        and times first, the same on every database."""
        rank = Case(
            *[When(priority=p, then=Value(r)) for p, r in agenda.PRIORITY_RANK.items()],
            output_field=IntegerField(),
        )
        return writes.live(user).annotate(
            priority_rank=rank,
            no_due_date=_is_null("due_date"),
            no_due_time=_is_null("due_time"),
        )

    @staticmethod
    def get_for(*, user: AbstractBaseUser, pk: Any) -> TodoModel:
        """One live todo of the user; 404 for anybody else's or a deleted one."""
        row_id = parse_pk(pk)
        todo = None
        if row_id is not None:
            todo = TodoService.queryset_for(user=user).filter(pk=row_id).first()
        if todo is None:
            raise NotFoundError("Todo not found.")
        return todo

    @staticmethod
    def now_for(*, user: AbstractBaseUser) -> datetime:
        """The user's local now (their today and time of day)."""
        return UserService.now_for(user=user)

    # --- writes -----------------------------------------------------------------------

    @staticmethod
    def create(
        *, user: AbstractBaseUser, data: Mapping[str, Any], source_ref: str = ""
    ) -> TodoModel:
        """Validate and save one todo (last in the manual order); `todo.created`."""
        return writes.create(user=user, data=data, source_ref=source_ref)

    @staticmethod
    def update(
        *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
    ) -> TodoModel:
        """Change fields; a status change follows the complete / reopen rules."""
        writes.update(user=user, pk=pk, data=data)
        return TodoService.get_for(user=user, pk=pk)

    @staticmethod
    def delete(*, user: AbstractBaseUser, pk: Any) -> None:
        """Soft-delete a todo and its subtasks."""
        writes.delete(user=user, pk=pk)

    @staticmethod
    def complete(*, user: AbstractBaseUser, pk: Any, force: bool = False) -> TodoModel:
        """Complete (its open subtasks too with `force`); a recurring one stays
        completed and its next instance is created on the anchored schedule."""
        writes.complete(user=user, pk=pk, force=force)
        return TodoService.get_for(user=user, pk=pk)

    @staticmethod
    def reopen(*, user: AbstractBaseUser, pk: Any) -> TodoModel:
        """Reopen a completed or cancelled todo."""
        writes.reopen(user=user, pk=pk)
        return TodoService.get_for(user=user, pk=pk)

    @staticmethod
    def bulk_update(
        *, user: AbstractBaseUser, todo_ids: list[Any], fields: Mapping[str, Any]
    ) -> list[TodoModel]:
        """The same fields on many todos, all or nothing."""
        rows = writes.bulk_update(user=user, todo_ids=todo_ids, fields=fields)
        return list(
            TodoService.queryset_for(user=user).filter(pk__in=[r.pk for r in rows])
        )

    @staticmethod
    def reorder(*, user: AbstractBaseUser, todo_ids: list[Any]) -> list[TodoModel]:
        """Put these todos in this order (in the places they hold)."""
        writes.reorder(user=user, todo_ids=todo_ids)
        rows = TodoService.queryset_for(user=user).filter(pk__in=todo_ids)
        return list(rows.order_by("position", "todo_id"))

    # --- agenda and stats -------------------------------------------------------------

    @staticmethod
    def today(*, user: AbstractBaseUser) -> dict[str, Any]:
        """The agenda of the user's local today: overdue, due today, urgent, in
        progress, each sorted, with counts."""
        return agenda.today_agenda(
            TodoService.queryset_for(user=user), UserService.now_for(user=user)
        )

    @staticmethod
    def agenda_counts(*, user: AbstractBaseUser) -> dict[str, int]:
        """The today agenda's counts per group, and in total (one precompiled
        query)."""
        return agenda.planned_counts(
            TodoService.queryset_for, user.pk, UserService.now_for(user=user)
        )

    @staticmethod
    def first_of_agenda(*, user: AbstractBaseUser, limit: int) -> list[TodoModel]:
        """The today agenda's first `limit` tasks in its order (one precompiled
        query)."""
        return agenda.planned_first(
            TodoService.queryset_for, user.pk, UserService.now_for(user=user), limit
        )

    @staticmethod
    def stats(*, user: AbstractBaseUser) -> dict[str, Any]:
        """Completion rates, overdue count, per priority, streak, lateness."""
        return agenda.stats(user, UserService.now_for(user=user))

    # --- quick add and AI -------------------------------------------------------------

    @staticmethod
    def parse_text(
        *, user: AbstractBaseUser, text: str, dry_run: bool = False
    ) -> ai.ParseOutcome:
        """Read tasks from words (Gemini, else the built-in parser) and create them
        unless `dry_run`; no task, more than 50 lines, a date out of range or a
        recurrence that cannot be is a 400 on `text`."""
        text = parsing.checked_text(text)
        today = UserService.today_for(user=user)
        result = parsing.parse(user=user, text=text, today=today)
        tasks = parsing.check_parsed(result)
        created = None if dry_run else parsing.create_all(user, tasks)
        return ai.ParseOutcome(result=result, dry_run=dry_run, created=created)

    @staticmethod
    def ai_suggestions(
        *, user: AbstractBaseUser, available_minutes: int | None = None
    ) -> ai.AIResult:
        """Today's plan within the available minutes, tasks to break down and to
        defer: Gemini's ranking (cached for the day, rationed), else urgency x
        importance; both packed into the minutes the same way."""
        today = UserService.today_for(user=user)
        todos = list(
            TodoService.queryset_for(user=user)
            .filter(agenda.open_q(), parent__isnull=True)
            .order_by("no_due_date", "due_date", "-priority_rank", "todo_id")[
                : suggestions.CANDIDATES
            ]
        )
        parents = set(
            writes.live(user)
            .filter(parent_id__in=[t.pk for t in todos])
            .values_list("parent_id", flat=True)
        )
        known = {t.pk for t in todos}
        result = ai.insights(
            user=user,
            feature=FEATURE,
            today=today,
            build_prompt=lambda: TodoAIInsights.suggestions_prompt(
                [suggestions.prompt_row(t, today) for t in todos], today
            ),
            schema=TodoAIInsights.SUGGESTIONS_SCHEMA,
            fallback=lambda: suggestions.fallback_ranking(todos, today, parents),
            clean=lambda data: TodoAIInsights.clean_suggestions(data, known),
        )
        available = available_minutes or suggestions.DEFAULT_AVAILABLE_MINUTES
        return replace(
            result, data=suggestions.packed(result.data, todos, today, available)
        )

    # --- beat tasks and other features ------------------------------------------------

    @staticmethod
    def send_reminders(*, now: datetime | None = None) -> int:
        """Announce `todo.reminder` for every reminder that came (once each)."""
        return reminders.send_reminders(now or timezone.now())

    @staticmethod
    def flag_overdue(*, now: datetime | None = None) -> int:
        """Announce `todo.overdue` once for every task that became overdue."""
        return reminders.flag_overdue(now or timezone.now())

    @staticmethod
    def trial_ending(
        *, user: AbstractBaseUser, subscription_id: str
    ) -> TodoModel | None:
        """The "Cancel or keep?" todo of a subscription trial (made once)."""
        return trials.trial_ending(user=user, subscription_id=subscription_id)

    @staticmethod
    def subscription_cancelled(*, user: AbstractBaseUser, subscription_id: str) -> None:
        """Complete the trial todo of a cancelled subscription."""
        trials.subscription_cancelled(user=user, subscription_id=subscription_id)

    @staticmethod
    def subscription_deleted(*, user: AbstractBaseUser, subscription_id: str) -> None:
        """Cancel the open trial todo of a deleted subscription."""
        trials.subscription_deleted(user=user, subscription_id=subscription_id)
