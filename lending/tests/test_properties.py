"""Properties over random input: equal shares add up to the cent; any sequence of
repayments, deletions, amount changes and settle-ups keeps every record's sums and
status in step with its live repayments."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from lending.models import LendingModel, RepaymentModel
from lending.records import recomputed_status
from lending.services import LendingService
from lending.settling import equal_shares
from mysphere_core.errors import InvalidInput
from mysphere_core.money import CENT
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CENTS = st.integers(min_value=1, max_value=5000).map(lambda c: Decimal(c) * CENT)


@given(
    total=st.integers(min_value=1, max_value=10**9).map(lambda c: Decimal(c) * CENT),
    people=st.integers(min_value=1, max_value=30),
)
def test_equal_shares_add_up_exactly_and_the_payer_keeps_the_remainder(total, people):
    payer, shares = equal_shares(total, people, "USD")
    assert payer + sum(shares) == total
    assert len(shares) == people and len(set(shares)) == 1
    assert 0 <= (payer - shares[0]) / CENT <= people
    assert payer.as_tuple().exponent == -2


class LedgerMachine(RuleBasedStateMachine):
    """Random writes through LendingService on two people; invariants after each."""

    def __init__(self) -> None:
        super().__init__()
        self.user = UserFactory()
        self.ids: list[int] = []

    def _pick(self, data: st.DataObject) -> LendingModel:
        return LendingModel.objects.get(pk=data.draw(st.sampled_from(self.ids)))

    @rule(
        amount=CENTS,
        direction=st.sampled_from(["lent", "borrowed"]),
        name=st.sampled_from(["Sam", " sam", "Alex"]),
    )
    def lend(self, amount: Decimal, direction: str, name: str) -> None:
        record = LendingService.create(
            user=self.user,
            data={
                "direction": direction,
                "counterparty_name": name,
                "amount": amount,
                "currency": "USD",
                "lent_date": date(2026, 1, 1),
            },
        )
        self.ids.append(record.pk)

    @precondition(lambda self: self.ids)
    @rule(data=st.data(), amount=CENTS)
    def repay(self, data: st.DataObject, amount: Decimal) -> None:
        record = self._pick(data)
        try:
            LendingService.repay(user=self.user, pk=record.pk, data={"amount": amount})
        except InvalidInput:
            assert not record.is_open or amount > record.outstanding

    @precondition(lambda self: self.ids)
    @rule(data=st.data())
    def delete_repayment(self, data: st.DataObject) -> None:
        live = list(
            RepaymentModel.objects.filter(lending_id__in=self.ids, is_active=True)
        )
        if live:
            repayment = data.draw(st.sampled_from(live))
            LendingService.delete_repayment(
                user=self.user, pk=repayment.lending_id, repayment_id=repayment.pk
            )

    @precondition(lambda self: self.ids)
    @rule(data=st.data(), amount=CENTS)
    def change_amount(self, data: st.DataObject, amount: Decimal) -> None:
        record = self._pick(data)
        try:
            LendingService.update(user=self.user, pk=record.pk, data={"amount": amount})
        except InvalidInput:
            assert amount < record.repaid_amount

    @precondition(lambda self: self.ids)
    @rule(name=st.sampled_from(["SAM", "alex"]), amount=st.none() | CENTS)
    def settle(self, name: str, amount: Decimal | None) -> None:
        data = {"counterparty": name, "currency": "USD"}
        if amount is not None:
            data["amount"] = amount
        try:
            LendingService.settle(user=self.user, data=data)
        except InvalidInput as exc:
            assert set(exc.detail) <= {"amount", "counterparty"}

    @invariant()
    def sums_and_statuses_follow_the_repayments(self) -> None:
        for record in LendingModel.objects.filter(pk__in=self.ids):
            live = RepaymentModel.objects.filter(lending=record, is_active=True)
            assert record.repaid_amount == sum((p.amount for p in live), Decimal(0))
            assert Decimal(0) <= record.repaid_amount <= record.amount
            assert record.status == recomputed_status(record)


def test_random_writes_keep_every_record_in_step():
    run_state_machine_as_test(
        LedgerMachine,
        settings=settings(
            max_examples=30,
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
