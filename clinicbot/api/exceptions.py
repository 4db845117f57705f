"""One exception handler for the API and JSON answers for errors outside it.

Database refusals that a request can provoke (a duplicate, a protected delete, a value the
column cannot hold) become 409 or 400 with a message; nothing a client sends may surface as a
500 with a traceback.
"""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError, OperationalError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)


CONCURRENT_CHANGE = (
    "Another request changed the records this one depends on at the same moment; "
    "nothing was written. Try again."
)
DUPLICATE = "This request conflicts with a stored record (a duplicate value)."


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "This request conflicts with the stored data."
    default_code = "conflict"


class BodyTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "body_too_large"

    def __init__(self):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        super().__init__(f"The request body is larger than the {limit} bytes allowed.")


class DatabaseBusy(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The database is busy or unreachable; try again shortly."
    default_code = "database_unavailable"

    def __init__(self):
        super().__init__()
        self.wait = 5


def describe_dependents(objects):
    """'3 referrals' or '1 conversation and 2 responses' for the rows that block a delete."""
    counts = {}
    for obj in objects:
        meta = obj._meta
        counts[meta] = counts.get(meta, 0) + 1
    parts = [
        f"{n} {meta.verbose_name if n == 1 else meta.verbose_name_plural}"
        for meta, n in counts.items()
    ]
    return " and ".join(parts)


def api_exception_handler(exc, context):
    """DRF's handler, after turning the database's refusals into API errors."""
    return exception_handler(_as_api_error(exc), context)


def _as_api_error(exc):
    if isinstance(exc, Http404):
        # The same words for a malformed and an unknown id, naming no model.
        return exceptions.NotFound()

    if isinstance(exc, RequestDataTooBig):
        return BodyTooLarge()

    if isinstance(exc, (ProtectedError, RestrictedError)):
        blocking = describe_dependents(exc.protected_objects or exc.restricted_objects)
        return Conflict(f"This record cannot be deleted: {blocking} still refer to it.")

    if isinstance(exc, IntegrityError):
        logger.warning("integrity error turned into 409: %s", type(exc.__cause__).__name__)
        return Conflict(CONCURRENT_CHANGE if is_missing_reference(exc) else DUPLICATE)

    if isinstance(exc, DataError):
        logger.warning("data error turned into 400: %s", type(exc.__cause__).__name__)
        return exceptions.ValidationError({"detail": "A value does not fit its field."})

    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(as_serializer_error(exc))

    if isinstance(exc, OperationalError):
        logger.error("database unavailable: %s", exc)
        return DatabaseBusy()

    return exc


def is_missing_reference(exc):
    """Whether an integrity error is a foreign key's (a referenced row vanished or is still
    referenced), as opposed to a duplicate: PostgreSQL says so by its code, SQLite in words."""
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) == "23503" or "FOREIGN KEY" in str(exc)


def json_error(status_code, detail):
    return JsonResponse({"detail": detail}, status=status_code)


def bad_request(request, exception=None):
    return json_error(400, "Bad request.")


def permission_denied(request, exception=None):
    return json_error(403, "You do not have permission to perform this action.")


@csrf_exempt  # a POST to no path at all is a 404, not a CSRF failure page
def not_found(request, exception=None, **kwargs):
    return json_error(404, "Not found.")


def server_error(request):
    return json_error(500, "Internal server error.")
