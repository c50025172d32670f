"""Recurrence rules: how they are written and the anchored schedule."""

from calendar import monthrange
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from todos.recurrence import Rule, next_due, parse_rule


class TestParseRule:
    @pytest.mark.parametrize(
        "text, unit, interval, label",
        [
            ("none", "none", 1, "none"),
            ("Daily", "daily", 1, "daily"),
            ("weekdays", "weekdays", 1, "weekdays"),
            ("every week", "weekly", 1, "weekly"),
            ("monthly", "monthly", 1, "monthly"),
            ("yearly", "yearly", 1, "yearly"),
            ("every 3 days", "daily", 3, "every 3 days"),
            ("every 2 weeks", "weekly", 2, "every 2 weeks"),
            ("every  6 MONTHS", "monthly", 6, "every 6 months"),
            ("every 1 week", "weekly", 1, "weekly"),
            ("biweekly", "weekly", 2, "every 2 weeks"),
        ],
    )
    def test_written_forms(self, text, unit, interval, label):
        rule = parse_rule(text)
        assert (rule.unit, rule.interval, rule.label()) == (unit, interval, label)
        assert parse_rule(label) == rule

    @pytest.mark.parametrize(
        "text, message",
        [
            ("every 0 days", "Repeat every 1 to 999 units, not 0."),
            ("every -2 weeks", "Repeat every 1 to 999 units, not -2."),
            ("every 1000 days", "Repeat every 1 to 999 units, not 1000."),
            ("fortnightly-ish", '"fortnightly-ish" is not a recurrence.'),
        ],
    )
    def test_bad_forms(self, text, message):
        with pytest.raises(ValueError, match=message.replace(".", r"\.")):
            parse_rule(text)


def _series(rule, anchor, count, today=None):
    """`count` successive due days, each completed on its due day."""
    days, current = [anchor], anchor
    for _ in range(count - 1):
        current = next_due(rule, anchor=anchor, current=current, today=today or current)
        days.append(current)
    return days


class TestNextDue:
    def test_monthly_on_the_31st_keeps_its_anchor(self):
        days = _series(Rule("monthly"), date(2027, 1, 31), 5)
        assert days == [
            date(2027, 1, 31),
            date(2027, 2, 28),
            date(2027, 3, 31),
            date(2027, 4, 30),
            date(2027, 5, 31),
        ]

    def test_monthly_on_the_31st_through_a_leap_february(self):
        assert _series(Rule("monthly"), date(2028, 1, 31), 3)[1:] == [
            date(2028, 2, 29),
            date(2028, 3, 31),
        ]

    def test_yearly_on_february_29(self):
        days = _series(Rule("yearly"), date(2028, 2, 29), 5)
        assert days[1:] == [
            date(2029, 2, 28),
            date(2030, 2, 28),
            date(2031, 2, 28),
            date(2032, 2, 29),
        ]

    def test_weekdays_skip_the_weekend(self):
        friday = date(2026, 11, 27)
        days = _series(Rule("weekdays"), friday, 4)
        assert days == [
            friday,
            date(2026, 11, 30),
            date(2026, 12, 1),
            date(2026, 12, 2),
        ]
        assert all(day.weekday() < 5 for day in days)

    def test_every_two_weeks_from_the_due_date_not_the_completion_day(self):
        anchor = date(2026, 11, 2)  # a Monday
        # completed four days late, on Friday the 20th
        found = next_due(
            Rule("weekly", 2),
            anchor=anchor,
            current=date(2026, 11, 16),
            today=date(2026, 11, 20),
        )
        assert found == date(2026, 11, 30)
        assert found.weekday() == 0

    def test_completed_early_moves_one_step(self):
        found = next_due(
            Rule("daily", 3),
            anchor=date(2026, 11, 20),
            current=date(2026, 11, 26),
            today=date(2026, 11, 22),
        )
        assert found == date(2026, 11, 29)

    def test_missed_occurrences_do_not_pile_up(self):
        found = next_due(
            Rule("daily"),
            anchor=date(2026, 11, 1),
            current=date(2026, 11, 1),
            today=date(2026, 11, 10),
        )
        assert found == date(2026, 11, 10)
        found = next_due(
            Rule("monthly"),
            anchor=date(2026, 1, 31),
            current=date(2026, 1, 31),
            today=date(2026, 6, 5),
        )
        assert found == date(2026, 6, 30)

    def test_no_recurrence_and_the_end_of_time(self):
        assert (
            next_due(
                Rule(),
                anchor=date(2026, 1, 1),
                current=date(2026, 1, 1),
                today=date(2026, 1, 1),
            )
            is None
        )
        end = date(2999, 12, 31)
        assert next_due(Rule("daily"), anchor=end, current=end, today=end) is None


RULES = st.sampled_from(
    [Rule("daily", n) for n in (1, 2, 9)]
    + [Rule("weekly", n) for n in (1, 2, 3)]
    + [Rule("monthly", n) for n in (1, 2, 6)]
    + [Rule("yearly", 1), Rule("weekdays")]
)
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@given(rule=RULES, anchor=DAYS, steps=st.integers(0, 40), late=st.integers(-30, 400))
def test_the_next_day_is_on_the_schedule_after_the_due_day_and_not_past(
    rule, anchor, steps, late
):
    current = anchor
    for _ in range(steps % 5):
        current = next_due(rule, anchor=anchor, current=current, today=current)
    today = current + timedelta(days=late)
    found = next_due(rule, anchor=anchor, current=current, today=today)
    assert found > current and found >= today
    if rule.unit == "weekdays":
        assert found.weekday() < 5
        assert found - max(current, today - timedelta(days=1)) <= timedelta(days=3)
    elif rule.unit in ("daily", "weekly"):
        step = rule.interval * (7 if rule.unit == "weekly" else 1)
        assert (found - anchor).days % step == 0
    else:
        months = rule.interval * (12 if rule.unit == "yearly" else 1)
        assert (
            (found.year - anchor.year) * 12 + found.month - anchor.month
        ) % months == 0
        assert found.day == min(anchor.day, monthrange(found.year, found.month)[1])
