"""The base ViewSet of every feature: scoped to the user, writes through the service.

    class ExpenseViewSet(FeatureViewSet):
        service = ExpenseService               # queryset_for, get_for, create, update,
        serializer_class = ExpenseSerializer   # delete, all keyword-only
        filterset_class = ExpenseFilter

The service is the feature's front door (`services.py`):

- `queryset_for(*, user)` -> the user's live rows (the list, and the schema);
- `get_for(*, user, pk)` -> one of them, or `NotFoundError` (404 for others' rows);
- `create(*, user, data)`, `update(*, user, pk, data)`, `delete(*, user, pk)`.

The API of a feature turned off (its `feature_flag`) answers 404 `feature_disabled`.
A ViewSet may name a `write_serializer_class` (validates create and update input)
while `serializer_class` renders every answer. Actions call one service method
and render with `self.render(obj)`.
"""

from collections.abc import Callable
from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from rest_framework import mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from mysphere_core import caching
from mysphere_core.errors import FeatureDisabledError
from mysphere_core.features import feature_of
from mysphere_core.filters import StrictFilterBackend

# How long `render_kept` keeps an answer at most (writes forget it sooner).
KEEP_RENDERED_SECONDS = 15 * 60


class FeatureFlagged:
    """The flag check of every view of a feature (ViewSets and plain API views such
    as the dashboard): a feature turned off answers 404 `feature_disabled`."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        """A feature turned off answers 404 `feature_disabled` before anything else."""
        if not feature_of(type(self)).enabled():
            raise FeatureDisabledError()
        super().initial(request, *args, **kwargs)


class FeatureAPIView(FeatureFlagged, APIView):
    """A feature's view that is not a ViewSet (one GET), with the flag check."""


class FeatureGenericViewSet(FeatureFlagged, viewsets.GenericViewSet):
    """A feature's reads: the user's rows from the service, strict filters."""

    service: ClassVar[Any]
    write_serializer_class: ClassVar[type[BaseSerializer] | None] = None
    filter_backends: ClassVar[list] = [StrictFilterBackend]
    throttle_scope: str | None = None  # AI actions set "ai"

    def get_queryset(self) -> QuerySet:
        """The user's live rows (none while the schema is generated)."""
        if getattr(self, "swagger_fake_view", False):
            return self.service.queryset_for(user=None).none()
        return self.service.queryset_for(user=self.request.user)

    def get_object(self) -> Model:
        """One of the user's rows through the service: 404 for anybody else's."""
        lookup = self.lookup_url_kwarg or self.lookup_field
        obj = self.service.get_for(user=self.request.user, pk=self.kwargs[lookup])
        self.check_object_permissions(self.request, obj)
        return obj

    def get_serializer_class(self) -> type[BaseSerializer]:
        """The write serializer for create and update input, else the read one."""
        writing = self.action in ("create", "update", "partial_update")
        if writing and self.write_serializer_class is not None:
            return self.write_serializer_class
        return self.serializer_class

    def render(self, obj: Any, code: int = status.HTTP_200_OK) -> Response:
        """`obj` through the read serializer."""
        context = self.get_serializer_context()
        return Response(self.serializer_class(obj, context=context).data, status=code)

    def render_kept(
        self,
        parts: tuple[object, ...],
        compute: Callable[[], Any],
        serializer_class: type[BaseSerializer] | None = None,
        timeout: int = KEEP_RENDERED_SECONDS,
    ) -> Response:
        """`compute()` through `serializer_class` (default the read serializer),
        the rendered data kept in the user's versioned cache of the feature under
        `parts`: a repeat is one cache read, and every write that forgets the
        feature's caches forgets it. `parts` name all the request depends on
        besides the user and the feature's data (a date, a month)."""
        rendering = serializer_class or self.serializer_class
        context = self.get_serializer_context()
        data = caching.cached_versioned(
            self.request.user,
            feature_of(type(self)).feature,
            ("rendered", rendering.__name__, *parts),
            lambda: dict(rendering(compute(), context=context).data),
            timeout,
        )
        return Response(data)

    def page(self, rows: Any, serializer_class: type[BaseSerializer]) -> Response:
        """One page of `rows` (a queryset or list) rendered by `serializer_class`."""
        page = self.paginate_queryset(rows)
        context = self.get_serializer_context()
        data = serializer_class(page, many=True, context=context).data
        return self.get_paginated_response(data)


class FeatureViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    FeatureGenericViewSet,
):
    """CRUD of a feature's objects: every write goes to the service."""

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Validate, create through the service, render with the read serializer."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        return self._rendered(serializer, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """PUT or PATCH: validate, update through the service, render."""
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        return self._rendered(serializer)

    def _rendered(
        self, serializer: BaseSerializer, code: int = status.HTTP_200_OK
    ) -> Response:
        """The saved object through the read serializer: the input serializer itself
        when it is of that class (its fields are built already), else a new one."""
        if type(serializer) is self.serializer_class:
            return Response(serializer.data, status=code)
        return self.render(serializer.instance, code)

    def perform_create(self, serializer: BaseSerializer) -> None:
        """`service.create(user=, data=)`."""
        serializer.instance = self.service.create(
            user=self.request.user, data=serializer.validated_data
        )

    def perform_update(self, serializer: BaseSerializer) -> None:
        """`service.update(user=, pk=, data=)`."""
        serializer.instance = self.service.update(
            user=self.request.user,
            pk=serializer.instance.pk,
            data=serializer.validated_data,
        )

    def perform_destroy(self, instance: Model) -> None:
        """`service.delete(user=, pk=)`: a soft delete."""
        self.service.delete(user=self.request.user, pk=instance.pk)
