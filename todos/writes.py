"""Writing todos: create, update, delete, complete, reopen, bulk changes, reorder.

Every write is atomic and announces its domain events (after commit). A recurring
task that is completed stays completed as its own row, and the next instance of
its series is created on the anchored schedule (`recurrence.py`).
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from mysphere_core import events
from mysphere_core.errors import DomainError, ErrorCode, InvalidInput, NotFoundError
from mysphere_core.limits import parse_pk
from todos import recurrence
from todos.models import MAX_POSITION, TodoModel
from users.services import UserService

Status = TodoModel.Status
# What create, update and bulk_update may set (status goes through transitions).
WRITABLE_FIELDS = (
    "title",
    "description",
    "priority",
    "due_date",
    "due_time",
    "reminder_at",
    "tags",
    "estimated_minutes",
    "position",
)
MAX_DEPTH = 10
MAX_BULK = 200
# What the next instance of a recurring task takes over from the completed one.
CARRIED_FIELDS = (
    "title",
    "description",
    "priority",
    "tags",
    "estimated_minutes",
    "recurrence",
    "recurrence_interval",
    "recurrence_anchor",
    "due_time",
    "parent_id",
    "position",
)


def live(user: AbstractBaseUser | None) -> QuerySet[TodoModel]:
    """The user's live todos."""
    return TodoModel.objects.filter(user=user, is_active=True)


def created_payload(todo: TodoModel) -> dict[str, Any]:
    """The fields of `todo.created`."""
    return {
        "todo_id": todo.pk,
        "title": todo.title,
        "due_date": todo.due_date.isoformat() if todo.due_date else None,
        "priority": todo.priority,
    }


def field_error(field: str, message: str) -> InvalidInput:
    """A 400 naming `field`."""
    return InvalidInput(message, field=field)


def locked(user: AbstractBaseUser, pk: Any) -> TodoModel:
    """The user's live todo, locked for this transaction; 404 for anybody else's."""
    row_id = parse_pk(pk)
    todo = None
    if row_id is not None:
        todo = live(user).select_for_update().filter(pk=row_id).first()
    if todo is None:
        raise NotFoundError("Todo not found.")
    return todo


# --- checks ---------------------------------------------------------------------------


def check_parent(user: AbstractBaseUser, todo: TodoModel, parent_id: Any) -> None:
    """The parent is one of the user's live todos, not the task itself nor one of
    its subtasks (no cycles), at most MAX_DEPTH levels deep; else 400 on `parent`."""
    if parent_id is None:
        return
    pk = parse_pk(parent_id)
    if pk is None or not live(user).filter(pk=pk).exists():
        raise field_error("parent", f"Task {parent_id} is not one of your tasks.")
    links = dict(
        TodoModel.objects.filter(user=user, parent__isnull=False).values_list(
            "pk", "parent_id"
        )
    )
    chain, node = [pk], links.get(pk)
    while node is not None and len(chain) <= MAX_DEPTH:
        chain.append(node)
        node = links.get(node)
    if todo.pk is not None and todo.pk in chain:
        raise field_error(
            "parent", "A task cannot be a subtask of itself or of its own subtasks."
        )
    if len(chain) + _height(todo.pk, links) > MAX_DEPTH:
        raise field_error("parent", f"Subtasks go at most {MAX_DEPTH} levels deep.")


def _height(pk: int | None, links: dict[int, int]) -> int:
    """How many levels the task and its subtasks span (1 for a task without any)."""
    if pk is None:
        return 1
    level, height = {pk}, 0
    while level and height <= MAX_DEPTH:
        height += 1
        level = {child for child, parent in links.items() if parent in level}
    return height


def _validate(todo: TodoModel) -> None:
    """Field rules and cross-field rules, as a field map (400)."""
    if todo.due_time is not None and todo.due_date is None:
        raise field_error("due_time", "A due time needs a due date.")
    if todo.rule.repeats and todo.due_date is None:
        raise field_error("recurrence", "A recurring task needs a due date.")
    try:
        todo.full_clean(exclude=["user", "parent", "previous_instance"])
    except DjangoValidationError as exc:
        raise InvalidInput(errors=exc.message_dict)


def apply(todo: TodoModel, data: Mapping[str, Any]) -> list[str]:
    """Set the writable fields of `data` on `todo` (recurrence re-anchored when the
    rule or the due date changes); returns the names of the fields that changed."""
    changed = []
    for name in WRITABLE_FIELDS:
        if name in data and getattr(todo, name) != data[name]:
            setattr(todo, name, data[name])
            changed.append(name)
    rule = data.get("recurrence")
    if rule is not None and rule != todo.rule:
        todo.recurrence, todo.recurrence_interval = rule.unit, rule.interval
        changed.append("recurrence")
    if "parent" in data and todo.parent_id != data["parent"]:
        todo.parent_id = data["parent"]
        changed.append("parent")
    if todo.rule.repeats and (
        todo.recurrence_anchor is None or {"recurrence", "due_date"} & set(changed)
    ):
        todo.recurrence_anchor = todo.due_date
    if not todo.rule.repeats:
        todo.recurrence_anchor = None
    return changed


# --- create, update, delete -----------------------------------------------------------


def build(
    user: AbstractBaseUser, data: Mapping[str, Any], source_ref: str = ""
) -> TodoModel:
    """An unsaved, validated todo of `user` from `data`."""
    todo = TodoModel(user=user, source_ref=source_ref)
    apply(todo, data)
    check_parent(user, todo, data.get("parent"))
    _validate(todo)
    return todo


def save_new(user: AbstractBaseUser, todo: TodoModel, *, keep_position: bool) -> None:
    """Save a built todo (last in the manual order unless it has a position)."""
    if not keep_position:
        top = live(user).aggregate(top=Max("position"))["top"]
        todo.position = 0 if top is None else min(top + 1, MAX_POSITION)
    todo.save()
    events.announce("todo.created", user=user, **created_payload(todo))


def create(
    *, user: AbstractBaseUser, data: Mapping[str, Any], source_ref: str = ""
) -> TodoModel:
    """Validate and save one todo (a status other than pending is reached the way
    the actions reach it); announces `todo.created`."""
    todo = build(user, data, source_ref)
    with transaction.atomic():
        save_new(user, todo, keep_position="position" in data)
        _changed_status(user, todo, data.get("status"), force=False)
    return todo


def _changed_status(
    user: AbstractBaseUser, todo: TodoModel, status: str | None, force: bool
) -> None:
    """Move `todo` to `status` the way the actions do (complete, reopen, cancel)."""
    if status is None or status == todo.status:
        return
    if status == Status.COMPLETED:
        complete_locked(user, todo, force=force)
    elif todo.status in (Status.COMPLETED, Status.CANCELLED) and status in (
        TodoModel.OPEN
    ):
        reopen_locked(user, todo, status=status)
    else:
        todo.status = status
        todo.completed_at = None
        todo.save(update_fields=["status", "completed_at", "updated_at"])
        events.announce("todo.updated", user=user, todo_id=todo.pk, fields=["status"])


def update(*, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]) -> TodoModel:
    """Change fields (status through the same rules as complete and reopen);
    announces `todo.updated` (and `todo.completed` / `todo.reopened`)."""
    with transaction.atomic():
        todo = locked(user, pk)
        changed = apply(todo, data)
        if "parent" in changed:
            check_parent(user, todo, todo.parent_id)
        _validate(todo)
        if changed:
            todo.save()
            events.announce("todo.updated", user=user, todo_id=todo.pk, fields=changed)
        _changed_status(user, todo, data.get("status"), force=False)
    return todo


def descendants(todo: TodoModel) -> list[TodoModel]:
    """Every live subtask below `todo`, level by level (locked)."""
    found: list[TodoModel] = []
    level = [todo.pk]
    for _ in range(MAX_DEPTH):
        rows = list(
            TodoModel.objects.select_for_update()
            .filter(parent_id__in=level, is_active=True)
            .order_by("pk")
        )
        if not rows:
            break
        found += rows
        level = [row.pk for row in rows]
    return found


def delete(*, user: AbstractBaseUser, pk: Any) -> None:
    """Soft-delete a todo and its subtasks; announces `todo.deleted` for each."""
    with transaction.atomic():
        todo = locked(user, pk)
        for row in [todo, *descendants(todo)]:
            row.soft_delete()
            events.announce("todo.deleted", user=user, todo_id=row.pk)


# --- complete and reopen --------------------------------------------------------------


def _shifted_reminder(
    user: AbstractBaseUser, reminder: datetime | None, days: int
) -> datetime | None:
    """The reminder moved by `days` local days (same wall-clock time)."""
    if reminder is None:
        return None
    zone = UserService.timezone_for(user=user)
    local = reminder.astimezone(zone).replace(tzinfo=None) + timedelta(days=days)
    return timezone.make_aware(local, zone)


def spawn_next(
    user: AbstractBaseUser, todo: TodoModel, today: date
) -> TodoModel | None:
    """The next instance of a completed recurring task, saved; None when the rule
    does not repeat or the schedule ends."""
    if not todo.rule.repeats or todo.due_date is None:
        return None
    anchor = todo.recurrence_anchor or todo.due_date
    due = recurrence.next_due(
        todo.rule, anchor=anchor, current=todo.due_date, today=today
    )
    if due is None:
        return None
    following = TodoModel(
        user=user,
        previous_instance=todo,
        due_date=due,
        reminder_at=_shifted_reminder(
            user, todo.reminder_at, (due - todo.due_date).days
        ),
        **{name: getattr(todo, name) for name in CARRIED_FIELDS},
    )
    following.save()
    events.announce("todo.created", user=user, **created_payload(following))
    return following


def complete_locked(
    user: AbstractBaseUser, todo: TodoModel, *, force: bool
) -> TodoModel | None:
    """Complete a locked todo (its open subtasks too when `force`); returns the
    next instance of a recurring one. Open subtasks without `force`: 400."""
    if todo.status == Status.COMPLETED:
        return None
    now = timezone.now()
    open_subtasks = [t for t in descendants(todo) if t.status in TodoModel.OPEN]
    if open_subtasks and not force:
        raise DomainError(
            f"This task has {len(open_subtasks)} open subtask(s): complete them "
            "first, or complete with force=true to complete them all.",
            code=ErrorCode.OPEN_SUBTASKS,
        )
    for sub in open_subtasks:
        sub.status, sub.completed_at = Status.COMPLETED, now
        sub.save(update_fields=["status", "completed_at", "updated_at"])
        events.announce(
            "todo.completed",
            user=user,
            todo_id=sub.pk,
            title=sub.title,
            next_todo_id=None,
        )
    todo.status, todo.completed_at = Status.COMPLETED, now
    todo.save(update_fields=["status", "completed_at", "updated_at"])
    following = spawn_next(user, todo, UserService.today_for(user=user))
    events.announce(
        "todo.completed",
        user=user,
        todo_id=todo.pk,
        title=todo.title,
        next_todo_id=following.pk if following else None,
    )
    return following


def complete(*, user: AbstractBaseUser, pk: Any, force: bool = False) -> TodoModel:
    """Complete a todo (idempotent: a completed one stays as it is)."""
    with transaction.atomic():
        todo = locked(user, pk)
        complete_locked(user, todo, force=force)
    return todo


def reopen_locked(
    user: AbstractBaseUser, todo: TodoModel, *, status: str = Status.PENDING
) -> None:
    """Reopen a locked completed or cancelled todo; the untouched next instance its
    completion created (still pending) is withdrawn, so the series is not doubled."""
    if todo.status in TodoModel.OPEN:
        return
    todo.status, todo.completed_at = status, None
    todo.save(update_fields=["status", "completed_at", "updated_at"])
    following = (
        TodoModel.objects.select_for_update()
        .filter(previous_instance=todo, is_active=True, status=Status.PENDING)
        .first()
    )
    if following is not None:
        following.soft_delete()
        events.announce("todo.deleted", user=user, todo_id=following.pk)
    events.announce("todo.reopened", user=user, todo_id=todo.pk)


def reopen(*, user: AbstractBaseUser, pk: Any) -> TodoModel:
    """Reopen a completed or cancelled todo (an open one stays as it is)."""
    with transaction.atomic():
        todo = locked(user, pk)
        reopen_locked(user, todo)
    return todo


# --- many at once ---------------------------------------------------------------------


def _locked_many(user: AbstractBaseUser, ids: Iterable[Any]) -> list[TodoModel]:
    """The user's live todos with these ids, locked in id order; 400 on `todo_ids`
    naming any that is not one of them."""
    wanted = [parse_pk(i) for i in ids]
    if None in wanted or len(set(wanted)) != len(wanted):
        raise field_error("todo_ids", "Give each task id once, as a number.")
    rows = list(live(user).select_for_update().filter(pk__in=wanted).order_by("pk"))
    missing = sorted(set(wanted) - {row.pk for row in rows})
    if missing:
        raise field_error(
            "todo_ids", f"Not your tasks: {', '.join(str(m) for m in missing)}."
        )
    return rows


def _subtasks_first(rows: list[TodoModel]) -> list[TodoModel]:
    """The rows with each one after its subtasks among them, so a parent completed
    in bulk with its subtasks finds them completed."""
    parent_of = {row.pk: row.parent_id for row in rows}

    def depth(row: TodoModel) -> int:
        level, node = 0, row.parent_id
        while node in parent_of and level <= MAX_DEPTH:
            level, node = level + 1, parent_of[node]
        return level

    return sorted(rows, key=depth, reverse=True)


def bulk_update(
    *, user: AbstractBaseUser, todo_ids: list[Any], fields: Mapping[str, Any]
) -> list[TodoModel]:
    """Set the same fields on many todos: all of them or none; announces
    `todo.bulk_updated` (and the transitions' events)."""
    if not fields:
        raise field_error("fields", "Give at least one field to change.")
    with transaction.atomic():
        rows = _locked_many(user, todo_ids)
        for todo in _subtasks_first(rows):
            changed = apply(todo, fields)
            if "parent" in changed:
                check_parent(user, todo, todo.parent_id)
            _validate(todo)
            todo.save()
            _changed_status(user, todo, fields.get("status"), force=False)
        events.announce(
            "todo.bulk_updated",
            user=user,
            todo_ids=[row.pk for row in rows],
            fields=sorted(fields),
        )
    return rows


def reorder(*, user: AbstractBaseUser, todo_ids: list[Any]) -> list[TodoModel]:
    """Put these todos in this order, in the places they hold now (the others keep
    theirs); the rows are locked, so concurrent reorders apply one after another."""
    with transaction.atomic():
        rows = _locked_many(user, todo_ids)
        by_id = {row.pk: row for row in rows}
        slots = sorted(row.position for row in rows)
        if len(set(slots)) != len(slots):
            slots = list(range(slots[0], slots[0] + len(slots)))
        ordered = [by_id[parse_pk(i)] for i in todo_ids]
        for todo, slot in zip(ordered, slots, strict=True):
            todo.position = slot
        TodoModel.objects.bulk_update(ordered, ["position"])
        events.announce("todo.reordered", user=user, todo_ids=[t.pk for t in ordered])
    return ordered
