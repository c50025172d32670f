"""The generated OpenAPI schema, walked: written for people, and one API style."""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")
# Field names that hold money or a percentage: decimal strings, never JSON numbers.
MONEY_OR_PERCENT = re.compile(
    r"amount|total|price|cost|balance|spent|remaining|available|budget|income|"
    r"percent|share|owe|outstanding|net\b|savings|limit|allocated"
)
# Path parameters that are not ids, each with its reason.
NOT_IDS = {
    "category": "budgets/categories/{category}/ takes a category's name or slug",
    "token": "the calendar feed's secret token, not an object id",
}
# Writes that answer the rows they wrote: a result, not a collection to page.
UNPAGED_WRITES = {
    ("post", "/api/budgets/categories/reset/"): "every ranking, reset at once",
    ("post", "/api/expenses/{expense_id}/split/"): "the records one split created",
}
KIT_WORDS = re.compile(r"through the service|serializer|render\b|queryset", re.I)


@pytest.fixture(scope="module")
def schema() -> dict:
    """The schema /api/schema/ serves."""
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema: dict):
    """(method, path, operation) for every operation."""
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                yield method, path, item[method]


def resolve(schema: dict, node: dict) -> dict:
    """A `$ref` followed to its component."""
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def json_bodies(operation: dict):
    """(where, media) of the request body and each success response in JSON."""
    request = operation.get("requestBody", {}).get("content", {})
    if "application/json" in request:
        yield "request", request["application/json"]
    for code, response in operation["responses"].items():
        media = response.get("content", {}).get("application/json")
        if code.startswith("2") and media:
            yield code, media


def test_every_operation_has_a_summary_and_a_description_for_people(schema):
    missing = [
        (method, path)
        for method, path, op in operations(schema)
        if not op.get("summary") or not op.get("description")
    ]
    leaking = [
        (method, path, op["description"][:60])
        for method, path, op in operations(schema)
        if KIT_WORDS.search(op.get("description", ""))
    ]
    assert (missing, leaking) == ([], [])


def test_every_heading_is_its_own(schema):
    headings = {}
    for method, path, op in operations(schema):
        headings.setdefault((op["tags"][0], op["summary"]), []).append((method, path))
    shared = {
        k: v for k, v in headings.items() if len(v) > 1 and "health" not in v[0][1]
    }
    assert shared == {}


def test_every_json_body_has_an_example(schema):
    missing = [
        (method, path, where)
        for method, path, op in operations(schema)
        for where, media in json_bodies(op)
        if "examples" not in media
    ]
    assert missing == []


def test_example_values_make_sense(schema):
    expense = schema["paths"]["/api/expenses/"]["post"]["requestBody"]
    example = expense["content"]["application/json"]["examples"]["Example"]["value"]
    assert example["currency"] == "USD"
    assert example["amount"] == "25.50"
    assert example["transaction_date"] == "2026-11-20"
    assert "str" not in example.values()


def test_no_money_or_percentage_is_a_json_number(schema):
    numbers = [
        f"{name}.{field}"
        for name, component in schema["components"]["schemas"].items()
        for field, prop in component.get("properties", {}).items()
        if prop.get("type") == "number" and MONEY_OR_PERCENT.search(field)
    ]
    assert numbers == []


def test_every_collection_is_paginated(schema):
    bare = []
    for method, path, op in operations(schema):
        for code, media in json_bodies(op):
            body = resolve(schema, media["schema"])
            if code != "request" and body.get("type") == "array":
                bare.append((method, path))
    assert sorted(set(bare)) == sorted(UNPAGED_WRITES)


def test_every_path_parameter_is_a_thing_id(schema):
    names = {
        parameter["name"]
        for _, _, op in operations(schema)
        for parameter in op.get("parameters", [])
        if parameter["in"] == "path"
    }
    assert {n for n in names if not n.endswith("_id")} == set(NOT_IDS)


def test_old_request_field_names_are_marked_deprecated(schema):
    components = schema["components"]["schemas"]
    advice = components["PurchaseAdviceRequest"]["properties"]
    share = components["ShareRequest"]["properties"]
    assert advice["item_description"]["deprecated"] is True
    assert share["user"]["deprecated"] is True
    assert "description" in components["PurchaseAdviceRequest"]["required"]


def test_tags_are_readable_headings(schema):
    tags = {t["name"]: t for t in schema["tags"]}
    assert tags["expenses"]["x-displayName"] == "Expenses"
    assert all(t.get("description") for t in tags.values())
