"""The expenses feature, declared once for the kit (health, AI flag, caches)."""

from mysphere_core.features import FeatureConfig


class ExpensesConfig(FeatureConfig):
    """Money out: expenses, analytics, natural-language entry, AI insights."""

    default = True  # the app config Django picks (apps.py also sees FeatureConfig)
    name = "expenses"
    intents = "expenses.intents"
    verbose_name = "Expenses"
    feature = "expenses"
    ai_flag = "EXPENSE_AI_INSIGHTS"
    health_model = "expenses.ExpenseModel"
    # The insights prompt and fallback read the profile (currency, income).
    invalidated_by = ("expenses", "users")
