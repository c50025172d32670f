"""Words every feature's intents read the same way, in English and Spanish: an
amount, a period ("last month", "desde el lunes"), a day ("tomorrow", "el viernes"),
whether a message is a question. Matching is done on `fold(text)`: lower case,
accents and inverted marks dropped ("¿Cuánto gasté?" -> "cuanto gaste?").
"""

import calendar
import re
import unicodedata
from datetime import date, timedelta
from decimal import Decimal

from mysphere_core import textparse

_I = re.IGNORECASE
AMOUNT = re.compile(
    rf"(?:{textparse.SYMBOL_RE})\s?\d[\d,]*(?:\.\d+)?"
    rf"|\d[\d,]*(?:\.\d+)?\s?(?:{textparse.SYMBOL_RE}|{textparse.CURRENCY_WORD_RE})?",
    _I,
)
# A person's name as people write it: capitalised, one or two words.
NAME = r"(?P<person>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)"
NOT_NAMES = frozenset({"i", "me", "you", "my", "the", "a", "le", "les", "mi"})

MONTHS_ES = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6,
    "julio": 7, "agosto": 8, "septiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}  # fmt: skip
WEEKDAYS_ES = {
    "lunes": 0, "martes": 1, "miercoles": 2, "jueves": 3, "viernes": 4,
    "sabado": 5, "domingo": 6,
}  # fmt: skip
# (pattern on the folded text, period label), the first that matches wins.
PERIODS = (
    (r"\b(?:last|previous)\s+month\b|\bmes\s+pasado\b", "last_month"),
    (r"\b(?:last|previous)\s+week\b|\bsemana\s+pasada\b", "last_week"),
    (r"\byesterday\b|\bayer\b", "yesterday"),
    (r"\btoday\b|\bhoy\b", "today"),
    (
        r"\bthis\s+week\b|\bsince\s+monday\b|\bthe\s+week\b|\besta\s+semana\b"
        r"|\bdesde\s+el\s+lunes\b",
        "this_week",
    ),
    (r"\bthis\s+year\b|\beste\s+ano\b", "this_year"),
    (r"\bthis\s+month\b|\bso\s+far\b|\beste\s+mes\b", "this_month"),
)


# Words only Spanish uses (folded), for the language of a message; accents, "ñ"
# and inverted marks count too.
SPANISH_WORDS = frozenset(
    re.findall(
        r"\w+",
        """
        que cuanto cuanta cuantos cuantas quien cuando cual cuales donde como el la los
        las del en de y un una unos unas por para con mi mis tu tus su hoy ayer manana
        si hola gracias buenos buenas dias lista tengo tiene tienes hay eso esto vale
        dale hazlo deshaz deshacer olvidalo dejalo cancela pausa pon anade apunta agrega
        mete recuerdame presupuesto suscripciones suscripcion tareas tarea semana mes
        pasado pasada este esta gaste gasto gastado gastos debo debe deben debes presto
        preste pago pague devolvio devolvi compre almuerzo cena desayuno cafe
        supermercado gasolina farmacia alquiler luz agua comida compra llamar
        comprar pagar queda quedan puedo permitirme mama papa banco
        """,
    )
)
ENGLISH_WORDS = frozenset(
    re.findall(
        r"\w+",
        """
        the i my to on at for and what how much is are do did does spent spend paid pay
        bought owe owes who when which yes yeah undo that this last today yesterday
        tomorrow list add put remind me please can could should hello hi thanks lent
        borrowed back week month left budget subscriptions
        """,
    )
)


def language(text: str) -> str | None:
    """ "es" or "en" when the words say which, else None (a name, a number, "ok"
    after a Spanish turn: the caller keeps the conversation's language)."""
    words = re.findall(r"[a-z]+", fold(text))
    spanish = sum(word in SPANISH_WORDS for word in words)
    spanish += 2 * len(re.findall(r"[¿¡ñáéíóú]", text.lower()))
    english = sum(word in ENGLISH_WORDS for word in words)
    if spanish == english:
        return None
    return "es" if spanish > english else "en"


def fold(text: str) -> str:
    """Lower case without accents or inverted marks, spaces normalised."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.replace("¿", " ").replace("¡", " ").split())


def is_question(text: str) -> bool:
    """Asked, not told: a question mark or a question word first."""
    words = fold(text)
    return words.endswith("?") or bool(
        re.match(
            r"(?:how|what|whats|what's|who|whom|when|which|where|do|does|did|is|are|"
            r"am|can|any|show|list|cuanto|cuanta|cuantos|cuantas|que|quien|cuando|"
            r"cual|cuales|donde)\b",
            words,
        )
    )


def _is_time_or_date(text: str, match: re.Match) -> bool:
    """A number that is a clock time, an ordinal day or a count of days/weeks."""
    after = text[match.end() : match.end() + 8].lower()
    before = text[max(0, match.start() - 7) : match.start()].lower()
    return bool(
        re.match(r"\s*(?:am|pm|:\d|st\b|nd\b|rd\b|th\b|days?|weeks?|hours?|min)", after)
        or re.search(r"\ba\s+las?\s*$", before)
    )


def amount_match(text: str) -> re.Match | None:
    """The first money-looking number of the text ("$500", "1,199", "12.50 EUR")."""
    for match in AMOUNT.finditer(text):
        if re.search(r"\d", match.group(0)) and not _is_time_or_date(text, match):
            return match
    return None


def amount_in(text: str) -> Decimal | None:
    """The amount of the first money-looking number, or None."""
    match = amount_match(text)
    if match is None:
        return None
    return textparse.to_decimal(re.sub(r"[^\d.]", "", match.group(0).replace(",", "")))


def with_amount(text: str, amount: Decimal) -> str:
    """The text with its first amount changed ("spent 12 on lunch" -> 15)."""
    match = amount_match(text)
    if match is None:
        return f"{text} {amount}"
    number = re.search(r"\d[\d,]*(?:\.\d+)?", match.group(0))
    start = match.start() + number.start()
    return text[:start] + str(amount) + text[match.start() + number.end() :]


def period_in(text: str) -> str | None:
    """The period a message names (today, yesterday, this_week, last_week,
    this_month, last_month, this_year, or `month-<n>` for a month's name), or None."""
    words = fold(text)
    for pattern, label in PERIODS:
        if re.search(pattern, words):
            return label
    for name, number in (*textparse.MONTHS.items(), *MONTHS_ES.items()):
        if len(name) > 3 and re.search(rf"\b{name}\b", words):
            return f"month-{number}"
    return None


def period_range(label: str, today: date) -> tuple[date, date]:
    """The first and last day of a period label on the user's `today`."""
    monday = today - timedelta(days=today.weekday())
    first_of_month = today.replace(day=1)
    if label.startswith("month-"):
        number = int(label.split("-")[1])
        year = today.year if number <= today.month else today.year - 1
        last = calendar.monthrange(year, number)[1]
        return date(year, number, 1), min(today, date(year, number, last))
    previous_end = first_of_month - timedelta(days=1)
    ranges = {
        "today": (today, today),
        "yesterday": (today - timedelta(days=1), today - timedelta(days=1)),
        "this_week": (monday, today),
        "last_week": (monday - timedelta(days=7), monday - timedelta(days=1)),
        "last_month": (previous_end.replace(day=1), previous_end),
        "this_year": (today.replace(month=1, day=1), today),
    }
    return ranges.get(label, (first_of_month, today))


def normal_period(label: str | None, today: date) -> str:
    """A month named by its name is "this_month" or "last_month" when it is one."""
    if not label or not label.startswith("month-"):
        return label or "this_month"
    first, _ = period_range(label, today)
    previous = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    if first == today.replace(day=1):
        return "this_month"
    return "last_month" if first == previous else label


def due_period(text: str) -> str:
    """What "due" asks about: today, tomorrow, week (the default) or month."""
    words = fold(text)
    for period, pattern in (
        ("today", r"\b(?:today|hoy)\b"),
        ("tomorrow", r"\b(?:tomorrow|manana)\b"),
        ("month", r"\b(?:month|mes)\b"),
    ):
        if re.search(pattern, words):
            return period
    return "week"


def day_in(text: str, today: date) -> date | None:
    """The day a message names: today, tomorrow, a weekday (the next one), next
    week (a week from today), in N days; in English or Spanish."""
    words = fold(text)
    simple = {
        r"\b(?:today|hoy)\b": 0,
        r"\b(?:tomorrow|manana)\b": 1,
        r"\bnext\s+week\b|\bla\s+semana\s+que\s+viene\b|\bproxima\s+semana\b": 7,
    }
    for pattern, days in simple.items():
        if re.search(pattern, words):
            return today + timedelta(days=days)
    count = re.search(r"\b(?:in|en)\s+(\d{1,3})\s+(?:days?|dias?)\b", words)
    if count:
        return today + timedelta(days=int(count.group(1)))
    for name, number in (*textparse.WEEKDAYS.items(), *WEEKDAYS_ES.items()):
        if len(name) > 3 and re.search(rf"\b{name}\b", words):
            return textparse.weekday_date(today, number, forward=True, strict=True)
    return None


def person_in(patterns: tuple[re.Pattern, ...], text: str) -> str | None:
    """The person the first matching pattern names, or None when none matches."""
    for pattern in patterns:
        match = pattern.search(text)
        if match and match.group("person").lower() not in NOT_NAMES:
            return match.group("person")
    return None
