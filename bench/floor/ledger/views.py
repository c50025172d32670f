"""A plain ModelViewSet over the caller's active expenses."""

from django.db.models import QuerySet
from rest_framework import viewsets
from rest_framework.serializers import BaseSerializer

from ledger.models import Expense
from ledger.serializers import ExpenseSerializer


class ExpenseViewSet(viewsets.ModelViewSet):
    """List (20 a page, newest first) and create the caller's expenses."""

    serializer_class = ExpenseSerializer

    def get_queryset(self) -> QuerySet:
        """The caller's active rows, in the model's order."""
        return Expense.objects.filter(user=self.request.user, is_active=True)

    def perform_create(self, serializer: BaseSerializer) -> None:
        """The new row belongs to the caller."""
        serializer.save(user=self.request.user)
