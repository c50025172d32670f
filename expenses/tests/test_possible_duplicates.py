"""The same sentence sent twice to parse_text within a few minutes comes back as a
possible duplicate of the first expense and is not saved unless confirmed."""

import datetime

import pytest
from django.db.models.signals import post_init

from expenses.models import ExpenseModel

pytestmark = pytest.mark.django_db
URL = "/api/expenses/parse_text/"
BODY = {"text": "Lunch at Subway 9.50", "dry_run": False}


def test_the_same_text_twice_is_a_possible_duplicate(frozen, auth_client, user):
    first = auth_client.post(URL, BODY, format="json")
    assert first.status_code == 201 and first.json()["possible_duplicate"] is None
    again = auth_client.post(URL, BODY, format="json")
    assert again.status_code == 200, again.json()
    body = again.json()
    assert body["expense"] is None
    match = body["possible_duplicate"]
    assert match["kind"] == "expense"
    assert match["id"] == str(first.json()["expense"]["expense_id"])
    assert (match["amount"], match["currency"]) == ("9.50", "USD")
    assert ExpenseModel.objects.filter(user=user).count() == 1
    confirmed = auth_client.post(
        URL, BODY | {"confirm_duplicates": True}, format="json"
    )
    assert confirmed.status_code == 201
    assert confirmed.json()["possible_duplicate"] is None
    assert ExpenseModel.objects.filter(user=user).count() == 2


def test_later_or_different_is_no_duplicate(frozen, auth_client, user):
    auth_client.post(URL, BODY, format="json")
    other = auth_client.post(URL, BODY | {"text": "Lunch at Subway 11"}, format="json")
    assert other.status_code == 201
    frozen.shift(datetime.timedelta(minutes=11))
    later = auth_client.post(URL, BODY, format="json")
    assert later.status_code == 201 and later.json()["possible_duplicate"] is None
    assert ExpenseModel.objects.filter(user=user).count() == 3


def test_dry_run_shows_the_match(frozen, auth_client):
    auth_client.post(URL, BODY, format="json")
    dry = auth_client.post(URL, BODY | {"dry_run": True}, format="json").json()
    assert dry["possible_duplicate"]["kind"] == "expense"


def test_an_import_just_before_is_not_read_whole(frozen, auth_client, user):
    day = datetime.date(2026, 11, 20)
    ExpenseModel.objects.bulk_create(
        ExpenseModel(user=user, amount=f"{n}.25", currency="USD", vendor="Shop",
                     transaction_date=day)
        for n in range(1, 201)
    )  # fmt: skip
    loaded = []
    post_init.connect(lambda sender, **kw: loaded.append(1), ExpenseModel, weak=False)
    try:
        dry = auth_client.post(URL, BODY | {"dry_run": True}, format="json").json()
    finally:
        post_init.disconnect(sender=ExpenseModel)
    assert dry["possible_duplicate"] is None
    assert len(loaded) < 200
