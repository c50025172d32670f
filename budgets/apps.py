"""The budgets feature, declared once for the kit (health, AI flag, caches)."""

from mysphere_core.features import FeatureConfig


class BudgetsConfig(FeatureConfig):
    """Money planned: monthly plans, rankings, purchase checks, alerts, AI advice."""

    default = True  # the app config Django picks (apps.py also sees FeatureConfig)
    name = "budgets"
    intents = "budgets.intents"
    verbose_name = "Budgets"
    feature = "budgets"
    ai_flag = "BUDGET_AI_INSIGHTS"
    health_model = "budgets.BudgetModel"
    # Summaries and insights read expenses, renewals and the profile's currency.
    invalidated_by = ("budgets", "expenses", "subscriptions", "users")
