"""Plain-language entry of general intervals: the rule-based parser and the AI both
read "every 6 months", "every 2 years", "every other week"... into exact intervals."""

import pytest

from subscriptions.ai_insights import PARSE_SCHEMA, SubscriptionAIInsights
from subscriptions.models import SubscriptionModel

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

PARSE = "/api/subscriptions/parse_text/"
AI_ANSWER = {
    "name": "Babbel",
    "provider": "Babbel",
    "amount": 83.4,
    "currency": "EUR",
    "billing_cycle": "custom",
    "custom_cycle_days": None,
    "interval_count": 6,
    "interval_unit": "months",
    "start_date": None,
    "next_billing_date": None,
    "is_trial": False,
    "trial_end_date": None,
    "category": "Education",
    "payment_method": None,
}


@pytest.mark.parametrize(
    "text, interval, monthly",
    [
        ("Babbel 83.40 every 6 months", (6, "months"), "13.90"),
        ("Web hosting 240 every 2 years", (2, "years"), "10.00"),
        ("Cleaning 80 every other week", (14, "days"), "173.81"),
        ("Insurance 540 semi-annually", (6, "months"), "90.00"),
    ],
)
def test_the_fallback_parser_creates_exact_intervals(
    auth_client, text, interval, monthly
):
    resp = auth_client.post(PARSE, {"text": text, "dry_run": False}, format="json")
    assert resp.status_code == 201, resp.json()
    parsed = resp.json()["parsed_data"]
    assert (parsed["interval_count"], parsed["interval_unit"]) == interval
    created = resp.json()["subscription"]
    assert created["billing_cycle"] == "custom"
    assert (created["interval_count"], created["interval_unit"]) == interval
    assert created["monthly_cost"] == monthly


def test_the_ai_reads_intervals(auth_client, gemini_stub):
    gemini_stub.reply_json(AI_ANSWER)
    body = auth_client.post(
        PARSE,
        {"text": "babbel 83.40 EUR every six months", "dry_run": False},
        format="json",
    ).json()
    assert body["source"] == "ai"
    assert body["parsed_data"]["billing_cycle"] == "custom"
    assert body["parsed_data"]["custom_cycle_days"] is None
    assert (
        body["parsed_data"]["interval_count"],
        body["parsed_data"]["interval_unit"],
    ) == (
        6,
        "months",
    )
    assert body["subscription"]["monthly_cost"] == "13.90"
    prompt = gemini_stub.prompts()[0]
    assert (
        '"every 6 months" or\n  "semi-annually" is custom with interval_count 6'
        in prompt
    )
    assert PARSE_SCHEMA["properties"]["interval_unit"]["enum"] == [
        "days",
        "weeks",
        "months",
        "years",
    ]


@pytest.mark.parametrize(
    "changes",
    [
        {"interval_count": 11, "interval_unit": "years"},
        {"interval_count": 6, "interval_unit": None},
        {"interval_count": None, "interval_unit": None},
        {"interval_count": True, "interval_unit": "months"},
    ],
)
def test_an_unusable_ai_interval_is_refused(changes):
    with pytest.raises(ValueError):
        SubscriptionAIInsights.clean_parse_answer(
            {**AI_ANSWER, **changes}, default_currency="USD"
        )


def test_ai_named_cycles_get_their_interval():
    cleaned = SubscriptionAIInsights.clean_parse_answer(
        {**AI_ANSWER, "billing_cycle": "yearly", "interval_count": 9},
        default_currency="USD",
    )
    assert [cleaned[k] for k in ("billing_cycle", "custom_cycle_days")] == [
        "yearly",
        None,
    ]
    assert (cleaned["interval_count"], cleaned["interval_unit"]) == (1, "years")
    days = SubscriptionAIInsights.clean_parse_answer(
        {**AI_ANSWER, "custom_cycle_days": 28, "interval_count": None},
        default_currency="USD",
    )
    assert (days["custom_cycle_days"], days["interval_unit"]) == (28, "days")


def test_cycles_beyond_the_bounds_are_still_refused(auth_client):
    resp = auth_client.post(PARSE, {"text": "Domain 30 every 11 years"}, format="json")
    assert resp.status_code == 400
    assert list(resp.json()) == ["text"]
    assert not SubscriptionModel.objects.exists()
