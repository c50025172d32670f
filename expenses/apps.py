"""App config of the expenses feature."""

from django.apps import AppConfig


class ExpensesConfig(AppConfig):
    """Money out: expenses, analytics, natural-language entry, AI insights."""

    name = "expenses"
    verbose_name = "Expenses"
