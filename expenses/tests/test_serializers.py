"""The expense row renders through a plan made once: exactly DRF's output, faster."""

import json
from decimal import Decimal

import pytest
from rest_framework import fields, serializers

from expenses.serializers import ExpenseSerializer
from expenses.tests.factories import ExpenseFactory

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
    ExpenseSerializer(rows, many=True).data
    assert lookups == []
