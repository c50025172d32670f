"""The front door of the lists feature: views, the admin and other apps call
`ListService`, and only it.

Who may do what lives in `access.py` (owner / edit / view, 404 for strangers),
item writes in `items.py`, sharing in `sharing.py`, the estimate and the finished
shop in `shopping.py`, the aisle keyword map in `aisles.py`, the item-text parser
in `item_parser.py`. Writes take the list's row lock and announce `list.*` events.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from lists import access, items, sharing, shopping
from lists.access import EDIT, OWNER, VIEW
from lists.ai_insights import ListAIInsights
from lists.models import ListItemModel, ListModel
from lists.validators import check_fields
from mysphere_core import ai, events
from mysphere_core.conditional import version_etag
from mysphere_core.models import AIUsageModel
from users.services import UserService

FEATURE = "lists"
NOTHING_TO_SORT = "Every item has an aisle already: no AI call was needed."
CHECK_FIELDS = {"is_checked", "checked_at", "checked_by"}
LIST_FIELDS = (
    "name",
    "description",
    "list_type",
    "color",
    "icon",
    "is_archived",
    "is_template",
)


def _validated(shopping_list: ListModel) -> None:
    """The list's field rules (400 naming the field)."""
    check_fields(shopping_list, exclude=["user"])


def _announce_created(user: AbstractBaseUser, shopping_list: ListModel) -> None:
    """`list.created` for a new list (made, or copied)."""
    events.announce(
        "list.created",
        user=user,
        list_id=shopping_list.pk,
        name=shopping_list.name,
        list_type=shopping_list.list_type,
    )


class ListService:
    """Lists of one user and those shared with them: CRUD, items, sharing, the shop."""

    # --- lists ------------------------------------------------------------------------

    @staticmethod
    def queryset_for(*, user: AbstractBaseUser | None) -> QuerySet[ListModel]:
        """The live lists the user owns or that are shared with them, with `role`."""
        return access.visible_lists(user)

    @staticmethod
    def get_for(*, user: AbstractBaseUser, pk: Any, need: str = VIEW) -> ListModel:
        """One list the user can see (with their `role`): 404 for any other, 403
        when their role is below `need` (`view`, `edit` or `owner`)."""
        return access.allowed(user, pk, need)

    @staticmethod
    def create(*, user: AbstractBaseUser, data: Mapping[str, Any]) -> ListModel:
        """Create a list owned by the user; announces `list.created`."""
        values = {k: v for k, v in data.items() if k in LIST_FIELDS}
        shopping_list = ListModel(user=user, **values)
        _validated(shopping_list)
        with transaction.atomic():
            shopping_list.save()
            _announce_created(user, shopping_list)
        return access.get_list(user, shopping_list.pk)

    @staticmethod
    def update(
        *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
    ) -> ListModel:
        """Change a list's fields (owner only); announces `list.updated`."""
        with transaction.atomic():
            shopping_list = access.locked(user, pk, OWNER)
            changed = [
                name
                for name in LIST_FIELDS
                if name in data and getattr(shopping_list, name) != data[name]
            ]
            for name in changed:
                setattr(shopping_list, name, data[name])
            _validated(shopping_list)
            if changed:
                shopping_list.save(update_fields=[*changed, "updated_at"])
                events.announce(
                    "list.updated", user=user, list_id=shopping_list.pk, fields=changed
                )
        return access.get_list(user, shopping_list.pk)

    @staticmethod
    def delete(*, user: AbstractBaseUser, pk: Any) -> None:
        """Soft-delete a list (owner only); announces `list.deleted`."""
        with transaction.atomic():
            shopping_list = access.locked(user, pk, OWNER)
            shopping_list.soft_delete()
            events.announce("list.deleted", user=user, list_id=shopping_list.pk)

    @staticmethod
    def duplicate(
        *,
        user: AbstractBaseUser,
        pk: Any,
        name: str = "",
        as_template: bool = False,
    ) -> ListModel:
        """A fresh copy, owned by the user, of a list they can see (a template or
        any list): same items in the same order, all unchecked."""
        source = access.allowed(user, pk, VIEW)
        copy = ListModel(
            user=user,
            name=name
            or (source.name if source.is_template else f"{source.name} (copy)"),
            **{
                k: getattr(source, k)
                for k in ("description", "list_type", "color", "icon")
            },
            is_template=as_template,
        )
        copy.name = copy.name[: ListModel._meta.get_field("name").max_length]
        _validated(copy)
        rows = ListItemModel.objects.filter(list=source, is_active=True).order_by(
            "position", "pk"
        )
        with transaction.atomic():
            copy.save()
            ListItemModel.objects.bulk_create(
                ListItemModel(
                    list=copy,
                    position=position,
                    **{f: getattr(row, f) for f in items.ITEM_FIELDS},
                )
                for position, row in enumerate(rows)
            )
            _announce_created(user, copy)
        return access.get_list(user, copy.pk)

    # --- items ------------------------------------------------------------------------

    @staticmethod
    def version(*, user: AbstractBaseUser, shopping_list: ListModel, path: str) -> str:
        """The ETag of the list as `GET` shows it to the user: its row, the caller's
        role, its counts and live shares, all loaded with it (no extra query)."""
        shares = [
            (row.pk, row.permission, row.updated_at)
            for row in shopping_list.live_shares
        ]
        return version_etag(
            user.pk,
            path,
            shopping_list.pk,
            shopping_list.updated_at,
            shopping_list.role,
            shopping_list.item_count,
            shopping_list.checked_count,
            shares,
        )

    @staticmethod
    def items_version(
        *, user: AbstractBaseUser, shopping_list: ListModel, path: str
    ) -> str:
        """The ETag of the list's items as the user reads them, in one aggregate
        query: every item write moves the item's `updated_at` (soft deletes too) or
        the list's (`items.announce`: reordering), and a new row adds to the count."""
        rows = ListItemModel.objects.filter(list=shopping_list).aggregate(
            rows=Count("pk"), last=Max("updated_at")
        )
        return version_etag(
            user.pk,
            path,
            shopping_list.pk,
            shopping_list.updated_at,
            rows["rows"],
            rows["last"],
        )

    @staticmethod
    def items_for(*, user: AbstractBaseUser, pk: Any) -> QuerySet[ListItemModel]:
        """The list's live items by aisle then position (any role may read)."""
        return access.live_items(access.get_list(user, pk))

    @staticmethod
    def get_item(*, user: AbstractBaseUser, pk: Any, item_pk: Any) -> ListItemModel:
        """One live item of a list the user can see; 404 otherwise."""
        return access.get_item(access.get_list(user, pk), item_pk)

    @staticmethod
    def add_item(
        *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
    ) -> ListItemModel:
        """Add one item at the end (editors and the owner); the aisle comes from the
        keyword map unless given. Announces `list.items_changed` (added)."""
        with transaction.atomic():
            shopping_list = access.locked(user, pk, EDIT)
            item = items.build_item(user, shopping_list, data)
            items.check_room(shopping_list, 1)
            item.position = items.next_position(shopping_list)
            item.save()
            items.announce(user, shopping_list, "added", [item.pk])
        return item

    @staticmethod
    def update_item(
        *, user: AbstractBaseUser, pk: Any, item_pk: Any, data: Mapping[str, Any]
    ) -> ListItemModel:
        """Change an item (checking it records when and by whom)."""
        with transaction.atomic():
            shopping_list = access.locked(user, pk, EDIT)
            item = access.get_item(shopping_list, item_pk)
            changed = items.update_item(user, item, data)
            if changed:
                action = "checked" if set(changed) <= CHECK_FIELDS else "updated"
                items.announce(user, shopping_list, action, [item.pk])
        return item

    @staticmethod
    def delete_item(*, user: AbstractBaseUser, pk: Any, item_pk: Any) -> None:
        """Soft-delete an item."""
        with transaction.atomic():
            shopping_list = access.locked(user, pk, EDIT)
            item = access.get_item(shopping_list, item_pk)
            item.soft_delete()
            items.announce(user, shopping_list, "removed", [item.pk])

    @staticmethod
    def add_items(
        *, user: AbstractBaseUser, pk: Any, text: str, dry_run: bool = False
    ) -> items.AddPlan:
        """Add the items written in `text` ("2 milk, eggs, 1kg rice"): an unchecked
        item of the same name and unit grows instead of repeating. `dry_run`
        shows the plan and saves nothing."""
        parsed = items.read_text(text)
        with transaction.atomic():
            if dry_run:
                shopping_list = access.allowed(user, pk, EDIT)
            else:
                shopping_list = access.locked(user, pk, EDIT)
            plan = items.plan_additions(user, shopping_list, parsed)
            items.check_room(shopping_list, len(plan.created))
            plan.dry_run = dry_run
            if not dry_run:
                items.save_plan(plan, shopping_list)
                ids = [i.pk for i in plan.created + plan.merged]
                items.announce(user, shopping_list, "added", ids)
        return plan

    @staticmethod
    def reorder(*, user: AbstractBaseUser, pk: Any, item_ids: list[int]) -> list[int]:
        """Put the given items first in that order (the rest follow as they were);
        positions stay unique under concurrent reorders (the list's row lock)."""
        with transaction.atomic():
            shopping_list = access.locked(user, pk, EDIT)
            order = items.reorder(shopping_list, item_ids)
            items.announce(user, shopping_list, "reordered", order)
        return order

    @staticmethod
    def check_all(
        *, user: AbstractBaseUser, pk: Any, checked: bool = True
    ) -> list[int]:
        """Check (or uncheck) every live item; the ids that changed."""
        with transaction.atomic():
            shopping_list = access.locked(user, pk, EDIT)
            rows = ListItemModel.objects.filter(
                list=shopping_list, is_active=True, is_checked=not checked
            )
            ids = list(rows.values_list("pk", flat=True))
            rows.filter(pk__in=ids).update(
                is_checked=checked,
                checked_at=timezone.now() if checked else None,
                checked_by=user if checked else None,
                updated_at=timezone.now(),
            )
            if ids:
                items.announce(user, shopping_list, "checked", ids)
        return ids

    @staticmethod
    def clear_checked(*, user: AbstractBaseUser, pk: Any) -> list[int]:
        """Remove (soft-delete) the checked items; the ids removed."""
        with transaction.atomic():
            shopping_list = access.locked(user, pk, EDIT)
            rows = ListItemModel.objects.filter(
                list=shopping_list, is_active=True, is_checked=True
            )
            ids = list(rows.values_list("pk", flat=True))
            ListItemModel.objects.filter(pk__in=ids).update(
                is_active=False, updated_at=timezone.now()
            )
            if ids:
                items.announce(user, shopping_list, "removed", ids)
        return ids

    @staticmethod
    def categorize(
        *,
        user: AbstractBaseUser,
        pk: Any,
        dry_run: bool = False,
        overwrite: bool = False,
    ) -> ai.ParseOutcome:
        """Aisles for the uncategorised items (every item with `overwrite`): Gemini
        under `LIST_SMART_CATEGORIZATION`, else the keyword map ("Other" when it
        knows no word)."""
        shopping_list = access.allowed(user, pk, EDIT)
        targets = [
            item
            for item in access.live_items(shopping_list)
            if overwrite or not item.aisle
        ]
        names = [" ".join(item.name.split()) for item in targets]
        today = UserService.today_for(user=user)
        if not targets:
            return ai.ParseOutcome(
                result=ListService._nothing_to_categorize(user, today),
                dry_run=dry_run,
                created=[],
            )
        result = ai.parse(
            user=user,
            feature=FEATURE,
            today=today,
            text="\n".join(names),
            build_prompt=ListAIInsights.categorize_prompt,
            schema=ListAIInsights.CATEGORIZE_SCHEMA,
            fallback_parser=ListAIInsights.fallback_categories,
            clean=lambda data: ListAIInsights.clean_categories(data, names),
            context="categorize",
        )
        aisles = [entry["aisle"] for entry in result.data["items"]]
        now = timezone.now()
        for item, aisle in zip(targets, aisles, strict=True):
            item.aisle, item.updated_at = aisle, now
        if not dry_run and targets:
            with transaction.atomic():
                locked = access.locked(user, pk, EDIT)
                live = set(
                    ListItemModel.objects.filter(
                        list=locked, is_active=True, pk__in=[t.pk for t in targets]
                    ).values_list("pk", flat=True)
                )
                targets = [t for t in targets if t.pk in live]
                ListItemModel.objects.bulk_update(targets, ["aisle", "updated_at"])
                items.announce(user, locked, "categorized", [t.pk for t in targets])
        return ai.ParseOutcome(result=result, dry_run=dry_run, created=targets)

    @staticmethod
    def _nothing_to_categorize(user: AbstractBaseUser, today: date) -> ai.AIResult:
        """The answer when every item has an aisle already: no AI call is spent."""
        left = ai.calls_remaining(
            user=user, feature=FEATURE, today=today, kind=AIUsageModel.Kind.PARSE
        )
        return ai.AIResult(
            {"items": []}, ai.SOURCE_FALLBACK, left, timezone.now(), NOTHING_TO_SORT
        )

    # --- sharing ----------------------------------------------------------------------

    @staticmethod
    def share(
        *, user: AbstractBaseUser, pk: Any, login: str, permission: str
    ) -> ListModel:
        """Share the list (owner only) with a user named by username, or invite an
        email address (never looked up: the same answer whether an account has it);
        to view or to edit; sharing again changes the permission. Announces
        `list.shared`."""
        with transaction.atomic():
            shopping_list = access.locked(user, pk, OWNER)
            if sharing.is_email(login):
                person, email = None, sharing.invited_email(user, login)
            else:
                person, email = sharing.share_target(user, login), ""
            sharing.upsert_share(shopping_list, person, permission, email)
            events.announce(
                "list.shared",
                user=user,
                list_id=shopping_list.pk,
                name=shopping_list.name,
                shared_with_id=person.pk if person else None,
                invited_email=email,
                permission=permission,
            )
        return access.get_list(user, shopping_list.pk)

    @staticmethod
    def unshare(*, user: AbstractBaseUser, pk: Any, login: str) -> ListModel | None:
        """Stop sharing: the owner with anyone, anyone else only themselves (leaving
        the list, after which it is None to them). Announces `list.unshared`."""
        with transaction.atomic():
            shopping_list = access.locked(user, pk, VIEW)
            email = login.strip().lower() if sharing.is_email(login) else ""
            person = None if email else sharing.find_person(login)
            if email and email == (user.email or "").lower():
                person, email = user, ""  # leaving a list one was invited to
            if shopping_list.role != OWNER and (person is None or person.pk != user.pk):
                access.require(shopping_list, OWNER)
            shared_with = sharing.end_share(shopping_list, person, email)
            events.announce(
                "list.unshared",
                user=user,
                list_id=shopping_list.pk,
                shared_with_id=shared_with,
            )
        if shopping_list.role != OWNER:
            return None
        return access.get_list(user, shopping_list.pk)

    # --- the shop ---------------------------------------------------------------------

    @staticmethod
    def estimate(
        *, user: AbstractBaseUser, pk: Any, vendor: str = ""
    ) -> shopping.Estimate:
        """What the list will cost (item prices, else the vendor's past Groceries
        expenses) against what remains of this month's Groceries budget."""
        shopping_list = access.get_list(user, pk)
        rows = list(ListItemModel.objects.filter(list=shopping_list, is_active=True))
        return shopping.estimate(user, shopping_list, rows, vendor)

    @staticmethod
    def complete_shopping(
        *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
    ) -> shopping.Completion:
        """Finish a shop (editors and the owner): one Groceries expense through the
        expenses service (`source_ref` "list:<id>"), the checked items cleared, or
        the list archived with `archive`; all in one transaction. Announces
        `list.completed`."""
        with transaction.atomic():
            shopping_list = access.locked(user, pk, EDIT)
            done = shopping.complete(user, shopping_list, dict(data))
            expense = done.expense
            events.announce(
                "list.completed",
                user=user,
                list_id=shopping_list.pk,
                name=shopping_list.name,
                owner_id=shopping_list.user_id,
                expense_id=expense.pk,
                total=str(expense.amount),
                currency=expense.currency,
                vendor=expense.vendor,
            )
            if done.cleared_item_ids:
                items.announce(user, shopping_list, "cleared", done.cleared_item_ids)
        done.shopping_list = access.get_list(user, shopping_list.pk)
        return done

    @staticmethod
    def undo_shopping(
        *, user: AbstractBaseUser, pk: Any, expense_id: int | None = None
    ) -> shopping.Undone:
        """Undo the caller's shop of this list (`expense_id`, else their latest):
        the expense deleted (`unlink`), the items it cleared back, the list
        unarchived if the shop archived it; one transaction. Announces
        `list.shopping_undone`."""
        with transaction.atomic():
            shopping_list = access.locked(user, pk, EDIT)
            done = shopping.undo(user, shopping_list, expense_id)
            events.announce(
                "list.shopping_undone",
                user=user,
                list_id=shopping_list.pk,
                expense_id=done.expense_id,
                item_ids=done.restored_item_ids,
            )
        done.shopping_list = access.get_list(user, shopping_list.pk)
        return done

    @staticmethod
    def correct_shopping(
        *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
    ) -> Any:
        """Correct the total, vendor, currency or date of the caller's shop of this
        list (`expense_id`, else their latest): `ExpenseService.update` with the
        shop's `source_ref`, which announces `expense.updated`."""
        with transaction.atomic():
            shopping_list = access.locked(user, pk, EDIT)
            return shopping.correct(user, shopping_list, dict(data))
