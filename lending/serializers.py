"""Serializers of the lending feature: validation in, rendering out."""

from datetime import date
from typing import Any

from rest_framework import serializers

from lending.models import Direction, LendingModel, Method, RepaymentModel
from lending.validators import MAX_NAME_LENGTH, validate_lending_amount
from mysphere_core.fields import (
    BoundedDateField,
    CurrencyField,
    EnumField,
    MoneyField,
    TotalField,
)
from mysphere_core.serializers import (
    CurrencyTotalSerializer,
    FlatRowSerializer,
    StrictSerializer,
    ai_envelope,
    parse_response,
)

# With their labels, as the models have them: one enum per choice set in the schema.
DIRECTIONS = Direction.choices
METHODS = Method.choices


def _amount(**kwargs: Any) -> MoneyField:
    """A positive amount up to the lending maximum."""
    return MoneyField(validators=[validate_lending_amount], **kwargs)


class RepaymentSerializer(serializers.ModelSerializer):
    """A repayment as the API shows it."""

    amount = MoneyField(read_only=True)

    class Meta:
        model = RepaymentModel
        fields = [
            "repayment_id",
            "lending",
            "amount",
            "date",
            "method",
            "note",
            "created_at",
        ]
        read_only_fields = fields


class LendingSerializer(FlatRowSerializer):
    """A record as the API shows it; `outstanding` and `is_overdue` are derived."""

    amount = MoneyField(read_only=True)
    repaid_amount = MoneyField(read_only=True)
    outstanding = MoneyField(read_only=True)
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = LendingModel
        fields = [
            "lending_id",
            "user",
            "direction",
            "counterparty_name",
            "counterparty_contact",
            "amount",
            "currency",
            "description",
            "lent_date",
            "due_date",
            "status",
            "repaid_amount",
            "outstanding",
            "is_overdue",
            "notes",
            "source_ref",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_is_overdue(self, record: LendingModel) -> bool:
        """Open and past its due date on the user's today (`today` in the context)."""
        today: date | None = self.context.get("today")
        return bool(
            today and record.is_open and record.due_date and record.due_date < today
        )


class LendingWriteSerializer(StrictSerializer):
    """The fields of a record a user sets (create: direction, name and amount)."""

    direction = EnumField(DIRECTIONS, label_text="direction")
    counterparty_name = serializers.CharField(max_length=MAX_NAME_LENGTH)
    counterparty_contact = serializers.CharField(
        max_length=200, required=False, allow_blank=True
    )
    amount = _amount()
    currency = CurrencyField(
        required=False, help_text="ISO 4217, any case; default: the user's currency."
    )
    description = serializers.CharField(
        max_length=500, required=False, allow_blank=True
    )
    lent_date = BoundedDateField(
        required=False, help_text="YYYY-MM-DD; default: the user's today."
    )
    due_date = BoundedDateField(required=False, allow_null=True)
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class RepaySerializer(StrictSerializer):
    """A repayment: at most what is outstanding."""

    amount = _amount()
    date = BoundedDateField(required=False, help_text="Default: the user's today.")
    method = EnumField(METHODS, label_text="method", required=False)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class RepayResultSerializer(serializers.Serializer):
    """The repayment and the record after it."""

    repayment = RepaymentSerializer()
    lending = LendingSerializer()


class SettleSerializer(StrictSerializer):
    """Settle up with a person in one currency (all of it, or `amount` of it)."""

    counterparty = serializers.CharField(max_length=MAX_NAME_LENGTH)
    currency = CurrencyField()
    amount = _amount(required=False, help_text="Default: the whole net balance.")
    date = BoundedDateField(required=False, help_text="Default: the user's today.")
    method = EnumField(METHODS, label_text="method", required=False)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class SettlementSerializer(serializers.Serializer):
    """What a settle-up did."""

    counterparty = serializers.CharField()
    currency = serializers.CharField()
    amount = TotalField(help_text="The cash that changed hands.")
    payer = serializers.ChoiceField(
        choices=["them", "you", "nobody"], help_text="Who paid the cash."
    )
    netted = TotalField(help_text="What each side offset against the other.")
    repayments = RepaymentSerializer(many=True)
    records = LendingSerializer(many=True)


class SplitPersonSerializer(StrictSerializer):
    """One person sharing the expense."""

    name = serializers.CharField(max_length=MAX_NAME_LENGTH)
    share = _amount(required=False, help_text="Leave out with equal: true.")


class SplitSerializer(StrictSerializer):
    """Split an expense into IOUs: given shares, or equal ones. The people are
    under `with` (a Python keyword, hence declared in `get_fields`)."""

    equal = serializers.BooleanField(
        default=False, help_text="Divide equally with you (remainder cents: yours)."
    )
    due_date = BoundedDateField(required=False, allow_null=True)

    def get_fields(self) -> dict[str, serializers.Field]:
        """The declared fields, with `with` first."""
        people = SplitPersonSerializer(many=True, min_length=1, max_length=50)
        return {"with": people, **super().get_fields()}


class SummarySerializer(CurrencyTotalSerializer):
    """Where the user stands in one currency; `total` is the net (owed to you
    less what you owe)."""

    lent_outstanding = TotalField()
    borrowed_outstanding = TotalField()
    net = TotalField()
    overdue_amount = TotalField(help_text="Owed to you and past due.")
    overdue_count = serializers.IntegerField()
    overdue_borrowed_amount = TotalField(help_text="You owe it and it is past due.")
    overdue_borrowed_count = serializers.IntegerField()
    repaid_this_month = TotalField(help_text="Repaid to you this month.")
    repaid_by_you_this_month = TotalField()
    open_items = serializers.IntegerField()


class CounterpartySerializer(CurrencyTotalSerializer):
    """One person in one currency; `total` and `net_balance`: positive when they
    owe you."""

    counterparty = serializers.CharField()
    net_balance = TotalField()
    they_owe = TotalField()
    you_owe = TotalField()
    open_items = serializers.IntegerField()
    overdue_items = serializers.IntegerField()
    oldest_due_date = serializers.DateField(allow_null=True)
    last_activity = serializers.DateField()
    on_time_rate = serializers.FloatField(
        allow_null=True, help_text="0-1: their due debts repaid by the due date."
    )


class LendingParseTextSerializer(StrictSerializer):
    """A sentence describing a loan or a repayment."""

    text = serializers.CharField(
        max_length=500, help_text="e.g. 'lent Sam $20 for pizza, due Friday'"
    )
    dry_run = serializers.BooleanField(
        default=False, help_text="Only parse (and match); do not save."
    )


class ParsedLendingSerializer(serializers.Serializer):
    """What was read from the text."""

    kind = serializers.ChoiceField(choices=["loan", "repayment"])
    direction = serializers.ChoiceField(choices=DIRECTIONS)
    counterparty = serializers.CharField()
    amount = MoneyField()
    currency = serializers.CharField()
    date = serializers.DateField()
    due_date = serializers.DateField(allow_null=True)
    description = serializers.CharField(allow_blank=True)
    confidence = serializers.FloatField()
    matched_lending_id = serializers.IntegerField(
        allow_null=True, help_text="The open item a repayment goes (or would go) to."
    )


class ReminderSuggestionSerializer(serializers.Serializer):
    """Who to remind, and a message to send."""

    counterparty = serializers.CharField()
    currency = serializers.CharField()
    amount = TotalField()
    lending_id = serializers.IntegerField()
    days_overdue = serializers.IntegerField()
    message = serializers.CharField()


class PersonRiskSerializer(serializers.Serializer):
    """How likely a person is to repay what they owe."""

    counterparty = serializers.CharField()
    currency = serializers.CharField()
    level = serializers.ChoiceField(choices=["low", "medium", "high"])
    owed = TotalField()
    on_time_rate = serializers.FloatField(allow_null=True)
    reason = serializers.CharField()


class AgeingBucketSerializer(serializers.Serializer):
    """Money owed to you by how long it has been out."""

    currency = serializers.CharField()
    bucket = serializers.ChoiceField(choices=["0-30", "31-60", "61-90", "90+"])
    amount = TotalField()
    count = serializers.IntegerField()


class AtRiskSerializer(CurrencyTotalSerializer):
    """Money at risk in one currency."""

    count = serializers.IntegerField()


class LendingInsightsSerializer(serializers.Serializer):
    """Reminders, risk per person, ageing, money at risk, tips."""

    summary = serializers.CharField()
    reminders = ReminderSuggestionSerializer(many=True)
    risk_by_person = PersonRiskSerializer(many=True)
    ageing = AgeingBucketSerializer(many=True)
    at_risk = AtRiskSerializer(many=True)
    tips = serializers.ListField(child=serializers.CharField())


LendingInsightsEnvelopeSerializer = ai_envelope(
    "LendingInsightsEnvelopeSerializer", LendingInsightsSerializer
)
LendingParseTextResponseSerializer = parse_response(
    "LendingParseTextResponseSerializer",
    ParsedLendingSerializer,
    "lending",
    LendingSerializer,
)
