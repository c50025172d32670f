"""Races on PostgreSQL: concurrent reorders keep positions unique, concurrent adds
stop at 500 items, a double-submitted shop records one expense and a double-submitted
undo takes it back once."""

import threading
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection, connections

from expenses.services import ExpenseService
from lists.models import ListItemModel
from lists.services import ListService
from lists.tests.factories import ListFactory, ListShareFactory
from users.tests.factories import UserFactory

NOT_POSTGRES = "needs PostgreSQL: SQLite runs one writer at a time, no race to test"
pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason=NOT_POSTGRES),
    pytest.mark.django_db(transaction=True),
]


def _race(calls: list[Callable[[], object]]) -> tuple[list, list[BaseException]]:
    """Run the calls at once, each in its own thread and connection."""
    start = threading.Barrier(len(calls))
    results: list = []
    errors: list[BaseException] = []

    def run(call: Callable[[], object]) -> None:
        try:
            start.wait()
            results.append(call())
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def _list_with_items(count: int):
    owner, editor = UserFactory(), UserFactory()
    shopping_list = ListFactory(user=owner)
    ListShareFactory(list=shopping_list, user=editor, permission="edit")
    ListItemModel.objects.bulk_create(
        ListItemModel(list=shopping_list, name=f"thing {n}", position=n)
        for n in range(count)
    )
    ids = list(
        ListItemModel.objects.filter(list=shopping_list)
        .order_by("position")
        .values_list("pk", flat=True)
    )
    return owner, editor, shopping_list, ids


def test_concurrent_reorders_keep_positions_unique():
    owner, editor, shopping_list, ids = _list_with_items(30)
    orders = [ids[::-1], ids[10:] + ids[:10], ids[5:15], ids[::2]] * 2
    users = [owner, editor] * 4
    calls = [
        (lambda u=u, o=o: ListService.reorder(user=u, pk=shopping_list.pk, item_ids=o))
        for u, o in zip(users, orders, strict=True)
    ]
    results, errors = _race(calls)
    assert errors == [] and len(results) == 8
    positions = list(
        ListItemModel.objects.filter(list=shopping_list).values_list(
            "position", flat=True
        )
    )
    assert sorted(positions) == list(range(30))
    final = list(
        ListItemModel.objects.filter(list=shopping_list)
        .order_by("position")
        .values_list("pk", flat=True)
    )
    assert final in results  # the last reorder to commit decided the order


def test_concurrent_adds_stop_at_500_items():
    owner, editor, shopping_list, _ = _list_with_items(495)
    calls = [
        (
            lambda u=u, k=k: ListService.add_items(
                user=u, pk=shopping_list.pk, text=f"alpha{k}, beta{k}, gamma{k}"
            )
        )
        for k, u in enumerate((owner, editor, owner, editor))
    ]
    results, errors = _race(calls)
    assert len(results) == 1 and len(errors) == 3
    live = ListItemModel.objects.filter(list=shopping_list, is_active=True)
    assert live.count() == 498


def test_concurrent_adds_of_one_item_merge_exactly():
    owner, editor, shopping_list, _ = _list_with_items(0)
    calls = [
        (lambda u=u: ListService.add_items(user=u, pk=shopping_list.pk, text="2 milk"))
        for u in (owner, editor) * 3
    ]
    results, errors = _race(calls)
    assert errors == [] and len(results) == 6
    (milk,) = ListItemModel.objects.filter(list=shopping_list)
    assert milk.quantity == 12


def test_a_double_submitted_shop_records_one_expense():
    owner, editor, shopping_list, ids = _list_with_items(3)
    ListItemModel.objects.filter(pk__in=ids).update(is_checked=True)
    body = {"total": Decimal("31.50"), "vendor": "Lidl"}
    calls = [
        (
            lambda u=u: ListService.complete_shopping(
                user=u, pk=shopping_list.pk, data=body
            )
        )
        for u in (owner, owner, editor, owner)
    ]
    results, errors = _race(calls)
    assert len(results) == 1 and len(errors) == 3
    recorded = [
        *ExpenseService.queryset_for(user=owner),
        *ExpenseService.queryset_for(user=editor),
    ]
    assert len(recorded) == 1 and recorded[0].amount == Decimal("31.50")


def test_a_double_submitted_undo_takes_the_shop_back_once():
    owner, _, shopping_list, ids = _list_with_items(3)
    ListItemModel.objects.filter(pk__in=ids).update(is_checked=True)
    done = ListService.complete_shopping(
        user=owner, pk=shopping_list.pk, data={"total": "31.50", "vendor": "Lidl"}
    )
    calls = [
        (lambda: ListService.undo_shopping(user=owner, pk=shopping_list.pk))
        for _ in range(4)
    ]
    results, errors = _race(calls)
    assert len(results) == 1 and len(errors) == 3
    assert results[0].expense_id == done.expense.pk
    assert sorted(results[0].restored_item_ids) == sorted(ids)
    assert not ExpenseService.queryset_for(user=owner).exists()
    assert ListItemModel.objects.filter(list=shopping_list, is_active=True).count() == 3
