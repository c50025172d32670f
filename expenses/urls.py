"""URLs of /api/expenses/."""

app_name = "expenses"

urlpatterns: list = []
