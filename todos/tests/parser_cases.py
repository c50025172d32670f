"""The quick-add parser's phrase sets, with the fields a person would expect.

`TODAY` is Sunday 2026-11-22. Each case is (text, title, due_date, due_time,
priority, tags, recurrence, estimated_minutes); None means "not given".

`DEV_CASES` were used to build and tune the parser. `HELD_OUT_CASES` were written
at the same time, before the parser was first run on them, and were never used to
tune it: their accuracy is the honest estimate. `bench`-style numbers come from
`field_accuracy` (test_nlp_parser.py asserts them; the README reports them).
"""

from datetime import date

from todos.nlp_parser import parse_todo_text

TODAY = date(2026, 11, 22)
FIELDS = (
    "title",
    "due_date",
    "due_time",
    "priority",
    "tags",
    "recurrence",
    "estimated_minutes",
)
M, H, U, L = "medium", "high", "urgent", "low"

DEV_CASES = [
    (
        "Call mom tomorrow at 5pm !high #family every week",
        "Call mom", "2026-11-23", "17:00", H, ("family",), "weekly", None,
    ),
    ("Buy milk", "Buy milk", None, None, M, (), "none", None),
    ("Pay rent on the 1st every month", "Pay rent", "2026-12-01", None, M, (), "monthly", None),
    ("Submit report by friday p1", "Submit report", "2026-11-27", None, U, (), "none", None),
    (
        "Dentist appointment next monday at 10:30",
        "Dentist appointment", "2026-11-23", "10:30", M, (), "none", None,
    ),
    (
        "Water the plants every 3 days",
        "Water the plants", "2026-11-22", None, M, (), "every 3 days", None,
    ),
    (
        "Stand-up every weekday at 9:15am #work",
        "Stand-up", "2026-11-23", "09:15", M, ("work",), "weekdays", None,
    ),
    (
        "Team sync every 2 weeks on thursday at 14:00",
        "Team sync", "2026-11-26", "14:00", M, (), "every 2 weeks", None,
    ),
    ("File taxes in 3 days !urgent", "File taxes", "2026-11-25", None, U, (), "none", None),
    ("Renew passport end of month", "Renew passport", "2026-11-30", None, M, (), "none", None),
    (
        'Read "Tomorrow, and Tomorrow, and Tomorrow" #books',
        "Read Tomorrow, and Tomorrow, and Tomorrow", None, None, M, ("books",), "none", None,
    ),
    ("Gym tomorrow morning", "Gym", "2026-11-23", "09:00", M, (), "none", None),
    ("Call the bank asap", "Call the bank", None, None, U, (), "none", None),
    ("Book flights p2 #travel #family", "Book flights", None, None, H, ("travel", "family"), "none", None),
    ("Clean the garage this weekend", "Clean the garage", "2026-11-28", None, M, (), "none", None),
    ("Send invoice on Dec 5", "Send invoice", "2026-12-05", None, M, (), "none", None),
    ("Doctor 2026-12-10 at 8am", "Doctor", "2026-12-10", "08:00", M, (), "none", None),
    (
        "Take out trash every tuesday evening",
        "Take out trash", "2026-11-24", "18:00", M, (), "weekly", None,
    ),
    (
        "Pay credit card bill on the 15th every month !high",
        "Pay credit card bill", "2026-12-15", None, H, (), "monthly", None,
    ),
    ("Mow the lawn every other week", "Mow the lawn", "2026-11-22", None, M, (), "every 2 weeks", None),
    ("Backup laptop monthly", "Backup laptop", "2026-11-22", None, M, (), "monthly", None),
    (
        "Birthday gift for Anna by Dec 3 #family",
        "Birthday gift for Anna", "2026-12-03", None, M, ("family",), "none", None,
    ),
    (
        "Prepare slides for 2 hours tomorrow",
        "Prepare slides", "2026-11-23", None, M, (), "none", 120,
    ),
    ("Meditate every day at 7am", "Meditate", "2026-11-22", "07:00", M, (), "daily", None),
    ("Review PRs ~30m #work", "Review PRs", None, None, M, ("work",), "none", 30),
    ("Renew car insurance on 12/15", "Renew car insurance", "2026-12-15", None, M, (), "none", None),
    ("Dinner with Sam tonight", "Dinner with Sam", "2026-11-22", "20:00", M, (), "none", None),
    ("Finish essay !1", "Finish essay", None, None, U, (), "none", None),
    (
        "Check smoke alarms every 6 months",
        "Check smoke alarms", "2026-11-22", None, M, (), "every 6 months", None,
    ),
    ("Pay water bill next week", "Pay water bill", "2026-11-23", None, M, (), "none", None),
    ("Start budget review next month", "Start budget review", "2026-12-01", None, M, (), "none", None),
    ("Call grandma on sunday", "Call grandma", "2026-11-22", None, M, (), "none", None),
    (
        "Submit timesheet every friday at 4pm #work",
        "Submit timesheet", "2026-11-27", "16:00", M, ("work",), "weekly", None,
    ),
    (
        "Anniversary dinner every year on March 3",
        "Anniversary dinner", "2027-03-03", None, M, (), "yearly", None,
    ),
    ("Haircut in 2 weeks", "Haircut", "2026-12-06", None, M, (), "none", None),
    ("Laundry the day after tomorrow", "Laundry", "2026-11-24", None, M, (), "none", None),
    (
        "Lunch with Priya at noon wednesday",
        "Lunch with Priya", "2026-11-25", "12:00", M, (), "none", None,
    ),
    ("Fix bike p3", "Fix bike", None, None, M, (), "none", None),
    ("Clean inbox p4 #admin", "Clean inbox", None, None, L, ("admin",), "none", None),
    (
        "Vet appointment for Rex on the 3rd at 11am",
        "Vet appointment for Rex", "2026-12-03", "11:00", M, (), "none", None,
    ),
    (
        "Quarterly taxes every 3 months starting Jan 15",
        "Quarterly taxes", "2027-01-15", None, M, (), "every 3 months", None,
    ),
    (
        "Pick up kids at 3:30pm every weekday",
        "Pick up kids", "2026-11-23", "15:30", M, (), "weekdays", None,
    ),
    ("Write blog post high priority", "Write blog post", None, None, H, (), "none", None),
    (
        "Order groceries today at 18:00 #home",
        "Order groceries", "2026-11-22", "18:00", M, ("home",), "none", None,
    ),
    ("Plan vacation !low #travel", "Plan vacation", None, None, L, ("travel",), "none", None),
    ("Return library books by Thursday", "Return library books", "2026-11-26", None, M, (), "none", None),
    ("Pay electricity bill due 11/30", "Pay electricity bill", "2026-11-30", None, M, (), "none", None),
    ("Take vitamins daily at 8am", "Take vitamins", "2026-11-22", "08:00", M, (), "daily", None),
    (
        "Submit grant application by end of week !urgent",
        "Submit grant application", "2026-11-27", None, U, (), "none", None,
    ),
    ("Update resume in a week", "Update resume", "2026-11-29", None, M, (), "none", None),
    ("Cancel gym membership on November 30", "Cancel gym membership", "2026-11-30", None, M, (), "none", None),
    ("Call plumber tomorrow 9am", "Call plumber", "2026-11-23", "09:00", M, (), "none", None),
    (
        "Practice guitar for 45 minutes every day",
        "Practice guitar", "2026-11-22", None, M, (), "daily", 45,
    ),
    (
        "Clean fridge every 2 weeks on saturday",
        "Clean fridge", "2026-11-28", None, M, (), "every 2 weeks", None,
    ),
    (
        "Send thank-you notes #personal p2 tomorrow",
        "Send thank-you notes", "2026-11-23", None, H, ("personal",), "none", None,
    ),
    ("Pay rent every 1st", "Pay rent", "2026-12-01", None, M, (), "monthly", None),
    ("Dentist on the 31st", "Dentist", "2026-12-31", None, M, (), "none", None),
    (
        'Prepare "Q4 review" deck by Dec 12 !high',
        "Prepare Q4 review deck", "2026-12-12", None, H, (), "none", None,
    ),
    ("Renew domain yearly on Jan 10", "Renew domain", "2027-01-10", None, M, (), "yearly", None),
    (
        "Respond to Tom's email this afternoon",
        "Respond to Tom's email", "2026-11-22", "15:00", M, (), "none", None,
    ),
    (
        "Book table for 4 at 7:30pm saturday",
        "Book table for 4", "2026-11-28", "19:30", M, (), "none", None,
    ),
    ("Water tomatoes every evening", "Water tomatoes", "2026-11-22", "18:00", M, (), "daily", None),
]

HELD_OUT_CASES = [
    (
        "Email landlord about the heater tomorrow !high",
        "Email landlord about the heater", "2026-11-23", None, H, (), "none", None,
    ),
    ("Renew gym pass every 4 weeks", "Renew gym pass", "2026-11-22", None, M, (), "every 4 weeks", None),
    (
        "Walk the dog every day at 7:30am #pets",
        "Walk the dog", "2026-11-22", "07:30", M, ("pets",), "daily", None,
    ),
    ("Buy a birthday card for Lea on friday", "Buy a birthday card for Lea", "2026-11-27", None, M, (), "none", None),
    (
        "Change bedsheets every other saturday",
        "Change bedsheets", "2026-11-28", None, M, (), "every 2 weeks", None,
    ),
    ("Submit expenses by the 25th p1 #work", "Submit expenses", "2026-11-25", None, U, ("work",), "none", None),
    ("Get car serviced in 2 months", "Get car serviced", "2027-01-22", None, M, (), "none", None),
    (
        "Parent-teacher meeting Dec 2 at 4:15 pm",
        "Parent-teacher meeting", "2026-12-02", "16:15", M, (), "none", None,
    ),
    ("Pay phone bill monthly on the 20th", "Pay phone bill", "2026-12-20", None, M, (), "monthly", None),
    ("Pick up dry cleaning this evening", "Pick up dry cleaning", "2026-11-22", "18:00", M, (), "none", None),
    ("Reply to Marta asap #work", "Reply to Marta", None, None, U, ("work",), "none", None),
    ("Defrost freezer end of the month !low", "Defrost freezer", "2026-11-30", None, L, (), "none", None),
    (
        "Team retro every 2 weeks on friday at 15:00 #work",
        "Team retro", "2026-11-27", "15:00", M, ("work",), "every 2 weeks", None,
    ),
    ("Renew library card next tuesday", "Renew library card", "2026-11-24", None, M, (), "none", None),
    ("Call insurance at 10 on monday", "Call insurance", "2026-11-23", "10:00", M, (), "none", None),
    ("Draft newsletter ~45m p3", "Draft newsletter", None, None, M, (), "none", 45),
    (
        "Buy flowers for mom's birthday on 12/8",
        "Buy flowers for mom's birthday", "2026-12-08", None, M, (), "none", None,
    ),
    ("Stretch every weekday at noon", "Stretch", "2026-11-23", "12:00", M, (), "weekdays", None),
    ("Sign up for marathon by end of year", "Sign up for marathon", "2026-12-31", None, M, (), "none", None),
    (
        "Check on neighbour the day after tomorrow at 6pm",
        "Check on neighbour", "2026-11-24", "18:00", M, (), "none", None,
    ),
    (
        "Organize photos #hobby #family p4",
        "Organize photos", None, None, L, ("hobby", "family"), "none", None,
    ),
    (
        "Clean gutters every 6 months starting next month",
        "Clean gutters", "2026-12-01", None, M, (), "every 6 months", None,
    ),
    ('Write "Dear John" letter tomorrow', "Write Dear John letter", "2026-11-23", None, M, (), "none", None),
    (
        "Lunch meeting thursday at 12:30 for 1 hour",
        "Lunch meeting", "2026-11-26", "12:30", M, (), "none", 60,
    ),
]


def parsed_fields(text: str) -> tuple | None:
    """What the parser reads from one line, as comparable values."""
    parsed = parse_todo_text(text, today=TODAY)
    if parsed is None:
        return None
    task = parsed["tasks"][0]
    return (
        task["title"],
        task["due_date"].isoformat() if task["due_date"] else None,
        task["due_time"].strftime("%H:%M") if task["due_time"] else None,
        task["priority"],
        tuple(task["tags"]),
        task["recurrence"],
        task["estimated_minutes"],
    )


def field_accuracy(cases: list[tuple]) -> dict[str, float]:
    """Share of cases whose field is read right, per field (0-1)."""
    hits = dict.fromkeys(FIELDS, 0)
    for text, *expected in cases:
        got = parsed_fields(text) or (None,) * len(FIELDS)
        for name, want, have in zip(FIELDS, expected, got, strict=True):
            hits[name] += want == have
    return {name: hits[name] / len(cases) for name in FIELDS}


def misses(cases: list[tuple]) -> list[tuple]:
    """(text, field, expected, got) for every field read wrong."""
    found = []
    for text, *expected in cases:
        got = parsed_fields(text) or (None,) * len(FIELDS)
        for name, want, have in zip(FIELDS, expected, got, strict=True):
            if want != have:
                found.append((text, name, want, have))
    return found
