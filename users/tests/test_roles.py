"""Roles: users, support staff (read-only admin) and administrators."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from mysphere_core.models import AIUsageModel
from users.roles import ADMINISTRATORS, SUPPORT
from users.services import UserAdminService
from users.tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db
ADMIN_API = "/api/users/admin/"


@pytest.fixture
def admin(make_user):
    user = make_user("root")
    call_command("set_role", "root", "admin")
    return user


@pytest.fixture
def support(make_user):
    user = make_user("helper")
    UserAdminService.set_role(user=user, role="support")
    return user


def test_the_migration_creates_the_role_groups():
    support = Group.objects.get(name=SUPPORT)
    codenames = set(support.permissions.values_list("codename", flat=True))
    assert {"view_user", "view_aiusagemodel", "view_expensemodel"} <= codenames
    assert not any(c.startswith(("change_", "delete_", "add_")) for c in codenames)
    admins = Group.objects.get(name=ADMINISTRATORS)
    assert admins.permissions.filter(codename="delete_user").exists()


def test_a_plain_user_gets_403_everywhere_in_the_admin_api(auth_client, other_user):
    assert auth_client.get(ADMIN_API).status_code == 403
    assert auth_client.get(f"{ADMIN_API}stats/").status_code == 403
    resp = auth_client.post(f"{ADMIN_API}{other_user.pk}/deactivate/")
    assert resp.status_code == 403
    assert resp.json()["code"] == "permission_denied"


def test_an_admin_lists_searches_and_filters_accounts(admin, client_for, make_user):
    make_user("zoe", email="zoe@example.com")
    client = client_for(admin)
    body = client.get(ADMIN_API, {"search": "ZOE"}).json()
    assert [u["username"] for u in body["results"]] == ["zoe"]
    assert body["results"][0]["role"] == "user"
    assert client.get(ADMIN_API).json()["count"] == 2
    assert client.get(ADMIN_API, {"is_active": "false"}).json()["count"] == 0
    assert client.get(ADMIN_API, {"is_active": "perhaps"}).status_code == 400
    assert client.get(ADMIN_API, {"colour": "red"}).status_code == 400


def test_an_admin_deactivates_and_reactivates(admin, client_for, user, auth_client):
    client = client_for(admin)
    off = client.post(f"{ADMIN_API}{user.pk}/deactivate/")
    assert off.status_code == 200 and off.json()["is_active"] is False
    assert auth_client.get("/api/users/me/").status_code == 401
    on = client.post(f"{ADMIN_API}{user.pk}/reactivate/")
    assert on.json()["is_active"] is True
    self_off = client.post(f"{ADMIN_API}{admin.pk}/deactivate/")
    assert self_off.status_code == 400
    assert client.post(f"{ADMIN_API}999999/deactivate/").status_code == 404


def test_support_staff_may_read_but_not_change(support, client_for, user):
    client = client_for(support)
    assert client.get(ADMIN_API).status_code == 200
    assert client.post(f"{ADMIN_API}{user.pk}/deactivate/").status_code == 403


def test_platform_counts(admin, client_for, user, frozen):
    AIUsageModel.objects.create(
        user=user, feature="expenses", day="2026-11-22", calls=2
    )
    AIUsageModel.objects.create(
        user=admin, feature="expenses", day="2026-11-22", calls=1, kind="parse"
    )
    AIUsageModel.objects.create(user=user, feature="subscriptions", day="2026-11-21")
    body = client_for(admin).get(f"{ADMIN_API}stats/").json()
    assert body["users"] == 2 and body["active_users"] == 2
    assert body["day"] == "2026-11-22"
    assert body["ai_calls_today"] == [{"feature": "expenses", "calls": 3}]


def test_support_staff_see_the_django_admin_read_only(support, user):
    browser = Client()
    browser.force_login(support)
    assert browser.get("/admin/auth/user/").status_code == 200
    page = browser.get(f"/admin/auth/user/{user.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content  # no save button: view only
    change = browser.post(f"/admin/auth/user/{user.pk}/change/", {"username": "x"})
    assert change.status_code == 403
    assert browser.post(f"/admin/auth/user/{user.pk}/delete/").status_code == 403


def test_set_role_refuses_an_unknown_user():
    with pytest.raises(Exception, match="No user 'ghost'"):
        call_command("set_role", "ghost", "admin")


def test_the_admin_login_locks_out_repeated_failures(admin):
    browser = Client()
    url = "/admin/login/?next=/admin/"
    statuses = [
        browser.post(url, {"username": "root", "password": "nope"}).status_code
        for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]  # the form again, then locked
    locked = browser.post(url, {"username": "root", "password": DEFAULT_PASSWORD})
    assert locked.status_code == 429  # even the right password, for 15 minutes
    other = browser.post(url, {"username": "someone", "password": "nope"})
    assert other.status_code == 200  # per username and address
    elsewhere = Client(REMOTE_ADDR="10.1.2.3")
    ok = elsewhere.post(url, {"username": "root", "password": DEFAULT_PASSWORD})
    assert ok.status_code == 302


def test_an_account_without_a_profile_shows_the_default_currency(admin, client_for):
    from django.contrib.auth import get_user_model

    bare = get_user_model().objects.create_user("bare", "bare@example.com", "x")
    resp = client_for(admin).get(f"{ADMIN_API}{bare.pk}/")
    assert resp.status_code == 200
    assert resp.json()["currency"] == "USD"  # the schema says a string
    rows = client_for(admin).get(ADMIN_API).json()["results"]
    assert all(isinstance(row["currency"], str) for row in rows)


def test_an_invalid_page_is_a_documented_404(admin, client_for):
    from drf_spectacular.generators import SchemaGenerator

    resp = client_for(admin).get(ADMIN_API, {"page": 0})
    assert resp.status_code == 404
    assert resp.json()["code"] == "not_found"
    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert "404" in schema["paths"][ADMIN_API]["get"]["responses"]
