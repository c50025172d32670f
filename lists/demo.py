"""Demo data: a week's shopping list, a template, a packing list and a wish list,
for `seed_demo`.

Everything goes through `ListService`, as a person would add it: items typed in
words ("2 l milk, a dozen eggs"), a few checked off, some priced, sorted into
aisles by the keyword map. The weekly list was last bought at Trader Joe's, where
the expenses demo has past Groceries shops, so its estimate has history to use.
"""

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser

from lists.models import ListModel
from lists.services import ListService

WEEKLY = (
    "2 l milk, a dozen eggs, 1 loaf of sourdough, 500 g cheddar, greek yogurt x2\n"
    "bananas, 6 apples, 1 kg carrots, spinach, 3 avocados, garlic, 2 lemons\n"
    "chicken breasts 1 kg, salmon fillets x2, frozen peas, ice cream\n"
    "1 kg rice, 2 packs of pasta, olive oil, peanut butter, coffee\n"
    "sparkling water 6, orange juice 1l, toilet paper, dish soap, toothpaste"
)
PRICES = {
    "milk": "2.49",
    "eggs": "4.29",
    "sourdough": "5.99",
    "cheddar": "4.79",
    "bananas": "1.59",
    "coffee": "8.99",
}
CHECKED = ("milk", "eggs", "bananas", "coffee")
TEMPLATE = "milk, eggs, bread, bananas, coffee, toilet paper"
PACKING = (
    "passport, phone charger, adapter, sunscreen, sunglasses, 3 t-shirts, "
    "2 pairs of shorts, swimsuit, toothbrush, toothpaste, socks x4, book"
)
WISHES = "noise-cancelling headphones, cast iron pan, hiking boots, board game"


def _new(user: AbstractBaseUser, text: str, **data: object) -> ListModel:
    """A list made through the service, with its items added from words."""
    made = ListService.create(user=user, data=data)
    ListService.add_items(user=user, pk=made.pk, text=text)
    return made


def _shop(user: AbstractBaseUser) -> ListModel:
    """The week's shopping list: priced staples, a few already in the basket."""
    weekly = _new(user, WEEKLY, name="Weekly groceries", color="#4CAF50", icon="cart")
    for item in ListService.items_for(user=user, pk=weekly.pk):
        data: dict[str, object] = {}
        if item.name in PRICES:
            data["estimated_price"] = Decimal(PRICES[item.name])
        if item.name in CHECKED:
            data["is_checked"] = True
        if data:
            ListService.update_item(user=user, pk=weekly.pk, item_pk=item.pk, data=data)
    ListModel.objects.filter(pk=weekly.pk).update(last_vendor="Trader Joe's")
    return weekly


FRIEND = {"username": "sam", "email": "sam@mysphere.local", "first_name": "Sam"}


def _friend() -> AbstractBaseUser:
    """The second demo account the weekly shop is shared with (made once)."""
    from django.contrib.auth import get_user_model

    from users.services import UserService

    found = get_user_model().objects.filter(username=FRIEND["username"]).first()
    return found or UserService.register(**FRIEND, password="Lisbon-Weekend-2026!")


def seed(user: AbstractBaseUser) -> str:
    """Create the user's lists, the weekly shop shared with a friend to edit;
    return a one-line summary."""
    weekly = _shop(user)
    friend = _friend()
    ListService.share(
        user=user, pk=weekly.pk, login=friend.get_username(), permission="edit"
    )
    _new(user, TEMPLATE, name="Weekly staples", is_template=True, icon="repeat")
    _new(user, PACKING, name="Lisbon weekend", list_type="packing", icon="suitcase")
    _new(user, WISHES, name="Birthday ideas", list_type="wishlist", icon="gift")
    lists = ListService.queryset_for(user=user)
    items = sum(row.item_count for row in lists)
    return (
        f"{lists.count()} lists with {items} items (one template, one half-shopped, "
        f"shared with {friend.get_username()})."
    )
