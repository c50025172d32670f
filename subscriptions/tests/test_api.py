"""The /api/subscriptions/ API: CRUD, validation, filters, actions, payments, usage,
categories and alerts; the kit's declarative route tests (tokens, other users' 404s,
query bounds of every list, soft delete, health)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from mysphere_core.testing import FeatureAPITests
from subscriptions.models import SubscriptionModel
from subscriptions.services import SubscriptionService
from subscriptions.tests.factories import (
    AlertFactory,
    CategoryFactory,
    PaymentFactory,
    PriceChangeFactory,
    SubscriptionFactory,
    UsageFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

URL = "/api/subscriptions/"
ORDERINGS = (
    "Use one of: name, -name, provider, -provider, amount, -amount, "
    "next_billing_date, -next_billing_date, start_date, -start_date, status, "
    "-status, created_at, -created_at."
)
NETFLIX = {
    "name": "Netflix",
    "provider": "Netflix Inc.",
    "amount": "15.99",
    "billing_cycle": "monthly",
    "start_date": "2024-01-01",
    "next_billing_date": "2024-02-01",
    "payment_method": "card",
}


def _detail(sub, suffix=""):
    return f"{URL}{sub.pk}/{suffix}"


class TestCrud:
    def test_create_subscription(self, auth_client, user, frozen):
        resp = auth_client.post(URL, NETFLIX, format="json")
        assert resp.status_code == 201, resp.json()
        body = resp.json()
        assert SubscriptionModel.objects.count() == 1
        assert body["subscription_id"].startswith("SUB")
        assert len(body["subscription_id"]) == 25
        assert body["amount"] == "15.99"
        assert body["currency"] == "USD"
        assert body["monthly_cost"] == "15.99"
        assert body["yearly_cost"] == "191.88"
        assert body["next_billing_date"] == "2024-02-01"
        assert body["is_overdue"] is False  # auto-renewing: the renewal job pays it
        assert body["status"] == "active"
        assert body["category"] is None

    def test_a_cycle_due_today_is_due_today(self, auth_client, frozen):
        body = {k: v for k, v in NETFLIX.items() if k != "next_billing_date"}
        resp = auth_client.post(
            URL, {**body, "start_date": "2026-10-22"}, format="json"
        )
        assert resp.status_code == 201
        assert resp.json()["next_billing_date"] == "2026-11-22"
        assert resp.json()["is_overdue"] is False

    def test_yearly_cost_fields_are_exact(self, auth_client, frozen):
        body = auth_client.post(
            URL,
            {**NETFLIX, "amount": "119.88", "billing_cycle": "yearly"},
            format="json",
        ).json()
        assert (body["monthly_cost"], body["yearly_cost"]) == ("9.99", "119.88")

    def test_lists_show_only_my_subscriptions(
        self, auth_client, other_client, other_user
    ):
        SubscriptionFactory(user=other_user, name="Other Service")
        resp = auth_client.get(URL)
        assert resp.status_code == 200
        assert resp.json()["count"] == 0
        assert resp.json()["results"] == []
        assert other_client.get(URL).json()["count"] == 1

    def test_currency_in_any_case_is_stored_upper_case(self, auth_client):
        resp = auth_client.post(URL, {**NETFLIX, "currency": "eur"}, format="json")
        assert resp.status_code == 201, resp.json()
        assert resp.json()["currency"] == "EUR"
        sub_id = resp.json()["subscription_id"]
        patched = auth_client.patch(
            f"{URL}{sub_id}/", {"currency": "gbp"}, format="json"
        )
        assert patched.json()["currency"] == "GBP"
        assert SubscriptionModel.objects.get(pk=sub_id).currency == "GBP"

    @pytest.mark.parametrize(
        "suffix, body",
        [
            ("", {"amount": "-1", "billing_cycle": "daily"}),
            ("cancel/", {"end_date": "not a date"}),
            ("payments/", {"due_date": "not a date", "status": "x"}),
            ("usage/", {"usage_count": -5}),
        ],
    )
    def test_another_users_id_is_404_even_with_a_bad_body(
        self, auth_client, other_user, suffix, body
    ):
        theirs = SubscriptionFactory(user=other_user)
        method = auth_client.patch if suffix == "" else auth_client.post
        resp = method(_detail(theirs, suffix), body, format="json")
        assert resp.status_code == 404
        assert resp.json() == {"detail": "Subscription not found.", "code": "not_found"}

    def test_patch_changes_amount_and_keeps_price_history(self, auth_client, frozen):
        sub_id = auth_client.post(URL, NETFLIX, format="json").json()["subscription_id"]
        resp = auth_client.patch(
            f"{URL}{sub_id}/", {"amount": "17.99", "notes": "HD plan"}, format="json"
        )
        assert resp.status_code == 200
        assert resp.json()["amount"] == "17.99"
        history = auth_client.get(f"{URL}{sub_id}/price_history/").json()
        assert history["count"] == 1
        row = history["results"][0]
        assert (row["old_amount"], row["new_amount"], row["change_percent"]) == (
            "15.99",
            "17.99",
            "12.5",
        )
        assert row["effective_date"] == "2026-11-22"
        assert row["old_currency"] == row["currency"] == "USD"

    def test_price_change_across_currencies_has_no_percentage(
        self, auth_client, frozen
    ):
        sub_id = auth_client.post(URL, NETFLIX, format="json").json()["subscription_id"]
        auth_client.patch(
            f"{URL}{sub_id}/", {"amount": "17.00", "currency": "EUR"}, format="json"
        )
        row = auth_client.get(f"{URL}{sub_id}/price_history/").json()["results"][0]
        assert (row["old_amount"], row["old_currency"]) == ("15.99", "USD")
        assert (row["new_amount"], row["currency"]) == ("17.00", "EUR")
        assert row["change_percent"] is None
        alerts = auth_client.get(f"{URL}alerts/").json()["results"]
        assert not [a for a in alerts if a["alert_type"] == "price_increase"]

    def test_put_needs_every_required_field(self, auth_client, frozen):
        sub_id = auth_client.post(URL, NETFLIX, format="json").json()["subscription_id"]
        resp = auth_client.put(f"{URL}{sub_id}/", {"name": "X"}, format="json")
        assert resp.status_code == 400
        assert set(resp.json()) >= {"provider", "amount", "billing_cycle"}
        resp = auth_client.put(
            f"{URL}{sub_id}/", {**NETFLIX, "name": "Netflix 4K"}, format="json"
        )
        assert resp.status_code == 200
        assert resp.json()["name"] == "Netflix 4K"

    def test_limit_per_user_is_a_clear_400(self, auth_client, settings, frozen):
        settings.MAX_SUBSCRIPTIONS_PER_USER = 2
        for _ in range(2):
            assert auth_client.post(URL, NETFLIX, format="json").status_code == 201
        resp = auth_client.post(URL, NETFLIX, format="json")
        assert resp.status_code == 400
        assert resp.json() == {
            "detail": "You can track at most 2 subscriptions. Delete the ones you no "
            "longer pay for to add new ones.",
            "code": "limit_exceeded",
        }

    def test_default_limit_is_100(self, auth_client, user, frozen):
        SubscriptionFactory.create_batch(100, user=user)
        resp = auth_client.post(URL, NETFLIX, format="json")
        assert resp.status_code == 400
        assert "at most 100 subscriptions" in resp.json()["detail"]


class TestValidation:
    @pytest.mark.parametrize(
        "changes, errors",
        [
            (
                {"billing_cycle": "custom"},
                {"custom_cycle_days": ["Required for a custom billing cycle."]},
            ),
            (
                {"billing_cycle": "custom", "custom_cycle_days": 400},
                {"custom_cycle_days": ["Must be between 1 and 365 days."]},
            ),
            (
                {"billing_cycle": "custom", "custom_cycle_days": 0},
                {"custom_cycle_days": ["Must be between 1 and 365 days."]},
            ),
            (
                {"next_billing_date": "2023-12-31"},
                {"next_billing_date": ["Cannot be before the start date."]},
            ),
            ({"website_url": "not a url"}, {"website_url": ["Enter a valid URL."]}),
            (
                {"is_trial": True, "trial_end_date": "2023-12-01"},
                {"trial_end_date": ["The trial cannot end before the start date."]},
            ),
            ({"is_trial": True}, {"trial_end_date": ["Required for a free trial."]}),
            ({"amount": "0"}, {"amount": ["Amount must be greater than 0."]}),
            (
                {"billing_cycle": "daily"},
                {
                    "billing_cycle": [
                        '"daily" is not a valid billing cycle. Use one of: weekly, '
                        "monthly, quarterly, yearly, custom."
                    ]
                },
            ),
            (
                {"currency": "XYZ"},
                {
                    "currency": [
                        "'XYZ' is not an ISO 4217 currency code (e.g. USD, EUR, "
                        "GBP, INR)."
                    ]
                },
            ),
            (
                {"usage_tracking": {"limit": 3}},
                {
                    "usage_tracking": [
                        "Unknown keys: limit. Use monthly_limit and unit."
                    ]
                },
            ),
            (
                {"category_id": 999999},
                {"category_id": ["You have no category with id 999999."]},
            ),
        ],
    )
    def test_bad_input_is_400_with_field_errors(
        self, auth_client, changes, errors, frozen
    ):
        resp = auth_client.post(URL, {**NETFLIX, **changes}, format="json")
        assert resp.status_code == 400
        assert resp.json() == errors
        assert not SubscriptionModel.objects.exists()

    def test_patch_is_validated_against_stored_values(self, auth_client, frozen):
        sub_id = auth_client.post(URL, NETFLIX, format="json").json()["subscription_id"]
        resp = auth_client.patch(
            f"{URL}{sub_id}/", {"billing_cycle": "custom"}, format="json"
        )
        assert resp.status_code == 400
        assert resp.json() == {
            "custom_cycle_days": ["Required for a custom billing cycle."]
        }
        resp = auth_client.patch(
            f"{URL}{sub_id}/", {"end_date": "2023-01-01"}, format="json"
        )
        assert resp.json() == {"end_date": ["Cannot be before the start date."]}

    def test_trial_end_date_alone_makes_a_trial(self, auth_client, frozen):
        body = auth_client.post(
            URL,
            {
                **NETFLIX,
                "start_date": "2026-11-20",
                "trial_end_date": "2026-12-04",
                "next_billing_date": None,
            },
            format="json",
        )
        assert body.status_code == 400  # null is not a date
        body = auth_client.post(
            URL,
            {
                key: value
                for key, value in {
                    **NETFLIX,
                    "start_date": "2026-11-20",
                    "trial_end_date": "2026-12-04",
                }.items()
                if key != "next_billing_date"
            },
            format="json",
        ).json()
        assert body["is_trial"] is True
        assert body["next_billing_date"] == "2026-12-04"


class TestListing:
    @pytest.fixture
    def portfolio(self, user, make_sub):
        streaming = CategoryFactory(user=user, name="Streaming")
        software = CategoryFactory(user=user, name="Software")
        subs = {
            "netflix": make_sub(user, category_id=streaming.pk),
            "disney": make_sub(
                user,
                name="Disney+",
                provider="Disney",
                amount=Decimal("119.88"),
                billing_cycle="yearly",
                start_date=date(2025, 11, 25),
                category_id=streaming.pk,
                payment_method="paypal",
            ),
            "adobe": make_sub(
                user,
                name="Adobe Creative Cloud",
                provider="Adobe",
                amount=Decimal("59.99"),
                category_id=software.pk,
                notes="photo plan",
            ),
        }
        SubscriptionService.pause(user=user, pk=subs["adobe"].pk)
        return {"streaming": streaming, **subs}

    def _names(self, resp):
        assert resp.status_code == 200, resp.json()
        return [row["name"] for row in resp.json()["results"]]

    def test_default_order_is_next_billing_date(self, auth_client, portfolio):
        assert self._names(auth_client.get(URL)) == [
            "Disney+",
            "Adobe Creative Cloud",  # same date as Netflix: by name
            "Netflix",
        ]

    @pytest.mark.parametrize(
        "query, names",
        [
            ({"status": "paused"}, ["Adobe Creative Cloud"]),
            ({"billing_cycle": "yearly"}, ["Disney+"]),
            ({"payment_method": "paypal"}, ["Disney+"]),
            ({"search": "photo"}, ["Adobe Creative Cloud"]),
            ({"search": "disney"}, ["Disney+"]),
            ({"renewing_before": "2026-11-30"}, ["Disney+"]),
            ({"ordering": "-amount"}, ["Disney+", "Adobe Creative Cloud", "Netflix"]),
            ({"ordering": "name"}, ["Adobe Creative Cloud", "Disney+", "Netflix"]),
        ],
    )
    def test_filters(self, auth_client, portfolio, query, names):
        assert self._names(auth_client.get(URL, query)) == names

    @pytest.mark.parametrize(
        "query, names",
        [
            ({"is_trial": "false"}, ["Disney+", "Adobe Creative Cloud", "Netflix"]),
            ({"is_trial": "true"}, []),
            ({"currency": "usd"}, ["Disney+", "Adobe Creative Cloud", "Netflix"]),
            ({"currency": "EUR"}, []),
        ],
    )
    def test_strict_filters_still_filter(self, auth_client, portfolio, query, names):
        assert sorted(self._names(auth_client.get(URL, query))) == sorted(names)

    @pytest.mark.parametrize(
        "query, message",
        [
            ({"ordering": "bogus"}, f'"bogus" is not a valid ordering. {ORDERINGS}'),
            (
                {"ordering": "user__password"},
                f'"user__password" is not a valid ordering. {ORDERINGS}',
            ),
            (
                {"ordering": "-amount,name"},
                f'"-amount,name" is not a valid ordering. {ORDERINGS}',
            ),
            ({"is_trial": "maybe"}, '"maybe" is not a boolean. Use true or false.'),
            (
                {"status": "bogus"},
                '"bogus" is not a valid status. Use one of: active, paused, '
                "cancelled, expired.",
            ),
            ({"renewing_before": "soon"}, "Enter a valid date."),
            # YYYY-MM-DD only, as every list's day filters (was read as November 30)
            ({"renewing_before": "11/30/2026"}, "Enter a valid date."),
            ({"renewing_after": "2026/11/30"}, "Enter a valid date."),
            (
                {"colour": "red"},
                "Unknown filter. Use one of: billing_cycle, category, currency, "
                "is_trial, ordering, payment_method, renewing_after, "
                "renewing_before, search, status.",
            ),
        ],
    )
    def test_bad_filters_are_400_naming_the_parameter(
        self, auth_client, portfolio, query, message
    ):
        resp = auth_client.get(URL, query)
        assert resp.status_code == 400
        assert resp.json() == {next(iter(query)): [message]}

    def test_bad_alert_filter_is_400(self, auth_client):
        resp = auth_client.get(f"{URL}alerts/", {"is_read": "maybe"})
        assert resp.status_code == 400
        assert resp.json() == {
            "is_read": ['"maybe" is not a boolean. Use true or false.']
        }

    def test_filter_by_category(self, auth_client, portfolio):
        names = self._names(
            auth_client.get(URL, {"category": portfolio["streaming"].pk})
        )
        assert names == ["Disney+", "Netflix"]

    def test_pagination(self, auth_client, portfolio):
        body = auth_client.get(URL, {"page_size": 2}).json()
        assert body["count"] == 3
        assert len(body["results"]) == 2
        assert body["next"]

    def test_upcoming(self, auth_client, portfolio):
        resp = auth_client.get(f"{URL}upcoming/", {"days": 7})
        assert [row["name"] for row in resp.json()["results"]] == ["Disney+"]
        assert resp.json()["results"][0]["days_until_renewal"] == 3
        resp = auth_client.get(f"{URL}upcoming/", {"days": 30})
        names = [row["name"] for row in resp.json()["results"]]
        assert names == ["Disney+", "Netflix"]
        assert auth_client.get(f"{URL}upcoming/", {"days": 0}).status_code == 400


class TestActions:
    def test_pause_resume_cancel(self, auth_client, user, make_sub):
        sub = make_sub(
            user, start_date=date(2026, 1, 31), next_billing_date=date(2026, 3, 31)
        )
        resp = auth_client.post(_detail(sub, "pause/"))
        assert resp.status_code == 200
        assert resp.json()["status"] == "paused"
        resp = auth_client.post(_detail(sub, "pause/"))
        assert resp.status_code == 400
        assert resp.json() == {
            "detail": "Only a subscription that is active can be paused; 'Netflix' "
            "is paused.",
            "code": "invalid_transition",
        }
        resp = auth_client.post(_detail(sub, "resume/"))
        assert resp.json()["status"] == "active"
        assert resp.json()["next_billing_date"] == "2026-11-30"
        assert auth_client.post(_detail(sub, "resume/")).status_code == 400
        resp = auth_client.post(
            _detail(sub, "cancel/"), {"end_date": "2026-12-15"}, format="json"
        )
        assert resp.json()["status"] == "cancelled"
        assert resp.json()["end_date"] == "2026-12-15"
        assert resp.json()["cancelled_at"]
        assert auth_client.post(_detail(sub, "pause/")).status_code == 400
        assert auth_client.post(_detail(sub, "cancel/")).status_code == 400

    def test_cancel_before_start_is_400(self, auth_client, user, make_sub):
        sub = make_sub(user)
        resp = auth_client.post(
            _detail(sub, "cancel/"), {"end_date": "2020-01-01"}, format="json"
        )
        assert resp.status_code == 400
        assert resp.json() == {
            "end_date": ["The end date cannot be before the start date."]
        }


class TestCategories:
    CATEGORIES = f"{URL}categories/"

    def test_crud(self, auth_client, user, make_sub):
        resp = auth_client.post(
            self.CATEGORIES, {"name": "Streaming", "color": "#FF0000"}, format="json"
        )
        assert resp.status_code == 201
        category_id = resp.json()["category_id"]
        make_sub(user, category_id=category_id)
        listing = auth_client.get(self.CATEGORIES).json()
        assert listing["results"][0]["subscription_count"] == 1
        dup = auth_client.post(self.CATEGORIES, {"name": "STREAMING"}, format="json")
        assert dup.status_code == 400
        assert dup.json() == {
            "name": ["You already have a category named 'STREAMING'."]
        }
        bad = auth_client.post(
            self.CATEGORIES, {"name": "Music", "color": "red"}, format="json"
        )
        assert bad.json() == {"color": ["Enter a colour as #RRGGBB, e.g. #3B82F6."]}
        patched = auth_client.patch(
            f"{self.CATEGORIES}{category_id}/", {"icon": "tv"}, format="json"
        )
        assert patched.json()["icon"] == "tv"
        assert auth_client.delete(f"{self.CATEGORIES}{category_id}/").status_code == 204
        assert auth_client.get(self.CATEGORIES).json()["count"] == 0

    @pytest.mark.parametrize(
        "first, second", [("Éducation", "Éducation"), ("ÄPPS", "ÄPPS")]
    )
    def test_non_ascii_duplicate_is_a_clear_400(self, auth_client, first, second):
        assert (
            auth_client.post(
                self.CATEGORIES, {"name": first}, format="json"
            ).status_code
            == 201
        )
        dup = auth_client.post(self.CATEGORIES, {"name": second}, format="json")
        assert dup.status_code == 400
        assert dup.json() == {
            "name": [f"You already have a category named '{second}'."]
        }


class TestAlerts:
    ALERTS = f"{URL}alerts/"

    def test_list_read_dismiss_read_all(self, auth_client, user, make_sub):
        first = make_sub(user)
        second = make_sub(user, name="Spotify")
        SubscriptionService.pause(user=user, pk=first.pk)
        SubscriptionService.pause(user=user, pk=second.pk)
        alerts = auth_client.get(self.ALERTS).json()["results"]
        assert [a["title"] for a in alerts] == ["Spotify paused", "Netflix paused"]
        target = alerts[0]["alert_id"]
        read = auth_client.post(f"{self.ALERTS}{target}/read/")
        assert read.json()["is_read"] is True
        titles = [a["title"] for a in auth_client.get(self.ALERTS).json()["results"]]
        assert titles == ["Netflix paused", "Spotify paused"]  # unread first
        assert auth_client.post(f"{self.ALERTS}{target}/dismiss/").status_code == 200
        assert auth_client.get(self.ALERTS).json()["count"] == 1
        assert auth_client.post(f"{self.ALERTS}read_all/").json() == {"updated": 1}
        unread = auth_client.get(self.ALERTS, {"is_read": "false"}).json()
        assert unread["count"] == 0


def test_schema_documents_every_endpoint(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    paths = {p for p in schema["paths"] if p.startswith(URL)}
    assert paths >= {
        "/api/subscriptions/",
        "/api/subscriptions/{subscription_id}/",
        "/api/subscriptions/{subscription_id}/pause/",
        "/api/subscriptions/{subscription_id}/resume/",
        "/api/subscriptions/{subscription_id}/cancel/",
        "/api/subscriptions/{subscription_id}/payments/",
        "/api/subscriptions/{subscription_id}/payments/{payment_id}/",
        "/api/subscriptions/{subscription_id}/payments/{payment_id}/refund/",
        "/api/subscriptions/{subscription_id}/usage/",
        "/api/subscriptions/{subscription_id}/price_history/",
        "/api/subscriptions/categories/",
        "/api/subscriptions/categories/{category_id}/",
        "/api/subscriptions/alerts/",
        "/api/subscriptions/alerts/{alert_id}/read/",
        "/api/subscriptions/alerts/{alert_id}/dismiss/",
        "/api/subscriptions/alerts/read_all/",
        "/api/subscriptions/dashboard/",
        "/api/subscriptions/analytics/",
        "/api/subscriptions/upcoming/",
        "/api/subscriptions/calendar/",
        "/api/subscriptions/parse_text/",
        "/api/subscriptions/ai_insights/",
        "/api/subscriptions/insights/",
        "/api/subscriptions/health/",
    }
    post_payment = schema["paths"]["/api/subscriptions/{subscription_id}/payments/"][
        "post"
    ]
    assert "requestBody" in post_payment
    assert "201" in post_payment["responses"]


@pytest.mark.parametrize(
    "method, path, code",
    [
        ("get", "?category=99999999999999999999999", 400),
        ("get", "categories/99999999999999999999999/", 404),
        ("post", "alerts/99999999999999999999999/read/", 404),
        ("delete", "SUBnope/payments/99999999999999999999999/", 404),
    ],
)
def test_out_of_range_ids_are_4xx_not_500(auth_client, user, method, path, code):
    sub = SubscriptionFactory(user=user)
    path = path.replace("SUBnope", sub.pk)
    resp = getattr(auth_client, method)(f"{URL}{path}")
    assert resp.status_code == code


def test_huge_category_id_in_a_body_is_a_400(auth_client):
    resp = auth_client.post(URL, {**NETFLIX, "category_id": 10**30}, format="json")
    assert resp.status_code == 400
    assert "category_id" in resp.json()


@pytest.mark.parametrize(
    "method, path, body, field",
    [
        ("post", "", {**NETFLIX, "start_date": "9999-12-31"}, "start_date"),
        ("post", "", {**NETFLIX, "start_date": "1066-10-14"}, "start_date"),
        ("get", "calendar/", {"month": "9999-12"}, "month"),
        ("post", "{sub}/usage/", {"usage_count": 10**12}, "usage_count"),
        ("post", "{sub}/usage/", {"usage_duration": "9999 00:00:00"}, "usage_duration"),
        ("post", "{sub}/payments/", {"payment_date": "9999-01-01"}, "payment_date"),
        ("post", "{sub}/cancel/", {"end_date": "9999-01-01"}, "end_date"),
    ],
)
def test_values_that_would_overflow_are_400(
    auth_client, user, make_sub, method, path, body, field
):
    sub = make_sub(user)
    url = f"{URL}{path.format(sub=sub.pk)}"
    if method == "get":
        resp = auth_client.get(url, body)
    else:
        resp = auth_client.post(url, body, format="json")
    assert resp.status_code == 400
    assert field in resp.json()


def _payment_of(user):
    """One more paid payment (a new cycle) of the user's one subscription."""
    subscription = SubscriptionModel.objects.filter(user=user).first()
    subscription = subscription or SubscriptionFactory(user=user)
    paid = subscription.payments.count()
    due = date(2024, 1, 1) + timedelta(days=paid)
    PaymentFactory(subscription=subscription, payment_date=due, due_date=due)
    return subscription


def _usage_of(user):
    """One more usage log of the user's one subscription."""
    subscription = SubscriptionModel.objects.filter(user=user).first()
    subscription = subscription or SubscriptionFactory(user=user)
    UsageFactory(subscription=subscription)
    return subscription


def _price_change_of(user):
    """One more price change of the user's one subscription."""
    subscription = SubscriptionModel.objects.filter(user=user).first()
    subscription = subscription or SubscriptionFactory(user=user)
    PriceChangeFactory(subscription=subscription)
    return subscription


OWNED_PAYMENT_ID = 4242


def _subscription_with_payment(user):
    """A subscription with one paid payment whose id is the routes' `payment_id`."""
    subscription = SubscriptionFactory(user=user)
    PaymentFactory(subscription=subscription, id=OWNED_PAYMENT_ID)
    return subscription


class TestSubscriptionRoutes(FeatureAPITests):
    """The kit's declarative checks over every route of /api/subscriptions/."""

    feature = "subscriptions"
    factories = {
        "subscription": lambda user: SubscriptionFactory(user=user),
        "subscription-category": lambda user: CategoryFactory(user=user),
        "subscription-alert": lambda user: AlertFactory(
            subscription=SubscriptionFactory(user=user)
        ),
        "subscription-payments": _payment_of,
        "subscription-usage": _usage_of,
        "subscription-price-history": _price_change_of,
        "subscription-payment-detail": _subscription_with_payment,
        "subscription-payment-refund": _subscription_with_payment,
    }
    url_kwargs = {"payment_id": str(OWNED_PAYMENT_ID)}
    list_bounds = {
        "subscription-list": 4,
        "subscription-category-list": 3,
        "subscription-alert-list": 3,
        "subscription-payments": 5,
        "subscription-usage": 5,
        "subscription-price-history": 5,
        "subscription-dashboard": 3,
        "subscription-analytics": 5,
        "subscription-upcoming": 3,
        "subscription-calendar": 3,
        "subscription-ai-insights": 8,
        "subscription-insights": 8,
    }
