"""The one user factory of the project: a user with a profile, made by registration."""

import factory
from django.contrib.auth import get_user_model

from users.services import UserService

DEFAULT_PASSWORD = "Sphere-Pass-2026!"


class UserFactory(factory.django.DjangoModelFactory):
    """A registered user: `UserFactory(username="zoe", profile={"currency": "EUR"})`."""

    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = DEFAULT_PASSWORD
    profile = None

    @classmethod
    def _create(cls, model_class: type, *args: object, **kwargs: object) -> object:
        """Register through `UserService`, as the API does."""
        return UserService.register(**kwargs)
