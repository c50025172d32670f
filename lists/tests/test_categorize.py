"""Smart categorisation: Gemini through the gateway, else the keyword map."""

import pytest

from lists.models import ListItemModel
from lists.tests.factories import ListFactory, ListItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def messy(user):
    shopping_list = ListFactory(user=user)
    ListItemFactory(list=shopping_list, name="bananas", aisle="")
    ListItemFactory(list=shopping_list, name="gizmo", aisle="")
    ListItemFactory(list=shopping_list, name="milk", aisle="Dairy")
    return shopping_list


def _categorize(client, shopping_list, **body):
    resp = client.post(
        f"/api/lists/{shopping_list.pk}/categorize/", body, format="json"
    )
    assert resp.status_code == 200, resp.content
    return resp.json()


def _aisles(shopping_list):
    rows = ListItemModel.objects.filter(list=shopping_list).order_by("position")
    return [(row.name, row.aisle) for row in rows]


class TestWithGemini:
    def test_the_ai_answer_is_used(self, auth_client, messy, gemini_stub):
        gemini_stub.reply_json({"aisles": ["Produce", "Household"]})
        body = _categorize(auth_client, messy)
        assert body["source"] == "ai" and body["ai_used"] is True
        assert body["parsed_data"] == {
            "items": [
                {"name": "bananas", "aisle": "Produce"},
                {"name": "gizmo", "aisle": "Household"},
            ]
        }
        assert [i["aisle"] for i in body["items"]] == ["Produce", "Household"]
        assert _aisles(messy) == [
            ("bananas", "Produce"),
            ("gizmo", "Household"),
            ("milk", "Dairy"),
        ]
        (prompt,) = gemini_stub.prompts()
        assert '["bananas", "gizmo"]' in prompt and "milk" not in prompt

    def test_the_same_items_again_come_from_the_cache(
        self, auth_client, user, gemini_stub
    ):
        first, second = ListFactory(user=user), ListFactory(user=user)
        for shopping_list in (first, second):
            ListItemFactory(list=shopping_list, name="gizmo", aisle="")
        gemini_stub.reply_json({"aisles": ["Household"]})
        assert _categorize(auth_client, first)["source"] == "ai"
        body = _categorize(auth_client, second)
        assert body["source"] == "cache" and body["ai_used"] is True
        assert len(gemini_stub.requests) == 1

    def test_a_wrong_count_falls_back_to_the_keyword_map(
        self, auth_client, messy, gemini_stub
    ):
        gemini_stub.reply_json({"aisles": ["Produce"]})
        body = _categorize(auth_client, messy)
        assert body["source"] == "fallback"
        assert body["error"].startswith("The AI answer could not be used")
        assert _aisles(messy)[:2] == [("bananas", "Produce"), ("gizmo", "Other")]

    def test_an_aisle_outside_the_list_falls_back(
        self, auth_client, messy, gemini_stub
    ):
        gemini_stub.reply_json({"aisles": ["Produce", "Garden"]})
        assert _categorize(auth_client, messy)["source"] == "fallback"

    def test_a_busy_ai_falls_back(self, auth_client, messy, gemini_stub):
        for _ in range(3):  # busy at every attempt
            gemini_stub.reply_status(429)
        body = _categorize(auth_client, messy)
        assert body["source"] == "fallback"
        assert body["error"] == (
            "The AI service is busy right now. Used the built-in parser."
        )

    def test_the_daily_quota_holds(self, settings, auth_client, user, gemini_stub):
        settings.AI_MAX_PARSE_CALLS_PER_DAY = 1
        lists = [ListFactory(user=user) for _ in range(2)]
        ListItemFactory(list=lists[0], name="bolt", aisle="")
        ListItemFactory(list=lists[1], name="nut", aisle="")
        gemini_stub.reply_json({"aisles": ["Household"]})
        assert _categorize(auth_client, lists[0])["source"] == "ai"
        body = _categorize(auth_client, lists[1])
        assert body["source"] == "fallback"
        assert "limit reached" in body["error"]
        assert len(gemini_stub.requests) == 1

    def test_the_flag_off_means_no_call(
        self, settings, auth_client, messy, gemini_stub
    ):
        settings.FEATURE_FLAGS = {
            **settings.FEATURE_FLAGS,
            "LIST_SMART_CATEGORIZATION": False,
        }
        body = _categorize(auth_client, messy)
        assert body["source"] == "fallback" and gemini_stub.requests == []


class TestFallback:
    def test_keyword_map_and_other(self, auth_client, messy):
        body = _categorize(auth_client, messy)
        assert body["source"] == "fallback" and body["fallback_used"] is True
        assert _aisles(messy) == [
            ("bananas", "Produce"),
            ("gizmo", "Other"),
            ("milk", "Dairy"),
        ]

    def test_dry_run_changes_nothing(self, auth_client, messy):
        body = _categorize(auth_client, messy, dry_run=True)
        assert body["dry_run"] is True
        assert [i["aisle"] for i in body["items"]] == ["Produce", "Other"]
        assert _aisles(messy)[0] == ("bananas", "")

    def test_overwrite_recategorises_every_item(self, auth_client, user):
        shopping_list = ListFactory(user=user)
        ListItemFactory(list=shopping_list, name="toothpaste", aisle="Dairy")
        _categorize(auth_client, shopping_list)
        assert _aisles(shopping_list) == [("toothpaste", "Dairy")]
        _categorize(auth_client, shopping_list, overwrite=True)
        assert _aisles(shopping_list) == [("toothpaste", "Personal Care")]

    def test_nothing_to_do_spends_no_call(self, auth_client, user, gemini_stub):
        shopping_list = ListFactory(user=user)
        ListItemFactory(list=shopping_list, aisle="Dairy")
        body = _categorize(auth_client, shopping_list)
        assert body["items"] == [] and gemini_stub.requests == []
        assert body["parsed_data"] == {"items": []}
        assert (
            body["error"] == "Every item has an aisle already: no AI call was needed."
        )
