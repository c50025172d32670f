"""The fallback parser's phrase sets, with the fields a person would expect.

`TODAY` is Sunday 2026-11-22 and the user's default currency is USD. Each case is
(text, amount, currency, date, category, vendor[, expense_type]); vendor "" means "no
vendor named", a missing expense_type means "expense", and a date that is an error
message means the parser must report that text's date as no real day (`date_error`).

`DEV_CASES` were used while building the parser; `HELD_OUT_CASES` were written at the
same time but never used to tune it (both end with the number-hardening phrases of
`parser_cases_numbers.py`); `STRESS_CASES` came later (see below);
`REVIEW_CASES` are misses a reviewer found after that, which were then fixed.
`bench/parser_accuracy.py` prints the per-field accuracy of every set.
"""

from datetime import date

from expenses.nlp_parser import parse_expense_text
from expenses.tests.parser_cases_numbers import (
    DEV_NUMBER_CASES,
    HELD_OUT_NUMBER_CASES,
)

TODAY = date(2026, 11, 22)
DEFAULT_CURRENCY = "USD"

FOOD = "Food & Dining"

RULE_BOOK_CASES = [
    (
        "Spent $25.50 on lunch at McDonald's today",
        "25.50",
        "USD",
        "2026-11-22",
        FOOD,
        "McDonald's",
    ),
    (
        "Coffee at Starbucks for $4.75 yesterday",
        "4.75",
        "USD",
        "2026-11-21",
        FOOD,
        "Starbucks",
    ),
    (
        "Grocery shopping at Walmart $85.20 on 2024-01-15",
        "85.20",
        "USD",
        "2024-01-15",
        "Groceries",
        "Walmart",
    ),
    ("Lunch at Pizza Hut $15.99", "15.99", "USD", "2026-11-22", FOOD, "Pizza Hut"),
]

DEV_CASES = RULE_BOOK_CASES + [
    ("Uber to the airport 32.40", "32.40", "USD", "2026-11-22", "Travel", "Uber"),
    ("Paid $1,250.00 rent", "1250.00", "USD", "2026-11-22", "Utilities", ""),
    ("electricity bill 84.12 dollars", "84.12", "USD", "2026-11-22", "Utilities", ""),
    (
        "40 bucks for gas at Shell last night",
        "40.00",
        "USD",
        "2026-11-21",
        "Travel",
        "Shell",
    ),
    (
        "Netflix subscription 15.49",
        "15.49",
        "USD",
        "2026-11-22",
        "Entertainment",
        "Netflix",
    ),
    ("€12.99 pizza in Rome 3 days ago", "12.99", "EUR", "2026-11-19", FOOD, ""),
    ("£8 cinema ticket last Friday", "8.00", "GBP", "2026-11-20", "Entertainment", ""),
    (
        "₹500 medicines from Apollo Pharmacy",
        "500.00",
        "INR",
        "2026-11-22",
        "Health",
        "Apollo Pharmacy",
    ),
    (
        "Bought a textbook for 62.30 on Amazon",
        "62.30",
        "USD",
        "2026-11-22",
        "Education",
        "Amazon",
    ),
    ("Dentist appointment copay $35", "35.00", "USD", "2026-11-22", "Health", ""),
    (
        "Udemy course 12.99 on Jan 5 2026",
        "12.99",
        "USD",
        "2026-01-05",
        "Education",
        "Udemy",
    ),
    (
        "Dinner with friends 78.60 on 5 January 2026",
        "78.60",
        "USD",
        "2026-01-05",
        FOOD,
        "",
    ),
    (
        "Train ticket to Boston $49 two days ago",
        "49.00",
        "USD",
        "2026-11-20",
        "Travel",
        "",
    ),
    ("12.5 for parking downtown", "12.50", "USD", "2026-11-22", "Travel", ""),
    (
        "Trader Joe's groceries 54.35",
        "54.35",
        "USD",
        "2026-11-22",
        "Groceries",
        "Trader Joe's",
    ),
    (
        "New running shoes at Nike $120",
        "120.00",
        "USD",
        "2026-11-22",
        "Shopping",
        "Nike",
    ),
    (
        "Spotify premium 10.99 yesterday",
        "10.99",
        "USD",
        "2026-11-21",
        "Entertainment",
        "Spotify",
    ),
    ("Phone bill Verizon 65", "65.00", "USD", "2026-11-22", "Utilities", "Verizon"),
    ("CVS pharmacy 23.18 prescription", "23.18", "USD", "2026-11-22", "Health", "CVS"),
    ("Hotel in Chicago 2 nights 389.00", "389.00", "USD", "2026-11-22", "Travel", ""),
    (
        "Movie tickets at AMC for 2 people $31.50",
        "31.50",
        "USD",
        "2026-11-22",
        "Entertainment",
        "AMC",
    ),
    (
        "Lyft ride home 18.75 last Saturday",
        "18.75",
        "USD",
        "2026-11-21",
        "Travel",
        "Lyft",
    ),
    (
        "Internet Comcast 79.99 on 2026-11-01",
        "79.99",
        "USD",
        "2026-11-01",
        "Utilities",
        "Comcast",
    ),
    (
        "Bought headphones at Best Buy for $199.99",
        "199.99",
        "USD",
        "2026-11-22",
        "Shopping",
        "Best Buy",
    ),
    ("Whole Foods 112.40", "112.40", "USD", "2026-11-22", "Groceries", "Whole Foods"),
    ("gym membership 45 dollars", "45.00", "USD", "2026-11-22", "Health", ""),
    (
        "Concert tickets Ticketmaster $150 last Tuesday",
        "150.00",
        "USD",
        "2026-11-17",
        "Entertainment",
        "Ticketmaster",
    ),
    (
        "flight to Denver 289.99 united",
        "289.99",
        "USD",
        "2026-11-22",
        "Travel",
        "United Airlines",
    ),
    ("Chipotle burrito 11.25", "11.25", "USD", "2026-11-22", FOOD, "Chipotle"),
    (
        "Costco run $230.45 5 days ago",
        "230.45",
        "USD",
        "2026-11-17",
        "Groceries",
        "Costco",
    ),
    ("Water bill 42.00 on Nov 3", "42.00", "USD", "2026-11-03", "Utilities", ""),
    ("Doctor visit 120 USD", "120.00", "USD", "2026-11-22", "Health", ""),
    ("Airbnb for the weekend $420", "420.00", "USD", "2026-11-22", "Travel", "Airbnb"),
    (
        "Starbucks latte 5.45 this morning",
        "5.45",
        "USD",
        "2026-11-22",
        FOOD,
        "Starbucks",
    ),
    ("IKEA bookshelf 149", "149.00", "USD", "2026-11-22", "Shopping", "IKEA"),
    ("Tesco 23.40 groceries", "23.40", "USD", "2026-11-22", "Groceries", "Tesco"),
    ("Steam game sale 19.99", "19.99", "USD", "2026-11-22", "Entertainment", "Steam"),
    (
        "Coursera certificate 49 on 2026-10-30",
        "49.00",
        "USD",
        "2026-10-30",
        "Education",
        "Coursera",
    ),
    ("Paid 60 for tolls and fuel", "60.00", "USD", "2026-11-22", "Travel", ""),
    ("Pharmacy 14.20 vitamins", "14.20", "USD", "2026-11-22", "Health", ""),
    (
        "Birthday gift for mom 35.00 at Target",
        "35.00",
        "USD",
        "2026-11-22",
        "Shopping",
        "Target",
    ),
    ("Lunch 12", "12.00", "USD", "2026-11-22", FOOD, ""),
    (
        "Breakfast burrito and coffee 9.80 at a food truck",
        "9.80",
        "USD",
        "2026-11-22",
        FOOD,
        "",
    ),
    ("Cab fare 22.50 last night", "22.50", "USD", "2026-11-21", "Travel", ""),
    (
        "Bowling with the team 48 yesterday",
        "48.00",
        "USD",
        "2026-11-21",
        "Entertainment",
        "",
    ),
    (
        "Tuition payment $2,400 on Sep 1 2026",
        "2400.00",
        "USD",
        "2026-09-01",
        "Education",
        "",
    ),
    ("12 dollars for a sandwich", "12.00", "USD", "2026-11-22", FOOD, ""),
    (
        "Kroger milk and eggs 18.60 on 11/15/2026",
        "18.60",
        "USD",
        "2026-11-15",
        "Groceries",
        "Kroger",
    ),
    ("Sushi dinner 64 last Wednesday", "64.00", "USD", "2026-11-18", FOOD, ""),
    ("Paid twenty dollars for a taxi", "20.00", "USD", "2026-11-22", "Travel", ""),
    ("Yoga class 25 on Monday", "25.00", "USD", "2026-11-16", "Health", ""),
    ("Amazon order 43.99", "43.99", "USD", "2026-11-22", "Shopping", "Amazon"),
    *DEV_NUMBER_CASES,
]

HELD_OUT_CASES = [
    ("Grabbed a sandwich at Subway, 8.49", "8.49", "USD", "2026-11-22", FOOD, "Subway"),
    ("Paid the gas bill: $63.20", "63.20", "USD", "2026-11-22", "Utilities", ""),
    (
        "Took an Uber home last night, $27",
        "27.00",
        "USD",
        "2026-11-21",
        "Travel",
        "Uber",
    ),
    (
        "€45 for museum tickets in Paris on 12 October 2026",
        "45.00",
        "EUR",
        "2026-10-12",
        "Entertainment",
        "",
    ),
    (
        "Weekly groceries at Aldi 67.89 last Sunday",
        "67.89",
        "USD",
        "2026-11-15",
        "Groceries",
        "Aldi",
    ),
    (
        "New laptop from Apple Store $1,499.00",
        "1499.00",
        "USD",
        "2026-11-22",
        "Shopping",
        "Apple Store",
    ),
    ("Physio session 65 on Oct 28", "65.00", "USD", "2026-10-28", "Health", ""),
    (
        "Chinese takeout 32.10 via DoorDash",
        "32.10",
        "USD",
        "2026-11-22",
        FOOD,
        "DoorDash",
    ),
    ("2 movie tickets 26 dollars", "26.00", "USD", "2026-11-22", "Entertainment", ""),
    (
        "Spent 15 bucks on snacks at 7-Eleven",
        "15.00",
        "USD",
        "2026-11-22",
        FOOD,
        "7-Eleven",
    ),
    (
        "Annual Duolingo plan 84.99",
        "84.99",
        "USD",
        "2026-11-22",
        "Education",
        "Duolingo",
    ),
    ("Parking garage $18 yesterday", "18.00", "USD", "2026-11-21", "Travel", ""),
    (
        "Electric bill 96.40 on 2026-11-15",
        "96.40",
        "USD",
        "2026-11-15",
        "Utilities",
        "",
    ),
    ("Pizza night, Domino's, 24.60", "24.60", "USD", "2026-11-22", FOOD, "Domino's"),
    (
        "Round trip train tickets 88.00 Amtrak",
        "88.00",
        "USD",
        "2026-11-22",
        "Travel",
        "Amtrak",
    ),
    (
        "Walgreens cold medicine 12.79",
        "12.79",
        "USD",
        "2026-11-22",
        "Health",
        "Walgreens",
    ),
    (
        "Xbox game pass 16.99 4 days ago",
        "16.99",
        "USD",
        "2026-11-18",
        "Entertainment",
        "Xbox",
    ),
    (
        "Bought jeans at Zara for 59.90",
        "59.90",
        "USD",
        "2026-11-22",
        "Shopping",
        "Zara",
    ),
    (
        "₹1,200 groceries from BigBasket yesterday",
        "1200.00",
        "INR",
        "2026-11-21",
        "Groceries",
        "BigBasket",
    ),
    (
        "Ryanair flight £39.99 on 3 December 2026",
        "39.99",
        "GBP",
        "2026-12-03",
        "Travel",
        "Ryanair",
    ),
    *HELD_OUT_NUMBER_CASES,
]

# Written after the parser was finished: informal phrasing, brands and words outside
# the tables. Its first run exposed one bug (a currency prefix matched inside a word,
# "cowork-rs 18.40"), which was fixed; its category misses were left as they are, so
# its accuracy is the honest number.
STRESS_CASES = [
    ("grabbed lunch w/ coworkers 18.40", "18.40", "USD", "2026-11-22", FOOD, ""),
    (
        "paid 9.99 for icloud storage",
        "9.99",
        "USD",
        "2026-11-22",
        "Utilities",
        "iCloud",
    ),
    ("petrol 55 quid on friday", "55.00", "GBP", "2026-11-20", "Travel", ""),
    ("Target run - $64.21", "64.21", "USD", "2026-11-22", "Shopping", "Target"),
    (
        "kids swimming lessons $90 on 11/02/2026",
        "90.00",
        "USD",
        "2026-11-02",
        "Education",
        "",
    ),
    (
        "Bought a birthday cake at Costco 24.99 on Saturday",
        "24.99",
        "USD",
        "2026-11-21",
        "Groceries",
        "Costco",
    ),
    ("Dinner date 92.75 (incl tip)", "92.75", "USD", "2026-11-22", FOOD, ""),
    ("monthly metro pass 127", "127.00", "USD", "2026-11-22", "Travel", ""),
    (
        "Paid the dentist 200 dollars last Thursday",
        "200.00",
        "USD",
        "2026-11-19",
        "Health",
        "",
    ),
    ("Hulu 7.99", "7.99", "USD", "2026-11-22", "Entertainment", "Hulu"),
    (
        "Home Depot paint and brushes 48.67",
        "48.67",
        "USD",
        "2026-11-22",
        "Shopping",
        "Home Depot",
    ),
    ("Car insurance $143.50 on Nov 1", "143.50", "USD", "2026-11-01", "Utilities", ""),
    (
        "coffee beans from Trader Joe's 8.99",
        "8.99",
        "USD",
        "2026-11-22",
        "Groceries",
        "Trader Joe's",
    ),
    ("$3.25 bus fare", "3.25", "USD", "2026-11-22", "Travel", ""),
    ("Bar tab last night 67", "67.00", "USD", "2026-11-21", FOOD, ""),
    (
        "Apple Music family 16.99 on 2026-11-10",
        "16.99",
        "USD",
        "2026-11-10",
        "Entertainment",
        "Apple Music",
    ),
    ("PG&E bill 132.06", "132.06", "USD", "2026-11-22", "Utilities", "PG&E"),
    (
        "vitamins and protein powder at GNC 58",
        "58.00",
        "USD",
        "2026-11-22",
        "Health",
        "GNC",
    ),
    (
        "Bought groceries yesterday for 76.30",
        "76.30",
        "USD",
        "2026-11-21",
        "Groceries",
        "",
    ),
    ("Pret lunch £6.45", "6.45", "GBP", "2026-11-22", FOOD, "Pret"),
    ("Museum entry €18 3 days ago", "18.00", "EUR", "2026-11-19", "Entertainment", ""),
    (
        "Electric scooter rental Lime 4.20",
        "4.20",
        "USD",
        "2026-11-22",
        "Travel",
        "Lime",
    ),
    ("Paid ₹350 for auto rickshaw", "350.00", "INR", "2026-11-22", "Travel", ""),
    (
        "new winter coat 139.00 at Uniqlo",
        "139.00",
        "USD",
        "2026-11-22",
        "Shopping",
        "Uniqlo",
    ),
    ("Chemistry textbook used 35", "35.00", "USD", "2026-11-22", "Education", ""),
    ("Cinema popcorn and drinks 14", "14.00", "USD", "2026-11-22", "Entertainment", ""),
    ("Hospital parking 12", "12.00", "USD", "2026-11-22", "Travel", ""),
    (
        "Spent 60 on a haircut and beard trim",
        "60.00",
        "USD",
        "2026-11-22",
        "Health",
        "",
    ),
    ("Zoom webinar ticket 25", "25.00", "USD", "2026-11-22", "Education", ""),
    ("Wifi at the cafe 5 euros", "5.00", "EUR", "2026-11-22", "Utilities", ""),
]

# Found by a reviewer after the stress set (the first of each group is the reviewer's
# phrase, the others are variants written with the fix), so the parser WAS tuned on
# these: they are reported on their own, with their score before the fix.
REVIEW_CASES = [
    (
        "got a refund of $20 from Amazon",
        "20.00",
        "USD",
        "2026-11-22",
        "Shopping",
        "Amazon",
        "refund",
    ),
    (
        "Uber refunded $12.40 yesterday",
        "12.40",
        "USD",
        "2026-11-21",
        "Travel",
        "Uber",
        "refund",
    ),
    (
        "jacket returned for 59.99 at Zara",
        "59.99",
        "USD",
        "2026-11-22",
        "Shopping",
        "Zara",
        "refund",
    ),
    ("work lunch reimbursed 45", "45.00", "USD", "2026-11-22", FOOD, "", "refund"),
    (
        "spent 10 on 2025-02-29",
        "10.00",
        "USD",
        "2025-02-29 is not a real date",
        "Other",
        "",
    ),
    (
        "taxi 18 on 31/04/2026",
        "18.00",
        "USD",
        "31/04/2026 is not a real date",
        "Travel",
        "",
    ),
    ("2 pizzas 30", "30.00", "USD", "2026-11-22", FOOD, ""),
    ("3 bagels and coffee 11.50", "11.50", "USD", "2026-11-22", FOOD, ""),
    ("₹500 at DMart", "500.00", "INR", "2026-11-22", "Groceries", "DMart"),
    (
        "BigBasket order ₹1,240",
        "1240.00",
        "INR",
        "2026-11-22",
        "Groceries",
        "BigBasket",
    ),
    ("₹340 milk on Zepto", "340.00", "INR", "2026-11-22", "Groceries", "Zepto"),
    (
        "Swiggy Instamart ₹450",
        "450.00",
        "INR",
        "2026-11-22",
        "Groceries",
        "Swiggy Instamart",
    ),
    (
        "Reliance Fresh vegetables ₹220",
        "220.00",
        "INR",
        "2026-11-22",
        "Groceries",
        "Reliance Fresh",
    ),
    ("₹600 at Spencer's", "600.00", "INR", "2026-11-22", "Groceries", "Spencer's"),
    (
        "Nature's Basket ₹900 cheese",
        "900.00",
        "INR",
        "2026-11-22",
        "Groceries",
        "Nature's Basket",
    ),
    ("₹300 at More yesterday", "300.00", "INR", "2026-11-21", "Groceries", "More"),
    ("Blinkit ₹199 eggs", "199.00", "INR", "2026-11-22", "Groceries", "Blinkit"),
    ("49.99 at Nike on 12/03/2026", "49.99", "USD", "2026-03-12", "Shopping", "Nike"),
    ("books 20 on 03/04/2026", "20.00", "USD", "2026-03-04", "Education", ""),
]

FIELDS = ("amount", "currency", "date", "category", "vendor", "expense_type")


def parsed_fields(text: str) -> tuple[str, ...] | None:
    """What the fallback parser reads from `text`, as comparable strings (the
    date is the parser's `date_error` when it reports one)."""
    parsed = parse_expense_text(text, today=TODAY, default_currency=DEFAULT_CURRENCY)
    if parsed is None:
        return None
    return (
        str(parsed["amount"]),
        parsed["currency"],
        parsed.get("date_error") or parsed["date"].isoformat(),
        parsed["category"],
        parsed["vendor"],
        parsed.get("expense_type", "expense"),
    )


def expected_fields(case: tuple[str, ...]) -> tuple[str, ...]:
    """A case's expected fields, expense_type filled in ("expense") when left out."""
    return (*case[1:], "expense")[: len(FIELDS)]


def field_accuracy(cases: list[tuple[str, ...]]) -> dict[str, float]:
    """Share of cases whose field is read right, per field (0-1)."""
    hits = dict.fromkeys(FIELDS, 0)
    for case in cases:
        text, expected = case[0], expected_fields(case)
        got = parsed_fields(text) or (None,) * len(FIELDS)
        for field, want, have in zip(FIELDS, expected, got, strict=True):
            hits[field] += want == have
    return {field: hits[field] / len(cases) for field in FIELDS}


def misses(cases: list[tuple[str, ...]]) -> list[tuple[str, str, str, str | None]]:
    """(text, field, expected, got) for every field read wrong."""
    found = []
    for case in cases:
        text, expected = case[0], expected_fields(case)
        got = parsed_fields(text) or (None,) * len(FIELDS)
        for field, want, have in zip(FIELDS, expected, got, strict=True):
            if want != have:
                found.append((text, field, want, have))
    return found
