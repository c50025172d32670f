"""Sharing a list with another user, to view or to edit, and taking it back.

The person is named by username or email. Sharing with oneself and naming nobody
known give the same answer, so the endpoint cannot be used to find out which
accounts exist. One share row per list and person (a unique constraint): sharing
again changes the permission, unsharing deactivates the row.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from rest_framework import exceptions

from lists.models import ListModel, ListShareModel
from lists.validators import MAX_SHARES_PER_LIST

NO_SUCH_PERSON = "No other user has that username or email."
NOT_SHARED = "This list is not shared with that user."


def find_person(login: str) -> AbstractBaseUser | None:
    """The active account whose username or email is `login` (any case), if any."""
    login = (login or "").strip()
    if not login:
        return None
    accounts = get_user_model().objects.filter(is_active=True)
    if "@" in login:
        return accounts.filter(email__iexact=login).order_by("pk").first()
    return accounts.filter(username__iexact=login).order_by("pk").first()


def share_target(owner: AbstractBaseUser, login: str) -> AbstractBaseUser:
    """The person to share with: 400 on `user` for oneself or nobody known."""
    person = find_person(login)
    if person is None or person.pk == owner.pk:
        raise exceptions.ValidationError({"user": [NO_SUCH_PERSON]})
    return person


def live_shares(shopping_list: ListModel) -> QuerySet[ListShareModel]:
    """The list's live shares, oldest first."""
    return ListShareModel.objects.filter(list=shopping_list, is_active=True)


def upsert_share(
    shopping_list: ListModel, person: AbstractBaseUser, permission: str
) -> ListShareModel:
    """The share row of this person, created or revived with `permission`."""
    share = ListShareModel.objects.filter(list=shopping_list, user=person).first()
    reviving = share is None or not share.is_active
    if reviving and live_shares(shopping_list).count() >= MAX_SHARES_PER_LIST:
        raise exceptions.ValidationError(
            {"user": [f"A list can be shared with at most {MAX_SHARES_PER_LIST}."]}
        )
    if share is None:
        return ListShareModel.objects.create(
            list=shopping_list, user=person, permission=permission
        )
    share.permission = permission
    share.is_active = True
    share.save(update_fields=["permission", "is_active", "updated_at"])
    return share


def end_share(shopping_list: ListModel, person: AbstractBaseUser | None) -> int:
    """Deactivate the person's live share; 400 on `user` when there is none."""
    share = (
        live_shares(shopping_list).filter(user=person).first()
        if person is not None
        else None
    )
    if share is None:
        raise exceptions.ValidationError({"user": [NOT_SHARED]})
    share.soft_delete()
    return share.user_id
