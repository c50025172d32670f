"""Lists, their items, and who else may see or edit them."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from lists.aisles import AISLES
from lists.validators import (
    MAX_NAME_LENGTH,
    validate_color,
    validate_item_name,
    validate_quantity,
)
from mysphere_core.models import BaseModel
from mysphere_core.money import validate_currency


class ListModel(BaseModel):
    """A user's list: shopping, packing, to-do, wish list or their own kind."""

    class ListType(models.TextChoices):
        SHOPPING = "shopping", "Shopping"
        PACKING = "packing", "Packing"
        TODO = "todo", "To-do"
        WISHLIST = "wishlist", "Wish list"
        CUSTOM = "custom", "Custom"

    list_id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lists"
    )
    name = models.CharField(max_length=MAX_NAME_LENGTH)
    description = models.TextField(blank=True, default="")
    list_type = models.CharField(
        max_length=16, choices=ListType.choices, default=ListType.SHOPPING
    )
    color = models.CharField(
        max_length=7, blank=True, default="", validators=[validate_color]
    )
    icon = models.CharField(max_length=50, blank=True, default="")
    is_archived = models.BooleanField(default=False)
    is_template = models.BooleanField(default=False)
    last_vendor = models.CharField(
        max_length=200,
        blank=True,
        default="",
        help_text="Where the last shop of this list was done (complete_shopping).",
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "list"
        db_table = "lists"
        ordering = ["-updated_at", "-list_id"]
        indexes = [
            models.Index(
                fields=["user", "is_archived", "-updated_at"],
                name="lists_user_live_recent",
                condition=Q(is_active=True),
            ),
            models.Index(fields=["user", "list_type"], name="lists_user_type"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.list_type}, {self.user_id})"


class ListItemModel(BaseModel):
    """One thing on a list: how much, where in the shop, checked or not."""

    AISLE_CHOICES = [("", "Uncategorised"), *((a, a) for a in AISLES)]

    item_id = models.BigAutoField(primary_key=True)
    list = models.ForeignKey(ListModel, on_delete=models.CASCADE, related_name="items")
    name = models.CharField(max_length=MAX_NAME_LENGTH, validators=[validate_item_name])
    quantity = models.DecimalField(
        max_digits=10, decimal_places=3, default=1, validators=[validate_quantity]
    )
    unit = models.CharField(max_length=20, blank=True, default="")
    aisle = models.CharField(
        max_length=20, choices=AISLE_CHOICES, blank=True, default=""
    )
    is_checked = models.BooleanField(default=False)
    checked_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.IntegerField(validators=[MinValueValidator(0)])
    notes = models.TextField(blank=True, default="")
    estimated_price = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="What this line is expected to cost (all of its quantity).",
    )
    currency = models.CharField(
        max_length=3, blank=True, default="", validators=[validate_currency]
    )

    class Meta:
        verbose_name = "list item"
        db_table = "list_items"
        ordering = ["list_id", "position", "item_id"]
        constraints = [
            # Every row of a list (soft-deleted ones too) has its own place; reorders
            # renumber under the list's row lock.
            models.UniqueConstraint(
                fields=["list", "position"], name="list_items_unique_position"
            ),
        ]
        indexes = [
            models.Index(
                fields=["list", "is_active", "aisle"], name="list_items_aisle"
            ),
            models.Index(
                fields=["list", "is_active", "is_checked"], name="list_items_checked"
            ),
        ]

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"{Decimal(self.quantity).normalize():f}{unit} {self.name}"


class ListShareModel(BaseModel):
    """A list shared by its owner with another user, to view or to edit: a user
    named by username, or an invitation to an email address (`user` empty), which
    whoever holds an account with that address sees (now or once they sign up)."""

    class Permission(models.TextChoices):
        VIEW = "view", "View"
        EDIT = "edit", "Edit"

    share_id = models.BigAutoField(primary_key=True)
    list = models.ForeignKey(ListModel, on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="list_shares",
        null=True,
        blank=True,
    )
    invited_email = models.EmailField(
        max_length=254, blank=True, default="", help_text="Lower case."
    )
    permission = models.CharField(
        max_length=8, choices=Permission.choices, default=Permission.VIEW
    )

    class Meta:
        verbose_name = "list share"
        db_table = "list_shares"
        ordering = ["list_id", "created_at", "share_id"]
        constraints = [
            models.UniqueConstraint(fields=["list", "user"], name="list_shares_once"),
            models.UniqueConstraint(
                fields=["list", "invited_email"],
                condition=~models.Q(invited_email=""),
                name="list_shares_invite_once",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "is_active"], name="list_shares_user_active"),
            models.Index(
                fields=["invited_email", "is_active"], name="list_shares_invited"
            ),
        ]

    def __str__(self) -> str:
        who = f"user {self.user_id}" if self.user_id else self.invited_email
        return f"list {self.list_id} -> {who} ({self.permission})"


def no_ids() -> list[int]:
    """An empty id list (a JSONField default; `list` is a field name below)."""
    return []


class ListShopModel(BaseModel):
    """One finished shop of a list: the expense it became and what it did to the
    list, so the shop can be undone (`is_active` False once undone)."""

    shop_id = models.BigAutoField(primary_key=True)
    list = models.ForeignKey(ListModel, on_delete=models.CASCADE, related_name="shops")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="list_shops",
        help_text="Who finished the shop (the expense is theirs).",
    )
    expense_id = models.BigIntegerField(
        unique=True, help_text="The Groceries expense (source_ref list:<id>)."
    )
    cleared_item_ids = models.JSONField(
        default=no_ids, blank=True, help_text="The checked items the shop cleared."
    )
    archived = models.BooleanField(
        default=False, help_text="Whether the shop archived the list."
    )

    class Meta:
        verbose_name = "finished shop"
        db_table = "list_shops"
        ordering = ["-created_at", "-shop_id"]
        indexes = [
            models.Index(fields=["list", "user", "is_active"], name="list_shops_live"),
        ]

    def __str__(self) -> str:
        return f"shop of list {self.list_id} -> expense {self.expense_id}"
