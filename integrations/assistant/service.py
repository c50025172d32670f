"""The assistant's front door: understand a message (one AI call at most), answer
it through the owning feature's intent, keep the conversation and the history."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import QuerySet
from rest_framework import exceptions

from integrations.assistant import catalogue, conversation
from integrations.assistant.models import AssistantSettingsModel, ChatMessageModel
from integrations.assistant.router import Route
from integrations.assistant.understanding import understand
from mysphere_core import ai, phrases
from mysphere_core.errors import DomainError, InvalidInput
from mysphere_core.intents import Answer, say
from users.services import UserService

MAX_MESSAGE = 1000


@dataclass(frozen=True)
class ChatReply:
    """One exchange: the route, the answer, the gateway's result, the messages."""

    route: Route
    answer: Answer
    result: ai.AIResult
    message: ChatMessageModel


class AssistantService:
    """Chat with the assistant, its history and its settings."""

    @staticmethod
    def chat(
        *, user: AbstractBaseUser, message: str, confirm: bool = False
    ) -> ChatReply:
        """Answer one message; a write is carried out only with `confirm`, a "yes"
        to its proposal, or when the user's settings say to act directly. Both
        sides go into the history; one AI call at most, whatever the intent."""
        text = " ".join(message.split())
        if not text:
            raise InvalidInput("Write a message.", field="message")
        if len(text) > MAX_MESSAGE:
            raise InvalidInput(
                f"Keep a message under {MAX_MESSAGE} characters.", field="message"
            )
        today = UserService.today_for(user=user)
        recalled = conversation.recall(user, today)
        last = recalled.context
        turn = conversation.Turn(
            user=user,
            text=text,
            execute=confirm or recalled.act_directly,
            today=today,
            last=last,
            lang=phrases.language(text) or last.get("lang") or "en",
        )
        routed, result = understand(
            user=user, text=text, today=today, last=last, used=recalled.calls_used
        )
        with ai.no_more_calls():
            routed, answer = _answer(turn, routed)
        answer.reply = catalogue.render(answer.reply, turn.lang)
        reply = ChatMessageModel(
            user=user,
            role="assistant",
            content=answer.reply,
            intent=routed.intent,
            feature=routed.feature or "",
            references=_references(answer),
            executed=answer.executed,
            context=conversation.context_of(routed, answer, text, turn.lang),
        )
        asked = ChatMessageModel(user=user, role="user", content=text)
        _insert_together([asked, reply])
        return ChatReply(route=routed, answer=answer, result=result, message=reply)

    @staticmethod
    def history(*, user: AbstractBaseUser) -> QuerySet[ChatMessageModel]:
        """The user's chat, newest first."""
        return ChatMessageModel.objects.filter(user=user, is_active=True)

    @staticmethod
    def clear_history(*, user: AbstractBaseUser) -> int:
        """Forget the user's chat (soft delete); how many messages."""
        return ChatMessageModel.objects.filter(user=user, is_active=True).update(
            is_active=False
        )

    @staticmethod
    def settings(*, user: AbstractBaseUser) -> AssistantSettingsModel:
        """The user's assistant settings (defaults until changed)."""
        found = AssistantSettingsModel.objects.filter(user=user).first()
        return found or AssistantSettingsModel(user=user)

    @staticmethod
    def update_settings(
        *, user: AbstractBaseUser, data: dict[str, Any]
    ) -> AssistantSettingsModel:
        """Change the user's assistant settings."""
        found, _ = AssistantSettingsModel.objects.update_or_create(
            user=user, defaults={"act_directly": bool(data["act_directly"])}
        )
        return found


_FIELDS = [f for f in ChatMessageModel._meta.concrete_fields if not f.primary_key]


def _insert_together(rows: list[ChatMessageModel]) -> None:
    """Both sides of an exchange (a user's message, the assistant's) in one
    INSERT: one statement is atomic on its own, so no transaction is opened
    around it (bulk_create's BEGIN and COMMIT); each row gets its id from
    RETURNING, matched by its role (the order of RETURNING is not promised).
    A database without RETURNING (SQLite before 3.35) gets Django's bulk_create."""
    if not connection.features.can_return_rows_from_bulk_insert:
        ChatMessageModel.objects.bulk_create(rows)
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in _FIELDS)
    one = "(" + ", ".join(["%s"] * len(_FIELDS)) + ")"
    sql = (
        f"INSERT INTO {quote(ChatMessageModel._meta.db_table)} ({columns}) "  # noqa: S608
        f"VALUES {', '.join([one] * len(rows))} "
        f"RETURNING {quote(ChatMessageModel._meta.pk.column)}, role"
    )
    params = [
        field.get_db_prep_save(field.pre_save(row, True), connection)
        for row in rows
        for field in _FIELDS
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = {role: pk for pk, role in cursor.fetchall()}
    for row in rows:
        row.pk = ids[row.role]
        row._state.adding, row._state.db = False, connection.alias


def _references(answer: Answer) -> list[dict[str, Any]]:
    """The objects an answer touched, by type and id (proposals have no id)."""
    return [
        {"type": obj["type"], "id": obj["id"]}
        for obj in answer.objects
        if obj.get("id") is not None
    ]


def _answer(turn: conversation.Turn, routed: Route) -> tuple[Route, Answer]:
    """The conversation's answer; what a feature refuses is a reply, not an error."""
    try:
        return conversation.answer(turn, routed)
    except (exceptions.ValidationError, DomainError) as exc:
        return routed, refused(exc.detail, turn.lang)


def refused(detail: Any, lang: str) -> Answer:
    """A feature's refusal as a reply: what it said about the words."""
    why = " ".join(catalogue.refusal(str(m), lang) for m in _flat(detail))
    return Answer(say("refused", why=why))


def _flat(value: Any) -> list[Any]:
    """A DRF error detail as a flat list of messages."""
    if isinstance(value, (list, tuple)):
        return [m for item in value for m in _flat(item)]
    if isinstance(value, dict):
        return [m for item in value.values() for m in _flat(item)]
    return [value]
