"""Items typed in plain words: "2 milk, eggs, 1kg rice, bread x3\\nbananas".

`split_entries` cuts the text at commas, semicolons, line breaks and bullets (not
at the comma of "1,5 kg"); `parse_entry` reads one entry's quantity, unit and name:
"1kg rice", "500 g cheese", "2 l milk", "a dozen eggs", "bread x3", "3x bread",
"2 bottles of wine", "milk 2l", "apples (4)", "two lemons", "½ kg flour". The
aisle comes from the keyword map (`aisles.aisle_for`).
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from lists.aisles import MEAT_FISH, PANTRY, PRODUCE, aisle_for
from mysphere_core.textparse import NUMBER_WORDS, ascii_digits

ONE = Decimal("1")
DOZEN = Decimal("12")

# Canonical unit -> the words that mean it. A count ("3 apples", "3 pcs") has no unit.
UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "g": ("g", "gr", "grs", "gram", "grams", "gramme", "grammes"),
    "kg": ("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"),
    "lb": ("lb", "lbs", "pound", "pounds"),
    "oz": ("oz", "ounce", "ounces"),
    "pint": ("pint", "pints", "pt"),
    "gallon": ("gallon", "gallons", "gal"),
    "ml": ("ml", "millilitre", "millilitres", "milliliter", "milliliters"),
    "cl": ("cl",),
    "l": ("l", "ltr", "ltrs", "litre", "litres", "liter", "liters"),
    "pack": ("pack", "packs", "packet", "packets", "pkt", "pk"),
    "bottle": ("bottle", "bottles"),
    "can": ("can", "cans", "tin", "tins"),
    "jar": ("jar", "jars"),
    "box": ("box", "boxes"),
    "bag": ("bag", "bags"),
    "bunch": ("bunch", "bunches"),
    "loaf": ("loaf", "loaves"),
    "carton": ("carton", "cartons"),
    "tub": ("tub", "tubs"),
    "roll": ("roll", "rolls"),
    "bar": ("bar", "bars"),
    "head": ("head", "heads"),
    "slice": ("slice", "slices"),
    "": ("pc", "pcs", "piece", "pieces"),
}
UNIT_OF: dict[str, str] = {
    word: unit for unit, words in UNIT_WORDS.items() for word in words
}
# Units that put fresh food on the shelf.
SHELF_UNITS = frozenset({"can", "jar"})
FRESH_AISLES = frozenset({PRODUCE, MEAT_FISH})
FRACTIONS = {"½": "0.5", "¼": "0.25", "¾": "0.75", "⅓": "0.33", "⅔": "0.67"}
COUNT_WORDS = {
    **{w: n for w, n in NUMBER_WORDS.items() if 1 <= n <= 20},
    "a couple of": 2,
    "couple of": 2,
    "half a": 0.5,
    "half": 0.5,
}

_NUMBER = r"\d+(?:[.,]\d+)?(?:\s*/\s*\d+)?|[½¼¾⅓⅔]"
_WORDS = "|".join(re.escape(w) for w in sorted(COUNT_WORDS, key=len, reverse=True) if w)
_UNITS = "|".join(re.escape(w) for w in sorted(UNIT_OF, key=len, reverse=True))
_CONTAINERS = "bag|bags|pack|packs|box|boxes|bottle|bottles|jar|jars|tub|tubs"
_QTY = rf"(?P<qty>{_NUMBER}|(?:{_WORDS})\b)"
_DOZEN = r"(?P<dozen>(?:half\s+a\s+)?(?:dozen|doz)\b\.?)"

# "half a dozen eggs", "2 dozen eggs", "a dozen eggs", "dozen eggs"
LEADING_DOZEN = re.compile(
    rf"^(?:(?P<qty>{_NUMBER}|an?)\s+)?{_DOZEN}\s+(?:of\s+)?(?P<name>.+)$", re.I
)
# "3x bread", "3 x bread", "x3 bread"
LEADING_TIMES = re.compile(
    rf"^(?:(?P<qty>{_NUMBER})\s*[x×*]|[x×*]\s*(?P<qty2>{_NUMBER}))\s+(?P<name>.+)$",
    re.I,
)
# "2 milk", "1kg rice", "500 g cheese", "2 bottles of wine", "a loaf of bread"
LEADING = re.compile(
    rf"^{_QTY}(?:\s*(?P<unit>{_UNITS})\b\.?|(?=\s))\s*(?:of\s+)?(?P<name>.*)$",
    re.I,
)
# "bread x3", "bread 3x", "bread × 3", "bread *3"
TRAILING_TIMES = re.compile(
    rf"^(?P<name>.+?)\s*(?:[x×*]\s*(?P<qty>{_NUMBER})|(?P<qty2>{_NUMBER})\s*[x×])$",
    re.I,
)
# "milk 2l", "rice 1 kg", "apples (4)", "eggs: 12", "milk - 2", "rice 5 kg bag"
TRAILING = re.compile(
    rf"^(?P<name>.+?)[\s:–-]+\(?(?P<qty>{_NUMBER})\s*(?P<unit>{_UNITS})?\)?"
    rf"(?:\s+(?:{_CONTAINERS}))?$",
    re.I,
)
# A number after these words is a size, not a count: "nappies size 4", "step 2".
SIZE_WORDS = ("size", "no", "nr", "number", "#", "step", "stage", "type")
# Bullets and numbering at the start of a line: "- ", "* ", "• ", "[ ] ", "1. ", "2) "
# A dash right before a number is a minus ("-3 eggs"), not a bullet ("- 3 eggs").
BULLET = re.compile(r"^\s*(?:[*•·]+|-+(?!\d)|\[\s?[xX]?\]|\d+[.)](?=\s))\s*")
NEGATIVE = re.compile(r"^[-−](?=\d)")
SPLIT = re.compile(r"[\n\r;•]+|,(?!\d)|(?<!\d),|\s+\+\s+")
FILLER_START = re.compile(r"^(?:some|more|of|the|please\s+get|get|buy)\s+", re.I)


@dataclass(frozen=True)
class ParsedItem:
    """One item read from text: its name, quantity, unit and aisle."""

    name: str
    quantity: Decimal
    unit: str
    aisle: str
    text: str


def split_entries(text: str) -> list[str]:
    """The entries of a text: cut at commas, semicolons, lines and bullets."""
    pieces = (BULLET.sub("", p).strip() for p in SPLIT.split(text or ""))
    return [p for p in pieces if p]


def to_quantity(token: str | None) -> Decimal:
    """A number as written ("2", "1,5", "1/2", "½", "two", "a") as a Decimal."""
    if not token:
        return ONE
    token = ascii_digits(token.strip().lower())
    if token in FRACTIONS:
        return Decimal(FRACTIONS[token])
    if token in ("a", "an"):
        return ONE
    if token in COUNT_WORDS:
        return Decimal(str(COUNT_WORDS[token]))
    token = re.sub(r"\s+", " ", token)
    try:
        if "/" in token:
            top, bottom = (Decimal(t.strip()) for t in token.split("/", 1))
            return (top / bottom).quantize(Decimal("0.001")) if bottom else ONE
        return Decimal(token.replace(",", "."))
    except (InvalidOperation, ArithmeticError):
        return ONE


def _balanced(name: str) -> str:
    """The name without a bracket that opens or closes nothing at either end."""
    while name.endswith((")", "]")) and name.count(name[-1]) > name.count(
        "(" if name[-1] == ")" else "["
    ):
        name = name[:-1].rstrip()
    while name.startswith(("(", "[")) and name.count(name[0]) > name.count(
        ")" if name[0] == "(" else "]"
    ):
        name = name[1:].lstrip()
    return name


def clean_name(name: str) -> str:
    """An item name without leading filler words, stray punctuation or spaces."""
    name = _balanced(re.sub(r"\s+", " ", name).strip(" .:-–\"'"))
    previous = None
    while previous != name:
        previous, name = name, FILLER_START.sub("", name).strip()
    return name


def _dozen(entry: str) -> tuple[str, Decimal, str] | None:
    """ "a dozen eggs" -> ("eggs", 12, ""); None when no dozen is written."""
    match = LEADING_DOZEN.match(entry)
    if not match:
        return None
    per = DOZEN / 2 if match["dozen"].lower().startswith("half") else DOZEN
    count = to_quantity(match["qty"]) if match["qty"] else ONE
    return match["name"], count * per, ""


def _times(entry: str) -> tuple[str, Decimal, str] | None:
    """ "3x bread", "bread x3" -> ("bread", 3, "")."""
    match = LEADING_TIMES.match(entry) or TRAILING_TIMES.match(entry)
    if not match:
        return None
    return match["name"], to_quantity(match["qty"] or match["qty2"]), ""


def _leading(entry: str) -> tuple[str, Decimal, str] | None:
    """ "2 bottles of wine" -> ("wine", 2, "bottle"); "2 rolls" -> ("rolls", 2, "")."""
    match = LEADING.match(entry)
    if not match:
        return None
    qty_text, unit_word, name = match["qty"], match["unit"], match["name"]
    if qty_text.lower() in ("a", "an") and not unit_word:
        return name, ONE, ""
    if unit_word and not name.strip():
        return unit_word, to_quantity(qty_text), ""
    unit = UNIT_OF[unit_word.lower()] if unit_word else ""
    return name, to_quantity(qty_text), unit


def _trailing(entry: str) -> tuple[str, Decimal, str] | None:
    """ "milk 2l" -> ("milk", 2, "l"), "apples (4)" -> ("apples", 4, "")."""
    match = TRAILING.match(entry)
    if not match:
        return None
    if not match["unit"] and match["name"].lower().endswith(SIZE_WORDS):
        return None
    unit = UNIT_OF[match["unit"].lower()] if match["unit"] else ""
    return match["name"], to_quantity(match["qty"]), unit


def parse_entry(entry: str) -> ParsedItem | None:
    """One entry read as an item; None when no name is left. A minus before the
    number gives a negative quantity, which the item rules then refuse."""
    text = entry.strip()
    minus = NEGATIVE.match(text)
    body = text[minus.end() :] if minus else text
    for reader in (_dozen, _times, _leading, _trailing):
        found = reader(body)
        if found and clean_name(found[0]):
            name, quantity, unit = found
            break
    else:
        name, quantity, unit = body, ONE, ""
    quantity = -quantity if minus else quantity
    name = clean_name(name)
    if not name:
        return None
    aisle = aisle_for(name)
    if unit in SHELF_UNITS and aisle in FRESH_AISLES:
        aisle = PANTRY  # "2 tins tomatoes", "a jar of peppers": the shelf, not fresh
    return ParsedItem(name=name, quantity=quantity, unit=unit, aisle=aisle, text=text)


def parse_items(text: str) -> list[ParsedItem]:
    """Every item of a text, in the order written."""
    return [item for item in map(parse_entry, split_entries(text)) if item]
