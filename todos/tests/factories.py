"""factory_boy factories of the todos tests."""

import factory

from todos.models import TodoModel


class TodoFactory(factory.django.DjangoModelFactory):
    """A plain pending task, bypassing the service (for arranging data)."""

    class Meta:
        model = TodoModel

    title = factory.Sequence(lambda n: f"Task {n}")
    priority = TodoModel.Priority.MEDIUM
    status = TodoModel.Status.PENDING
    position = factory.Sequence(lambda n: n)
