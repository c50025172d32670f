"""The lists feature's part of the data protocol (`mysphere_core.userdata`)."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from lists.models import ListItemModel, ListModel, ListShareModel, ListShopModel
from mysphere_core import userdata


def export_tables(user: AbstractBaseUser) -> dict[str, QuerySet]:
    """Every row of the user's: their lists (with items and shares, soft-deleted
    ones too), the shares others gave them, and the shops they finished."""
    return {
        "lists": ListModel.objects.filter(user=user),
        "list_items": ListItemModel.objects.filter(list__user=user),
        "list_shares": ListShareModel.objects.filter(Q(list__user=user) | Q(user=user)),
        "list_shops": ListShopModel.objects.filter(Q(list__user=user) | Q(user=user)),
    }


def erase(user: AbstractBaseUser) -> dict[str, int]:
    """Hard-delete the user's lists, items, shares and shops, children first."""
    return userdata.erase_querysets(
        ListItemModel.objects.filter(list__user=user),
        ListShareModel.objects.filter(Q(list__user=user) | Q(user=user)),
        ListShopModel.objects.filter(Q(list__user=user) | Q(user=user)),
        ListModel.objects.filter(user=user),
    )
