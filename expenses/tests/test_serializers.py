"""The expense row renders through a plan made once: exactly DRF's output, faster."""

import json
from decimal import Decimal

import pytest
from rest_framework import fields, serializers

from expenses.serializers import ExpenseSerializer
from expenses.tests.factories import ExpenseFactory
from mysphere_core.serializers import FlatRowSerializer

pytestmark = pytest.mark.django_db


def _rows(user):
    return [
        ExpenseFactory(user=user),
        ExpenseFactory(
            user=user,
            amount=Decimal("1234.5"),
            currency="EUR",
            confidence=0.87,
            source_ref="subscription:3",
            notes="ünïcode & <html>",
            ai_suggested_category="Travel",
        ),
    ]


def test_rows_render_exactly_as_drf_renders_them(user):
    rows = _rows(user)
    fast = ExpenseSerializer(rows, many=True).data
    slow_child = ExpenseSerializer()
    slow = [serializers.ModelSerializer.to_representation(slow_child, r) for r in rows]
    assert json.dumps(fast) == json.dumps(slow)
    assert fast[1]["amount"] == "1234.50" and fast[0]["confidence"] is None
    assert list(fast[0]) == ExpenseSerializer.Meta.fields


def test_a_page_of_rows_needs_no_per_field_attribute_lookup(user, monkeypatch):
    rows = _rows(user)
    lookups: list[str] = []
    real = fields.Field.get_attribute
    monkeypatch.setattr(
        fields.Field,
        "get_attribute",
        lambda self, obj: lookups.append(self.field_name) or real(self, obj),
    )
    assert len(ExpenseSerializer(rows, many=True).data) == 2
    assert lookups == []


def test_create_and_update_build_the_serializer_once(auth_client, monkeypatch):
    built: list[int] = []
    real = FlatRowSerializer.get_fields
    monkeypatch.setattr(
        FlatRowSerializer,
        "get_fields",
        lambda self: built.append(1) or real(self),
    )
    body = {"amount": "12.50", "currency": "usd", "vendor": "Bench Mart"}
    created = auth_client.post("/api/expenses/", body, format="json")
    assert (created.status_code, created.json()["currency"], len(built)) == (
        201,
        "USD",
        1,
    )
    url = f"/api/expenses/{created.json()['expense_id']}/"
    changed = auth_client.patch(url, {"notes": "x"}, format="json")
    assert (changed.json()["notes"], changed.json()["amount"], len(built)) == (
        "x",
        "12.50",
        2,
    )


def test_fields_are_built_once_per_class_and_copied(user):
    first, second = ExpenseSerializer(), ExpenseSerializer()
    assert list(first.fields) == list(second.fields) == ExpenseSerializer.Meta.fields
    assert first.fields["user"] is not second.fields["user"]
    assert first.fields["amount"].parent is first


def test_a_single_row_renders_without_building_fields(user, monkeypatch):
    """The plan is the class's: a detail or a create's answer needs no field copies."""
    row = ExpenseFactory(user=user)
    expected = ExpenseSerializer(row).data  # the class has its plan from here on
    built: list[int] = []
    real = FlatRowSerializer.get_fields
    monkeypatch.setattr(
        FlatRowSerializer, "get_fields", lambda self: built.append(1) or real(self)
    )
    assert ExpenseSerializer(row).data == expected
    assert built == []
