"""Every free-text field of the subscriptions API has a maximum length: one character
more is a 400 naming the field, and no serializer takes text without a bound."""

from datetime import date

import pytest

from subscriptions.models import SubscriptionModel
from subscriptions.tests.factories import CategoryFactory, SubscriptionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

URL = "/api/subscriptions/"
NETFLIX = {
    "name": "Netflix",
    "provider": "Netflix",
    "amount": "15.99",
    "billing_cycle": "monthly",
    "start_date": "2026-01-10",
}


def _too_long(limit):
    return [f"Ensure this field has no more than {limit} characters."]


@pytest.mark.parametrize(
    "field, limit",
    [
        ("name", 200),
        ("provider", 100),
        ("description", 2000),
        ("notes", 2000),
    ],
)
def test_subscription_text_fields_are_bounded(auth_client, field, limit):
    resp = auth_client.post(URL, {**NETFLIX, field: "x" * (limit + 1)}, format="json")
    assert resp.status_code == 400
    assert resp.json() == {field: _too_long(limit)}
    resp = auth_client.post(URL, {**NETFLIX, field: "x" * limit}, format="json")
    assert resp.status_code == 201, resp.json()
    sub_id = resp.json()["subscription_id"]
    patched = auth_client.patch(
        f"{URL}{sub_id}/", {field: "y" * (limit + 1)}, format="json"
    )
    assert patched.status_code == 400
    assert patched.json() == {field: _too_long(limit)}
    assert SubscriptionModel.objects.get(pk=sub_id).__dict__[field] == "x" * limit


def test_megabytes_of_description_are_refused(auth_client):
    body = {**NETFLIX, "description": "d" * 1_200_000, "notes": "n" * 1_200_000}
    resp = auth_client.post(URL, body, format="json")
    assert resp.status_code == 400
    assert resp.json() == {
        "description": _too_long(2000),
        "notes": _too_long(2000),
    }
    assert SubscriptionModel.objects.count() == 0


@pytest.mark.parametrize(
    "suffix, field, limit",
    [
        ("payments/", "notes", 2000),
        ("payments/", "transaction_id", 100),
        ("usage/", "notes", 2000),
    ],
)
def test_payment_and_usage_text_is_bounded(auth_client, user, suffix, field, limit):
    sub = SubscriptionFactory(user=user, start_date=date(2026, 11, 1))
    url = f"{URL}{sub.pk}/{suffix}"
    resp = auth_client.post(url, {field: "x" * (limit + 1)}, format="json")
    assert resp.status_code == 400
    assert resp.json() == {field: _too_long(limit)}
    assert auth_client.post(url, {field: "x" * limit}, format="json").status_code == 201


@pytest.mark.parametrize("field, limit", [("name", 100), ("icon", 50)])
def test_category_text_is_bounded(auth_client, user, field, limit):
    body = {"name": "Streaming", field: "x" * (limit + 1)}
    resp = auth_client.post(f"{URL}categories/", body, format="json")
    assert resp.status_code == 400
    assert resp.json() == {field: _too_long(limit)}
    category = CategoryFactory(user=user)
    resp = auth_client.patch(
        f"{URL}categories/{category.pk}/", {field: "x" * (limit + 1)}, format="json"
    )
    assert resp.json() == {field: _too_long(limit)}


def test_parse_text_is_bounded(auth_client):
    resp = auth_client.post(f"{URL}parse_text/", {"text": "x" * 501}, format="json")
    assert resp.status_code == 400
    assert resp.json() == {"text": _too_long(500)}


def _request_components(schema):
    """The names of the request body components of /api/subscriptions/ routes."""
    for path, operations in schema["paths"].items():
        if not path.startswith(URL):
            continue
        for operation in operations.values():
            content = operation.get("requestBody", {}).get("content", {})
            for media in content.values():
                yield media["schema"]["$ref"].rsplit("/", 1)[-1]


def _unbounded_strings(schema):
    """`Component.property` of every request string with no maximum length.

    Dates, times, decimals and enums are bounded by their format; everything else
    that takes text must say how much."""
    bounded_formats = {"date", "date-time", "decimal", "duration"}
    bounded_by_value = {"usage_duration"}  # a duration between 0 and one day
    components = schema["components"]["schemas"]
    for name in set(_request_components(schema)):
        for prop, spec in components[name].get("properties", {}).items():
            if prop in bounded_by_value:
                continue
            for option in spec.get("oneOf", [spec]):
                if (
                    option.get("type") == "string"
                    and "enum" not in option
                    and option.get("format") not in bounded_formats
                    and "maxLength" not in option
                    and "pattern" not in option
                ):
                    yield f"{name}.{prop}"


def test_no_request_text_is_unbounded(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    names = set(_request_components(schema))
    assert {"SubscriptionCreateRequest", "SubscriptionUsageRequest"} <= names
    unbounded = sorted(set(_unbounded_strings(schema)))
    assert unbounded == [], unbounded
