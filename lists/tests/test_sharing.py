"""Sharing: by username or email, one answer for oneself and for nobody, re-sharing
changes the permission, unsharing hides the list again; events."""

import pytest

from lists.models import ListShareModel
from lists.sharing import NO_SUCH_PERSON
from lists.tests.factories import ListFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(user):
    return ListFactory(user=user, name="Camping")


def _share(client, shopping_list, **body):
    return client.post(f"/api/lists/{shopping_list.pk}/share/", body, format="json")


def test_share_by_email_then_the_other_user_sees_it(
    auth_client, other_user, other_client, mine, announced
):
    resp = _share(auth_client, mine, username="BOB@example.com", permission="edit")
    assert resp.status_code == 200, resp.content
    [share] = resp.json()["shares"]
    assert (share["email"], share["permission"]) == ("bob@example.com", "edit")
    assert share["user_id"] is share["username"] is None  # names no account
    rows = other_client.get("/api/lists/").json()["results"]
    assert [(r["name"], r["role"], r["owner"]) for r in rows] == [
        ("Camping", "edit", "alice")
    ]
    assert [(e.name, e.payload) for e in announced] == [
        (
            "list.shared",
            {
                "list_id": mine.pk,
                "name": "Camping",
                "shared_with_id": None,
                "invited_email": "bob@example.com",
                "permission": "edit",
            },
        )
    ]


def test_sharing_by_email_answers_the_same_whether_an_account_has_it(
    auth_client, other_user, mine
):
    known = _share(auth_client, mine, username="bob@example.com").json()["shares"]
    unknown = _share(auth_client, mine, username="nobody@example.com").json()["shares"]
    assert [sorted(s) for s in unknown] == [sorted(s) for s in known[:1]] * 2
    shown = [(s["user_id"], s["username"], s["email"]) for s in unknown]
    assert shown == [
        (None, None, "bob@example.com"),
        (None, None, "nobody@example.com"),
    ]


def test_an_invitation_waits_for_the_account(auth_client, mine, make_user, client_for):
    _share(auth_client, mine, username="Carol@Example.com", permission="edit")
    carol = make_user("carol", email="carol@example.com")
    rows = client_for(carol).get("/api/lists/").json()["results"]
    assert [(r["name"], r["role"]) for r in rows] == [("Camping", "edit")]
    left = client_for(carol).post(
        f"/api/lists/{mine.pk}/unshare/", {"username": "carol"}, format="json"
    )
    assert left.status_code == 200
    assert client_for(carol).get("/api/lists/").json()["results"] == []


@pytest.mark.parametrize("login", ["alice", "alice@example.com", "nobody"])
def test_oneself_and_unknown_users_get_one_answer(auth_client, mine, login):
    resp = _share(auth_client, mine, username=login)
    assert resp.status_code == 400
    assert resp.json() == {"username": [NO_SUCH_PERSON]}
    assert not ListShareModel.objects.exists()


def test_a_deactivated_account_is_unknown(auth_client, other_user, mine):
    other_user.is_active = False
    other_user.save()
    assert _share(auth_client, mine, username="bob").json() == {
        "username": [NO_SUCH_PERSON]
    }


def test_bad_permission_is_a_400(auth_client, other_user, mine):
    resp = _share(auth_client, mine, username="bob", permission="admin")
    assert resp.status_code == 400 and "permission" in resp.json()


def test_sharing_again_changes_the_permission_in_one_row(
    auth_client, other_user, other_client, mine
):
    _share(auth_client, mine, username="bob", permission="view")
    _share(auth_client, mine, username="bob", permission="edit")
    share = ListShareModel.objects.get()
    assert share.permission == "edit"
    resp = other_client.post(
        f"/api/lists/{mine.pk}/items/", {"name": "tent"}, format="json"
    )
    assert resp.status_code == 201


def test_unshare_then_reshare(auth_client, other_user, other_client, mine, announced):
    _share(auth_client, mine, username="bob")
    url = f"/api/lists/{mine.pk}/unshare/"
    resp = auth_client.post(url, {"username": "bob"}, format="json")
    assert resp.status_code == 200
    assert resp.json()["list"]["shares"] == []
    assert other_client.get(f"/api/lists/{mine.pk}/").status_code == 404
    again = auth_client.post(url, {"username": "bob"}, format="json")
    assert again.json() == {"username": ["This list is not shared with that user."]}
    _share(auth_client, mine, username="bob")
    assert ListShareModel.objects.get().is_active is True
    assert [e.name for e in announced] == [
        "list.shared",
        "list.unshared",
        "list.shared",
    ]
    assert announced[1].payload == {"list_id": mine.pk, "shared_with_id": other_user.pk}


def test_only_the_owner_renames_deletes_or_shares(
    auth_client, other_user, other_client, mine
):
    _share(auth_client, mine, username="bob", permission="edit")
    detail = f"/api/lists/{mine.pk}/"
    for resp in (
        other_client.patch(detail, {"name": "Mine now"}, format="json"),
        other_client.delete(detail),
        _share(other_client, mine, username="alice"),
    ):
        assert resp.status_code == 403
        assert resp.json() == {
            "detail": "Only the list's owner can do this.",
            "code": "owner_only",
        }
    mine.refresh_from_db()
    assert mine.name == "Camping" and mine.is_active


def test_a_deleted_list_disappears_for_everyone(
    auth_client, other_user, other_client, mine
):
    _share(auth_client, mine, username="bob")
    assert auth_client.delete(f"/api/lists/{mine.pk}/").status_code == 204
    assert other_client.get("/api/lists/").json()["count"] == 0


def test_the_old_field_name_user_still_shares_for_one_release(
    auth_client, other_user, mine
):
    resp = _share(auth_client, mine, user="bob", permission="edit")
    assert [s["username"] for s in resp.json()["shares"]] == ["bob"]
    both = _share(auth_client, mine, user="bob", username="bob")
    assert both.status_code == 400
    assert both.json() == {"user": ["Send `username` only (`user` is its old name)."]}
