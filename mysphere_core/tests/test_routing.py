"""Routes a feature mounts under another feature's prefix (`mounted_urlpatterns`)."""

import pytest
from django.apps import apps
from django.http import HttpResponse
from django.urls import URLResolver, path

from mysphere_core.features import all_features
from mysphere_core.routing import mounted_urls
from mysphere_core.testing import feature_routes


def _view(request, pk):
    return HttpResponse(str(pk))


class TestMountedUrls:
    def test_a_mount_is_included_under_the_host_in_its_own_namespace(self):
        (resolver,) = mounted_urls(
            "expenses", {"subscriptions": [path("<int:pk>/x/", _view, name="x")]}
        )
        assert isinstance(resolver, URLResolver)
        assert str(resolver.pattern) == "api/subscriptions/"
        assert resolver.namespace == "expenses-on-subscriptions"
        assert resolver.app_name == "expenses"
        match = resolver.resolve("api/subscriptions/7/x/")
        assert (match.url_name, match.kwargs) == ("x", {"pk": 7})

    def test_an_unknown_host_fails_at_start_up(self):
        with pytest.raises(LookupError, match="budgetz"):
            mounted_urls("expenses", {"budgetz": []})

    def test_a_features_own_prefix_is_no_other_features(self):
        (resolver,) = mounted_urls(
            "integrations",
            {"dashboard": [path("", _view, name="x")]},
            own_prefixes=("dashboard",),
        )
        assert str(resolver.pattern) == "api/dashboard/"
        assert resolver.namespace == "integrations-on-dashboard"
        with pytest.raises(LookupError, match="dashboard"):
            mounted_urls("expenses", {"dashboard": []})

    def test_nothing_mounted_is_nothing_included(self):
        assert mounted_urls("expenses", {}) == []


class TestFeatureRoutes:
    def test_a_features_routes_are_its_own_views_wherever_mounted(self):
        for config in all_features():
            for route in feature_routes(config.feature):
                owner = apps.get_containing_app_config(route.viewset.__module__)
                assert owner.feature == config.feature
                url = route.url(1, {})
                if not url.startswith(f"/api/{config.feature}/"):
                    host = url.split("/")[2]
                    assert route.namespace == f"{config.feature}-on-{host}"
