"""The iCal feed: a secret URL, every kind of item, parsed back with icalendar."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from integrations import calendar_feed
from mysphere_core.calendar import CalendarEntry
from subscriptions.tests.factories import SubscriptionFactory

pytestmark = pytest.mark.django_db
URL = "/api/integrations/calendar/"


def _feed_url(client):
    return client.get(URL).json()["url"]


def _events(content):
    calendar = Calendar.from_ical(content)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def subscriptions(user):
    netflix = SubscriptionFactory(
        user=user,
        name="Netflix",
        amount=Decimal("15.49"),
        start_date=date(2026, 1, 31),
        reminder_days=3,
    )
    trial = SubscriptionFactory(
        user=user,
        name="Duolingo",
        billing_cycle="yearly",
        start_date=date(2026, 11, 10),
        is_trial=True,
        trial_end_date=date(2026, 11, 30),
        reminder_days=2,
    )
    SubscriptionFactory(user=user, name="Paused", status="paused")
    return netflix, trial


def test_the_url_needs_a_jwt_and_the_feed_does_not(
    auth_client, api_client, subscriptions
):
    url = _feed_url(auth_client)
    assert url.startswith("http://testserver/api/integrations/calendar/")
    assert url.endswith(".ics")
    resp = api_client.get(url)
    assert resp.status_code == 200
    assert resp["Content-Type"] == "text/calendar; charset=utf-8"
    assert resp["ETag"]
    assert _feed_url(auth_client) == url  # stable until regenerated


def test_feed_holds_every_kind_of_item(auth_client, api_client, user, subscriptions):
    """Every feature's real rows in one feed: renewals, trial ends, timed, all-day
    and recurring todos, loans."""
    from datetime import time

    from lending.tests.factories import LendingFactory
    from todos.tests.factories import TodoFactory

    user.profile.timezone = "Europe/Paris"
    user.profile.save()
    netflix, trial = subscriptions
    timed = TodoFactory(
        user=user, title="Dentist", due_date=date(2026, 11, 24), due_time=time(9, 30)
    )
    all_day = TodoFactory(user=user, title="Pay rent", due_date=date(2026, 11, 28))
    weekly = TodoFactory(
        user=user, title="Bins out", due_date=date(2026, 11, 23), recurrence="weekly"
    )
    TodoFactory(user=user, title="Someday")  # no due date: not on the calendar
    loan = LendingFactory(user=user, due_date=date(2026, 12, 1))
    content = api_client.get(_feed_url(auth_client)).content
    calendar = Calendar.from_ical(content)
    assert str(calendar["VERSION"]) == "2.0"
    events = _events(content)
    assert set(events) == {
        f"subscription-{netflix.pk}-renewal@mysphere",
        f"subscription-{trial.pk}-renewal@mysphere",
        f"subscription-{trial.pk}-trial@mysphere",
        f"todo-{timed.pk}@mysphere",
        f"todo-{all_day.pk}@mysphere",
        f"todo-{weekly.pk}@mysphere",
        f"lending-{loan.pk}@mysphere",
    }
    renewal = events[f"subscription-{netflix.pk}-renewal@mysphere"]
    assert str(renewal["SUMMARY"]) == "Netflix renews: 15.49 USD"
    assert renewal.decoded("DTSTART") == date(2026, 2, 28)
    [alarm] = renewal.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(days=-3)
    trial_end = events[f"subscription-{trial.pk}-trial@mysphere"]
    assert trial_end.decoded("DTSTART") == date(2026, 11, 30)
    assert trial_end.walk("VALARM")[0].decoded("TRIGGER") == timedelta(days=-2)
    start = events[f"todo-{timed.pk}@mysphere"].decoded("DTSTART")
    assert start == datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))
    rent = events[f"todo-{all_day.pk}@mysphere"]
    assert rent.decoded("DTSTART") == date(2026, 11, 28)
    assert "RRULE" not in rent
    recurring = events[f"todo-{weekly.pk}@mysphere"]
    assert recurring.decoded("DTSTART") == date(2026, 11, 23)
    assert recurring["RRULE"]["FREQ"] == ["WEEKLY"]
    owed = events[f"lending-{loan.pk}@mysphere"]
    assert owed.decoded("DTSTART") == date(2026, 12, 1)
    assert [str(c) for c in owed["CATEGORIES"].cats] == ["lending"]
    assert calendar.walk("VTIMEZONE")  # the timed todo's zone is described


def test_month_end_renewals_follow_billing(subscriptions):
    netflix, _ = subscriptions
    from subscriptions.userdata import renewal_rule

    rule = renewal_rule(netflix)
    assert rule == {"FREQ": "MONTHLY", "BYMONTHDAY": [28, 29, 30, 31], "BYSETPOS": -1}
    feed = calendar_feed.render(
        [
            (
                "subscriptions",
                CalendarEntry(
                    uid="x", summary="x", start=date(2026, 2, 28), rrule=rule
                ),
            )
        ],
        name="t",
    )
    event = Calendar.from_ical(feed).walk("VEVENT")[0]
    text = event["RRULE"].to_ical().decode()
    dates = list(rrulestr(text, dtstart=datetime(2026, 2, 28)))[:4]
    assert [d.date() for d in dates] == [
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
    ]


def test_no_renewal_rule_without_auto_renewal(user):
    from subscriptions.userdata import renewal_rule

    assert renewal_rule(SubscriptionFactory(user=user, auto_renewal=False)) is None
    weekly = SubscriptionFactory(
        user=user, billing_cycle="quarterly", end_date=date(2027, 6, 1)
    )
    assert renewal_rule(weekly) == {
        "FREQ": "MONTHLY",
        "INTERVAL": 3,
        "UNTIL": date(2027, 6, 1),
    }


def test_etag_answers_304(auth_client, api_client, subscriptions):
    url = _feed_url(auth_client)
    first = api_client.get(url)
    etag = first["ETag"]
    again = api_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    subscriptions[0].name = "Netflix Premium"
    subscriptions[0].save()
    changed = api_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_regenerate_revokes_the_old_url(auth_client, api_client, subscriptions):
    old = _feed_url(auth_client)
    resp = auth_client.post(f"{URL}regenerate/")
    assert resp.status_code == 200
    new = resp.json()["url"]
    assert new != old
    assert api_client.get(old).status_code == 404
    assert api_client.get(new).status_code == 200


def test_unknown_token_is_a_json_404(api_client):
    resp = api_client.get(f"{URL}not-a-token.ics")
    assert resp.status_code == 404
    assert resp.json()["code"] == "not_found"


def test_an_empty_calendar_is_valid(auth_client, api_client):
    calendar = Calendar.from_ical(api_client.get(_feed_url(auth_client)).content)
    assert calendar.walk("VEVENT") == []
    assert str(calendar["PRODID"]) == calendar_feed.PRODID


def test_a_deactivated_users_feed_is_gone(auth_client, api_client, user):
    url = _feed_url(auth_client)
    user.is_active = False
    user.save()
    assert api_client.get(url).status_code == 404


def test_real_loans_are_on_the_feed(auth_client, api_client, user):
    from lending.tests.factories import LendingFactory

    loan = LendingFactory(user=user, due_date=date(2026, 12, 5))
    events = _events(api_client.get(_feed_url(auth_client)).content)
    entry = events[f"lending-{loan.pk}@mysphere"]
    assert entry.decoded("DTSTART") == date(2026, 12, 5)
    assert str(entry["SUMMARY"]).startswith("Sam owes you")
    assert [str(c) for c in entry["CATEGORIES"].cats] == ["lending"]
    assert entry.walk("VALARM")


def test_real_todos_are_on_the_feed(api_client, make_user, client_for):
    from datetime import time

    from todos.tests.factories import TodoFactory

    paris = make_user("pierre", profile={"timezone": "Europe/Paris"})
    timed = TodoFactory(
        user=paris, title="Dentist", due_date=date(2026, 11, 24), due_time=time(9, 30)
    )
    weekly = TodoFactory(
        user=paris, title="Bins out", due_date=date(2026, 11, 23), recurrence="weekly"
    )
    client = client_for(paris)
    events = _events(api_client.get(_feed_url(client)).content)
    start = events[f"todo-{timed.pk}@mysphere"].decoded("DTSTART")
    assert start == datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))
    recurring = events[f"todo-{weekly.pk}@mysphere"]
    assert recurring.decoded("DTSTART") == date(2026, 11, 23)
    assert recurring["RRULE"]["FREQ"] == ["WEEKLY"]


@pytest.mark.parametrize(
    "anchor, recurrence, interval",
    [
        (date(2027, 1, 31), "monthly", 1),
        (date(2027, 1, 30), "monthly", 1),
        (date(2027, 1, 29), "monthly", 1),
        (date(2027, 1, 31), "monthly", 2),
        (date(2027, 1, 4), "weekly", 1),
        (date(2028, 2, 29), "yearly", 1),
    ],
)
def test_the_feeds_rule_gives_the_apps_next_dates(
    frozen, api_client, user, client_for, anchor, recurrence, interval
):
    """One engine: the RRULE on the feed, expanded by dateutil as a calendar app
    does, gives the dates completing the task makes, over 24 months."""
    from todos.models import TodoModel
    from todos.services import TodoService
    from todos.tests.factories import TodoFactory

    todo = TodoFactory(
        user=user,
        title="Pay rent",
        due_date=anchor,
        recurrence=recurrence,
        recurrence_interval=interval,
    )
    todo.recurrence_anchor = anchor
    todo.save()
    events = _events(api_client.get(_feed_url(client_for(user))).content)
    event = events[f"todo-{todo.pk}@mysphere"]
    text = event["RRULE"].to_ical().decode()
    horizon = date(anchor.year + 2 + (recurrence == "yearly") * 6, anchor.month, 1)
    start = datetime.combine(event.decoded("DTSTART"), datetime.min.time())
    feed = [d.date() for d in rrulestr(text, dtstart=start) if d.date() < horizon]

    app, current = [anchor], todo
    while True:
        frozen.move_to(datetime.combine(current.due_date, datetime.min.time()))
        TodoService.complete(user=user, pk=current.pk)
        current = TodoModel.objects.get(previous_instance=current)
        if current.due_date >= horizon:
            break
        app.append(current.due_date)
    assert feed == app
    assert len(app) >= 6
