"""`/api/assistant/`: chat, its history, the settings."""

from drf_spectacular.utils import extend_schema
from rest_framework import throttling, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from integrations.ai_insights import FEATURE
from integrations.assistant import serializers as s
from integrations.assistant.service import AssistantService
from mysphere_core import ai
from mysphere_core.api import FeatureFlagged
from mysphere_core.serializers import validated


class AssistantViewSet(FeatureFlagged, viewsets.GenericViewSet):
    """BudgetWise's chat across the whole product."""

    service = AssistantService  # the front door (and, for the schema, a feature view)
    serializer_class = s.ChatMessageSerializer
    # Only `chat/` counts against the chat's limit ("assistant"); history and
    # settings count against the user's general limit alone.
    throttle_scope: str | None = None

    def get_throttles(self) -> list[throttling.BaseThrottle]:
        """The chat's limit guards the AI (one Gemini call a message): it counts
        while the AI may be asked. With the AI off the chat is the rule-based
        Quick add, held to the user's general limit like the endpoints it
        stands for (and no cache write a message for the limit)."""
        throttles = super().get_throttles()
        if ai.may_call(FEATURE):
            return throttles
        return [
            t for t in throttles if not isinstance(t, throttling.ScopedRateThrottle)
        ]

    def get_queryset(self):  # noqa: ANN201 (the schema reads it)
        """The user's chat, newest first."""
        if getattr(self, "swagger_fake_view", False):
            return AssistantService.history(user=None).none()
        return AssistantService.history(user=self.request.user)

    @extend_schema(request=s.ChatRequestSerializer, responses=s.ChatResponseSerializer)
    @action(detail=False, methods=["post"], throttle_scope="assistant")
    def chat(self, request: Request) -> Response:
        """Answer a message: a write is proposed, and carried out with `confirm` or
        a "yes". Only chat messages count against the chat's limit."""
        incoming = validated(s.ChatRequestSerializer, request.data)
        reply = AssistantService.chat(user=request.user, **incoming)
        return Response(s.ChatResponseSerializer(reply).data)

    @extend_schema(methods=["get"], responses=s.ChatMessageSerializer(many=True))
    @extend_schema(methods=["delete"], responses={200: s.ClearedSerializer})
    @action(detail=False, methods=["get", "delete"])
    def history(self, request: Request) -> Response:
        """GET: the chat, newest first, a page at a time; DELETE: forget it."""
        if request.method == "DELETE":
            deleted = AssistantService.clear_history(user=request.user)
            return Response(s.ClearedSerializer({"deleted": deleted}).data)
        page = self.paginate_queryset(self.get_queryset())
        data = s.ChatMessageSerializer(page, many=True).data
        return self.get_paginated_response(data)

    @extend_schema(methods=["get"], responses=s.AssistantSettingsSerializer)
    @extend_schema(
        methods=["patch"],
        request=s.AssistantSettingsWriteSerializer,
        responses=s.AssistantSettingsSerializer,
    )
    @action(detail=False, methods=["get", "patch"], url_path="settings")
    def assistant_settings(self, request: Request) -> Response:
        """GET / PATCH `act_directly`: carry out writes at once instead of proposing."""
        if request.method == "PATCH":
            incoming = validated(s.AssistantSettingsWriteSerializer, request.data)
            found = AssistantService.update_settings(user=request.user, data=incoming)
        else:
            found = AssistantService.settings(user=request.user)
        return Response(s.AssistantSettingsSerializer(found).data)
