"""Phrase sets of the rule-based classifier (`budgets/classifier.py`): things
people ask about buying or log as spending, with the category and the default
necessity score they should get.

`DEV_CASES` are the phrases the purchase words were tuned on; `HELD_OUT_CASES`
were written at the same time and never tuned on: their accuracy is the honest
one. `field_accuracy` is shared by the accuracy test and the README's table.
"""

from budgets.categories import DEFAULTS
from budgets.classifier import classify

FIELDS = ("category", "necessity_score")

DEV_CASES: list[tuple[str, str]] = [
    ("Weekly grocery shopping at Whole Foods", "Groceries"),
    ("PlayStation 5", "Entertainment"),
    ("New iPhone 15 Pro", "Shopping"),
    ("MacBook Air for work", "Shopping"),
    ("Xbox Series X", "Entertainment"),
    ("Nintendo Switch OLED", "Entertainment"),
    ("65 inch TV", "Shopping"),
    ("new couch for the living room", "Shopping"),
    ("mattress", "Shopping"),
    ("winter jacket", "Shopping"),
    ("running sneakers", "Shopping"),
    ("dinner with friends", "Food & Dining"),
    ("coffee at Starbucks", "Food & Dining"),
    ("pizza night", "Food & Dining"),
    ("Costco run", "Groceries"),
    ("milk and eggs", "Groceries"),
    ("electricity bill", "Utilities"),
    ("internet bill", "Utilities"),
    ("rent", "Utilities"),
    ("phone bill", "Utilities"),
    ("dentist appointment", "Health"),
    ("gym membership", "Health"),
    ("new glasses", "Health"),
    ("therapy session", "Health"),
    ("vitamins", "Health"),
    ("online course on Coursera", "Education"),
    ("textbooks for the semester", "Education"),
    ("coding bootcamp", "Education"),
    ("university tuition", "Education"),
    ("flight to Paris", "Travel"),
    ("hotel in Rome for 3 nights", "Travel"),
    ("weekend trip to the coast", "Travel"),
    ("summer vacation", "Travel"),
    ("Uber to the airport", "Travel"),
    ("concert tickets", "Entertainment"),
    ("movie night", "Entertainment"),
    ("Netflix", "Entertainment"),
    ("VR headset", "Entertainment"),
    ("birthday present for mom", "Other"),
    ("donation to charity", "Other"),
]

HELD_OUT_CASES: list[tuple[str, str]] = [
    ("Samsung Galaxy phone", "Shopping"),
    ("iPad for drawing", "Shopping"),
    ("gaming console", "Entertainment"),
    ("new camera", "Shopping"),
    ("smartwatch", "Shopping"),
    ("bike for commuting", "Shopping"),
    ("lunch at Chipotle", "Food & Dining"),
    ("takeout sushi", "Food & Dining"),
    ("groceries at Trader Joe's", "Groceries"),
    ("fruit and vegetables at the farmers market", "Groceries"),
    ("water bill", "Utilities"),
    ("gas bill for the apartment", "Utilities"),
    ("doctor visit", "Health"),
    ("prescription at CVS", "Health"),
    ("Udemy course", "Education"),
    ("school supplies", "Education"),
    ("train tickets to Boston", "Travel"),
    ("Airbnb for the holidays", "Travel"),
    ("theme park tickets", "Entertainment"),
    ("Spotify premium", "Entertainment"),
    ("bowling with friends", "Entertainment"),
    ("new sofa", "Shopping"),
    ("headphones", "Shopping"),
    ("wedding gift", "Other"),
    ("laptop for school", "Shopping"),
    ("hiking boots", "Shopping"),
    ("Steam game", "Entertainment"),
    ("car rental in Lisbon", "Travel"),
    ("flu shot", "Health"),
    ("breakfast at the diner", "Food & Dining"),
]


def field_accuracy(cases: list[tuple[str, str]]) -> dict[str, float]:
    """The share of phrases whose category, and necessity score, come out right."""
    right = dict.fromkeys(FIELDS, 0)
    for text, category in cases:
        got = classify(text)["category"]
        right["category"] += got == category
        right["necessity_score"] += DEFAULTS[got][0] == DEFAULTS[category][0]
    return {field: right[field] / len(cases) for field in FIELDS}


def misses(cases: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(phrase, expected, got) for every wrong category."""
    found = [(text, category, classify(text)["category"]) for text, category in cases]
    return [row for row in found if row[1] != row[2]]
