"""Model field types shared by the apps, so that every column keeps the API's value rules."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

INT32_MAX = 2**31 - 1
INT32_MIN = -(2**31)

LIST_ITEM_MAX_LENGTH = 500
LIST_MAX_ITEMS = 100


class CountField(models.IntegerField):
    """A whole number from 0 to the top of the signed 32-bit range, the same on every database.

    SQLite would take far larger integers than PostgreSQL, so the range is stated here rather
    than left to the backend.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "validators",
            [MinValueValidator(0), MaxValueValidator(INT32_MAX)],
        )
        super().__init__(*args, **kwargs)


class StringListField(models.JSONField):
    """A JSON array of strings (options, services, flows...), stored as JSON on every database.

    The serializer field of the same name enforces the shape; this class exists so that every
    list column maps to it without each serializer declaring it again.
    """


class CreatedAtField(models.DateTimeField):
    """When a row was made: set by the server, read-only in the API, indexed for the date
    filters and the default orders. Unlike `auto_now_add`, code that brings in history (an
    import, the demo data) may set it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", timezone.now)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)
