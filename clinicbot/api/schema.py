"""OpenAPI additions: filter descriptions and the error answers every operation may give."""

from drf_spectacular.contrib.django_filters import DjangoFilterExtension

ERROR_SCHEMA = {
    "type": "object",
    "description": (
        "An error. `detail` explains it; a validation error instead names each field "
        "that was refused, with a list of messages (`non_field_errors` for rules that "
        "span fields)."
    ),
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}

ERRORS_BY_METHOD = {
    "get": {"400": "A query parameter is malformed.", "404": "No such record or page."},
    "post": {
        "400": "The body is malformed or breaks a rule.",
        "409": "The body conflicts with a stored record.",
        "415": "The body is not JSON.",
    },
    "put": {
        "400": "The body is malformed or breaks a rule.",
        "404": "No such record.",
        "409": "The change conflicts with a stored record.",
        "415": "The body is not JSON.",
    },
    "delete": {"404": "No such record.", "409": "Other records depend on this one."},
}
ERRORS_BY_METHOD["patch"] = ERRORS_BY_METHOD["put"]


class DescribedFilterExtension(DjangoFilterExtension):
    """Keeps a filter's help text as its parameter's description, also where the filter states
    its type with `extend_schema_field` (where drf-spectacular would drop it)."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        help_text = filter_field.extra.get("help_text")
        if help_text:
            for parameter in parameters:
                parameter["description"] = str(help_text)
        return parameters


def add_error_answers(result, generator, request, public, **kwargs):
    """Give every operation the error answers of the API's conventions, with one schema."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}

    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            errors = dict(ERRORS_BY_METHOD.get(method, {}))
            if method == "get" and "{" not in path and not _is_paginated(operation):
                del errors["404"]
            for code, description in errors.items():
                operation["responses"].setdefault(
                    code, {"description": description, "content": reference}
                )
    return result


def _is_paginated(operation):
    return any(parameter.get("name") == "page" for parameter in operation.get("parameters", []))
