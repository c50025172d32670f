"""The assistant's front door: understand a message, answer it through the owning
feature's service, keep the chat history."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from rest_framework import exceptions

from integrations.assistant import answers, handlers
from integrations.assistant.handlers import Answer
from integrations.assistant.models import AssistantSettingsModel, ChatMessageModel
from integrations.assistant.router import Route
from integrations.assistant.understanding import understand
from mysphere_core import ai
from users.services import UserService

Handler = Callable[[AbstractBaseUser, Route, str, bool], Answer]
HANDLERS: dict[str, Handler] = {
    "log_expense": handlers.expense,
    "add_subscription": handlers.subscription,
    "add_todo": handlers.todo,
    "add_list_items": answers.list_items,
    "record_loan": handlers.lending,
    "record_repayment": handlers.lending,
    "purchase_advice": answers.purchase,
    "budget_question": answers.budget,
    "whats_due": answers.due,
    "unknown": answers.unknown,
}
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
        """Answer one message; a write is carried out only with `confirm` (or when
        the user's settings say to act directly). Both sides go into the history."""
        text = " ".join(message.split())
        if not text:
            raise exceptions.ValidationError({"message": ["Write a message."]})
        if len(text) > MAX_MESSAGE:
            raise exceptions.ValidationError(
                {"message": [f"Keep a message under {MAX_MESSAGE} characters."]}
            )
        today = UserService.today_for(user=user)
        route, result = understand(user=user, text=text, today=today)
        execute = confirm or AssistantService.settings(user=user).act_directly
        try:
            answer = HANDLERS[route.intent](user, route, text, execute)
        except exceptions.ValidationError as exc:
            answer = handlers.refused(exc)
        with transaction.atomic():
            ChatMessageModel.objects.create(user=user, role="user", content=text)
            reply = ChatMessageModel.objects.create(
                user=user,
                role="assistant",
                content=answer.reply,
                intent=route.intent,
                feature=route.feature or "",
                references=_references(answer),
                executed=answer.executed,
            )
        return ChatReply(route=route, answer=answer, result=result, message=reply)

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


def _references(answer: Answer) -> list[dict[str, Any]]:
    """The objects an answer touched, by type and id (proposals have no id)."""
    return [
        {"type": obj["type"], "id": obj["id"]}
        for obj in answer.objects
        if obj.get("id") is not None
    ]
