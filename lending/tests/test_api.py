"""The /api/lending/ endpoints (and /api/expenses/{id}/split/): routes, shapes,
validation, isolation, filters."""

from datetime import date
from decimal import Decimal

import pytest

from expenses.tests.factories import ExpenseFactory
from lending.models import LendingModel, RepaymentModel
from lending.tests.factories import LendingFactory, RepaymentFactory
from mysphere_core.testing import FeatureAPITests

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

URL = "/api/lending/"
OWNED_REPAYMENT_ID = 4242


def _repayment_of(user):
    """One more repayment of 1.00 on the user's one record (30 fit in 50.00)."""
    record = LendingModel.objects.filter(user=user).first() or LendingFactory(user=user)
    RepaymentFactory(lending=record, amount=Decimal("1.00"))
    return record


def _record_with_repayment(user):
    """A record with one repayment whose id is the routes' `repayment_id`."""
    record = LendingFactory(user=user)
    RepaymentFactory(lending=record, repayment_id=OWNED_REPAYMENT_ID)
    return record


def _person(user):
    """One more record, each with a new person, some overdue, some repaid."""
    n = LendingModel.objects.filter(user=user).count()
    record = LendingFactory(
        user=user, counterparty_name=f"Friend {n}", due_date=date(2026, 11, 1 + n % 20)
    )
    if n % 3 == 0:
        RepaymentFactory(lending=record, amount=Decimal("50.00"))
    return record


class TestLendingRoutes(FeatureAPITests):
    """Health, 401s, other users' 404s, query bounds and soft delete, generated."""

    feature = "lending"
    factories = {
        "lending": lambda user: LendingFactory(user=user),
        "lending-repayments": _repayment_of,
        "lending-repayment-detail": _record_with_repayment,
        "lending-counterparties": _person,
        "lending-summary": _person,
        "lending-insights": _person,
        "expense": lambda user: ExpenseFactory(user=user),
    }
    url_kwargs = {"repayment_id": str(OWNED_REPAYMENT_ID)}
    list_bounds = {
        "lending-list": 4,  # user (JWT), profile (today), count, page
        "lending-repayments": 5,  # user, profile (today), the record, count, page
        "lending-summary": 4,  # user, profile, open records, this month's repayments
        "lending-counterparties": 3,  # user, profile, records with last repayment
        "lending-insights": 7,  # user, profile, quota, records (fallback)
    }


def _create(client, **overrides):
    body = {
        "direction": "lent",
        "counterparty_name": "Sam",
        "amount": "20.00",
        **overrides,
    }
    return client.post(URL, body, format="json")


class TestCreateAndRead:
    def test_create_answers_the_record(self, auth_client, user):
        resp = _create(auth_client, due_date="2026-11-27", description="pizza")
        assert resp.status_code == 201, resp.content
        body = resp.json()
        assert body["lending_id"] == LendingModel.objects.get().pk
        assert body["amount"] == body["outstanding"] == "20.00"
        assert body["repaid_amount"] == "0.00"
        assert body["currency"] == "USD"
        assert body["lent_date"] == "2026-11-22"
        assert body["status"] == "outstanding"
        assert body["is_overdue"] is False
        assert body["user"] == user.pk

    def test_overdue_is_derived_from_the_users_today(self, auth_client, user):
        LendingFactory(user=user, due_date=date(2026, 11, 21))
        LendingFactory(user=user, due_date=date(2026, 11, 22))
        flags = [r["is_overdue"] for r in auth_client.get(URL).json()["results"]]
        assert sorted(flags) == [False, True]

    @pytest.mark.parametrize(
        "overrides, field",
        [
            ({"amount": "0"}, "amount"),
            ({"amount": "-5"}, "amount"),
            ({"amount": "1000000.01"}, "amount"),
            ({"amount": "abc"}, "amount"),
            ({"counterparty_name": "x" * 201}, "counterparty_name"),
            ({"counterparty_name": "   "}, "counterparty_name"),
            ({"lent_date": "2026-11-10", "due_date": "2026-11-09"}, "due_date"),
            ({"currency": "XYZ"}, "currency"),
            ({"direction": "given"}, "direction"),
            ({"lent_date": "1800-01-01"}, "lent_date"),
            ({"colour": "red"}, "colour"),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field(self, auth_client, overrides, field):
        resp = _create(auth_client, **overrides)
        assert resp.status_code == 400, resp.content
        assert field in resp.json()
        assert LendingModel.objects.count() == 0

    def test_patch_checks_dates_against_the_stored_ones(self, auth_client, user):
        record = LendingFactory(user=user, lent_date=date(2026, 11, 10))
        resp = auth_client.patch(
            f"{URL}{record.pk}/", {"due_date": "2026-11-01"}, format="json"
        )
        assert resp.status_code == 400
        assert list(resp.json()) == ["due_date"]

    def test_filters(self, auth_client, user):
        LendingFactory(
            user=user, counterparty_name="Sam Lee", due_date=date(2026, 11, 20)
        )
        LendingFactory(user=user, direction="borrowed", counterparty_name="Alex")
        LendingFactory(user=user, currency="EUR", description="concert tickets")
        repaid = LendingFactory(
            user=user, counterparty_name="Jo", due_date=date(2026, 11, 1)
        )
        RepaymentFactory(lending=repaid, amount=Decimal("50.00"))

        def names(query):
            resp = auth_client.get(URL, query)
            assert resp.status_code == 200, resp.content
            return sorted(r["counterparty_name"] for r in resp.json()["results"])

        assert names({"counterparty": "  sam   LEE "}) == ["Sam Lee"]
        assert names({"direction": "borrowed"}) == ["Alex"]
        assert names({"overdue": "true"}) == ["Sam Lee"]
        assert names({"status": "repaid,outstanding"}) == [
            "Alex",
            "Jo",
            "Sam",
            "Sam Lee",
        ]
        assert names({"status": "repaid"}) == ["Jo"]
        assert names({"overdue": "false"}) == ["Alex", "Jo", "Sam"]
        assert names({"due_before": "2026-11-05"}) == ["Jo"]
        assert names({"currency": "eur"}) == ["Sam"]
        assert names({"search": "concert"}) == ["Sam"]
        ordered = auth_client.get(URL, {"ordering": "counterparty"}).json()["results"]
        assert [r["counterparty_name"] for r in ordered][0] == "Alex"
        for query in ({"overdue": "maybe"}, {"colour": "red"}, {"status": "paid"}):
            bad = auth_client.get(URL, query)
            assert bad.status_code == 400
            assert list(bad.json()) == list(query)


class TestActions:
    def test_repayments_take_the_payment_methods_of_every_feature(
        self, auth_client, user
    ):
        record = LendingFactory(user=user, amount=Decimal("30.00"))
        resp = auth_client.post(
            f"{URL}{record.pk}/repay/",
            {"amount": "10.00", "method": "paypal"},
            format="json",
        )
        assert resp.status_code == 201, resp.content
        assert resp.json()["repayment"]["method"] == "paypal"
        expense = auth_client.post(
            "/api/expenses/",
            {"amount": "5.00", "category": "Other", "payment_method": "paypal"},
            format="json",
        )
        assert expense.json()["payment_method"] == "paypal"

    def test_repay_list_and_delete_repayments(self, auth_client, user):
        record = LendingFactory(user=user, amount=Decimal("30.00"))
        url = f"{URL}{record.pk}/"
        resp = auth_client.post(
            f"{url}repay/", {"amount": "10.00", "method": "cash"}, format="json"
        )
        assert resp.status_code == 201, resp.content
        body = resp.json()
        assert body["lending"]["outstanding"] == "20.00"
        assert body["lending"]["status"] == "partially_repaid"
        assert body["repayment"]["method"] == "cash"
        too_much = auth_client.post(f"{url}repay/", {"amount": "20.01"}, format="json")
        assert too_much.status_code == 400
        assert too_much.json() == {
            "amount": ["Only 20.00 USD is outstanding; repay at most that."]
        }
        listed = auth_client.get(f"{url}repayments/").json()
        assert listed["count"] == 1
        repayment_id = listed["results"][0]["repayment_id"]
        deleted = auth_client.delete(f"{url}repayments/{repayment_id}/")
        assert deleted.status_code == 200
        assert deleted.json()["status"] == "outstanding"
        assert auth_client.delete(f"{url}repayments/{repayment_id}/").status_code == 404

    def test_write_off_and_forgive(self, auth_client, user):
        lent = LendingFactory(user=user)
        borrowed = LendingFactory(user=user, direction="borrowed")
        resp = auth_client.post(f"{URL}{lent.pk}/write_off/")
        assert (resp.status_code, resp.json()["status"]) == (200, "written_off")
        assert resp.json()["outstanding"] == "0.00"
        again = auth_client.post(
            f"{URL}{lent.pk}/repay/", {"amount": "1"}, format="json"
        )
        assert again.status_code == 400 and list(again.json()) == ["status"]
        refused = auth_client.post(f"{URL}{borrowed.pk}/write_off/")
        assert refused.status_code == 400 and list(refused.json()) == ["direction"]
        forgiven = auth_client.post(f"{URL}{borrowed.pk}/forgive/")
        assert forgiven.json()["status"] == "forgiven"

    def test_summary_and_counterparties_shapes(self, auth_client, user):
        LendingFactory(user=user, amount=Decimal("12.50"), due_date=date(2026, 11, 20))
        LendingFactory(user=user, direction="borrowed", counterparty_name="sam")
        summary = auth_client.get(f"{URL}summary/").json()["results"]
        assert summary == [
            {
                "currency": "USD",
                "total": "-37.50",
                "lent_outstanding": "12.50",
                "borrowed_outstanding": "50.00",
                "net": "-37.50",
                "overdue_amount": "12.50",
                "overdue_count": 1,
                "overdue_borrowed_amount": "0.00",
                "overdue_borrowed_count": 0,
                "repaid_this_month": "0.00",
                "repaid_by_you_this_month": "0.00",
                "open_items": 2,
            }
        ]
        people = auth_client.get(f"{URL}counterparties/").json()["results"]
        assert people == [
            {
                "currency": "USD",
                "total": "-37.50",
                "counterparty": "sam",
                "net_balance": "-37.50",
                "they_owe": "12.50",
                "you_owe": "50.00",
                "open_items": 2,
                "overdue_items": 1,
                "oldest_due_date": "2026-11-20",
                "last_activity": "2026-11-01",
                "on_time_rate": 0.0,
            }
        ]

    def test_settle(self, auth_client, user):
        LendingFactory(user=user, amount=Decimal("30.00"))
        LendingFactory(user=user, direction="borrowed", amount=Decimal("10.00"))
        resp = auth_client.post(
            f"{URL}settle/", {"counterparty": " SAM", "currency": "usd"}, format="json"
        )
        assert resp.status_code == 200, resp.content
        body = resp.json()
        assert (body["amount"], body["payer"], body["netted"]) == (
            "20.00",
            "them",
            "10.00",
        )
        assert {r["status"] for r in body["records"]} == {"repaid"}
        assert len(body["repayments"]) == 3
        missing = auth_client.post(f"{URL}settle/", {"currency": "USD"}, format="json")
        assert missing.status_code == 400 and list(missing.json()) == ["counterparty"]

    def test_split_an_expense(self, auth_client, user, other_client):
        expense = ExpenseFactory(user=user, amount=Decimal("100.00"))
        url = f"/api/expenses/{expense.pk}/split/"
        body = {"with": [{"name": "Sam"}, {"name": "Alex"}], "equal": True}
        assert other_client.post(url, body, format="json").status_code == 404
        resp = auth_client.post(url, body, format="json")
        assert resp.status_code == 201, resp.content
        assert [(r["counterparty_name"], r["amount"]) for r in resp.json()] == [
            ("Sam", "33.33"),
            ("Alex", "33.33"),
        ]
        assert resp.json()[0]["source_ref"] == f"expense:{expense.pk}"
        over = auth_client.post(
            url, {"with": [{"name": "Jo", "share": "33.34"}]}, format="json"
        )
        assert over.status_code == 400 and list(over.json()) == ["with"]
        bad = auth_client.post(
            url, {"with": [{"name": "Jo", "share": "-1"}]}, format="json"
        )
        assert bad.status_code == 400
        assert bad.json() == {
            "with": {"0": {"share": ["Amount must be greater than 0."]}}
        }

    def test_the_feature_flag_turns_the_api_off(self, auth_client, user, settings):
        settings.FEATURE_FLAGS = {**settings.FEATURE_FLAGS, "LENDING_FEATURE": False}
        expense = ExpenseFactory(user=user)
        for resp in (
            auth_client.get(URL),
            auth_client.post(f"/api/expenses/{expense.pk}/split/", {}, format="json"),
        ):
            assert resp.status_code == 404
            assert resp.json()["code"] == "feature_disabled"
        assert auth_client.get(f"/api/expenses/{expense.pk}/").status_code == 200


class TestParseText:
    def _parse(self, client, text, **more):
        return client.post(f"{URL}parse_text/", {"text": text, **more}, format="json")

    def test_a_loan_is_recorded(self, auth_client):
        resp = self._parse(auth_client, "lent Sam $20 for pizza, due Friday")
        assert resp.status_code == 201, resp.content
        body = resp.json()
        assert body["source"] == "fallback"
        assert body["parsed_data"] == {
            "kind": "loan",
            "direction": "lent",
            "counterparty": "Sam",
            "amount": "20.00",
            "currency": "USD",
            "date": "2026-11-22",
            "due_date": "2026-11-27",
            "description": "pizza",
            "confidence": 1.0,
            "matched_lending_id": None,
        }
        assert body["lending"]["lending_id"] == LendingModel.objects.get().pk
        assert body["lending"]["due_date"] == "2026-11-27"

    def test_paid_me_back_repays_the_matching_item_dry_run_first(
        self, auth_client, user
    ):
        LendingFactory(user=user, counterparty_name="Maria", amount=Decimal("40.00"))
        match = LendingFactory(
            user=user,
            counterparty_name="maria",
            amount=Decimal("15.00"),
            lent_date=date(2026, 11, 5),
        )
        LendingFactory(user=user, counterparty_name="Maria", direction="borrowed")
        preview = self._parse(auth_client, "Maria paid me back 15", dry_run=True)
        assert preview.status_code == 200
        assert preview.json()["parsed_data"]["matched_lending_id"] == match.pk
        assert preview.json()["lending"] is None
        assert LendingModel.objects.get(pk=match.pk).status == "outstanding"
        done = self._parse(auth_client, "Maria paid me back 15")
        assert done.status_code == 201
        assert done.json()["lending"]["status"] == "repaid"
        assert done.json()["lending"]["lending_id"] == match.pk

    @pytest.mark.parametrize(
        "text, message",
        [
            ("lent Sam some money", "No amount found in the text."),
            (
                "20 for pizza",
                "Say who: no person found in the text (e.g. 'lent Sam 20').",
            ),
            ("Zoe paid me back 5", "No open item with Zoe that you lent."),
            (
                "lent " + "a" * 250 + " 20",
                "The name read is over 200 characters; shorten it.",
            ),
        ],
    )
    def test_unusable_text_is_a_400_on_text(self, auth_client, text, message):
        resp = self._parse(auth_client, text)
        assert resp.status_code == 400
        assert resp.json() == {"text": [message]}

    def test_a_repayment_the_item_refuses_is_a_400_on_text_dry_run_too(
        self, auth_client, user
    ):
        LendingFactory(user=user, lent_date=date(2026, 11, 22))
        for dry_run in (True, False):
            resp = self._parse(
                auth_client, "Sam paid me back 5 yesterday", dry_run=dry_run
            )
            assert resp.status_code == 400
            assert resp.json() == {
                "text": [
                    "date: A repayment cannot be before the lent date (2026-11-22)."
                ]
            }
        assert not RepaymentModel.objects.exists()

    def test_a_repayment_over_every_item_is_refused(self, auth_client, user):
        LendingFactory(user=user, amount=Decimal("10.00"))
        resp = self._parse(auth_client, "Sam paid me back 11")
        assert resp.status_code == 400
        assert "at most 10.00 USD is outstanding" in resp.json()["text"][0]


def test_insights_fallback_envelope(auth_client, user):
    LendingFactory(user=user, due_date=date(2026, 11, 1), description="pizza")
    resp = auth_client.get(f"{URL}insights/")
    assert resp.status_code == 200
    body = resp.json()
    assert (body["source"], body["fallback_used"], body["ai_used"]) == (
        "fallback",
        True,
        False,
    )
    assert body["insights"]["reminders"][0]["days_overdue"] == 21
    assert body["insights"]["ageing"][0] == {
        "currency": "USD",
        "bucket": "0-30",
        "amount": "50.00",
        "count": 1,
    }
