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
    money_words,
    obj,
    proposal,
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


def answer_add(ask: Ask) -> Answer:
    """Propose, then add, the tasks the words describe (quick add reads them)."""
    words = _LEAD.sub("", ask.text, count=1).strip() or ask.text
    if _LEAD.match(ask.text) and re.match(r"recu[eé]rdame|tengo|no ", ask.text, re.I):
        words = _spanish_when(words)
    words = words[:1].upper() + words[1:]
    outcome = TodoService.parse_text(user=ask.user, text=words, dry_run=not ask.execute)
    tasks = (outcome.result.data or {}).get("tasks") or []
    described = ", ".join(
        f'"{t.get("title")}"'
        + (f" due {t['due_date']}" if t.get("due_date") else "")
        + (f" {t['due_time']}" if t.get("due_time") and t.get("due_date") else "")
        for t in tasks
    )
    if not ask.execute:
        return proposal(f"Add {described}", [obj("todo", t) for t in tasks])
    rows = outcome.created or []
    return Answer(
        f"Done: added {described}.",
        [obj("todo", TodoSerializer(row).data, row.pk) for row in rows],
        executed=True,
        undo={"todo_ids": [row.pk for row in rows]},
    )


def undo_add(user: AbstractBaseUser, data: dict[str, Any]) -> str:
    """Delete the tasks the assistant added."""
    titles = []
    for pk in data["todo_ids"]:
        titles.append(TodoService.get_for(user=user, pk=pk).title)
        TodoService.delete(user=user, pk=pk)
    return "Removed " + ", ".join(f'"{t}"' for t in titles) + "."


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
        return Answer(f'You have no open task like "{ask.slots.get("task")}".')
    objects = [obj("todo", TodoSerializer(row).data, row.pk)]
    if not ask.execute:
        return proposal(f'Mark "{row.title}" as done', objects)
    done = TodoService.complete(user=ask.user, pk=row.pk)
    return Answer(
        f'Done: "{row.title}" is completed.',
        [obj("todo", TodoSerializer(done).data, row.pk)],
        executed=True,
        undo={"todo_id": row.pk},
    )


def undo_complete(user: AbstractBaseUser, data: dict[str, Any]) -> str:
    """Reopen the task the assistant completed."""
    row = TodoService.reopen(user=user, pk=data["todo_id"])
    return f'"{row.title}" is open again.'


def answer_snooze(ask: Ask) -> Answer:
    """Propose, then move, the named task's due date."""
    row = _find_task(ask.user, ask.slots.get("task"))
    if row is None:
        return Answer(f'You have no open task like "{ask.slots.get("task")}".')
    day = phrases.day_in(ask.slots.get("when") or "tomorrow", ask.today)
    if day is None:
        return Answer(f'To when? Say, for example, "snooze {row.title} to friday".')
    objects = [obj("todo", TodoSerializer(row).data, row.pk)]
    words = f'Move "{row.title}" to {day}'
    if not ask.execute:
        return proposal(words, objects)
    moved = TodoService.update(user=ask.user, pk=row.pk, data={"due_date": day})
    return Answer(
        f"Done: {words}.",
        [obj("todo", TodoSerializer(moved).data, row.pk)],
        executed=True,
        undo={"todo_id": row.pk, "due_date": row.due_date},
    )


def undo_snooze(user: AbstractBaseUser, data: dict[str, Any]) -> str:
    """Put the task's due date back."""
    day = date.fromisoformat(data["due_date"]) if data.get("due_date") else None
    row = TodoService.update(user=user, pk=data["todo_id"], data={"due_date": day})
    return f'"{row.title}" is due {day or "whenever"} again.'


def _task_words(row: TodoModel) -> str:
    """ "Pay rent (due 2026-11-20)"."""
    return f"{row.title} (due {row.due_date})" if row.due_date else row.title


def answer_today(ask: Ask) -> Answer:
    """Today's agenda: due today, then overdue."""
    agenda = TodoService.today(user=ask.user)
    today, late = agenda["due_today"], agenda["overdue"]
    if not today and not late:
        return Answer("Nothing is due today.")
    parts = []
    if today:
        parts.append("due today: " + ", ".join(row.title for row in today))
    if late:
        parts.append("overdue: " + ", ".join(_task_words(row) for row in late))
    rows = [*today, *late]
    return Answer(
        f"{len(rows)} tasks for today; " + "; ".join(parts) + ".",
        [obj("todo", TodoSerializer(row).data, row.pk) for row in rows],
    )


def answer_overdue(ask: Ask) -> Answer:
    """The overdue tasks and how many."""
    agenda = TodoService.today(user=ask.user)
    late, count = agenda["overdue"], agenda["counts"]["overdue"]
    if not count:
        return Answer("No task is overdue.")
    names = ", ".join(_task_words(row) for row in late)
    return Answer(
        f"{count} tasks are overdue: {names}.",
        [obj("todo", TodoSerializer(row).data, row.pk) for row in late],
    )


def answer_due(ask: Ask) -> Answer:
    """Tasks, renewals and loans due in the period asked about."""
    period = ask.slots.get("period") or "week"
    today = ask.today
    last = today + timedelta(days=PERIOD_DAYS.get(period, 7))
    first = today + timedelta(days=1) if period == "tomorrow" else today
    found = [
        (row.due_date, "todo", row.pk, row.title, TodoSerializer(row).data)
        for row in TodoService.queryset_for(user=ask.user)
        .filter(status__in=TodoModel.OPEN, due_date__lte=last)
        .order_by("due_date")[:50]
        if period != "tomorrow" or row.due_date >= first
    ]
    found += [
        (row.next_billing_date, "subscription", row.pk,
         f"{row.name} renews ({money_words(row.amount, row.currency)})", None)
        for row in SubscriptionService.upcoming(user=ask.user, days=(last - today).days)
        if row.next_billing_date >= first
    ]  # fmt: skip
    found += [
        (row.due_date, "lending", row.pk, _loan_words(row), None)
        for row in LendingService.open_due_between(
            user=ask.user, first=first, last=last
        )
    ]
    found.sort(key=lambda row: (row[0], row[1]))
    when = {"today": "today", "tomorrow": "tomorrow"}.get(period, f"by {last}")
    if not found:
        return Answer(f"Nothing is due {when}.")
    lines = "; ".join(f"{row[0]}: {row[3]}" for row in found[:10])
    more = f" (and {len(found) - 10} more)" if len(found) > 10 else ""
    objects = [obj(kind, data or {"what": what, "date": day}, pk)
               for day, kind, pk, what, data in found]  # fmt: skip
    return Answer(f"{len(found)} due {when}: {lines}{more}.", objects)


def _loan_words(row: Any) -> str:
    """ "Sam owes you 20.00 USD" or "you owe Alex 50.00 EUR"."""
    amount = money_words(row.amount - row.repaid_amount, row.currency)
    if row.direction == "lent":
        return f"{row.counterparty_name} owes you {amount}"
    return f"you owe {row.counterparty_name} {amount}"


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
