"""The `ordering` query parameter, with every order ended by the primary key."""

from django.db.models import F
from rest_framework.filters import OrderingFilter


def as_expression(term):
    """`field` or `-field` as an order in which empty values sort as the largest ones, on every
    database: PostgreSQL's own rule, which SQLite (empty as the smallest) is told to follow."""
    if term.startswith("-"):
        return F(term[1:]).desc(nulls_first=True)
    return F(term).asc(nulls_last=True)


class StableOrderingFilter(OrderingFilter):
    """DRF's ordering filter, made total: the view's default order follows whatever the caller
    asked for, and the primary key comes last, so that rows with equal values keep one order
    from page to page. Unknown fields are ignored, as DRF does."""

    def get_ordering(self, request, queryset, view):
        asked = super().get_ordering(request, queryset, view)
        return self.complete(asked, queryset, view)

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        return queryset.order_by(*(as_expression(term) for term in ordering))

    def complete(self, ordering, queryset, view):
        """`ordering`, then the default order and the primary key where it does not name them.

        Subclasses that read the order from other parameters pass their terms through here.
        """
        ordering = list(dict.fromkeys(ordering or ()))
        tail = [*(self.get_default_ordering(view) or ()), queryset.model._meta.pk.attname]

        named = {term.lstrip("-") for term in ordering}
        for term in tail:
            if term.lstrip("-") not in named:
                ordering.append(term)
                named.add(term.lstrip("-"))
        return ordering

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        fields = ", ".join(f"`{name}`" for name in getattr(view, "ordering_fields", ()) or ())
        default = ", ".join(f"`{term}`" for term in self.get_default_ordering(view) or ())
        for parameter in parameters:
            parameter["description"] = (
                f"Comma-separated fields to sort by, `-` first for descending: {fields}. "
                f"Unknown fields are ignored. Default: {default}, then the id."
            )
        return parameters
