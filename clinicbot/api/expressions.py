"""Database expressions the ORM lacks, written for both SQLite and PostgreSQL."""

from django.db import NotSupportedError
from django.db.models import BooleanField, F, Func, Value


class ListHolds(Func):
    """True where the JSON list of strings in `column` holds `value`, ignoring case.

    Django's `contains` lookup on a JSON column does not exist on SQLite, and neither backend
    offers a case-insensitive form, so each database gets its own EXISTS over the list's items.
    """

    output_field = BooleanField()
    templates = {
        "sqlite": (
            "EXISTS (SELECT 1 FROM json_each({column}) AS item "
            "WHERE item.type = 'text' AND lower(item.value) = lower({value}))"
        ),
        "postgresql": (
            "EXISTS (SELECT 1 FROM jsonb_array_elements_text({column}) AS item(value) "
            "WHERE lower(item.value) = lower({value}))"
        ),
    }

    def __init__(self, column, value):
        super().__init__(F(column), Value(value))

    def as_sql(self, compiler, connection, **extra_context):
        template = self.templates.get(connection.vendor)
        if template is None:
            raise NotSupportedError(f"ListHolds has no SQL for {connection.vendor}.")

        column, value = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        value_sql, value_params = compiler.compile(value)
        sql = template.format(column=column_sql, value=value_sql)
        return sql, (*column_params, *value_params)
