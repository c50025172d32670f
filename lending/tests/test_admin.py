"""The lending admin: lists, filters and search, read-only."""

from decimal import Decimal

import pytest

from lending.models import LendingReminderModel
from lending.tests.factories import LendingFactory, RepaymentFactory

pytestmark = pytest.mark.django_db

BASE = "/admin/lending/"


@pytest.fixture
def record(user):
    record = LendingFactory(user=user, counterparty_name="Sam Lee")
    RepaymentFactory(lending=record, amount=Decimal("12.50"), note="cash at lunch")
    LendingReminderModel.objects.create(
        lending=record, kind="overdue", due_date=record.lent_date
    )
    LendingFactory(user=user, counterparty_name="Alex", status="forgiven")
    return record


@pytest.mark.parametrize(
    "url, shown",
    [
        ("lendingmodel/", "Sam Lee"),
        ("lendingmodel/?status__exact=forgiven", "Alex"),
        ("lendingmodel/?q=sam", "Sam Lee"),
        ("repaymentmodel/", "12.50"),
        ("lendingremindermodel/", "overdue"),
    ],
)
def test_lists_filters_and_search(admin_client, record, url, shown):
    resp = admin_client.get(f"{BASE}{url}")
    assert resp.status_code == 200
    assert shown in resp.content.decode()


def test_a_record_shows_its_repayments_and_cannot_be_changed(admin_client, record):
    resp = admin_client.get(f"{BASE}lendingmodel/{record.pk}/change/")
    assert resp.status_code == 200
    assert "cash at lunch" in resp.content.decode()
    assert admin_client.get(f"{BASE}lendingmodel/add/").status_code == 403
    posted = admin_client.post(
        f"{BASE}lendingmodel/{record.pk}/change/", {"amount": "1"}
    )
    assert posted.status_code == 403
    record.refresh_from_db()
    assert record.amount == Decimal("50.00")
