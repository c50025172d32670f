"""The JSON export restored into a new account gives it the same data in every
feature; a second restore is refused (409) and doubles nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from expenses.models import ExpenseModel
from integrations import restoring
from integrations.tests.test_export_erase import fill
from lists.models import ListItemModel, ListShopModel
from mysphere_core import userdata
from subscriptions.models import SubscriptionPaymentModel

pytestmark = pytest.mark.django_db
EXPORT = "/api/integrations/export/"
URL = "/api/integrations/restore/"


def _document(client) -> bytes:
    resp = client.get(EXPORT)
    assert resp.status_code == 200
    return b"".join(resp.streaming_content)


def _restore(client, data: bytes):
    upload = SimpleUploadedFile("export.json", data, content_type="application/json")
    return client.post(URL, {"file": upload}, format="multipart")


def _comparable(user) -> dict[str, list]:
    """Each restored table's rows without ids, owners and timestamps of the
    restore, in a stable order."""
    tables = {}
    for _, table, rows in userdata.export_all(user):
        if table in restoring.LEFT_OUT:
            continue
        kept = []
        for row in rows:
            kept.append(
                json.dumps(
                    {k: v for k, v in row.items() if not _is_key(table, k)},
                    sort_keys=True,
                )
            )
        tables[table] = sorted(kept)
    return tables


def _is_key(table: str, column: str) -> bool:
    """Ids (their own, foreign, or held as references) change in a restore."""
    references = restoring.REFERENCES.get(table, {})
    return column.endswith("_id") or column in references or column in ("id",)


def test_an_export_restores_into_a_new_account(
    frozen, auth_client, user, make_user, client_for
):
    fill(user)
    document = _document(auth_client)
    newcomer = make_user()
    client = client_for(newcomer)
    resp = _restore(client, document)
    assert resp.status_code == 201, resp.json()
    body = resp.json()
    assert body["restored"] == sum(body["tables"].values()) > 20
    before, after = _comparable(user), _comparable(newcomer)
    for table, rows in before.items():
        if table == "list_shares":  # the share with another person stays behind
            continue
        assert after[table] == rows, table
    assert all(before[t] for t in before if t != "list_shares"), before
    payment = SubscriptionPaymentModel.objects.get(subscription__user=newcomer)
    shop = ListShopModel.objects.get(list__user=newcomer)
    for expense_id in (payment.expense_id, shop.expense_id):
        assert (
            expense_id is None
            or ExpenseModel.objects.get(pk=expense_id).user == newcomer
        )
    assert shop.expense_id is not None
    assert set(shop.cleared_item_ids) <= set(
        ListItemModel.objects.filter(list__user=newcomer).values_list("pk", flat=True)
    )
    again = _restore(client, document)
    assert again.status_code == 409, again.json()
    assert _comparable(newcomer) == after


def test_only_an_export_restores(auth_client):
    for data in (b"", b"[1]", b'{"schema_version": 9, "features": {}}', b"\xff"):
        resp = _restore(auth_client, data)
        assert resp.status_code == 400, resp.json()
        assert list(resp.json()) == ["file"]
    bad = {"schema_version": 1, "user_id": 1, "features": {"expenses": {"expenses": 1}}}
    assert _restore(auth_client, json.dumps(bad).encode()).status_code == 400


def test_a_row_that_does_not_fit_restores_nothing(
    frozen, auth_client, user, make_user, client_for
):
    fill(user)
    document = json.loads(_document(auth_client))
    document["features"]["todos"]["todos"][0]["due_date"] = "not a date"
    newcomer = make_user()
    resp = _restore(client_for(newcomer), json.dumps(document).encode())
    assert resp.status_code == 400, resp.json()
    assert "nothing was restored" in resp.json()["file"][0]
    assert not ExpenseModel.objects.filter(user=newcomer).exists()
    assert not restoring.has_data(newcomer)
