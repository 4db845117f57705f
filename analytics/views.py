from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from clinicbot.api.permissions import require
from clinicbot.api.views import ApiViewSet

from . import reports
from .filters import SessionAnalyticsFilterSet
from .models import SessionAnalytics
from .serializers import (
    AnalyticsStatsSerializer,
    FlowCountSerializer,
    ReportWindowSerializer,
    SessionAnalyticsSerializer,
)
from .services import upsert_session_analytics

# The list and the reports show every session at once: they need the reports permission, which
# the analyst role holds and the chatbot's does not. The upsert both adds and changes.
CAN_VIEW_REPORTS = require("analytics.view_reports")
CAN_UPSERT = require("analytics.add_sessionanalytics", "analytics.change_sessionanalytics")

WINDOW_PARAMETERS = [
    OpenApiParameter(
        "from",
        OpenApiTypes.DATE,
        description="First UTC day of the window (YYYY-MM-DD), included. Default: no limit.",
    ),
    OpenApiParameter(
        "to",
        OpenApiTypes.DATE,
        description="Last UTC day of the window (YYYY-MM-DD), included. Default: no limit.",
    ),
]


@extend_schema_view(
    list=extend_schema(summary="List analytics records, newest first"),
    retrieve=extend_schema(summary="Get the analytics record of one chat session"),
    create=extend_schema(
        summary="Create or update the analytics record of a chat session",
        description=(
            "An upsert by `session_id`: 201 when it creates the session's record, 200 when it "
            "updates it. Each field sent replaces the stored one (lists too); fields left out "
            "keep their value. `user_id` defaults to the session's user and must be that "
            "user. A flow listed twice in `flows_attempted` is stored once."
        ),
        responses={
            200: OpenApiResponse(SessionAnalyticsSerializer, "The record, updated."),
            201: OpenApiResponse(SessionAnalyticsSerializer, "The record, created."),
        },
    ),
)
class SessionAnalyticsViewSet(ApiViewSet):
    """What happened in each chat session: one record per session, written by upsert.

    `stats` and `flows` aggregate the records in the database, over an optional window of UTC
    days on `created_at`. Records are addressed by their session's id. The list, `stats` and
    `flows` need the permission `analytics.view_reports`; posting needs both the add and the
    change permission.
    """

    queryset = SessionAnalytics.objects.prefetch_related("flow_attempts")
    serializer_class = SessionAnalyticsSerializer
    filterset_class = SessionAnalyticsFilterSet
    lookup_field = "session_id"
    http_method_names = ["get", "post", "head", "options"]
    ordering = ["-created_at"]
    ordering_fields = [
        "created_at",
        "session_id",
        "user_id",
        "session_abandonment_point",
        "satisfaction_rating",
    ]

    def get_permissions(self):
        if self.action == "list":
            return [CAN_VIEW_REPORTS()]
        if self.action == "create":
            return [CAN_UPSERT()]
        return super().get_permissions()

    def create(self, request, *args, **kwargs):
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)

        record, created = upsert_session_analytics(**body.validated_data)

        answer = self.get_serializer(record).data
        return Response(answer, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(
        summary="Aggregate figures of the analytics records",
        description=(
            "Totals and averages over the records created in the window. Averages ignore "
            "records without a value, are null when none has one, and are rounded half up to "
            "two decimals. `top_abandonment_points`: at most 10, most sessions first, then by "
            "step."
        ),
        parameters=WINDOW_PARAMETERS,
        responses=AnalyticsStatsSerializer,
    )
    @action(
        detail=False,
        pagination_class=None,
        filter_backends=[],
        permission_classes=[CAN_VIEW_REPORTS],
    )
    def stats(self, request):
        window = ReportWindowSerializer.window(request.query_params)
        with reports.reading():
            figures = reports.stats(window)
        return Response(AnalyticsStatsSerializer(figures).data)

    @extend_schema(
        summary="How many sessions attempted each flow",
        description=(
            "Every flow named in the records created in the window, with the number of "
            "records (sessions) holding it; most first, then by flow. Not paginated."
        ),
        parameters=WINDOW_PARAMETERS,
        responses=FlowCountSerializer(many=True),
    )
    @action(
        detail=False,
        pagination_class=None,
        filter_backends=[],
        permission_classes=[CAN_VIEW_REPORTS],
    )
    def flows(self, request):
        window = ReportWindowSerializer.window(request.query_params)
        with reports.reading():
            rows = reports.flows(window)
        return Response(FlowCountSerializer(rows, many=True).data)
