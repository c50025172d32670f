"""Sharing a list with another user, to view or to edit, and taking it back.

The person is named by username, or invited by email. An email is never looked up:
the invitation is stored as typed (lower case) and whoever holds an account with
that address sees the list, now or once they sign up; the answer is the same whether
an account exists or not, and it names no account. Sharing with oneself and naming
no known username give the same 400. One share row per list and person or address
(unique constraints): sharing again changes the permission, unsharing deactivates
the row.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from lists.models import ListModel, ListShareModel
from lists.validators import MAX_SHARES_PER_LIST
from mysphere_core.errors import InvalidInput

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


def is_email(login: str) -> bool:
    """An email address (usernames cannot hold `@`)."""
    return "@" in (login or "")


def share_target(owner: AbstractBaseUser, login: str) -> AbstractBaseUser:
    """The person named by username: 400 on `username` for oneself or nobody known."""
    person = find_person(login)
    if person is None or person.pk == owner.pk:
        raise InvalidInput(NO_SUCH_PERSON, field="username")
    return person


def invited_email(owner: AbstractBaseUser, login: str) -> str:
    """The address to invite, lower case; 400 on `username` for one's own."""
    email = login.strip().lower()
    if email == (owner.email or "").lower():
        raise InvalidInput(NO_SUCH_PERSON, field="username")
    return email


def _row_of(
    shopping_list: ListModel, person: AbstractBaseUser | None, email: str
) -> ListShareModel | None:
    """The share row (live or not) of this person or invited address."""
    rows = ListShareModel.objects.filter(list=shopping_list)
    return (
        rows.filter(user=person) if person else rows.filter(invited_email=email)
    ).first()


def live_shares(shopping_list: ListModel) -> QuerySet[ListShareModel]:
    """The list's live shares, oldest first."""
    return ListShareModel.objects.filter(list=shopping_list, is_active=True)


def upsert_share(
    shopping_list: ListModel,
    person: AbstractBaseUser | None,
    permission: str,
    email: str = "",
) -> ListShareModel:
    """The share row of this person (or invited address), created or revived with
    `permission`."""
    share = _row_of(shopping_list, person, email)
    reviving = share is None or not share.is_active
    if reviving and live_shares(shopping_list).count() >= MAX_SHARES_PER_LIST:
        raise InvalidInput(
            f"A list can be shared with at most {MAX_SHARES_PER_LIST}.",
            field="username",
        )
    if share is None:
        return ListShareModel.objects.create(
            list=shopping_list, user=person, invited_email=email, permission=permission
        )
    share.permission = permission
    share.is_active = True
    share.save(update_fields=["permission", "is_active", "updated_at"])
    return share


def end_share(
    shopping_list: ListModel, person: AbstractBaseUser | None, email: str = ""
) -> int | None:
    """Deactivate the live share of the person (theirs by username, or an
    invitation to their address) or of the invited `email`; 400 on `user` when
    there is none. Answers the share's user id (None for an invitation)."""
    shares = live_shares(shopping_list)
    if person is not None:
        mine = Q(user=person)
        if person.email:
            mine |= Q(user=None, invited_email=person.email.lower())
        share = shares.filter(mine).first()
    else:
        share = shares.filter(invited_email=email).first() if email else None
    if share is None:
        raise InvalidInput(NOT_SHARED, field="username")
    share.soft_delete()
    return share.user_id
