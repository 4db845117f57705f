import django_filters
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from clinicbot.api.expressions import ListHolds
from clinicbot.api.filters import ApiFilterSet, SearchFilter

from .models import Clinic
from .places import spellings_of_state


class StateFilter(django_filters.CharFilter):
    """The state without case; `Abuja` and `FCT` also find the Federal Capital Territory."""

    def filter(self, qs, value):
        if not value:
            return qs
        match = Q()
        for spelling in spellings_of_state(value):
            match |= Q(state__iexact=spelling)
        return qs.filter(match)


@extend_schema_field(OpenApiTypes.STR)
class ListHoldsFilter(django_filters.CharFilter):
    """Rows whose list column holds the value, ignoring case."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(ListHolds(self.field_name, value))


class ClinicFilterSet(ApiFilterSet):
    state = StateFilter(help_text="State, any case; Abuja and FCT name the FCT.")
    lga = django_filters.CharFilter(lookup_expr="iexact", help_text="LGA, any case.")
    fpm_method = ListHoldsFilter(
        field_name="fpm_methods_available",
        help_text="Clinics offering this family-planning method (any case).",
    )
    service = ListHoldsFilter(
        field_name="services_offered",
        help_text="Clinics offering this service (any case).",
    )
    search = SearchFilter(
        fields=["clinic_name", "address", "city", "landmark"],
        help_text="Words to find in the name, address, city or landmark (any case).",
    )

    class Meta:
        model = Clinic
        fields = ["state", "lga", "is_active"]
