"""The admin a member of staff opens: every table of the project is there under a
readable name, and every list page and a row's page answer with the demo data in."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.db import models
from django.urls import reverse

PROJECT_APPS = {
    "mysphere_core",
    "users",
    "expenses",
    "budgets",
    "subscriptions",
    "todos",
    "lists",
    "lending",
    "integrations",
}


def project_models() -> list[type[models.Model]]:
    """Every concrete model of the project's own apps."""
    return [m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS]


@pytest.mark.parametrize("model", project_models(), ids=lambda m: m._meta.label)
def test_every_model_is_in_the_admin_under_a_readable_name(model) -> None:
    """Registered, and named as a person says it ("expense", not "expense model")."""
    assert model in admin.site._registry
    assert not model._meta.verbose_name.lower().endswith("model")
    assert not model._meta.verbose_name_plural.lower().endswith("models")


@pytest.fixture
def superuser_client(client, make_user, frozen):
    """A superuser's admin session, with the demo users' data in the tables."""
    call_command("seed_demo", verbosity=0)
    root = make_user("root")
    root.is_staff = root.is_superuser = True
    root.save()
    client.force_login(root)
    return client


def test_every_list_page_and_a_row_answer_for_a_superuser(superuser_client) -> None:
    """Each changelist is 200 (with its filters and columns over real rows), so is
    the first row's page."""
    for model in project_models():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        listing = superuser_client.get(reverse(f"{prefix}_changelist"))
        assert listing.status_code == 200, model._meta.label
        row = model._default_manager.first()
        if row is not None:
            page = reverse(f"{prefix}_change", args=[row.pk])
            assert superuser_client.get(page).status_code == 200, model._meta.label


def test_the_overdue_filters_split_the_rows(superuser_client) -> None:
    """Todos and lending records filter by overdue: the demo has some, and "yes"
    and "no" together are every row."""
    for path in ("/admin/todos/todomodel/", "/admin/lending/lendingmodel/"):
        counts = {}
        for value in ("yes", "no", None):
            query = {"overdue": value} if value else {}
            response = superuser_client.get(path, query)
            assert response.status_code == 200, (path, value)
            counts[value] = response.context["cl"].result_count
        assert counts["yes"] > 0, path
        assert counts["yes"] + counts["no"] == counts[None], path


def test_the_list_page_counts_items_and_shares(superuser_client) -> None:
    """The lists page shows each list's live items and shares."""
    response = superuser_client.get("/admin/lists/listmodel/")
    assert response.status_code == 200
    assert b"shared with" in response.content.lower()
