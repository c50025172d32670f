"""The expense as the floor shows and accepts it."""

from rest_framework import serializers

from ledger.models import Expense


class ExpenseSerializer(serializers.ModelSerializer):
    """Every column but the user, who is the caller."""

    class Meta:
        model = Expense
        fields = [
            "id",
            "amount",
            "currency",
            "category",
            "vendor",
            "transaction_date",
            "created_at",
            "is_active",
        ]
        read_only_fields = ["id", "created_at", "is_active"]
