"""The feature kit on its own: declarations, events, filters, fields and shapes."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.dispatch import receiver
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from mysphere_core import ai, events, filters
from mysphere_core.dates import add_months, month_end, month_start
from mysphere_core.features import all_features, get_feature
from mysphere_core.fields import CurrencyField, EnumField
from mysphere_core.limits import parse_pk
from mysphere_core.models import AIUsageModel
from mysphere_core.money import format_money, percent
from mysphere_core.serializers import ParseResponseSerializer, per_currency
from mysphere_core.testing import feature_routes

CATALOGUE_FILE = "event_catalogue.json"


class TestDeclarations:
    def test_every_feature_app_declares_itself(self):
        declared = {c.feature: c for c in all_features()}
        assert {"users", "expenses", "subscriptions"} <= set(declared)
        assert declared["expenses"].ai_flag == "EXPENSE_AI_INSIGHTS"
        assert declared["expenses"].get_health_model()._meta.db_table == "expenses"
        assert "users" in declared["subscriptions"].invalidated_by

    def test_an_unknown_feature_is_a_lookup_error(self):
        with pytest.raises(LookupError, match="budgetz"):
            get_feature("budgetz")

    def test_the_flag_turns_a_features_ai_off(self, settings):
        settings.FEATURE_FLAGS = {
            **settings.FEATURE_FLAGS,
            "EXPENSE_AI_INSIGHTS": False,
        }
        assert get_feature("expenses").ai_enabled() is False
        assert get_feature("users").ai_enabled() is True  # no flag of its own

    def test_routes_are_found_from_the_url_conf(self):
        routes = {r.name: r for r in feature_routes("expenses")}
        assert routes["expense-list"].detail is False
        assert set(routes["expense-list"].methods) == {"get", "post"}
        assert routes["expense-detail"].detail is True
        assert routes["expense-detail"].basename == "expense"


class TestEvents:
    def test_unknown_names_and_wrong_payloads_are_refused(self, user):
        with pytest.raises(ValueError, match="Unknown domain event"):
            events.announce("expense.exploded", user=user)
        with pytest.raises(ValueError, match="carries"):
            events.announce("user.profile_updated", user=user, field="x")

    def test_the_catalogue_assembled_from_the_apps_is_the_published_one(self):
        # Webhook subscribers rely on these names, features and payload fields.
        published = json.loads((Path(__file__).parent / CATALOGUE_FILE).read_text())
        assembled = {
            name: {"feature": events.feature_of(name), "fields": list(fields)}
            for name, (fields, _) in sorted(events.catalogue().items())
        }
        assert assembled == published
        features = {c.feature for c in all_features()}
        assert {entry["feature"] for entry in assembled.values()} <= features

    def test_a_named_receiver_hears_only_its_events(self, db, user):
        heard: list[str] = []

        def listen(sender, event, **kwargs):
            heard.append(event.name)

        events.on("user.deactivated")(listen)
        try:
            events.announce("user.profile_updated", user=user, fields=["x"])
            events.announce("user.deactivated", user=user)
            assert heard == ["user.deactivated"]
        finally:
            assert events.disconnect(f"{__name__}.{listen.__qualname__}")
        assert not events.disconnect(f"{__name__}.{listen.__qualname__}")

    def test_subscribing_to_an_undeclared_event_is_refused(self):
        with pytest.raises(ImproperlyConfigured, match="expense.exploded"):
            events.on("expense.exploded")(lambda sender, event, **kwargs: None)

    def test_receivers_hear_the_event_once_after_commit(self, db, user):
        heard: list[events.DomainEvent] = []

        @receiver(events.domain_event, weak=False)
        def listen(sender, event, **kwargs):
            heard.append(event)

        try:
            sent = events.announce("user.deactivated", user=user)
        finally:
            events.domain_event.disconnect(listen)
        assert heard == [sent]
        assert sent.user_id == user.pk and sent.feature == "users"

    def test_a_probe_asks_in_one_statement_and_skips_who_has_no_work(
        self, db, user, django_assert_num_queries
    ):
        heard: list[str] = []
        busy = {"inside": False, "after": True}

        def wanted(key: str) -> events.Wanted:
            return lambda user_id, name, known: ("%s = 1", [int(busy[key])])

        def inside(sender, event, **kwargs):
            heard.append("inside")

        def after(sender, event, **kwargs):
            heard.append("after")

        def untested(sender, event, **kwargs):
            heard.append("untested")

        uids = [f"{__name__}.{f.__qualname__}" for f in (inside, after, untested)]
        events.on_every(in_transaction=True, wanted=wanted("inside"))(inside)
        events.on("user.deactivated", wanted=wanted("after"))(after)
        try:
            with django_assert_num_queries(1):
                probed = events.probe("user.deactivated", user=user)
            assert uids[0] in probed.idle and uids[1] not in probed.idle
            assert not probed.in_transaction  # the user has no webhook endpoint
            events.announce("user.deactivated", user=user, probed=probed)
            assert heard == ["after"]
            events.announce("user.deactivated", user=user)  # not probed: everyone
            assert heard == ["after", "inside", "after"]
            busy["inside"] = True
            assert events.probe("user.deactivated", user=user).in_transaction
            busy["inside"] = False
            events.on_every(in_transaction=True)(untested)
            assert events.probe("user.deactivated", user=user).in_transaction
            with pytest.raises(ValueError, match="carries"):
                events.probe("user.deactivated", user=user, field="x")
        finally:
            for uid in uids:
                events.disconnect(uid)

    def test_a_failing_receiver_does_not_stop_the_others(self, db, user, caplog):
        heard: list[str] = []

        def broken(sender, event, **kwargs):
            raise RuntimeError("receiver bug")

        def working(sender, event, **kwargs):
            heard.append(event.name)

        events.domain_event.connect(broken, weak=False)
        events.domain_event.connect(working, weak=False)
        try:
            events.announce("user.deactivated", user=user)
        finally:
            events.domain_event.disconnect(broken)
            events.domain_event.disconnect(working)
        assert heard == ["user.deactivated"]
        assert "failed on user.deactivated" in caplog.text


class UsageFilter(filters.FeatureFilterSet):
    """A FilterSet over the core's own table, for the tests."""

    kind = filters.ChoiceFilter(choices=AIUsageModel.Kind.choices)
    features = filters.MultipleChoiceFilter(
        field_name="feature", choices=[("expenses", "e"), ("subscriptions", "s")]
    )
    search = filters.SearchFilter(fields=("feature", "kind"))
    ordering = filters.OrderingFilter({"day": ("day",)}, default="-day")

    class Meta:
        model = AIUsageModel
        fields = ["kind"]


class _View:
    filterset_class = UsageFilter


def _filter(query: str):
    request = Request(APIRequestFactory().get(f"/x/?{query}"))
    backend = filters.StrictFilterBackend()
    return backend.filter_queryset(request, AIUsageModel.objects.all(), _View())


@pytest.mark.django_db
class TestFilters:
    @pytest.fixture
    def rows(self, user):
        return [
            AIUsageModel.objects.create(user=user, feature=f, kind=k, day=d)
            for f, k, d in [
                ("expenses", "insights", date(2026, 1, 1)),
                ("subscriptions", "parse", date(2026, 1, 3)),
                ("expenses", "parse", date(2026, 1, 2)),
            ]
        ]

    def test_an_unknown_parameter_is_named_with_the_allowed_ones(self):
        with pytest.raises(ValidationError) as exc:
            _filter("colour=red&page=2")
        message = str(exc.value.detail["colour"][0])
        assert (
            message == "Unknown filter. Use one of: features, kind, ordering, search."
        )

    def test_a_bad_choice_names_the_value_and_the_choices(self):
        with pytest.raises(ValidationError) as exc:
            _filter("kind=dreams")
        assert exc.value.detail["kind"] == [
            '"dreams" is not a valid kind. Use one of: insights, parse.'
        ]

    def test_several_values_by_comma_or_repetition(self, rows):
        by_comma = _filter("features=expenses,subscriptions")
        by_repeat = _filter("features=expenses&features=subscriptions")
        assert by_comma.count() == by_repeat.count() == 3
        assert _filter("features=subscriptions").count() == 1
        with pytest.raises(ValidationError) as exc:
            _filter("features=expenses,budgets")
        assert "budgets" in str(exc.value.detail["features"][0])

    def test_ordering_defaults_and_reverses(self, rows):
        days = [r.day.day for r in _filter("")]
        assert days == [3, 2, 1]
        assert [r.day.day for r in _filter("ordering=day")] == [1, 2, 3]
        with pytest.raises(ValidationError) as exc:
            _filter("ordering=size")
        assert "day, -day" in str(exc.value.detail["ordering"][0])

    def test_search_looks_in_every_field(self, rows):
        assert _filter("search=PARSE").count() == 2
        assert _filter("search=subscr").count() == 1

    def test_boolean_filter_refuses_other_words(self):
        field = filters.StrictBooleanField()
        assert field.to_python("TRUE") is True
        assert field.to_python("0") is False
        with pytest.raises(Exception, match="not a boolean"):
            field.to_python("maybe")


class TestFieldsAndShapes:
    def test_currency_in_any_case_is_upper_case(self):
        assert CurrencyField().run_validation(" usd") == "USD"
        with pytest.raises(ValidationError):
            CurrencyField().run_validation("usx")

    def test_enum_errors_list_the_values(self):
        with pytest.raises(ValidationError) as exc:
            EnumField(["a", "b"], label_text="mode").run_validation("c")
        assert exc.value.detail == ['"c" is not a valid mode. Use one of: a, b.']

    def test_money_per_currency_is_sorted_rows_with_cents(self):
        rows = per_currency(
            {"USD": Decimal("25.975"), "EUR": Decimal("9.99")}, count={"USD": 2}
        )
        assert rows == [
            {"currency": "EUR", "total": Decimal("9.99"), "count": None},
            {"currency": "USD", "total": Decimal("25.98"), "count": 2},
        ]

    def test_parse_response_leaves_out_a_missing_error(self):
        result = ai.AIResult({"a": 1}, "ai", 3, generated_at=None)
        body = ParseResponseSerializer(ai.ParseOutcome(result, dry_run=True)).data
        assert body == {
            "parsed_data": {"a": 1},
            "source": "ai",
            "ai_used": True,
            "fallback_used": False,
            "dry_run": True,
        }

    @pytest.mark.parametrize(
        "value, expected",
        [
            ("7", 7),
            (" 12", 12),
            ("0", None),
            ("-1", None),
            ("x", None),
            (str(2**63), None),
            (str(2**63 - 1), 2**63 - 1),
            (None, None),
        ],
    )
    def test_parse_pk(self, value, expected):
        assert parse_pk(value) == expected

    def test_month_arithmetic(self):
        assert month_start(date(2026, 1, 15), 1) == date(2025, 12, 1)
        assert month_end(date(2024, 2, 10)) == date(2024, 2, 29)
        assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
        assert add_months(date(2026, 3, 31), -13) == date(2025, 2, 28)

    def test_money_words(self):
        assert format_money(Decimal("1234.5"), "USD") == "1,234.50 USD"
        assert percent(Decimal("1"), Decimal("3")) == Decimal("33.3")
        assert percent(Decimal("1"), Decimal("0")) is None


class TestFeatureFlags:
    def test_a_feature_turned_off_is_404_and_its_health_says_disabled(
        self, auth_client, api_client, settings
    ):
        from mysphere_core.features import get_feature

        config = get_feature("expenses")
        original = config.feature_flag
        config.feature_flag = "EXPENSES_FEATURE"
        try:
            settings.FEATURE_FLAGS = {
                **settings.FEATURE_FLAGS,
                "EXPENSES_FEATURE": False,
            }
            resp = auth_client.get("/api/expenses/")
            assert resp.status_code == 404
            assert resp.json()["code"] == "feature_disabled"
            health = api_client.get("/api/expenses/health/").json()
            assert health["status"] == "disabled"
            assert health["feature_flag"]["EXPENSES_FEATURE"] is False
            assert config.ai_enabled() is False  # its AI goes with it
            settings.FEATURE_FLAGS = {
                **settings.FEATURE_FLAGS,
                "EXPENSES_FEATURE": True,
            }
            assert auth_client.get("/api/expenses/").status_code == 200
        finally:
            config.feature_flag = original


@pytest.mark.django_db
def test_a_bad_value_holding_a_percent_sign_is_a_400_not_a_500(auth_client):
    resp = auth_client.get("/api/expenses/", {"currency": "US%", "page": "2"})
    assert resp.status_code == 400
    assert list(resp.json()) == ["currency"]
    assert "US%" in resp.json()["currency"][0]


class TestDeclaredFlags:
    def test_a_feature_flag_is_read_from_its_environment_variable(
        self, settings, monkeypatch
    ):
        # Only the app declares LENDING_FEATURE; the kit reads it when it is ready.
        settings.FEATURE_FLAGS = {}
        monkeypatch.setenv("LENDING_FEATURE", "False")
        lending = get_feature("lending")
        lending.ready()
        assert settings.FEATURE_FLAGS["LENDING_FEATURE"] is False
        assert not lending.enabled()


class TestFeatureAPIView:
    def test_a_plain_view_of_a_feature_turned_off_is_a_404(self, settings, user):
        from rest_framework.response import Response
        from rest_framework.test import force_authenticate

        from mysphere_core.api import FeatureAPIView

        class Ping(FeatureAPIView):
            def get(self, request):
                return Response({"ok": True})

        Ping.__module__ = "lending.views"  # a view of the lending feature
        request = APIRequestFactory().get("/api/lending/ping/")
        force_authenticate(request, user=user)
        assert Ping.as_view()(request).status_code == 200
        settings.FEATURE_FLAGS = {**settings.FEATURE_FLAGS, "LENDING_FEATURE": False}
        answer = Ping.as_view()(request)
        assert answer.status_code == 404
        assert answer.data["code"] == "feature_disabled"
