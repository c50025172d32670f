"""What the todos feature teaches the assistant: add, complete or snooze a task;
today's and overdue tasks; what is due in a period (tasks, renewals, loans)."""

import re
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from lending.services import LendingService
from mysphere_core import phrases
from mysphere_core.intents import (
    ACTION,
    QUESTION,
    Answer,
    Ask,
    Intent,
    Say,
    done,
    joined,
    money_words,
    obj,
    proposal,
    say,
)
from subscriptions.services import SubscriptionService
from todos.models import TodoModel
from todos.serializers import TodoSerializer
from todos.services import TodoService

ADD = re.compile(
    r"^\s*(?:please\s+)?(?:remind\s+me|reminder|todo|to-do|to\s+do|task|add\s+(?:a\s+)"
    r"?(?:task|todo|to-do|reminder))\b|^\s*(?:don'?t|do\s+not)\s+(?:let\s+me\s+)?forget"
    r"|^\s*i\s+(?:need|have|must|should|gotta|got)\s+to\b|^\s*i\s+must\b"
    r"|^\s*(?:recuerdame|recordatorio|tengo\s+que|no\s+(?:me\s+)?(?:olvides|dejes\s+"
    r"olvidar)|anade\s+(?:una\s+)?tarea|nueva\s+tarea)\b",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^\s*(?:please\s+)?(?:remind\s+me\s+(?:to\s+)?|(?:add\s+(?:a\s+)?)?(?:task|todo|"
    r"to-do|reminder)\s*:?\s*(?:to\s+)?|(?:don'?t|do\s+not)\s+(?:let\s+me\s+)?forget"
    r"\s+(?:to\s+)?|i\s+(?:need|have|must|should|gotta|got)\s+to\s+|i\s+must\s+"
    r"|recu(?:e|é)rdame\s+(?:que\s+)?|tengo\s+que\s+|no\s+(?:me\s+)?olvides\s+(?:de\s+)?"
    r"|(?:a(?:n|ñ)ade\s+(?:una\s+)?|nueva\s+)tarea\s*:?\s*)",
    re.IGNORECASE,
)
# A bare task as typed into Quick add: a doing word first ("call mom", "buy milk",
# "pagar la luz"), or a day or a time named ("dentist on the 14th at 3pm").
BARE_VERB = re.compile(
    r"^(?:call|text|email|e-mail|phone|ring|message|pay|buy|get|pick\s+up|drop\s+off|"
    r"book|renew|clean|wash|send|fix|repair|return|schedule|visit|take|water|write|"
    r"finish|submit|file|meet|see|go\s+to|bring|collect|post|mail|print|sign|prepare|"
    r"plan|feed|walk|cook|study|review|update|practice|practise|"
    r"llamar|comprar|pagar|enviar|mandar|escribir|recoger|reservar|renovar|limpiar|"
    r"arreglar|devolver|visitar|llevar|preparar|estudiar|regar|sacar|ir\s+a(?:l)?)\b"
)
WHEN = re.compile(
    r"\b(?:today|tonight|tomorrow|this\s+(?:evening|weekend)|next\s+week|"
    r"(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day|on\s+the\s+\d{1,2}"
    r"(?:st|nd|rd|th)|at\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)?|in\s+\d+\s+days?|"
    r"manana|hoy|esta\s+noche|el\s+(?:lunes|martes|miercoles|jueves|viernes|sabado|"
    r"domingo)|a\s+las\s+\d{1,2})\b"
)
# Spanish day and time words the quick-add parser reads in English.
_SPANISH_WHEN = (
    (r"\bpasado\s+ma(?:n|ñ)ana\b", "in 2 days"),
    (r"\bma(?:n|ñ)ana\b", "tomorrow"),
    (r"\bhoy\b", "today"),
    (r"\bel\s+lunes\b", "on monday"),
    (r"\bel\s+martes\b", "on tuesday"),
    (r"\bel\s+mi(?:e|é)rcoles\b", "on wednesday"),
    (r"\bel\s+jueves\b", "on thursday"),
    (r"\bel\s+viernes\b", "on friday"),
    (r"\bel\s+s(?:a|á)bado\b", "on saturday"),
    (r"\bel\s+domingo\b", "on sunday"),
)
_COMPLETE = re.compile(
    r"^(?:please\s+)?mark\s+(?P<task>.+?)\s+as\s+(?:done|complete|completed|finished)"
    r"|^(?:i'?m\s+)?done\s+with\s+(?P<task2>.+)"
    r"|^(?:complete|finish|tick\s+off|check\s+off)\s+(?P<task3>.+)"
    r"|^i\s+(?:finished|completed|did)\s+(?P<task4>.+)"
    r"|^marca(?:r)?\s+(?P<task5>.+?)\s+como\s+(?:hech|complet|terminad)[ao]"
    r"|^(?:ya\s+)?termine\s+(?P<task6>.+)"
)
_SNOOZE = re.compile(
    r"^(?:please\s+)?(?:snooze|postpone|push|move|delay|reschedule|pospon|aplaza|"
    r"mueve)\s+(?P<task>.+?)\s+(?:to|until|till|a|hasta(?:\s+el)?|para)\s+"
    r"(?P<when>.+)$"
)
_TODAY = re.compile(
    r"\btoday'?s?\s+(?:tasks|todos|to-dos|agenda)\b|\b(?:tasks?|todos?|to\s+do|plate|"
    r"agenda)\b.*\btoday\b|\bwhat\s+do\s+i\s+have\s+to\s+do\b|\bque\s+tengo\s+(?:que\s+"
    r"hacer|pendiente)\b|\btareas\s+(?:de\s+|para\s+)?hoy\b"
)
_OVERDUE = re.compile(
    r"\boverdue\b|\b(?:tasks?|todos?)\b.*\blate\b|\blate\s+tasks\b|\batrasad[ao]s?\b|"
    r"\btareas\s+vencidas\b"
)
DUE = re.compile(
    r"\bwhat(?:'s|\s+is|\s+are|s)?\s+(?:\w+\s+)?(?:due|coming\s+up|upcoming)"
    r"|\b(?:any(?:thing)?|which\s+\w+)\s+(?:is\s+)?(?:due|coming\s+up)\b"
    r"|\bupcoming\b|\bdue\s+(?:today|tomorrow|this|next|soon)\b|\bmy\s+agenda\b"
    r"|\bque\s+(?:vence|hay\s+pendiente)\b"
)
PERIOD_DAYS = {"today": 0, "tomorrow": 1, "week": 7, "month": 30}


def read_add(text: str) -> dict[str, Any] | None:
    """ "remind me to…", "todo: …", or a bare task with no amount that is not a
    question ("call mom tomorrow at 5pm", "buy milk", "pagar la luz el viernes")."""
    words = phrases.fold(text)
    if ADD.search(words):
        return {}
    if phrases.is_question(text) or phrases.amount_in(text) is not None:
        return None
    return {} if BARE_VERB.match(words) or WHEN.search(words) else None


def _spanish_when(text: str) -> str:
    """Spanish day and time words as the quick-add parser reads them."""
    for pattern, english in _SPANISH_WHEN:
        text = re.sub(pattern, english, text, flags=re.IGNORECASE)
    hour = re.search(r"\ba\s+las\s+(\d{1,2})(?::(\d{2}))?\b", text)
    if hour:
        number = int(hour.group(1))
        suffix = "pm" if 1 <= number <= 7 else "am" if number < 12 else ""
        clock = f"{number}:{hour.group(2) or '00'}{suffix}"
        text = text[: hour.start()] + f"at {clock}" + text[hour.end() :]
    return text


def _task_say(task: dict[str, Any]) -> Say:
    """ "Call mom" due 2026-11-23 17:00:00, in words."""
    title, day, time = task.get("title"), task.get("due_date"), task.get("due_time")
    if day and time:
        return say("todos.task_due_at", title=title, date=day, time=time)
    if day:
        return say("todos.task_due", title=title, date=day)
    return say("todos.task", title=title)


def answer_add(ask: Ask) -> Answer:
    """Propose, then add, the tasks the words describe (quick add reads them;
    Spanish days and times first said in its English)."""
    words = _LEAD.sub("", ask.text, count=1).strip() or ask.text
    if ask.lang == "es":
        words = _spanish_when(words)
    words = words[:1].upper() + words[1:]
    outcome = TodoService.parse_text(user=ask.user, text=words, dry_run=not ask.execute)
    tasks = (outcome.result.data or {}).get("tasks") or []
    described = joined(_task_say(task) for task in tasks)
    if not ask.execute:
        return proposal(
            say("todos.add", tasks=described), [obj("todo", t) for t in tasks]
        )
    rows = outcome.created or []
    return done(
        say("todos.added", tasks=described),
        [obj("todo", TodoSerializer(row).data, row.pk) for row in rows],
        undo={"todo_ids": [row.pk for row in rows]},
    )


def undo_add(user: AbstractBaseUser, data: dict[str, Any]) -> Say:
    """Delete the tasks the assistant added."""
    titles = []
    for pk in data["todo_ids"]:
        titles.append(
            say("todos.task", title=TodoService.get_for(user=user, pk=pk).title)
        )
        TodoService.delete(user=user, pk=pk)
    return say("todos.removed", titles=joined(titles))


def _task_reader(pattern: re.Pattern) -> Any:
    """A reader of the task (and when) a pattern names."""

    def read(text: str) -> dict[str, Any] | None:
        """The task's words (and when), or None when the pattern does not match."""
        match = pattern.search(phrases.fold(text).rstrip(" ?.!"))
        if not match:
            return None
        found = {k: v for k, v in match.groupdict().items() if v}
        task = next(v for k, v in found.items() if k.startswith("task"))
        task = re.sub(r"^(?:the|my|la|el)\s+|\s+(?:task|tarea)$", "", task.strip())
        return {"task": task, "when": found.get("when")}

    return read


def _find_task(user: AbstractBaseUser, words: str | None) -> TodoModel | None:
    """The open task whose title the words name (the closest by shared words)."""
    if not words:
        return None
    wanted = set(phrases.fold(words).split())
    rows = TodoService.queryset_for(user=user).filter(status__in=TodoModel.OPEN)
    scored = [
        (len(wanted & set(phrases.fold(row.title).split())), row) for row in rows[:500]
    ]
    best = max(scored, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] else None


def answer_complete(ask: Ask) -> Answer:
    """Propose, then complete, the named task."""
    row = _find_task(ask.user, ask.slots.get("task"))
    if row is None:
        return Answer(say("todos.no_task", task=ask.slots.get("task")))
    objects = [obj("todo", TodoSerializer(row).data, row.pk)]
    if not ask.execute:
        return proposal(say("todos.complete", title=row.title), objects)
    completed = TodoService.complete(user=ask.user, pk=row.pk)
    return done(
        say("todos.completed", title=row.title),
        [obj("todo", TodoSerializer(completed).data, row.pk)],
        undo={"todo_id": row.pk},
    )


def undo_complete(user: AbstractBaseUser, data: dict[str, Any]) -> Say:
    """Reopen the task the assistant completed."""
    row = TodoService.reopen(user=user, pk=data["todo_id"])
    return say("todos.reopened", title=row.title)


def answer_snooze(ask: Ask) -> Answer:
    """Propose, then move, the named task's due date."""
    row = _find_task(ask.user, ask.slots.get("task"))
    if row is None:
        return Answer(say("todos.no_task", task=ask.slots.get("task")))
    day = phrases.day_in(ask.slots.get("when") or "tomorrow", ask.today)
    if day is None:
        return Answer(say("todos.to_when", title=row.title))
    objects = [obj("todo", TodoSerializer(row).data, row.pk)]
    words = say("todos.move", title=row.title, date=day)
    if not ask.execute:
        return proposal(words, objects)
    moved = TodoService.update(user=ask.user, pk=row.pk, data={"due_date": day})
    return done(
        words,
        [obj("todo", TodoSerializer(moved).data, row.pk)],
        undo={"todo_id": row.pk, "due_date": row.due_date},
    )


def undo_snooze(user: AbstractBaseUser, data: dict[str, Any]) -> Say:
    """Put the task's due date back."""
    day = date.fromisoformat(data["due_date"]) if data.get("due_date") else None
    row = TodoService.update(user=user, pk=data["todo_id"], data={"due_date": day})
    if day is None:
        return say("todos.undated_again", title=row.title)
    return say("todos.due_again", title=row.title, date=day)


def _task_words(row: TodoModel) -> Any:
    """ "Pay rent (due 2026-11-20)"."""
    if row.due_date:
        return say("todos.with_due", title=row.title, date=row.due_date)
    return row.title


def answer_today(ask: Ask) -> Answer:
    """Today's agenda: due today, then overdue."""
    agenda = TodoService.today(user=ask.user)
    today, late = agenda["due_today"], agenda["overdue"]
    if not today and not late:
        return Answer(say("todos.nothing_today"))
    parts = []
    if today:
        parts.append(say("todos.due_today", titles=joined(row.title for row in today)))
    if late:
        late_words = joined(_task_words(row) for row in late)
        parts.append(say("todos.overdue_part", titles=late_words))
    rows = [*today, *late]
    return Answer(
        say("todos.today", count=len(rows), parts=joined(parts, "; ")),
        [obj("todo", TodoSerializer(row).data, row.pk) for row in rows],
    )


def answer_overdue(ask: Ask) -> Answer:
    """The overdue tasks and how many."""
    agenda = TodoService.today(user=ask.user)
    late, count = agenda["overdue"], agenda["counts"]["overdue"]
    if not count:
        return Answer(say("todos.none_overdue"))
    names = joined(_task_words(row) for row in late)
    return Answer(
        say("todos.overdue", count=count, names=names),
        [obj("todo", TodoSerializer(row).data, row.pk) for row in late],
    )


def _due_rows(ask: Ask, first: date, last: date) -> list[tuple]:
    """(day, kind, id, words, data) of the open tasks, renewals and loans due
    between `first` and `last` (tasks overdue before them too), by day."""
    found = [
        (row.due_date, "todo", row.pk, row.title, TodoSerializer(row).data)
        for row in TodoService.queryset_for(user=ask.user)
        .filter(status__in=TodoModel.OPEN, due_date__lte=last)
        .order_by("due_date")[:50]
        if first == ask.today or row.due_date >= first
    ]
    found += [
        (row.next_billing_date, "subscription", row.pk,
         say("todos.renews", name=row.name,
             money=money_words(row.amount, row.currency)),
         {"name": row.name, "amount": row.amount, "currency": row.currency,
          "date": row.next_billing_date})
        for row in SubscriptionService.upcoming(
            user=ask.user, days=(last - ask.today).days)
        if row.next_billing_date >= first
    ]  # fmt: skip
    found += [
        (row.due_date, "lending", row.pk, _loan_words(row),
         {"person": row.counterparty_name, "direction": row.direction,
          "amount": row.amount - row.repaid_amount, "currency": row.currency,
          "date": row.due_date})
        for row in LendingService.open_due_between(
            user=ask.user, first=first, last=last)
    ]  # fmt: skip
    return sorted(found, key=lambda row: (row[0], row[1]))


def answer_due(ask: Ask) -> Answer:
    """Tasks, renewals and loans due in the period asked about."""
    period = ask.slots.get("period") or "week"
    last = ask.today + timedelta(days=PERIOD_DAYS.get(period, 7))
    first = ask.today + timedelta(days=1) if period == "tomorrow" else ask.today
    found = _due_rows(ask, first, last)
    if period in ("today", "tomorrow"):
        when = say(f"due.{period}")
    else:
        when = say("due.by", date=last)
    if not found:
        return Answer(say("todos.nothing_due", when=when))
    lines = joined((joined((row[0], row[3]), ": ") for row in found[:10]), "; ")
    more = say("todos.more", count=len(found) - 10) if len(found) > 10 else ""
    objects = [obj(kind, data, pk) for _, kind, pk, _, data in found]
    reply = say("todos.due", count=len(found), when=when, lines=lines, more=more)
    return Answer(reply, objects)


def _loan_words(row: Any) -> Say:
    """ "Sam owes you 20.00 USD" or "you owe Alex 50.00 EUR"."""
    amount = money_words(row.amount - row.repaid_amount, row.currency)
    key = "lending.owes_you" if row.direction == "lent" else "lending.you_owe"
    return say(key, name=row.counterparty_name, money=amount)


INTENTS = [
    Intent(
        name="complete_todo",
        kind=ACTION,
        description="mark a task as done (task: its words)",
        read=_task_reader(_COMPLETE),
        answer=answer_complete,
        slots=("task",),
        priority=68,
        undo=undo_complete,
    ),
    Intent(
        name="snooze_todo",
        kind=ACTION,
        description="move a task to a later day (task, when)",
        read=_task_reader(_SNOOZE),
        answer=answer_snooze,
        slots=("task", "when"),
        priority=67,
        undo=undo_snooze,
    ),
    Intent(
        name="tasks_overdue",
        kind=QUESTION,
        description="the overdue tasks and how many",
        read=lambda text: {} if _OVERDUE.search(phrases.fold(text)) else None,
        answer=answer_overdue,
        priority=56,
    ),
    Intent(
        name="tasks_today",
        kind=QUESTION,
        description="today's tasks (due today and overdue)",
        read=lambda text: {} if _TODAY.search(phrases.fold(text)) else None,
        answer=answer_today,
        priority=55,
    ),
    Intent(
        name="whats_due",
        kind=QUESTION,
        description="everything due: tasks, renewals and loans (period: today, "
        "tomorrow, week, month)",
        read=lambda text: (
            {"period": phrases.due_period(text)}
            if DUE.search(phrases.fold(text))
            else None
        ),
        answer=answer_due,
        slots=("period",),
        priority=50,
        reads=("todos", "subscriptions", "lending"),
        follow=lambda text: {"period": phrases.due_period(text)},
    ),
    Intent(
        name="add_todo",
        kind=ACTION,
        description="a task or a reminder to add",
        read=read_add,
        answer=answer_add,
        priority=30,
        undo=undo_add,
    ),
]
