"""Polling a shared list: an ETag per version of the list and of its items, and 304
Not Modified while nothing changed (nothing rendered)."""

import pytest

pytestmark = pytest.mark.django_db


def _items(client, crew, etag: str | None = None):
    headers = {"HTTP_IF_NONE_MATCH": etag} if etag else {}
    return client.get(
        f"/api/lists/{crew.shopping_list.pk}/items/?page_size=500", **headers
    )


def _detail(client, crew, etag: str | None = None):
    headers = {"HTTP_IF_NONE_MATCH": etag} if etag else {}
    return client.get(f"/api/lists/{crew.shopping_list.pk}/", **headers)


def test_items_unchanged_are_a_304_with_no_body(crew, client_for):
    owner = client_for(crew.owner)
    first = _items(owner, crew)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('W/"')
    assert first["Cache-Control"] == "private, no-cache"
    again = _items(owner, crew, etag)
    assert (again.status_code, again.content, again["ETag"]) == (304, b"", etag)


def test_a_tick_by_another_member_changes_the_etag(crew, client_for):
    owner, editor = client_for(crew.owner), client_for(crew.editor)
    etag = _items(owner, crew)["ETag"]
    url = f"/api/lists/{crew.shopping_list.pk}/items/{crew.milk.pk}/"
    assert editor.patch(url, {"is_checked": True}, format="json").status_code == 200
    fresh = _items(owner, crew, etag)
    assert fresh.status_code == 200
    assert fresh["ETag"] != etag
    milk = next(i for i in fresh.json()["results"] if i["name"] == "milk")
    assert milk["is_checked"] is True
    assert _items(owner, crew, fresh["ETag"]).status_code == 304


@pytest.mark.parametrize(
    "write",
    [
        ("post", "items/reorder/", lambda c: {"item_ids": [c.eggs.pk, c.milk.pk]}),
        ("post", "clear_checked/", lambda c: {}),
        ("post", "add_items/", lambda c: {"text": "rice"}),
        ("delete", "items/{milk}/", lambda c: None),
    ],
)
def test_every_kind_of_item_write_changes_the_etag(crew, client_for, write):
    method, path, body = write
    owner, editor = client_for(crew.owner), client_for(crew.editor)
    etag = _items(owner, crew)["ETag"]
    url = f"/api/lists/{crew.shopping_list.pk}/{path.format(milk=crew.milk.pk)}"
    resp = getattr(editor, method)(url, body(crew), format="json")
    assert resp.status_code < 300, resp.content
    assert _items(owner, crew, etag).status_code == 200


def test_the_list_detail_changes_with_its_counts_and_shares(crew, client_for):
    owner, editor = client_for(crew.owner), client_for(crew.editor)
    etag = _detail(owner, crew)["ETag"]
    assert _detail(owner, crew, etag).status_code == 304
    url = f"/api/lists/{crew.shopping_list.pk}/items/{crew.eggs.pk}/"
    editor.patch(url, {"is_checked": True}, format="json")
    ticked = _detail(owner, crew, etag)
    assert (ticked.status_code, ticked.json()["checked_count"]) == (200, 2)
    unshare = {"user": crew.viewer.username}
    owner.post(f"/api/lists/{crew.shopping_list.pk}/unshare/", unshare, format="json")
    assert _detail(owner, crew, ticked["ETag"]).status_code == 200


def test_each_member_has_their_own_etag_and_strangers_still_get_404(crew, client_for):
    etag = _detail(client_for(crew.owner), crew)["ETag"]
    editor = _detail(client_for(crew.editor), crew, etag)
    assert editor.status_code == 200
    assert editor["ETag"] != etag
    assert _detail(client_for(crew.stranger), crew, etag).status_code == 404
    assert _items(client_for(crew.stranger), crew, etag).status_code == 404
