"""URLs of /api/subscriptions/."""

app_name = "subscriptions"

urlpatterns: list = []
