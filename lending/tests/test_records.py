"""Records and repayments: arithmetic to the cent, status transitions, bad input."""

from datetime import date
from decimal import Decimal

import pytest

from lending.models import LendingModel, RepaymentModel
from lending.services import LendingService
from lending.validators import counterparty_key
from mysphere_core.errors import InvalidInput, NotFoundError

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def _repay(user, record, amount, **more):
    return LendingService.repay(
        user=user, pk=record.pk, data={"amount": Decimal(amount), **more}
    )


def _errors(excinfo):
    return {k: [str(m) for m in v] for k, v in excinfo.value.detail.items()}


class TestRepaymentArithmetic:
    def test_three_partial_repayments_to_the_cent_then_one_deleted(self, user, lend):
        record = lend(amount="100.00")
        statuses = []
        payments = []
        for amount in ("33.33", "33.33", "33.34"):
            record, payment = _repay(user, record, amount)
            statuses.append(record.status)
            payments.append(payment)
        assert statuses == ["partially_repaid", "partially_repaid", "repaid"]
        assert record.outstanding == Decimal("0.00")
        assert record.repaid_amount == Decimal("100.00")

        record = LendingService.delete_repayment(
            user=user, pk=record.pk, repayment_id=payments[1].pk
        )
        assert record.status == "partially_repaid"
        assert record.outstanding == Decimal("33.33")
        assert record.repaid_amount == Decimal("66.67")
        live = RepaymentModel.objects.filter(lending=record, is_active=True)
        assert sorted(p.amount for p in live) == [Decimal("33.33"), Decimal("33.34")]
        assert RepaymentModel.objects.get(pk=payments[1].pk).is_active is False

    def test_deleting_every_repayment_makes_it_outstanding_again(self, user, lend):
        record = lend(amount="20.00")
        record, payment = _repay(user, record, "20.00")
        assert record.status == "repaid"
        record = LendingService.delete_repayment(
            user=user, pk=record.pk, repayment_id=payment.pk
        )
        assert (record.status, record.outstanding) == ("outstanding", Decimal("20.00"))

    def test_more_than_outstanding_says_how_much_is_outstanding(self, user, lend):
        record = lend(amount="50.00")
        _repay(user, record, "12.50")
        with pytest.raises(InvalidInput) as excinfo:
            _repay(user, record, "37.51")
        assert _errors(excinfo) == {
            "amount": ["Only 37.50 USD is outstanding; repay at most that."]
        }
        record.refresh_from_db()
        assert record.repaid_amount == Decimal("12.50")

    @pytest.mark.parametrize("closing", ["repay", "write_off", "forgive"])
    def test_a_closed_record_takes_no_repayment(self, user, lend, closing):
        record = lend()
        if closing == "repay":
            _repay(user, record, "50.00")
        else:
            getattr(LendingService, closing)(user=user, pk=record.pk)
        with pytest.raises(InvalidInput) as excinfo:
            _repay(user, record, "1.00")
        word = {"repay": "repaid", "write_off": "written off", "forgive": "forgiven"}
        assert _errors(excinfo) == {
            "status": [f"This record is {word[closing]}; it takes no repayments."]
        }

    def test_repayment_dates_lie_between_lent_date_and_today(self, user, lend):
        record = lend(lent_date="2026-11-10")
        with pytest.raises(InvalidInput) as before:
            _repay(user, record, "1.00", date=date(2026, 11, 9))
        assert "before the lent date (2026-11-10)" in _errors(before)["date"][0]
        with pytest.raises(InvalidInput) as future:
            _repay(user, record, "1.00", date=date(2026, 11, 23))
        assert _errors(future) == {"date": ["A repayment cannot be in the future."]}
        record, payment = _repay(user, record, "1.00")
        assert payment.date == date(2026, 11, 22)  # the user's today by default

    def test_deleting_an_unknown_or_deleted_repayment_is_404(self, user, lend):
        record = lend()
        record, payment = _repay(user, record, "5.00")
        LendingService.delete_repayment(
            user=user, pk=record.pk, repayment_id=payment.pk
        )
        for repayment_id in (payment.pk, 999999, "x"):
            with pytest.raises(NotFoundError):
                LendingService.delete_repayment(
                    user=user, pk=record.pk, repayment_id=repayment_id
                )

    def test_another_users_record_is_404(self, user, other_user, lend):
        record = lend(owner=other_user)
        with pytest.raises(NotFoundError):
            _repay(user, record, "1.00")
        with pytest.raises(NotFoundError):
            LendingService.get_for(user=user, pk=record.pk)


class TestStatusTransitions:
    def test_write_off_is_for_money_lent_only(self, user, lend):
        borrowed = lend(direction="borrowed")
        with pytest.raises(InvalidInput) as excinfo:
            LendingService.write_off(user=user, pk=borrowed.pk)
        assert list(excinfo.value.detail) == ["direction"]
        forgiven = LendingService.forgive(user=user, pk=borrowed.pk)
        assert (forgiven.status, forgiven.outstanding) == ("forgiven", Decimal("0.00"))

    def test_only_open_records_close(self, user, lend):
        record = lend()
        LendingService.write_off(user=user, pk=record.pk)
        with pytest.raises(InvalidInput) as excinfo:
            LendingService.forgive(user=user, pk=record.pk)
        assert _errors(excinfo) == {
            "status": ["Only an open record can be forgiven; this one is written off."]
        }

    def test_a_partly_repaid_write_off_keeps_its_repayments(self, user, lend):
        record = lend()
        _repay(user, record, "20.00")
        record = LendingService.write_off(user=user, pk=record.pk)
        assert record.repaid_amount == Decimal("20.00")
        assert record.outstanding == Decimal("0.00")

    def test_lowering_the_amount_to_what_is_repaid_closes_it(self, user, lend):
        record = lend(amount="50.00")
        _repay(user, record, "30.00")
        with pytest.raises(InvalidInput) as excinfo:
            LendingService.update(
                user=user, pk=record.pk, data={"amount": Decimal("29.99")}
            )
        assert _errors(excinfo) == {
            "amount": ["30.00 USD is already repaid; the amount cannot be less."]
        }
        record = LendingService.update(
            user=user, pk=record.pk, data={"amount": Decimal("30.00")}
        )
        assert record.status == "repaid"
        record = LendingService.update(
            user=user, pk=record.pk, data={"amount": Decimal("40.00")}
        )
        assert (record.status, record.outstanding) == (
            "partially_repaid",
            Decimal("10.00"),
        )

    @pytest.mark.parametrize(
        "change",
        [
            {"currency": "EUR"},
            {"direction": "borrowed"},
            {"lent_date": date(2026, 11, 11)},
        ],
    )
    def test_what_repayments_rely_on_stays(self, user, lend, change):
        record = lend()
        _repay(user, record, "1.00", date=date(2026, 11, 10))
        with pytest.raises(InvalidInput) as excinfo:
            LendingService.update(user=user, pk=record.pk, data=change)
        assert list(excinfo.value.detail) == list(change)
        moved = LendingService.update(
            user=user, pk=record.pk, data={"lent_date": date(2026, 11, 10)}
        )
        assert moved.lent_date == date(2026, 11, 10)


class TestEvents:
    def test_writes_announce_their_events(self, user, lend, announced):
        record = lend(due_date="2026-12-01")
        record, payment = _repay(user, record, "20.00")
        LendingService.delete_repayment(
            user=user, pk=record.pk, repayment_id=payment.pk
        )
        LendingService.update(user=user, pk=record.pk, data={"notes": "cash"})
        LendingService.forgive(user=user, pk=record.pk)
        LendingService.delete(user=user, pk=record.pk)
        names = [e.name for e in announced]
        assert names == [
            "lending.created",
            "lending.repaid",
            "lending.repayment_deleted",
            "lending.updated",
            "lending.status_changed",
            "lending.deleted",
        ]
        assert announced[0].payload == {
            "lending_id": record.pk,
            "direction": "lent",
            "counterparty_name": "Sam",
            "amount": "50.00",
            "currency": "USD",
            "due_date": "2026-12-01",
        }
        assert announced[1].payload["outstanding"] == "30.00"
        assert announced[1].payload["status"] == "partially_repaid"
        assert announced[3].payload["fields"] == ["notes"]

    def test_a_refused_repayment_announces_nothing(self, user, lend, announced):
        record = lend()
        announced.clear()
        with pytest.raises(InvalidInput):
            _repay(user, record, "60.00")
        assert announced == []


class TestNames:
    def test_names_are_stored_tidy_and_matched_loosely(self, user, lend):
        record = lend(counterparty_name="  Sam   Lee ")
        assert record.counterparty_name == "Sam Lee"
        assert record.counterparty_key == "sam lee"
        assert LendingModel.objects.filter(counterparty_key="sam lee").count() == 1

    def test_a_name_that_folds_longer_still_fits_and_matches(self, user, lend):
        record = lend(counterparty_name="Strauß" * 33)
        assert len(record.counterparty_name) == 198
        assert record.counterparty_key == ("strauss" * 33)[:200]
        assert LendingModel.objects.filter(counterparty_key=record.counterparty_key)
        assert counterparty_key("STRAUSS" * 33) == record.counterparty_key
