import django_filters
from rest_framework import serializers

from clinicbot.api.filters import ApiFilterSet, ReferenceFilter
from clinicbot.api.ordering import StableOrderingFilter

from .models import UserResponse


class UserResponseFilterSet(ApiFilterSet):
    """The filters of the older server's `QueryResponseDto`, with strict values."""

    session_id = ReferenceFilter(field_name="session", help_text="Answers of this chat session.")
    user_session_id = django_filters.CharFilter(
        field_name="user__user_session_id",
        help_text="Answers of the user with this user_session_id (exact, case-sensitive).",
    )
    conversation_id = ReferenceFilter(
        field_name="conversation",
        help_text="Answers given to this message.",
    )

    class Meta:
        model = UserResponse
        fields = [
            "response_category",
            "response_type",
            "step_in_flow",
            "is_initial_response",
        ]


class SortByOrderingFilter(StableOrderingFilter):
    """The older server's `sort_by` and `sort_order`, beside DRF's `ordering`.

    `sort_by` wins over `ordering`. Without `sort_by`, `ordering` is used when sent; otherwise
    `sort_order` alone turns the default field, `created_at`, the way it asks. Either parameter
    with a value it does not know is a 400 naming it, unlike `ordering`, which ignores them.
    """

    sort_fields = ["created_at", "response_category", "response_type", "step_in_flow"]
    directions = {"asc": "", "desc": "-"}

    def get_ordering(self, request, queryset, view):
        params = request.query_params
        sort_by, direction = self._read_sort(params)

        if self._sort_applies(params):
            return self.complete([direction + sort_by], queryset, view)
        return super().get_ordering(request, queryset, view)

    def _sort_applies(self, params):
        if "sort_by" in params:
            return True
        return "sort_order" in params and self.ordering_param not in params

    def _read_sort(self, params):
        errors = {}
        sort_by = params.get("sort_by", "created_at")
        if sort_by not in self.sort_fields:
            errors["sort_by"] = [f"Must be one of: {', '.join(self.sort_fields)}."]

        sort_order = params.get("sort_order", "desc").strip().lower()
        if sort_order not in self.directions:
            errors["sort_order"] = ["Must be asc or desc."]

        if errors:
            raise serializers.ValidationError(errors)
        return sort_by, self.directions[sort_order]

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        parameters.append(
            {
                "name": "sort_by",
                "required": False,
                "in": "query",
                "description": (
                    "The field to sort by (the older server's parameter); when sent, it wins "
                    "over `ordering`. Any other value is a 400. Ties keep the default order, "
                    "then the id."
                ),
                "schema": {"type": "string", "enum": self.sort_fields, "default": "created_at"},
            }
        )
        parameters.append(
            {
                "name": "sort_order",
                "required": False,
                "in": "query",
                "description": (
                    "The direction of `sort_by` (any case); alone, it turns `created_at`. "
                    "Ignored when `ordering` is sent without `sort_by`. Any other value is a 400."
                ),
                "schema": {"type": "string", "enum": list(self.directions), "default": "desc"},
            }
        )
        return parameters
