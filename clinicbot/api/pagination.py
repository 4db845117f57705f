"""The paginator of every list: `page`, `page_size` (or its synonym `limit`), 500 at most."""

from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination


class PageNumberLimitPagination(PageNumberPagination):
    """Page numbers from 1, a size of 50 unless asked, and a clear 400 for a size that is not
    a positive whole number (DRF would silently fall back to the default)."""

    page_size = 50
    max_page_size = 500
    page_size_query_param = "page_size"
    limit_query_param = "limit"

    def get_page_size(self, request):
        for name in (self.page_size_query_param, self.limit_query_param):
            if name in request.query_params:
                return self._parse_size(name, request.query_params[name])
        return self.page_size

    def get_page_number(self, request, paginator):
        # DRF reads an empty `page=` as page 1; the API says it is not a page number.
        if request.query_params.get(self.page_query_param, None) == "":
            raise NotFound("Invalid page.")
        return super().get_page_number(request, paginator)

    def _parse_size(self, name, raw):
        text = raw.strip()
        if not (text.isascii() and text.isdigit()) or int(text) < 1:
            message = "A page size must be a whole number from 1 up."
            raise serializers.ValidationError({name: [message]})
        return min(int(text), self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Rows a page, {self.page_size} unless given; more than "
                    f"{self.max_page_size} is served as {self.max_page_size}."
                )
        parameters.append(
            {
                "name": self.limit_query_param,
                "required": False,
                "in": "query",
                "description": "The same as page_size; page_size wins when both are sent.",
                "schema": {"type": "integer", "minimum": 1},
            }
        )
        return parameters
