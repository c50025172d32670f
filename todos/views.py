"""Thin views of the todos feature: validate, call one service method, render."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from mysphere_core.api import FeatureViewSet
from mysphere_core.serializers import validated
from todos import serializers as s
from todos.filters import TodoFilter
from todos.services import TodoService


@extend_schema_view(
    create=extend_schema(
        request=s.TodoWriteSerializer, responses={201: s.TodoSerializer}
    ),
    update=extend_schema(
        request=s.TodoWriteSerializer, responses={200: s.TodoSerializer}
    ),
    partial_update=extend_schema(
        request=s.TodoWriteSerializer, responses={200: s.TodoSerializer}
    ),
    destroy=extend_schema(
        responses={204: OpenApiResponse(description="Soft-deleted, with its subtasks.")}
    ),
)
class TodoViewSet(FeatureViewSet):
    """The user's todos: CRUD, complete/reopen, bulk, reorder, agenda, stats,
    quick add and the AI plan."""

    service = TodoService
    serializer_class = s.TodoSerializer
    write_serializer_class = s.TodoWriteSerializer
    filterset_class = TodoFilter
    lookup_value_regex = r"\d+"
    lookup_url_kwarg = "todo_id"

    @extend_schema(
        request=s.TodoCompleteSerializer,
        responses={
            200: s.TodoSerializer,
            400: OpenApiResponse(description="Open subtasks (without force)."),
        },
    )
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, todo_id: str) -> Response:
        """Complete; a recurring task stays completed and its next one is made."""
        self.get_object()
        options = validated(s.TodoCompleteSerializer, request.data)
        todo = TodoService.complete(user=request.user, pk=todo_id, **options)
        return self.render(todo)

    @extend_schema(request=None, responses={200: s.TodoSerializer})
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, todo_id: str) -> Response:
        """Reopen a completed or cancelled task."""
        return self.render(TodoService.reopen(user=request.user, pk=todo_id))

    @extend_schema(
        request=s.TodoBulkUpdateSerializer,
        responses={200: s.TodoListResponseSerializer},
    )
    @action(detail=False, methods=["post"])
    def bulk_update(self, request: Request) -> Response:
        """Set the same fields on many tasks: all of them, or none."""
        body = validated(s.TodoBulkUpdateSerializer, request.data)
        rows = TodoService.bulk_update(user=request.user, **body)
        return Response(s.TodoListResponseSerializer({"todos": rows}).data)

    @extend_schema(
        request=s.TodoReorderSerializer, responses={200: s.TodoListResponseSerializer}
    )
    @action(detail=False, methods=["post"])
    def reorder(self, request: Request) -> Response:
        """Put the given tasks in this order."""
        body = validated(s.TodoReorderSerializer, request.data)
        rows = TodoService.reorder(user=request.user, **body)
        return Response(s.TodoListResponseSerializer({"todos": rows}).data)

    @extend_schema(responses={200: s.TodayAgendaSerializer})
    @action(detail=False, methods=["get"], pagination_class=None, filterset_class=None)
    def today(self, request: Request) -> Response:
        """The agenda of the user's local today, grouped and counted."""
        return Response(
            s.TodayAgendaSerializer(TodoService.today(user=request.user)).data
        )

    @extend_schema(responses={200: s.TodoStatsSerializer})
    @action(detail=False, methods=["get"], pagination_class=None, filterset_class=None)
    def stats(self, request: Request) -> Response:
        """Completion rates, overdue, priorities, streak and lateness."""
        return Response(
            s.TodoStatsSerializer(TodoService.stats(user=request.user)).data
        )

    @extend_schema(
        request=s.TodoParseTextSerializer,
        responses={
            201: s.TodoParseTextResponseSerializer,
            200: OpenApiResponse(s.TodoParseTextResponseSerializer, "Dry run."),
        },
    )
    @action(detail=False, methods=["post"], throttle_scope="ai")
    def parse_text(self, request: Request) -> Response:
        """Quick add: tasks from plain words (AI, else the built-in parser)."""
        body = validated(s.TodoParseTextSerializer, request.data)
        outcome = TodoService.parse_text(user=request.user, **body)
        code = status.HTTP_200_OK if outcome.dry_run else status.HTTP_201_CREATED
        return Response(s.TodoParseTextResponseSerializer(outcome).data, status=code)

    @extend_schema(
        parameters=[s.TodoSuggestionsQuerySerializer],
        responses={200: s.TodoSuggestionsEnvelopeSerializer},
    )
    @action(
        detail=False,
        methods=["get"],
        throttle_scope="ai",
        pagination_class=None,
        filterset_class=None,
    )
    def ai_suggestions(self, request: Request) -> Response:
        """A plan for today within the available minutes (Gemini, else rules)."""
        query = validated(s.TodoSuggestionsQuerySerializer, request.query_params)
        result = TodoService.ai_suggestions(user=request.user, **query)
        return Response(s.TodoSuggestionsEnvelopeSerializer(result).data)
