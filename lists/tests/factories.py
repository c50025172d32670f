"""factory_boy factories of the lists tests (rows arranged without the service)."""

from decimal import Decimal

import factory

from lists.models import ListItemModel, ListModel, ListShareModel


class ListFactory(factory.django.DjangoModelFactory):
    """A shopping list of a user."""

    class Meta:
        model = ListModel

    name = factory.Sequence(lambda n: f"Weekly shop {n}")
    list_type = ListModel.ListType.SHOPPING


class ListItemFactory(factory.django.DjangoModelFactory):
    """An unchecked item at the end of its list."""

    class Meta:
        model = ListItemModel

    list = factory.SubFactory(ListFactory)
    name = "milk"
    quantity = Decimal("1")
    aisle = "Dairy"
    position = factory.LazyAttribute(
        lambda item: ListItemModel.objects.filter(list=item.list).count()
    )


class ListShareFactory(factory.django.DjangoModelFactory):
    """A share of a list with another user."""

    class Meta:
        model = ListShareModel

    permission = ListShareModel.Permission.VIEW


def list_with_item(user: object) -> ListModel:
    """The user's first list (made on first use) with one more item on it."""
    shopping_list = ListModel.objects.filter(user=user).first() or ListFactory(
        user=user
    )
    ListItemFactory(list=shopping_list, name=f"item {shopping_list.items.count()}")
    return shopping_list
