import datetime
import re

from rest_framework import serializers

from chat.models import ChatSession
from clinicbot.api.fields import ReferenceField, StringListField
from clinicbot.api.serializers import ApiModelSerializer, check_owner
from users.models import ChatUser

from . import metrics
from .models import SessionAnalytics
from .reports import ReportWindow


class SessionAnalyticsSerializer(ApiModelSerializer):
    """A session's analytics record; as a body, the fields an upsert sets (all but
    `session_id` optional)."""

    session_id = ReferenceField(
        source="session",
        queryset=ChatSession.objects.all(),
        help_text="The chat session this record sums up; one record per session.",
    )
    user_id = ReferenceField(
        source="user",
        queryset=ChatUser.objects.all(),
        required=False,
        help_text="The session's user (the default); any other user is refused.",
    )
    flows_attempted = StringListField(
        required=False,
        help_text="Flows the session attempted, each once, in the order first sent.",
    )

    class Meta:
        model = SessionAnalytics
        fields = [
            "analytics_id",
            "session_id",
            "user_id",
            "steps_completed",
            "widgets_interacted_with",
            "flows_attempted",
            "total_user_messages",
            "total_bot_messages",
            "total_button_clicks",
            "total_typed_responses",
            "session_abandonment_point",
            "information_provided",
            "goals_achieved",
            "unresolved_concerns",
            "satisfaction_rating",
            "average_response_time_seconds",
            "errors_encountered",
            "created_at",
            "updated_at",
        ]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        check_owner(
            attrs["session"],
            attrs.get("user"),
            link="user_id",
            field="user_id",
            item_name="session",
            owner_name="user",
        )
        return attrs


class DayField(serializers.Field):
    """A UTC day written exactly `YYYY-MM-DD`."""

    default_error_messages = {"invalid": "Enter a date as YYYY-MM-DD."}
    pattern = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not self.pattern.fullmatch(data):
            self.fail("invalid")
        try:
            return datetime.date.fromisoformat(data)
        except ValueError:
            self.fail("invalid")

    def to_representation(self, value):
        return value.isoformat()


class ReportWindowSerializer(serializers.Serializer):
    """The `from` and `to` query parameters of the reports (names Python keeps for itself,
    hence the fields declared in `get_fields`). An empty value means no bound."""

    def get_fields(self):
        return {
            "from": DayField(required=False, allow_null=True),
            "to": DayField(required=False, allow_null=True),
        }

    def to_internal_value(self, data):
        present = {name: value for name, value in data.items() if value != ""}
        return super().to_internal_value(present)

    def validate(self, attrs):
        first, last = attrs.get("from"), attrs.get("to")
        if first and last and first > last:
            raise serializers.ValidationError({"from": ["Must not be after to."]})
        return attrs

    @classmethod
    def window(cls, query_params):
        """The window a request asks for, or a 400 naming the parameter that is wrong."""
        parsed = cls(data={name: query_params.get(name) for name in ("from", "to")})
        parsed.is_valid(raise_exception=True)
        return ReportWindow(parsed.validated_data.get("from"), parsed.validated_data.get("to"))


class AbandonmentPointSerializer(serializers.Serializer):
    step = serializers.CharField(help_text="A chat step where sessions were abandoned.")
    count = serializers.IntegerField(help_text="Sessions abandoned there.")


class FlowCountSerializer(serializers.Serializer):
    flow = serializers.CharField(help_text="A flow named in records' flows_attempted.")
    count = serializers.IntegerField(help_text="Records (sessions) that attempted it.")


RANKING_ROWS = {"step": AbandonmentPointSerializer, "flow": FlowCountSerializer}


class AnalyticsStatsSerializer(serializers.Serializer):
    """Figures over the analytics records created in the window."""

    # Built from the metrics' declarations, so that a metric is named and described once.
    def get_fields(self):
        fields = {}
        for metric in metrics.STATS:
            if isinstance(metric, metrics.Average):
                field = serializers.FloatField(allow_null=True, help_text=metric.description)
            else:
                field = serializers.IntegerField(help_text=metric.description)
            fields[metric.name] = field
        for ranking in metrics.STATS_RANKINGS:
            rows = RANKING_ROWS[ranking.label]
            fields[ranking.name] = rows(many=True, help_text=ranking.description)
        return fields
