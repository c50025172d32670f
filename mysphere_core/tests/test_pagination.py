"""Every collection pages the same way, and an impossible page size is a 400."""

import pytest

COLLECTIONS = [
    "/api/expenses/categories/",
    "/api/budgets/categories/",
    "/api/subscriptions/upcoming/",
    "/api/lending/counterparties/",
    "/api/lending/summary/",
]


@pytest.mark.parametrize("url", COLLECTIONS)
def test_computed_collections_answer_pages(auth_client, url):
    body = auth_client.get(url, {"page_size": 2}).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert len(body["results"]) == min(2, body["count"])


def test_a_second_page_of_categories(auth_client):
    first = auth_client.get("/api/budgets/categories/", {"page_size": 5}).json()
    second = auth_client.get(first["next"]).json()
    assert (first["count"], len(second["results"]), second["next"]) == (9, 4, None)


@pytest.mark.parametrize("size", ["101", "1000", "0", "-1", "ten"])
def test_a_page_size_out_of_range_is_a_400_naming_the_maximum(auth_client, size):
    resp = auth_client.get("/api/expenses/", {"page_size": size})
    assert resp.status_code == 400
    assert resp.json() == {
        "page_size": ["A whole number from 1 to 100 (the maximum page size)."]
    }


def test_the_maximum_itself_is_served(auth_client):
    resp = auth_client.get("/api/expenses/categories/", {"page_size": 100})
    assert resp.status_code == 200 and resp.json()["next"] is None
