"""The rule-based quick-add parser: plain words in, tasks out (no AI needed).

    "Call mom tomorrow at 5pm !high #family every week"
    -> title "Call mom", due tomorrow 17:00, priority high, tags [family], weekly

One task per line; an indented line, or one starting with "-", "*" or "•", is a
subtask of the line above it. Text in double quotes is kept literally (its words
are never read as dates, tags or priorities). Priorities: "p1".."p4" (p1 is
urgent), "!urgent" / "!high" / "!medium" / "!low", "!1".."!4", "asap",
"high priority". Dates: the shared phrases of `mysphere_core.textparse` (today,
tomorrow, "in 3 days", "next monday", "Dec 5", "2026-12-05") plus "day after
tomorrow", bare weekdays, "on the 15th", "12/5", "end of month", "end of week",
"this weekend", "next week" (its Monday), "next month" (its 1st). Times: "at 5pm",
"5:30 pm", "17:00", "at 9", "noon", "tomorrow morning". Recurrence: "daily",
"every weekday", "every 2 weeks", "every other month", "every friday",
"every other saturday", "every 15th". Durations: "~30m", "for 2 hours", "45 min".
"""

import re
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from mysphere_core.dates import add_months, month_end
from mysphere_core.textparse import (
    COUNT_RE,
    WEEKDAY_RE,
    WEEKDAYS,
    count_value,
    find_dates,
    resolve_date,
    safe_date,
)
from todos import recurrence
from todos.models import MAX_TAGS, MAX_TITLE, TodoModel

Priority = TodoModel.Priority
MAX_LINES = 50
_CONNECTIVE = r"(?:\b(?:on|by|due|at|before|until|from|starting|this)\s+)?"
_QUOTE = re.compile(r"[\"“”]([^\"“”]*)[\"“”]")
_PLACEHOLDER = re.compile(r"\x00(\d+)\x00")
_BULLET = re.compile(r"^(?:[-*•]|\[\s?\]|\d{1,2}[.)])\s+")
_TAG = re.compile(r"(?<![\w#])#([^\W_][\w-]{0,49})(?![\w-])", re.UNICODE)
PRIORITY_WORDS = {
    "urgent": Priority.URGENT,
    "high": Priority.HIGH,
    "medium": Priority.MEDIUM,
    "normal": Priority.MEDIUM,
    "low": Priority.LOW,
    "1": Priority.URGENT,
    "2": Priority.HIGH,
    "3": Priority.MEDIUM,
    "4": Priority.LOW,
}
_PRIORITY_PATTERNS = (
    re.compile(r"(?<!\w)!(urgent|high|medium|normal|low|[1-4])\b", re.I),
    re.compile(r"\bp([1-4])\b", re.I),
    re.compile(r"\b(?:priority\s*:?\s*(urgent|high|medium|normal|low))\b", re.I),
    re.compile(r"\b(urgent|high|medium|low)\s+priority\b", re.I),
    re.compile(r"\b(asap)\b|(!!!)", re.I),
)
_MINUTES = re.compile(
    r"(?:~\s*|\bfor\s+)(?P<n>\d{1,4}(?:\.\d)?|an?|half an)\s*"
    r"(?P<unit>m|mins?|minutes?|h|hrs?|hours?)\b"
    r"|\b(?P<n2>\d{1,4})\s*(?P<unit2>mins?|minutes)\b",
    re.I,
)
_DAY_PARTS = {"morning": time(9), "afternoon": time(15), "evening": time(18)}
_DAY_PART = re.compile(
    rf"\b(?P<day>tomorrow|today|this|{WEEKDAY_RE})\s+(?P<part>morning|afternoon|"
    r"evening|night)\b",
    re.I,
)
_TIME_PATTERNS = (
    re.compile(
        r"(?:\b(?:at|by|@)\s*|@\s*)?\b(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*"
        r"(?P<ampm>[ap])\.?m\.?(?!\w)",
        re.I,
    ),
    re.compile(r"(?:\b(?:at|by)\s+|@\s*)?\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\b"),
    re.compile(r"(?:\bat\s+|@\s*)(?P<h>[01]?\d|2[0-3])\b(?![:/.]\d|\s*%)"),
    re.compile(r"(?:\b(?:at|by)\s+)?\b(?P<word>noon|midday|midnight)\b", re.I),
)
_EVERY = (
    (re.compile(r"\bevery\s+other\s+(?P<unit>day|week|month|year)\b", re.I), "other"),
    (
        re.compile(rf"\bevery\s+other\s+(?P<weekday>{WEEKDAY_RE})\b", re.I),
        "other_weekday",
    ),
    (
        re.compile(
            rf"\bevery\s+(?P<n>{COUNT_RE})\s+(?P<unit>day|week|month|year)s\b", re.I
        ),
        "count",
    ),
    (
        re.compile(
            r"\b(?:every\s+(?:weekday|work\s?day|business\s+day)|(?:on\s+)?weekdays)\b",
            re.I,
        ),
        "weekdays",
    ),
    (
        re.compile(
            rf"\bevery\s+(?P<weekday>{WEEKDAY_RE})\b"
            r"(?:\s+(?P<part>morning|afternoon|evening|night)\b)?",
            re.I,
        ),
        "weekday",
    ),
    (
        re.compile(
            r"\bevery\s+(?:month\s+on\s+)?the\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b"
            r"|\bevery\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)\b",
            re.I,
        ),
        "monthday",
    ),
    (
        re.compile(
            r"\bevery\s+(?P<unit>day|week|month|year|morning|evening|night)\b", re.I
        ),
        "unit",
    ),
    (
        re.compile(
            r"\b(?P<word>daily|weekly|monthly|yearly|annually|biweekly|fortnightly)\b",
            re.I,
        ),
        "word",
    ),
)
_UNIT_OF = {
    "day": recurrence.DAILY,
    "morning": recurrence.DAILY,
    "evening": recurrence.DAILY,
    "night": recurrence.DAILY,
    "week": recurrence.WEEKLY,
    "month": recurrence.MONTHLY,
    "year": recurrence.YEARLY,
    "daily": recurrence.DAILY,
    "weekly": recurrence.WEEKLY,
    "monthly": recurrence.MONTHLY,
    "yearly": recurrence.YEARLY,
    "annually": recurrence.YEARLY,
}
# Read before the shared date phrases (which would take "tomorrow" out of "the
# day after tomorrow", or read "next week" as a week from today).
_EARLY_DATES = (
    ("after_tomorrow", re.compile(r"\b(?:the\s+)?day\s+after\s+tomorrow\b", re.I)),
    (
        "end_month",
        re.compile(
            r"\b(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?month\b|\beom\b", re.I
        ),
    ),
    (
        "end_week",
        re.compile(
            r"\b(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?week\b|\beow\b", re.I
        ),
    ),
    (
        "end_year",
        re.compile(r"\b(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?year\b", re.I),
    ),
    ("weekend", re.compile(r"\b(?:this\s+|on\s+the\s+|at\s+the\s+)?weekend\b", re.I)),
    ("next_week", re.compile(r"\bnext\s+week\b", re.I)),
    ("next_month", re.compile(r"\bnext\s+month\b", re.I)),
    (
        "month_day",
        re.compile(r"\b(?:on\s+)?the\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b", re.I),
    ),
)
# Read after them.
_LATE_DATES = (
    ("slash", re.compile(r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])\b")),
    ("bare_weekday", re.compile(rf"\b(?P<weekday>{WEEKDAY_RE})\b", re.I)),
)
_TRAILING = re.compile(
    r"(?:\s+|^)(?:on|by|at|due|every|for|in|this|next|from|until|and|@|,|-|:)$", re.I
)


@dataclass
class _Line:
    """One line being read: the text left to read and what was found so far."""

    text: str
    quotes: list[str]
    found: dict[str, Any] = field(default_factory=dict)

    def take(self, match: re.Match[str], keep: str = "") -> None:
        """Cut the matched words out of the text (leaving `keep`)."""
        self.text = f"{self.text[: match.start()]} {keep} {self.text[match.end():]}"


def _protect_quotes(text: str) -> tuple[str, list[str]]:
    """The text with each quoted part replaced by a placeholder, and the parts."""
    quotes: list[str] = []

    def hide(match: re.Match[str]) -> str:
        quotes.append(match.group(1))
        return f"\x00{len(quotes) - 1}\x00"

    return _QUOTE.sub(hide, text), quotes


def _read_tags(line: _Line) -> None:
    """`#word` marks, lower case, in order, once each."""
    tags: list[str] = []
    for match in _TAG.finditer(line.text):
        tag = match.group(1).lower()
        if tag not in tags:
            tags.append(tag)
    line.text = _TAG.sub(" ", line.text)
    line.found["tags"] = tags[:MAX_TAGS]


def _read_priority(line: _Line) -> None:
    """The first priority mark; medium when there is none."""
    for pattern in _PRIORITY_PATTERNS:
        match = pattern.search(line.text)
        if match:
            word = next(g for g in match.groups() if g).lower()
            line.found["priority"] = PRIORITY_WORDS.get(word, Priority.URGENT)
            line.take(match)
            return
    line.found["priority"] = Priority.MEDIUM


def _read_minutes(line: _Line) -> None:
    """A duration ("~30m", "for 2 hours", "45 min") as minutes."""
    match = _MINUTES.search(line.text)
    if not match:
        line.found["estimated_minutes"] = None
        return
    number = (match.group("n") or match.group("n2")).lower()
    unit = (match.group("unit") or match.group("unit2")).lower()
    amount = {"a": 1.0, "an": 1.0, "half an": 0.5}.get(number) or float(number)
    minutes = round(amount * (60 if unit.startswith("h") else 1))
    line.found["estimated_minutes"] = minutes if 1 <= minutes <= 10_080 else None
    line.take(match)


def _first_weekday(today: date, weekday: int) -> date:
    """The first `weekday` on or after today."""
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _next_month_day(today: date, day: int) -> date | None:
    """The first date on or after today whose day of the month is `day`."""
    for months in range(0, 13):
        start = add_months(today.replace(day=1), months)
        found = safe_date(start.year, start.month, day)
        if found and found >= today:
            return found
    return None


def _rule_of(
    kind: str, match: re.Match[str], today: date
) -> tuple[recurrence.Rule, date | None]:
    """The recurrence a matched phrase names, and the first day it implies."""
    g = match.groupdict()
    if kind == "other":
        return recurrence.Rule(_UNIT_OF[g["unit"].lower()], 2), None
    if kind == "count":
        count = min(count_value(g["n"]), recurrence.MAX_INTERVAL)
        return recurrence.Rule(_UNIT_OF[g["unit"].lower()], max(count, 0)), None
    if kind == "weekdays":
        start = today if today.weekday() < 5 else _first_weekday(today, 0)
        return recurrence.Rule(recurrence.WEEKDAYS), start
    if kind in ("weekday", "other_weekday"):
        weekday = WEEKDAYS[g["weekday"].lower()]
        every = 2 if kind == "other_weekday" else 1
        return recurrence.Rule(recurrence.WEEKLY, every), _first_weekday(today, weekday)
    if kind == "monthday":
        day = int(g["d"] or g["d2"])
        return recurrence.Rule(recurrence.MONTHLY), _next_month_day(today, day)
    word = (g.get("unit") or g.get("word")).lower()
    if word in ("biweekly", "fortnightly"):
        return recurrence.Rule(recurrence.WEEKLY, 2), None
    return recurrence.Rule(_UNIT_OF[word]), None


def _read_recurrence(line: _Line, today: date) -> None:
    """The first repeat phrase: its rule, and the first day when it names one."""
    for pattern, kind in _EVERY:
        match = pattern.search(line.text)
        if match:
            rule, start = _rule_of(kind, match, today)
            line.found["rule"] = rule
            line.found["rule_start"] = start
            groups = match.groupdict()
            part = (groups.get("part") or groups.get("unit") or "").lower()
            if part in ("morning", "evening", "night"):
                line.found.setdefault("due_time", _DAY_PARTS.get(part, time(21)))
            line.take(match)
            return
    line.found["rule"] = recurrence.Rule()
    line.found["rule_start"] = None


def _read_day_part(line: _Line) -> None:
    """ "tomorrow morning", "friday evening", "this afternoon", "tonight"."""
    match = _DAY_PART.search(line.text)
    if match:
        part = match.group("part").lower()
        line.found["due_time"] = _DAY_PARTS.get(part, time(21))
        day = match.group("day")
        line.take(match, "today" if day.lower() == "this" else day)
        return
    match = re.search(r"\btonight\b", line.text, re.I)
    if match:
        line.found["due_time"] = time(20)
        line.take(match, "today")


def _clock(match: re.Match[str]) -> time | None:
    """The time a matched time phrase names."""
    g = match.groupdict()
    if g.get("word"):
        word = g["word"].lower()
        return time(23, 59) if word == "midnight" else time(12)
    hour, minute = int(g["h"]), int(g.get("m") or 0)
    if g.get("ampm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if g["ampm"].lower() == "p" else 0)
    elif g.get("m") is None and 1 <= hour <= 6:
        hour += 12  # "at 5" means the afternoon
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _read_time(line: _Line) -> None:
    """The first clock time ("at 5pm", "17:30", "at 9", "noon")."""
    for pattern in _TIME_PATTERNS:
        for match in pattern.finditer(line.text):
            clock = _clock(match)
            if clock is not None:
                line.found["due_time"] = clock
                line.take(match)
                return


def _extra_date(kind: str, match: re.Match[str], today: date) -> date | None:
    """The day one of the quick-add date phrases names."""
    g = match.groupdict()
    days_to = {
        "after_tomorrow": 2,
        "end_week": (4 - today.weekday()) % 7,
        "weekend": (5 - today.weekday()) % 7,
        "next_week": 7 - today.weekday(),
    }
    if kind in days_to:
        return today + timedelta(days=days_to[kind])
    if kind == "end_month":
        return month_end(today)
    if kind == "end_year":
        return date(today.year, 12, 31)
    if kind == "next_month":
        return add_months(today.replace(day=1), 1)
    if kind == "month_day":
        return _next_month_day(today, int(g["d"]))
    if kind == "slash":
        found = safe_date(today.year, int(g["m"]), int(g["d"]))
        if found and found < today:
            found = safe_date(today.year + 1, int(g["m"]), int(g["d"]))
        return found
    return _first_weekday(today, WEEKDAYS[g["weekday"].lower()])


def _with_connective(line: _Line, start: int) -> int:
    """`start` moved back over a connective word right before it ("on", "by")."""
    match = re.search(rf"{_CONNECTIVE}$", line.text[:start], re.I)
    return match.start() if match and match.group(0) else start


def _cut_date(line: _Line, day: date, start: int, end: int) -> None:
    """Record the due day and cut its phrase (with a connective before it)."""
    line.found["due_date"] = day
    start = _with_connective(line, start)
    line.text = f"{line.text[:start]} {line.text[end:]}"


def _read_extra(line: _Line, today: date, patterns: tuple) -> bool:
    """The first of the quick-add date phrases in `patterns`; True if found."""
    for kind, pattern in patterns:
        match = pattern.search(line.text)
        if match:
            day = _extra_date(kind, match, today)
            if day is not None:
                _cut_date(line, day, match.start(), match.end())
                return True
    return False


def _read_date(line: _Line, today: date) -> None:
    """The first date phrase: quick-add ones, the shared ones, then bare ones."""
    if _read_extra(line, today, _EARLY_DATES):
        return
    mentions = find_dates(line.text, today)
    if mentions:
        mention = mentions[0]
        day = resolve_date(mention, today, "future")
        if day is not None:
            _cut_date(line, day, mention.start, mention.end)
            return
    _read_extra(line, today, _LATE_DATES)


def _title(line: _Line) -> str:
    """What is left, tidied, with the quoted parts put back."""
    text = " ".join(line.text.split()).strip(" ,;:-")
    while True:
        shorter = _TRAILING.sub("", text).strip(" ,;:-")
        if shorter == text:
            break
        text = shorter
    text = re.sub(r"^(?:due|on|by|at)\s+", "", text, flags=re.I)
    text = _PLACEHOLDER.sub(lambda m: line.quotes[int(m.group(1))], text)
    return " ".join(text.split())[:MAX_TITLE]


def parse_line(text: str, today: date) -> dict[str, Any] | None:
    """One task from one line of quick-add text (None when no title is left)."""
    hidden, quotes = _protect_quotes(text)
    line = _Line(hidden, quotes)
    _read_tags(line)
    _read_priority(line)
    _read_minutes(line)
    _read_recurrence(line, today)
    _read_day_part(line)
    _read_date(line, today)
    _read_time(line)
    rule = line.found["rule"]
    due = line.found.get("due_date") or line.found["rule_start"]
    if due is None and (rule.repeats or line.found.get("due_time")):
        due = today  # "every day", "at 5pm": from today
    title = _title(line)
    if not title:
        return None
    return {
        "title": title,
        "due_date": due,
        "due_time": line.found.get("due_time") if due else None,
        "priority": str(line.found["priority"]),
        "tags": line.found["tags"],
        "recurrence": rule.label(),
        "estimated_minutes": line.found["estimated_minutes"],
        "parent_index": None,
    }


def _indent(raw: str) -> tuple[int, str]:
    """(how deep the line is, the line without its indent and bullet)."""
    expanded = raw.expandtabs(4)
    stripped = expanded.lstrip()
    depth = len(expanded) - len(stripped)
    bullet = _BULLET.match(stripped)
    if bullet:
        stripped = stripped[bullet.end() :]
        depth += 1 if bullet.group(0)[0] in "-*•" else 0
    return depth, stripped.strip()


def parse_todo_text(text: str, *, today: date) -> dict[str, Any] | None:
    """Every task in quick-add text, one per line, with subtasks pointing at their
    parent (`parent_index`); None when no line holds a task."""
    tasks: list[dict[str, Any]] = []
    stack: list[tuple[int, int]] = []  # (depth, task index) of the open parents
    for raw in text.splitlines()[:MAX_LINES]:
        depth, body = _indent(raw)
        task = parse_line(body, today) if body else None
        if task is None:
            continue
        while stack and stack[-1][0] >= depth:
            stack.pop()
        task["parent_index"] = stack[-1][1] if stack else None
        stack.append((depth, len(tasks)))
        tasks.append(task)
    return {"tasks": tasks} if tasks else None
