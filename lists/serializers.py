"""Serializers of the lists feature: validation in, rendering out."""

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from lists.access import ROLES
from lists.aisles import AISLES
from lists.models import ListItemModel, ListModel, ListShareModel
from lists.shopping import BASES
from lists.validators import (
    MAX_ITEMS_PER_LIST,
    MAX_NAME_LENGTH,
    validate_color,
    validate_item_name,
    validate_quantity,
)
from mysphere_core.fields import (
    BoundedDateField,
    CurrencyField,
    EnumField,
    MoneyField,
    TotalField,
)
from mysphere_core.limits import MAX_PK
from mysphere_core.serializers import (
    CurrencyTotalSerializer,
    OldName,
    ParseResponseSerializer,
    StrictSerializer,
)

LIST_TYPES = [value for value, _ in ListModel.ListType.choices]
PERMISSIONS = [value for value, _ in ListShareModel.Permission.choices]
AISLE_VALUES = ["", *AISLES]
NAME_TOO_LONG = f"Names are at most {MAX_NAME_LENGTH} characters."


class QuantityField(serializers.DecimalField):
    """A quantity: more than 0, at most 10,000, up to 3 decimals; shown without
    trailing zeros ("2", "0.5")."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("decimal_places", 3)
        kwargs.setdefault("validators", [validate_quantity])
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str:
        """The number without trailing zeros, never in exponent form."""
        number = Decimal(str(value)).quantize(Decimal("0.001"))
        text = f"{number:f}"
        return text.rstrip("0").rstrip(".") if "." in text else text


# --- lists --------------------------------------------------------------------------


class ListShareSerializer(serializers.ModelSerializer):
    """Who a list is shared with, and how: the user named by username, or the
    invited email address (then `user_id` and `username` are null: an invitation
    names no account, whether one has the address or not)."""

    user_id = serializers.IntegerField(read_only=True, allow_null=True)
    username = serializers.CharField(
        source="user.username", read_only=True, allow_null=True, default=None
    )
    email = serializers.CharField(
        source="invited_email", read_only=True, allow_null=True, default=None
    )
    shared_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = ListShareModel
        fields = ["user_id", "username", "email", "permission", "shared_at"]
        read_only_fields = fields

    def to_representation(self, instance: ListShareModel) -> dict[str, Any]:
        """An invitation shows its address only; a username share, no address."""
        data = super().to_representation(instance)
        data["email"] = instance.invited_email or None
        if instance.user_id is None:
            data["user_id"] = data["username"] = None
        return data


class ListSerializer(serializers.ModelSerializer):
    """A list as the API shows it: the caller's `role`, counts, shares."""

    role = EnumField(ROLES, label_text="role", read_only=True)
    owner = serializers.CharField(source="user.username", read_only=True)
    item_count = serializers.IntegerField(read_only=True)
    checked_count = serializers.IntegerField(read_only=True)
    shares = ListShareSerializer(source="live_shares", many=True, read_only=True)

    class Meta:
        model = ListModel
        fields = [
            "list_id",
            "name",
            "description",
            "list_type",
            "color",
            "icon",
            "is_archived",
            "is_template",
            "role",
            "owner",
            "item_count",
            "checked_count",
            "shares",
            "last_vendor",
            "completed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ListWriteSerializer(StrictSerializer):
    """What a list is created or changed with."""

    name = serializers.CharField(
        max_length=MAX_NAME_LENGTH, error_messages={"max_length": NAME_TOO_LONG}
    )
    description = serializers.CharField(
        max_length=2000, required=False, allow_blank=True
    )
    list_type = EnumField(LIST_TYPES, label_text="list_type", required=False)
    color = serializers.CharField(
        max_length=7, required=False, allow_blank=True, validators=[validate_color]
    )
    icon = serializers.CharField(max_length=50, required=False, allow_blank=True)
    is_archived = serializers.BooleanField(required=False)
    is_template = serializers.BooleanField(required=False)


class ListDuplicateSerializer(StrictSerializer):
    """How to copy a list: a new name (default "<name> (copy)"), as a template."""

    name = serializers.CharField(
        max_length=MAX_NAME_LENGTH,
        required=False,
        allow_blank=True,
        error_messages={"max_length": NAME_TOO_LONG},
    )
    as_template = serializers.BooleanField(required=False, default=False)


# --- items --------------------------------------------------------------------------


class ListItemSerializer(serializers.ModelSerializer):
    """An item as the API shows it (`item_id` and the times are null for the items
    a dry run would create)."""

    # Null only for the items a dry run would create.
    item_id = serializers.IntegerField(read_only=True, allow_null=True)
    created_at = serializers.DateTimeField(read_only=True, allow_null=True)
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)
    list_id = serializers.IntegerField(read_only=True)
    quantity = QuantityField(read_only=True)
    estimated_price = MoneyField(read_only=True, allow_null=True)
    checked_by = serializers.IntegerField(
        source="checked_by_id", read_only=True, allow_null=True
    )
    checked_by_username = serializers.SerializerMethodField()

    class Meta:
        model = ListItemModel
        fields = [
            "item_id",
            "list_id",
            "name",
            "quantity",
            "unit",
            "aisle",
            "is_checked",
            "checked_at",
            "checked_by",
            "checked_by_username",
            "position",
            "notes",
            "estimated_price",
            "currency",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_checked_by_username(self, item: ListItemModel) -> str | None:
        """The username of who checked the item, if checked."""
        return item.checked_by.username if item.checked_by_id else None


class ListItemWriteSerializer(StrictSerializer):
    """What an item is added or changed with."""

    name = serializers.CharField(validators=[validate_item_name])
    quantity = QuantityField(required=False)
    unit = serializers.CharField(max_length=20, required=False, allow_blank=True)
    aisle = EnumField(AISLE_VALUES, label_text="aisle", required=False)
    is_checked = serializers.BooleanField(required=False)
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    estimated_price = MoneyField(required=False, allow_null=True, min_value=0)
    currency = CurrencyField(required=False)


class AddItemsSerializer(StrictSerializer):
    """Items written in words, separated by commas or lines."""

    text = serializers.CharField(
        max_length=10000,
        help_text='e.g. "2 milk, eggs, 1kg rice, bread x3\\nbananas"',
    )
    dry_run = serializers.BooleanField(required=False, default=False)


class ParsedItemSerializer(serializers.Serializer):
    """One item as read from the text."""

    text = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    quantity = QuantityField(read_only=True)
    unit = serializers.CharField(read_only=True)
    aisle = serializers.CharField(read_only=True)


class AddItemsResponseSerializer(serializers.Serializer):
    """What `add_items` read, created and merged (ids are null on a dry run)."""

    parsed = ParsedItemSerializer(many=True, read_only=True)
    created = ListItemSerializer(many=True, read_only=True)
    merged = ListItemSerializer(many=True, read_only=True)
    dry_run = serializers.BooleanField(read_only=True)


class ReorderSerializer(StrictSerializer):
    """Item ids in their new order (the rest follow as they were)."""

    item_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_PK),
        min_length=1,
        max_length=MAX_ITEMS_PER_LIST,
    )


class ItemIdsSerializer(serializers.Serializer):
    """The ids an action touched, and how many."""

    item_ids = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    count = serializers.IntegerField(read_only=True)


class CheckAllSerializer(StrictSerializer):
    """Check every item (or uncheck with `is_checked: false`)."""

    is_checked = serializers.BooleanField(required=False, default=True)


# --- sharing ------------------------------------------------------------------------


class ShareSerializer(StrictSerializer):
    """Share with a user named by username or email, to view or to edit."""

    username = serializers.CharField(max_length=254, help_text="Username or email.")
    user = OldName("username", max_length=254)
    permission = EnumField(
        PERMISSIONS, label_text="permission", required=False, default="view"
    )


class UnshareSerializer(StrictSerializer):
    """Stop sharing with a user (yourself, to leave a list shared with you)."""

    username = serializers.CharField(max_length=254, help_text="Username or email.")
    user = OldName("username", max_length=254)


class UnshareResponseSerializer(serializers.Serializer):
    """The list after unsharing (null when you left it)."""

    list = ListSerializer(read_only=True, allow_null=True)


# --- categorisation -----------------------------------------------------------------


class CategorizeSerializer(StrictSerializer):
    """Aisles for uncategorised items (every item with `overwrite`)."""

    dry_run = serializers.BooleanField(required=False, default=False)
    overwrite = serializers.BooleanField(required=False, default=False)


class CategorizedItemSerializer(serializers.Serializer):
    """One name and the aisle it was given."""

    name = serializers.CharField(read_only=True)
    aisle = EnumField(AISLES, label_text="aisle", read_only=True)


class CategorizedSerializer(serializers.Serializer):
    """The aisles, in the items' order."""

    items = CategorizedItemSerializer(many=True, read_only=True)


class CategorizeResponseSerializer(ParseResponseSerializer):
    """The AI (or keyword map) answer and the items it changed."""

    parsed_data = CategorizedSerializer(source="result.data", read_only=True)
    items = ListItemSerializer(source="created", many=True, read_only=True)


# --- the shop -----------------------------------------------------------------------


class EstimateQuerySerializer(StrictSerializer):
    """Where the shop will be (default: where this list was last bought)."""

    vendor = serializers.CharField(max_length=200, required=False, allow_blank=True)


class PastShopsSerializer(serializers.Serializer):
    """The user's recent Groceries expenses at the vendor."""

    vendor = serializers.CharField(read_only=True)
    currency = serializers.CharField(read_only=True)
    count = serializers.IntegerField(read_only=True)
    average = TotalField()


class BudgetLineSerializer(serializers.Serializer):
    """This month's Groceries line of the user's budget."""

    budget_id = serializers.IntegerField(read_only=True)
    month = serializers.CharField(read_only=True)
    currency = serializers.CharField(read_only=True)
    category = serializers.CharField(read_only=True)
    available = TotalField()
    spent = TotalField()
    remaining = TotalField()


class EstimateSerializer(serializers.Serializer):
    """What the list will cost and what the Groceries budget would have left."""

    list_id = serializers.IntegerField(read_only=True)
    item_count = serializers.IntegerField(read_only=True)
    priced_items = serializers.IntegerField(read_only=True)
    unpriced_items = serializers.IntegerField(read_only=True)
    items_total = CurrencyTotalSerializer(many=True, read_only=True)
    vendor = serializers.CharField(read_only=True)
    past_shops = PastShopsSerializer(read_only=True, allow_null=True)
    basis = EnumField(BASES, label_text="basis", read_only=True)
    estimate = CurrencyTotalSerializer(many=True, read_only=True)
    budget = BudgetLineSerializer(read_only=True, allow_null=True)
    budget_message = serializers.CharField(read_only=True)
    left_after_shop = TotalField(allow_null=True)
    fits_budget = serializers.BooleanField(read_only=True, allow_null=True)


class CompleteShoppingSerializer(StrictSerializer):
    """The finished shop: what it cost, where, and what becomes of the list."""

    total = MoneyField(min_value=Decimal("0.01"))
    vendor = serializers.CharField(max_length=200)
    currency = CurrencyField(required=False)
    date = BoundedDateField(required=False)
    archive = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Archive the list instead of clearing its checked items.",
    )


class RecordedExpenseSerializer(serializers.Serializer):
    """The Groceries expense the shop became."""

    expense_id = serializers.IntegerField(read_only=True)
    amount = MoneyField(read_only=True)
    currency = serializers.CharField(read_only=True)
    category = serializers.CharField(read_only=True)
    vendor = serializers.CharField(read_only=True)
    transaction_date = serializers.DateField(read_only=True)
    source_ref = serializers.CharField(read_only=True)


class CompletionSerializer(serializers.Serializer):
    """What finishing the shop did."""

    expense = RecordedExpenseSerializer(read_only=True)
    list = ListSerializer(source="shopping_list", read_only=True)
    cleared_item_ids = serializers.ListField(
        child=serializers.IntegerField(), read_only=True
    )
    archived = serializers.BooleanField(read_only=True)


class UndoShoppingSerializer(StrictSerializer):
    """Which of the caller's shops of the list to undo (default: the latest)."""

    expense_id = serializers.IntegerField(
        min_value=1,
        max_value=MAX_PK,
        required=False,
        help_text="The shop's expense; without it, your latest shop of this list.",
    )


class CorrectShoppingSerializer(UndoShoppingSerializer):
    """What to correct in one of the caller's shops of the list (default: the
    latest)."""

    total = MoneyField(min_value=Decimal("0.01"), required=False)
    vendor = serializers.CharField(max_length=200, required=False)
    currency = CurrencyField(required=False)
    date = BoundedDateField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """At least one of total, vendor, currency, date."""
        if not {"total", "vendor", "currency", "date"} & set(attrs):
            raise serializers.ValidationError(
                {"total": ["Give the total, vendor, currency or date to correct."]}
            )
        return attrs


class UndoneSerializer(serializers.Serializer):
    """What undoing the shop did."""

    expense_id = serializers.IntegerField(read_only=True)
    restored_item_ids = serializers.ListField(
        child=serializers.IntegerField(), read_only=True
    )
    unarchived = serializers.BooleanField(read_only=True)
    list = ListSerializer(source="shopping_list", read_only=True)
