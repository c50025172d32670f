"""factory_boy factories of the users feature."""

import factory
from django.contrib.auth import get_user_model

from users.models import UserProfileModel


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a profile (as registration makes them)."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("Sphere-Pass-2026!")
    profile = factory.RelatedFactory(
        "users.tests.factories.UserProfileFactory", factory_related_name="user"
    )


class UserProfileFactory(factory.django.DjangoModelFactory):
    """A profile with the defaults a new user gets."""

    class Meta:
        model = UserProfileModel

    currency = "USD"
    timezone = "UTC"
