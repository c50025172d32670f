"""Admin edits of subscriptions go through the service."""

import json
from decimal import Decimal

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict

from subscriptions.admin import SubscriptionAdmin
from subscriptions.models import SubscriptionModel, SubscriptionPriceChangeModel

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def _admin_save(rf, staff, subscription, **changes):
    """Submit the admin change form of `subscription` with `changes`."""
    model_admin = SubscriptionAdmin(SubscriptionModel, admin.site)
    request = rf.post("/")
    request.user = staff
    form_class = model_admin.get_form(request, subscription, change=True)
    data = {
        key: json.dumps(value) if isinstance(value, dict) else value
        for key, value in model_to_dict(subscription).items()
        if value is not None
    }
    data.update(changes)
    form = form_class(data=data, instance=subscription)
    assert form.is_valid(), form.errors
    assert set(changes) <= set(form.changed_data)
    obj = form.save(commit=False)
    model_admin.save_model(request, obj, form, change=True)
    return obj


def test_amount_edit_in_admin_records_price_history(rf, make_user, make_sub):
    staff = make_user("staffer")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    owner = make_user("owner")
    subscription = make_sub(owner, amount=Decimal("9.99"))
    obj = _admin_save(rf, staff, subscription, amount="12.99", status="paused")
    change = SubscriptionPriceChangeModel.objects.get(subscription=subscription)
    assert (change.old_amount, change.new_amount) == (Decimal("9.99"), Decimal("12.99"))
    assert obj.amount == Decimal("12.99")
    assert obj.status == "paused"  # fields outside the service are saved as set
