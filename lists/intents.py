"""What the lists feature teaches the assistant: add things to a list, and what is
on one."""

import re
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from lists.models import ListModel
from lists.serializers import ListItemSerializer
from lists.services import ListService
from mysphere_core import phrases
from mysphere_core.intents import (
    ACTION,
    QUESTION,
    Answer,
    Ask,
    Intent,
    Say,
    joined,
    obj,
    proposal,
    say,
)

# A list's name -> the type a new list of that name gets.
LIST_TYPES = {"packing": "packing", "travel": "packing", "wish": "wishlist"}
SHOPPING_NAMES = ("shopping", "grocery", "groceries", "la compra", "compra", "")


def _list(group: str = "list") -> str:
    """ "my shopping list", "the list": the list's name in `group`."""
    return rf"(?:(?:my|the|our)\s+(?P<{group}>[\w' -]+?)\s*list|(?:my|the|our)\s+list)"


def _lista(group: str = "lista") -> str:
    """ "la lista de la compra", "mi lista": the list's name in `group`."""
    return (
        rf"(?:(?:mi|la|nuestra)\s+lista(?:\s+de(?:l|\s+la)?\s+"
        rf"(?P<{group}>[\w' -]+?))?)"
    )


ADD = (
    re.compile(
        rf"^\s*(?:please\s+)?(?:add|put|pop|throw)\s+(?P<items>.+?)\s+(?:to|on|onto|"
        rf"in|into)\s+{_list()}\b",
        re.I,
    ),
    re.compile(
        rf"^\s*(?:we|i)\s+need\s+(?P<items>.+?)\s+(?:for|on)\s+{_list()}\b", re.I
    ),
    re.compile(
        rf"^\s*(?:anade|agrega|pon|apunta|mete)\s+(?P<items>.+?)\s+(?:a|en)\s+"
        rf"{_lista()}\s*$",
        re.I,
    ),
)
# Quick add with no verb: the things, then the list ("eggs and bread to the list",
# "leche y pan a la lista"); never a question.
BARE_ADD = (
    re.compile(
        rf"^\s*(?P<items>[^?]+?)\s+(?:to|on|onto|in|into|for)\s+{_list()}\s*[.!]?$",
        re.I,
    ),
    re.compile(rf"^\s*(?P<items>[^?]+?)\s+(?:a|en|para)\s+{_lista()}\s*[.!]?$", re.I),
)
SHOW = re.compile(
    rf"\bwhat'?s?\s+(?:is\s+)?(?:on|in)\s+{_list()}|\bshow\s+(?:me\s+)?{_list('l2')}"
    r"|\bwhat\s+do\s+(?:i|we)\s+need\s+to\s+buy\b"
    rf"|\bque\s+hay\s+en\s+{_lista()}|\bmuestra(?:me)?\s+{_lista('l3')}",
    re.I,
)
_FILLER = re.compile(r"^(?:(?:a|an|the|some|new|this|that|my|un|una|unos|unas)\s+)+")
_AND = re.compile(r"\s*(?:,|\band\b|&|\+|\by\b)\s*", re.I)


def _list_name(match: re.Match) -> str:
    """The list a match names; "shopping" for the list or the shopping one."""
    name = next((v for k, v in match.groupdict().items() if v and k != "items"), "")
    name = name.strip().lower()
    return "shopping" if name in SHOPPING_NAMES else name


def read_add(text: str) -> dict[str, Any] | None:
    """ "put toothpaste on the list", "añade leche a la lista de la compra",
    "milk and eggs on the shopping list"."""
    folded = phrases.fold(text)
    bare = () if phrases.is_question(text) else BARE_ADD
    for pattern in (*ADD, *bare):
        match = pattern.search(folded)
        if match:
            items = [
                _FILLER.sub("", part).strip()
                for part in _AND.split(match.group("items"))
                if part.strip()
            ]
            return {"list": _list_name(match), "items": items}
    return None


def read_show(text: str) -> dict[str, Any] | None:
    """ "what's on my shopping list?", "¿qué hay en la lista?"."""
    match = SHOW.search(phrases.fold(text))
    return {"list": _list_name(match)} if match else None


def find_list(user: AbstractBaseUser, name: str) -> ListModel | None:
    """The user's live list (owned or shared to edit) named like `name`, or None:
    a name containing the word first, then a list of that type."""
    lists = ListService.queryset_for(user=user).filter(is_archived=False)
    lists = lists.exclude(role="view")
    found = lists.filter(name__icontains=name).order_by("-updated_at").first()
    kind = LIST_TYPES.get(name, "shopping")
    if found is None and name in (*SHOPPING_NAMES, *LIST_TYPES):
        found = lists.filter(list_type=kind).order_by("-updated_at").first()
    return found


def answer_add(ask: Ask) -> Answer:
    """Propose, then add, the items (a new list of that name when there is none)."""
    name = ask.slots.get("list") or "shopping"
    wanted = ask.slots.get("items") or [ask.text]
    items = ", ".join(wanted)
    target = find_list(ask.user, name)
    title = f"{name.title()} list"
    if not ask.execute:
        if target:
            where = say("lists.named", name=target.name)
        else:
            where = say("lists.new", name=title)
        data = {"list": target.name if target else title, "items": wanted}
        words = say("lists.add", items=joined(wanted), where=where)
        return proposal(words, [obj("list_items", data)])
    created_list = target is None
    if created_list:
        kind = LIST_TYPES.get(name, "shopping")
        target = ListService.create(
            user=ask.user, data={"name": title, "list_type": kind}
        )
    plan = ListService.add_items(user=ask.user, pk=target.pk, text=items)
    rows = [*plan.created, *plan.merged]
    return Answer(
        say("lists.added", items=joined(wanted), name=target.name),
        [obj("list_item", ListItemSerializer(row).data, row.pk) for row in rows],
        executed=True,
        undo={"list_id": target.pk, "item_ids": [row.pk for row in plan.created]},
    )


def undo_add(user: AbstractBaseUser, data: dict[str, Any]) -> Say:
    """Remove the items the assistant added (items it merged stay)."""
    names = []
    for item_pk in data["item_ids"]:
        item = ListService.get_item(user=user, pk=data["list_id"], item_pk=item_pk)
        names.append(item.name)
        ListService.delete_item(user=user, pk=data["list_id"], item_pk=item_pk)
    return say("lists.removed", names=joined(names) if names else say("lists.nothing"))


def answer_show(ask: Ask) -> Answer:
    """The items still to get on the named list."""
    name = ask.slots.get("list") or "shopping"
    target = find_list(ask.user, name)
    if target is None:
        return Answer(say("lists.none", name=name))
    rows = [
        row for row in ListService.items_for(user=ask.user, pk=target.pk)
        if not row.is_checked
    ]  # fmt: skip
    if not rows:
        return Answer(say("lists.empty", name=target.name))
    names = joined(row.name for row in rows)
    return Answer(
        say("lists.items", name=target.name, count=len(rows), names=names),
        [obj("list_item", ListItemSerializer(row).data, row.pk) for row in rows],
    )


INTENTS = [
    Intent(
        name="add_list_items",
        kind=ACTION,
        description="things to put on a named list (list: its name, items)",
        read=read_add,
        answer=answer_add,
        slots=("list", "items"),
        priority=65,
        undo=undo_add,
    ),
    Intent(
        name="list_contents",
        kind=QUESTION,
        description="what is on a list (list: its name)",
        read=read_show,
        answer=answer_show,
        slots=("list",),
        priority=64,
        follow=lambda text: {"list": phrases.fold(text).strip(" ?")},
    ),
]
