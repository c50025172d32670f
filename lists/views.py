"""Thin views of the lists feature: check the caller's role on the list, validate,
call one service method, render.

Every detail route resolves the list first (`get_object` with the role the route
needs), so a stranger's request is a 404 and a viewer's write a 403 whatever the
body says."""

from typing import Any, ClassVar

from django.http import HttpResponseBase
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from lists import serializers as s
from lists.access import EDIT, OWNER, VIEW
from lists.aisles import AISLES
from lists.filters import NO_AISLE, ListFilter, ListItemFilter
from lists.models import ListModel
from lists.services import ListService
from mysphere_core.api import FeatureViewSet
from mysphere_core.conditional import IF_NONE_MATCH, NOT_MODIFIED, conditional_get
from mysphere_core.pagination import StandardPagination
from mysphere_core.schema import ErrorSerializer
from mysphere_core.serializers import validated

FORBIDDEN = OpenApiResponse(
    ErrorSerializer,
    "Your role on the list does not allow this: read_only (a viewer's write) or "
    "owner_only (renaming, deleting, sharing).",
)
ITEM_ID = OpenApiParameter("item_id", OpenApiTypes.INT, OpenApiParameter.PATH)
ITEM_DETAIL = r"items/(?P<item_id>\d+)"
ITEM_FILTERS = [
    OpenApiParameter("is_checked", OpenApiTypes.BOOL, description="true or false."),
    OpenApiParameter(
        "aisle",
        OpenApiTypes.STR,
        enum=[*AISLES, NO_AISLE],
        description=f"One aisle, or {NO_AISLE} for uncategorised items.",
    ),
]


class ItemPagination(StandardPagination):
    """A list's items: 100 a page by default, up to 500 (a whole list)."""

    page_size = 100
    max_page_size = 500


def _ids(item_ids: list[int]) -> dict[str, Any]:
    """The ids an action touched, and how many."""
    return s.ItemIdsSerializer({"item_ids": item_ids, "count": len(item_ids)}).data


@extend_schema_view(
    update=extend_schema(responses={200: s.ListSerializer, 403: FORBIDDEN}),
    partial_update=extend_schema(responses={200: s.ListSerializer, 403: FORBIDDEN}),
    destroy=extend_schema(responses={204: None, 403: FORBIDDEN}),
)
class ListViewSet(FeatureViewSet):
    """Lists owned by or shared with the user: CRUD, items, sharing, the shop."""

    service = ListService
    serializer_class = s.ListSerializer
    write_serializer_class = s.ListWriteSerializer
    filterset_class = ListFilter
    lookup_field = "list_id"
    lookup_value_regex = r"\d+"
    queryset = ListModel.objects.none()
    # The role each action needs on the list (writes by method below); reads: view.
    ROLES: ClassVar[dict[str, str]] = {
        "update": OWNER,
        "partial_update": OWNER,
        "destroy": OWNER,
        "share": OWNER,
        "unshare": VIEW,
        "duplicate": VIEW,
        "estimate": VIEW,
        "items": EDIT,
        "item": EDIT,
    }

    def get_object(self) -> ListModel:
        """The list, 404 unless visible, 403 unless the caller's role suffices."""
        need = self.ROLES.get(self.action, EDIT)
        if self.request.method == "GET":
            need = VIEW
        return self.service.get_for(
            user=self.request.user, pk=self.kwargs["list_id"], need=need
        )

    @extend_schema(
        parameters=[IF_NONE_MATCH], responses={200: s.ListSerializer, 304: NOT_MODIFIED}
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """The list, with an `ETag`; 304 when `If-None-Match` names it (polling)."""
        shopping_list = self.get_object()
        etag = ListService.version(
            user=request.user, shopping_list=shopping_list, path=request.get_full_path()
        )
        return conditional_get(
            request, etag, lambda: Response(self.get_serializer(shopping_list).data)
        )

    def _items_page(self, shopping_list: ListModel) -> Response:
        """One page of the list's live items (the GET of `items`)."""
        rows = ListService.items_for(user=self.request.user, pk=shopping_list.pk)
        return self.page(self.filter_queryset(rows), s.ListItemSerializer)

    # --- items ------------------------------------------------------------------------

    @extend_schema(
        methods=["GET"],
        filters=False,
        parameters=[*ITEM_FILTERS, IF_NONE_MATCH],
        responses={200: s.ListItemSerializer(many=True), 304: NOT_MODIFIED},
    )
    @extend_schema(
        methods=["POST"],
        request=s.ListItemWriteSerializer,
        responses={201: s.ListItemSerializer, 403: FORBIDDEN},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        filterset_class=ListItemFilter,
        pagination_class=ItemPagination,
        serializer_class=s.ListItemSerializer,
    )
    def items(self, request: Request, list_id: str) -> Response:
        """The items by aisle then position, or add one (editors and the owner)."""
        shopping_list = self.get_object()
        if request.method == "GET":
            etag = ListService.items_version(
                user=request.user,
                shopping_list=shopping_list,
                path=request.get_full_path(),
            )
            return conditional_get(
                request, etag, lambda: self._items_page(shopping_list)
            )
        body = validated(s.ListItemWriteSerializer, request.data)
        item = ListService.add_item(user=request.user, pk=shopping_list.pk, data=body)
        return Response(s.ListItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"], parameters=[ITEM_ID], responses={200: s.ListItemSerializer}
    )
    @extend_schema(
        methods=["PATCH"],
        parameters=[ITEM_ID],
        request=s.ListItemWriteSerializer,
        responses={200: s.ListItemSerializer, 403: FORBIDDEN},
    )
    @extend_schema(
        methods=["DELETE"],
        parameters=[ITEM_ID],
        request=None,
        responses={204: None, 403: FORBIDDEN},
    )
    @action(
        detail=True,
        methods=["get", "patch", "delete"],
        url_path=ITEM_DETAIL,
        url_name="item-detail",
        serializer_class=s.ListItemSerializer,
    )
    def item(self, request: Request, list_id: str, item_id: str) -> Response:
        """One item: read it, change it (checking records who and when), remove it."""
        shopping_list = self.get_object()
        pk, user = shopping_list.pk, request.user
        if request.method == "GET":
            found = ListService.get_item(user=user, pk=pk, item_pk=item_id)
            return Response(s.ListItemSerializer(found).data)
        if request.method == "DELETE":
            ListService.delete_item(user=user, pk=pk, item_pk=item_id)
            return Response(status=status.HTTP_204_NO_CONTENT)
        ListService.get_item(user=user, pk=pk, item_pk=item_id)
        body = validated(s.ListItemWriteSerializer, request.data, partial=True)
        changed = ListService.update_item(user=user, pk=pk, item_pk=item_id, data=body)
        return Response(s.ListItemSerializer(changed).data)

    @extend_schema(
        request=s.AddItemsSerializer,
        responses={
            201: s.AddItemsResponseSerializer,
            200: OpenApiResponse(s.AddItemsResponseSerializer, "Dry run."),
            403: FORBIDDEN,
        },
    )
    @action(detail=True, methods=["post"])
    def add_items(self, request: Request, list_id: str) -> Response:
        """Add items written in words ("2 milk, eggs, 1kg rice"), merging repeats."""
        shopping_list = self.get_object()
        body = validated(s.AddItemsSerializer, request.data)
        plan = ListService.add_items(user=request.user, pk=shopping_list.pk, **body)
        code = status.HTTP_200_OK if plan.dry_run else status.HTTP_201_CREATED
        return Response(s.AddItemsResponseSerializer(plan).data, status=code)

    @extend_schema(
        request=s.ReorderSerializer,
        responses={200: s.ItemIdsSerializer, 403: FORBIDDEN},
    )
    @action(detail=True, methods=["post"], url_path="items/reorder")
    def reorder(self, request: Request, list_id: str) -> Response:
        """Put items in a new order (the ones named first, the rest after)."""
        shopping_list = self.get_object()
        body = validated(s.ReorderSerializer, request.data)
        order = ListService.reorder(
            user=request.user, pk=shopping_list.pk, item_ids=body["item_ids"]
        )
        return Response(_ids(order))

    @extend_schema(
        request=s.CheckAllSerializer,
        responses={200: s.ItemIdsSerializer, 403: FORBIDDEN},
    )
    @action(detail=True, methods=["post"])
    def check_all(self, request: Request, list_id: str) -> Response:
        """Check every item (or uncheck them all with `is_checked: false`)."""
        shopping_list = self.get_object()
        body = validated(s.CheckAllSerializer, request.data)
        changed = ListService.check_all(
            user=request.user, pk=shopping_list.pk, checked=body["is_checked"]
        )
        return Response(_ids(changed))

    @extend_schema(request=None, responses={200: s.ItemIdsSerializer, 403: FORBIDDEN})
    @action(detail=True, methods=["post"])
    def clear_checked(self, request: Request, list_id: str) -> Response:
        """Remove the checked items."""
        shopping_list = self.get_object()
        removed = ListService.clear_checked(user=request.user, pk=shopping_list.pk)
        return Response(_ids(removed))

    @extend_schema(
        request=s.CategorizeSerializer,
        responses={200: s.CategorizeResponseSerializer, 403: FORBIDDEN},
    )
    @action(detail=True, methods=["post"], throttle_scope="ai")
    def categorize(self, request: Request, list_id: str) -> Response:
        """Aisles for uncategorised items: Gemini, else the keyword map."""
        shopping_list = self.get_object()
        body = validated(s.CategorizeSerializer, request.data)
        outcome = ListService.categorize(user=request.user, pk=shopping_list.pk, **body)
        return Response(s.CategorizeResponseSerializer(outcome).data)

    # --- lists ------------------------------------------------------------------------

    @extend_schema(request=s.ListDuplicateSerializer, responses={201: s.ListSerializer})
    @action(detail=True, methods=["post"])
    def duplicate(self, request: Request, list_id: str) -> Response:
        """A fresh unchecked copy of a template or any list you can see."""
        shopping_list = self.get_object()
        body = validated(s.ListDuplicateSerializer, request.data)
        copy = ListService.duplicate(user=request.user, pk=shopping_list.pk, **body)
        return self.render(copy, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.ShareSerializer, responses={200: s.ListSerializer, 403: FORBIDDEN}
    )
    @action(detail=True, methods=["post"])
    def share(self, request: Request, list_id: str) -> Response:
        """Share with a user (by username or email) to view or edit: owner only."""
        shopping_list = self.get_object()
        body = validated(s.ShareSerializer, request.data)
        shared = ListService.share(
            user=request.user,
            pk=shopping_list.pk,
            login=body["username"],
            permission=body["permission"],
        )
        return self.render(shared)

    @extend_schema(
        request=s.UnshareSerializer,
        responses={200: s.UnshareResponseSerializer, 403: FORBIDDEN},
    )
    @action(detail=True, methods=["post"])
    def unshare(self, request: Request, list_id: str) -> Response:
        """Stop sharing with a user (the owner), or leave a list shared with you."""
        shopping_list = self.get_object()
        body = validated(s.UnshareSerializer, request.data)
        after = ListService.unshare(
            user=request.user, pk=shopping_list.pk, login=body["username"]
        )
        context = self.get_serializer_context()
        return Response(
            s.UnshareResponseSerializer({"list": after}, context=context).data
        )

    # --- the shop ---------------------------------------------------------------------

    @extend_schema(
        parameters=[s.EstimateQuerySerializer], responses={200: s.EstimateSerializer}
    )
    @action(detail=True, methods=["get"])
    def estimate(self, request: Request, list_id: str) -> Response:
        """The shop's estimated cost against this month's Groceries budget."""
        shopping_list = self.get_object()
        query = validated(s.EstimateQuerySerializer, request.query_params)
        result = ListService.estimate(
            user=request.user, pk=shopping_list.pk, vendor=query.get("vendor", "")
        )
        return Response(s.EstimateSerializer(result).data)

    @extend_schema(
        request=s.CompleteShoppingSerializer,
        responses={201: s.CompletionSerializer, 403: FORBIDDEN},
    )
    @action(detail=True, methods=["post"])
    def complete_shopping(self, request: Request, list_id: str) -> Response:
        """Finish the shop: one Groceries expense; checked items cleared (or the
        list archived with `archive`)."""
        shopping_list = self.get_object()
        body = validated(s.CompleteShoppingSerializer, request.data)
        done = ListService.complete_shopping(
            user=request.user, pk=shopping_list.pk, data=body
        )
        return Response(
            s.CompletionSerializer(done).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=s.UndoShoppingSerializer,
        responses={200: s.UndoneSerializer, 403: FORBIDDEN},
    )
    @action(detail=True, methods=["post"])
    def undo_shopping(self, request: Request, list_id: str) -> Response:
        """Undo your shop of this list: its expense deleted, the items it cleared
        back, the list unarchived if the shop archived it."""
        shopping_list = self.get_object()
        body = validated(s.UndoShoppingSerializer, request.data)
        done = ListService.undo_shopping(
            user=request.user, pk=shopping_list.pk, expense_id=body.get("expense_id")
        )
        return Response(s.UndoneSerializer(done).data)

    @extend_schema(
        request=s.CorrectShoppingSerializer,
        responses={200: s.RecordedExpenseSerializer, 403: FORBIDDEN},
    )
    @action(detail=True, methods=["post"])
    def correct_shopping(self, request: Request, list_id: str) -> Response:
        """Correct the total, vendor, currency or date of your shop of this list."""
        shopping_list = self.get_object()
        body = validated(s.CorrectShoppingSerializer, request.data)
        expense = ListService.correct_shopping(
            user=request.user, pk=shopping_list.pk, data=body
        )
        return Response(s.RecordedExpenseSerializer(expense).data)
