"""Export (JSON streamed, CSV zip) covers every feature's tables; erasing an account
leaves nothing of the user's and nothing of anybody else's is touched."""

import io
import json
import zipfile
from datetime import date, timedelta
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from budgets.tests.factories import (
    AllocationFactory,
    BudgetFactory,
    PreferenceFactory,
    plan_with,
)
from expenses.services import ExpenseService
from expenses.tests.factories import ExpenseFactory
from integrations.assistant.service import AssistantService
from integrations.models import CalendarTokenModel
from integrations.tests.factories import (
    DeliveryFactory,
    ImportFactory,
    NotificationFactory,
    WebhookFactory,
)
from lending.services import LendingService
from lending.tests.factories import LendingFactory, RepaymentFactory
from lists.services import ListService
from lists.tests.factories import ListFactory, ListItemFactory, ListShareFactory
from mysphere_core import events, userdata
from mysphere_core.features import all_features
from mysphere_core.models import AIUsageModel, IdempotencyKeyModel
from subscriptions.tests.factories import (
    AlertFactory,
    CategoryFactory,
    PaymentFactory,
    PriceChangeFactory,
    SubscriptionFactory,
    UsageFactory,
)
from todos.services import TodoService
from todos.tests.factories import TodoFactory
from users.models import RevokedSessionModel
from users.tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/integrations/export/"


def fill_jobs_rows(user):
    """The rows only the features' own jobs write: a budget alert (an expense past
    the threshold), a loan's reminder, a todo's reminder mark."""
    now = timezone.now()
    today = timezone.localdate()
    plan_with(user, month=today.strftime("%Y-%m"), allocations={"Groceries": "100"})
    ExpenseService.create(
        user=user,
        data={
            "amount": Decimal("95.00"),
            "category": "Groceries",
            "transaction_date": today,
        },
    )
    LendingFactory(user=user, due_date=today + timedelta(days=2))
    LendingService.send_reminders(now=now)
    TodoFactory(user=user, reminder_at=now - timedelta(minutes=1))
    TodoService.send_reminders(now=now)


def fill_other_features(user, stranger=None):
    """Budgets, lending, todos and lists rows of the user (a list shared with a
    stranger, and one of the stranger's shared with the user)."""
    fill_jobs_rows(user)
    AllocationFactory(budget=BudgetFactory(user=user))
    PreferenceFactory(user=user)
    RepaymentFactory(lending=LendingFactory(user=user))
    own = ListFactory(user=user)
    ListItemFactory(list=own, is_checked=True)
    ListService.complete_shopping(
        user=user, pk=own.pk, data={"total": Decimal("54.20"), "vendor": "Lidl"}
    )
    TodoFactory(user=user)
    stranger = stranger or UserFactory()
    ListShareFactory(list=own, user=stranger)
    ListShareFactory(list=ListFactory(user=stranger), user=user)


def fill(user, stranger=None):
    """A row of the user's in every table of every installed feature."""
    fill_other_features(user, stranger)
    ExpenseService.create(
        user=user, data={"amount": Decimal("9.50"), "vendor": "Starbucks"}
    )
    ExpenseFactory(user=user, is_active=False)
    ExpenseService.create_category(user=user, data={"name": "Housing"})
    IdempotencyKeyModel.objects.create(user=user, key="k", fingerprint="f" * 64)
    ExpenseService.rebuild_rollups(user=user)
    subscription = SubscriptionFactory(user=user, category=CategoryFactory(user=user))
    PaymentFactory(subscription=subscription)
    UsageFactory(subscription=subscription, usage_duration=timedelta(minutes=45))
    PriceChangeFactory(subscription=subscription)
    AlertFactory(user=user, subscription=subscription)
    NotificationFactory(user=user)
    DeliveryFactory(endpoint=WebhookFactory(user=user))
    ImportFactory(user=user)
    CalendarTokenModel.objects.create(user=user, token=f"token-{user.pk}")
    AIUsageModel.objects.create(
        user=user, feature="expenses", day=date(2026, 11, 22), calls=1
    )
    RevokedSessionModel.objects.create(user=user, sid=f"sid-{user.pk}")
    events.announce(
        "todo.overdue", user=user, todo_id=1, title="x", due_date="2026-11-21"
    )
    from integrations.models import NotificationDigestModel, NotificationPreferenceModel

    NotificationPreferenceModel.objects.create(
        user=user, kind="todo_overdue", channel="digest"
    )
    NotificationDigestModel.objects.create(user=user, day=date(2026, 11, 22))
    AssistantService.chat(user=user, message="hello")
    AssistantService.update_settings(user=user, data={"act_directly": False})


def _user_fields(model):
    """The model's foreign keys to the user model."""
    return [
        f
        for f in model._meta.get_fields()
        if f.is_relation
        and f.many_to_one | f.one_to_one
        and not f.auto_created
        and f.related_model is get_user_model()
    ]


def _feature_models():
    """(feature, model) for every concrete model of every installed feature app."""
    for config in all_features():
        for model in config.get_models():
            if not model._meta.abstract and model._meta.managed:
                yield config, model


def _exported(user):
    return {
        (feature, table): list(rows)
        for feature, table, rows in userdata.export_all(user)
    }


def test_every_feature_model_is_exported(user):
    fill(user)
    exported = _exported(user)
    tables = {table for _, table in exported}
    for config, model in _feature_models():
        assert hasattr(
            import_module(f"{config.name}.userdata"), "export_tables"
        ), f"{config.label} has tables but no userdata.export_tables"
        assert model._meta.db_table in tables, f"{model.__name__} is not exported"
        rows = exported[(config.feature, model._meta.db_table)]
        assert rows, f"{model.__name__}: no rows"
    # and every other table holding a user foreign key
    for model in apps.get_models():
        if _user_fields(model) and model._meta.app_label not in (
            "admin",
            "token_blacklist",
        ):
            assert model._meta.db_table in tables | {"auth_user"}, model.__name__
    assert ("users", "users") in exported


def test_soft_deleted_rows_are_exported(user):
    fill(user)
    expenses = _exported(user)[("expenses", "expenses")]
    # two of ours (one soft-deleted), the budget's, and the finished shop's expense
    assert sorted(row["is_active"] for row in expenses) == [False, True, True, True]


def test_json_export_is_one_streamed_document(auth_client, user, other_user):
    fill(user)
    fill(other_user)
    resp = auth_client.get(URL)
    assert resp.status_code == 200
    assert resp.streaming
    assert resp["Content-Type"] == "application/json"
    assert resp["Content-Disposition"].startswith(
        'attachment; filename="mysphere-export-'
    )
    document = json.loads(b"".join(resp.streaming_content))
    assert document["schema_version"] == 1
    assert document["user_id"] == user.pk
    features = document["features"]
    assert {"users", "expenses", "subscriptions", "integrations"} <= set(features)
    expenses = features["expenses"]["expenses"]
    assert {row["user_id"] for row in expenses} == {user.pk}
    assert "9.50" in {row["amount"] for row in expenses}
    [account] = features["users"]["users"]
    assert account["username"] == user.username
    assert "password" not in account
    [usage] = features["subscriptions"]["subscription_usage"]
    assert usage["usage_duration"] == "P0DT00H45M00S"
    [webhook] = features["integrations"]["integration_webhooks"]
    assert "secret" not in webhook


def test_csv_export_is_a_zip_of_one_csv_per_table(auth_client, user):
    fill(user)
    resp = auth_client.get(URL, {"format": "csv"})
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(resp.streaming_content)))
    names = set(archive.namelist())
    assert {
        "manifest.json",
        "expenses/expenses.csv",
        "subscriptions/subscription_payments.csv",
        "users/user_profiles.csv",
        "integrations/integration_notifications.csv",
    } <= names
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["schema_version"] == 1
    assert set(manifest["tables"]) == names - {"manifest.json"}
    header = archive.read("expenses/expenses.csv").decode().splitlines()[0]
    assert {"expense_id", "amount", "transaction_date", "vendor"} <= set(
        header.split(",")
    )


def test_export_format_is_checked(auth_client):
    resp = auth_client.get(URL, {"format": "xml"})
    assert resp.status_code == 400
    assert "xml" in resp.json()["format"][0]
    resp = auth_client.get(URL, {"colour": "red"})
    assert resp.status_code == 400
    assert "colour" in resp.json()


def _leftovers(pk):
    """(model, count) of rows in any table pointing at user `pk`."""
    found = []
    for model in apps.get_models():
        for fk in _user_fields(model):
            count = model._default_manager.filter(**{f"{fk.name}_id": pk}).count()
            if count:
                found.append((model.__name__, count))
    return found


def _snapshot():
    """{model: set of primary keys} of every table."""
    return {
        model: set(model._default_manager.values_list("pk", flat=True))
        for model in apps.get_models()
    }


def test_erase_leaves_nothing_of_the_user(user, other_user):
    stranger = UserFactory()
    fill(other_user)
    profile_pk = user.profile.pk
    kept = _snapshot()  # everything but the user's (save the account and profile)
    fill(user, stranger)
    pk = user.pk
    erased = userdata.erase_all(user)
    assert _leftovers(pk) == []
    assert not get_user_model().objects.filter(pk=pk).exists()
    assert erased["expenses"]["expenses"] == 4
    assert erased["subscriptions"]["subscription_payments"] == 1
    # the factory's delivery and the one of the announced todo.overdue
    assert erased["integrations"]["integration_webhook_deliveries"] == 2
    assert erased["users"]["auth_user"] == 1
    after = _snapshot()
    # nobody else's row went, and of the rows fill(user) made (children included,
    # in every table) only the stranger's own list shared with the user is left
    vanished = {
        model.__name__: pks - after[model]
        for model, pks in kept.items()
        if pks - after[model]
    }
    assert vanished == {"User": {pk}, "UserProfileModel": {profile_pk}}
    survivors = {
        model.__name__: pks - kept[model]
        for model, pks in after.items()
        if pks - kept[model]
    }
    assert list(survivors) == ["ListModel"]
    [survivor] = survivors["ListModel"]
    assert ListService.queryset_for(user=stranger).filter(pk=survivor).exists()


class TestEraseEndpoint:
    URL = "/api/users/me/"

    def test_erases_with_the_password(self, auth_client, user, other_user):
        fill(user)
        fill(other_user)
        pk = user.pk
        resp = auth_client.delete(
            f"{self.URL}?erase=true", {"password": DEFAULT_PASSWORD}, format="json"
        )
        assert resp.status_code == 204
        assert _leftovers(pk) == []
        assert auth_client.get(self.URL).status_code == 401
        assert ExpenseService.queryset_for(user=other_user).exists()

    def test_a_wrong_or_missing_password_erases_nothing(self, auth_client, user):
        fill(user)
        resp = auth_client.delete(
            f"{self.URL}?erase=true", {"password": "nope"}, format="json"
        )
        assert resp.status_code == 400
        assert resp.json() == {"password": ["The password is incorrect."]}
        resp = auth_client.delete(f"{self.URL}?erase=true", {}, format="json")
        assert resp.status_code == 400
        assert "GET /api/integrations/export/" in resp.json()["password"][0]
        assert ExpenseService.queryset_for(user=user).exists()

    def test_without_erase_it_only_deactivates(self, auth_client, user):
        fill(user)
        assert auth_client.delete(self.URL).status_code == 204
        user.refresh_from_db()
        assert user.is_active is False
        assert ExpenseFactory._meta.model.objects.filter(user=user).count() == 4

    def test_a_bad_erase_value_is_named(self, auth_client):
        resp = auth_client.delete(f"{self.URL}?erase=maybe")
        assert resp.status_code == 400
        assert "erase" in resp.json()


def test_settings_default_refuse_private_webhooks():
    assert settings.WEBHOOK_ALLOW_PRIVATE is False


def test_the_csv_export_runs_no_formula(auth_client, user):
    import csv

    auth_client.post("/api/todos/", {"title": "=1+1"}, format="json")
    auth_client.post(
        "/api/expenses/",
        {"amount": "4.00", "vendor": "@SUM(A1)", "transaction_date": "2026-11-20"},
        format="json",
    )
    resp = auth_client.get(URL, {"format": "csv"})
    archive = zipfile.ZipFile(io.BytesIO(b"".join(resp.streaming_content)))
    todos = list(csv.DictReader(io.StringIO(archive.read("todos/todos.csv").decode())))
    assert [row["title"] for row in todos] == ["'=1+1"]
    text = archive.read("expenses/expenses.csv").decode()
    [expense] = list(csv.DictReader(io.StringIO(text)))
    assert (expense["vendor"], expense["amount"]) == ("'@SUM(A1)", "4.00")
