"""Who may do what with a list: the owner, an editor, a viewer, or nobody.

Every read starts from `visible_lists(user)`: the user's own lists and those shared
with them, each annotated with the user's `role` (`owner`, `edit`, `view`) and its
item counts. Anybody else's list is a 404 (`NotFoundError`); a viewer's write and
an editor's owner-only action are 403s with the codes `read_only` and `owner_only`.
Writes take the list's row lock (`locked`), which serialises the item positions,
the item count limit and the finishing of a shop across workers.
"""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from lists.aisles import AISLES
from lists.models import ListItemModel, ListModel, ListShareModel
from mysphere_core.errors import ErrorCode, NotFoundError, PermissionDeniedError
from mysphere_core.limits import parse_pk

OWNER = "owner"
EDIT = ListShareModel.Permission.EDIT.value
VIEW = ListShareModel.Permission.VIEW.value
ROLES = (OWNER, EDIT, VIEW)
_RANK = {VIEW: 1, EDIT: 2, OWNER: 3}


def _shares_of(user: AbstractBaseUser | None) -> QuerySet[ListShareModel]:
    """The user's live share of the outer list (a subquery): by username, or an
    invitation to their email address."""
    mine = Q(user=user)
    email = getattr(user, "email", "")
    if email:
        mine |= Q(user=None, invited_email=email.lower())
    rows = ListShareModel.objects.filter(mine, list=OuterRef("pk"), is_active=True)
    return rows.order_by("permission")  # "edit" before "view"


def _item_count(**condition: Any) -> Coalesce:
    """A subquery counting the outer list's live items that meet `condition`."""
    rows = (
        ListItemModel.objects.filter(list=OuterRef("pk"), is_active=True, **condition)
        .order_by()
        .values("list")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def visible_lists(user: AbstractBaseUser | None) -> QuerySet[ListModel]:
    """The live lists the user owns or that are shared with them, with `role`,
    `item_count` and `checked_count`."""
    shares = _shares_of(user)
    return (
        ListModel.objects.filter(is_active=True)
        .filter(Q(user=user) | Q(Exists(shares)))
        .annotate(
            role=Case(
                When(user=user, then=Value(OWNER)),
                default=Subquery(shares.values("permission")[:1]),
            ),
            item_count=_item_count(),
            checked_count=_item_count(is_checked=True),
        )
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "shares",
                queryset=ListShareModel.objects.filter(is_active=True)
                .select_related("user")
                .order_by("created_at", "share_id"),
                to_attr="live_shares",
            )
        )
    )


def get_list(user: AbstractBaseUser, pk: Any) -> ListModel:
    """One list the user can see, with their `role`; 404 for any other."""
    row_id = parse_pk(pk)
    found = visible_lists(user).filter(pk=row_id).first() if row_id else None
    if found is None:
        raise NotFoundError("List not found.")
    return found


def require(shopping_list: ListModel, need: str) -> None:
    """403 unless the user's role on the list is at least `need`."""
    role = getattr(shopping_list, "role", None) or VIEW
    if _RANK[role] >= _RANK[need]:
        return
    if need == OWNER:
        raise PermissionDeniedError(
            "Only the list's owner can do this.", ErrorCode.OWNER_ONLY
        )
    raise PermissionDeniedError(
        "This list is shared with you to view only; ask its owner for edit rights.",
        ErrorCode.READ_ONLY,
    )


def allowed(user: AbstractBaseUser, pk: Any, need: str) -> ListModel:
    """The list (404 if not visible) when the user's role reaches `need` (else 403)."""
    shopping_list = get_list(user, pk)
    require(shopping_list, need)
    return shopping_list


def locked(user: AbstractBaseUser, pk: Any, need: str) -> ListModel:
    """`allowed`, then the list's row locked until the transaction ends (call inside
    `transaction.atomic`); the role stays on the returned row."""
    shopping_list = allowed(user, pk, need)
    row = ListModel.objects.select_for_update().filter(pk=shopping_list.pk).first()
    if row is None or not row.is_active:
        raise NotFoundError("List not found.")
    row.role = shopping_list.role
    return row


def aisle_order() -> Case:
    """The items' store-walk rank of their aisle (uncategorised last)."""
    return Case(
        *(When(aisle=name, then=Value(rank)) for rank, name in enumerate(AISLES)),
        default=Value(len(AISLES)),
        output_field=IntegerField(),
    )


def live_items(shopping_list: ListModel) -> QuerySet[ListItemModel]:
    """The list's live items, by aisle (store-walk order) then position."""
    return (
        ListItemModel.objects.filter(list=shopping_list, is_active=True)
        .annotate(aisle_rank=aisle_order())
        .select_related("checked_by")
        .order_by("aisle_rank", "position", "item_id")
    )


def get_item(shopping_list: ListModel, item_pk: Any) -> ListItemModel:
    """One live item of this list; 404 for an item of any other list."""
    row_id = parse_pk(item_pk)
    item = None
    if row_id:
        item = (
            ListItemModel.objects.filter(list=shopping_list, is_active=True, pk=row_id)
            .select_related("checked_by")
            .first()
        )
    if item is None:
        raise NotFoundError("Item not found on this list.")
    return item
