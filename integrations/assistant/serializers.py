"""The assistant's request and response shapes."""

from typing import Any

from rest_framework import serializers

from integrations.assistant.models import AssistantSettingsModel, ChatMessageModel
from integrations.assistant.router import intent_names, intents
from mysphere_core.ai import SOURCES
from mysphere_core.fields import EnumField
from mysphere_core.intents import plain
from mysphere_core.serializers import StrictSerializer

FEATURES = sorted({intent.feature for intent in intents()})


class ChatRequestSerializer(StrictSerializer):
    """A message for the assistant."""

    message = serializers.CharField(max_length=1000, trim_whitespace=True)
    confirm = serializers.BooleanField(
        default=False, help_text="Carry out the write the message asks for."
    )


class ChatObjectSerializer(serializers.Serializer):
    """An object the answer proposes (no id yet) or touched."""

    type = serializers.CharField()
    id = serializers.JSONField(
        allow_null=True, help_text="An integer, or a string id (subscriptions)."
    )
    data = serializers.JSONField()

    def to_representation(self, instance: dict[str, Any]) -> dict[str, Any]:
        """What the fields give (the type as text, the id and data as they are),
        without building them for every object of a long answer."""
        return {
            "type": str(instance["type"]),
            "id": instance["id"],
            "data": instance["data"],
        }


class ChatResponseSerializer(serializers.Serializer):
    """The assistant's answer, with the AI envelope's fields."""

    reply = serializers.CharField(source="answer.reply")
    intent = EnumField(intent_names(), label_text="intent", source="route.intent")
    feature = serializers.ChoiceField(
        choices=FEATURES, source="route.feature", allow_null=True
    )
    slots = serializers.SerializerMethodField(
        help_text="What the message was understood to name: amount (a decimal "
        "string), period, person, name, list, items, category, topic..."
    )
    objects = ChatObjectSerializer(source="answer.objects", many=True)
    executed = serializers.BooleanField(source="answer.executed")
    needs_confirmation = serializers.BooleanField(source="answer.needs_confirmation")
    message_id = serializers.IntegerField(source="message.pk")
    source = EnumField(SOURCES, label_text="source", source="result.source")
    ai_used = serializers.BooleanField(source="result.ai_used")
    fallback_used = serializers.BooleanField(source="result.fallback_used")
    calls_remaining = serializers.IntegerField(source="result.calls_remaining")

    def get_slots(self, reply: Any) -> dict[str, Any]:
        """The route's slots, money as decimal strings."""
        return plain(reply.route.fields)


class ChatMessageSerializer(serializers.ModelSerializer):
    """One message of the history."""

    message_id = serializers.IntegerField(source="pk", read_only=True)

    class Meta:
        model = ChatMessageModel
        fields = (
            "message_id",
            "role",
            "content",
            "intent",
            "feature",
            "references",
            "executed",
            "created_at",
        )
        read_only_fields = fields


class AssistantSettingsSerializer(serializers.ModelSerializer):
    """The user's assistant settings."""

    class Meta:
        model = AssistantSettingsModel
        fields = ("act_directly",)


class AssistantSettingsWriteSerializer(StrictSerializer):
    """A change of the assistant settings."""

    act_directly = serializers.BooleanField()


class ClearedSerializer(serializers.Serializer):
    """How many messages were forgotten."""

    deleted = serializers.IntegerField()
