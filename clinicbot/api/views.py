"""The base viewset of every resource."""

import logging

from django.db import IntegrityError, connection, transaction
from rest_framework import status, viewsets
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from .exceptions import CONCURRENT_CHANGE, Conflict
from .locks import lock_owner

logger = logging.getLogger(__name__)


def check_constraints_at_once():
    """Make PostgreSQL check foreign keys at each statement, not at commit (Django declares
    them deferred), so that a row vanishing under a write is refused inside the view, where it
    becomes a clear 409, and so that each reference takes its row lock when it is written."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class ApiViewSet(viewsets.ModelViewSet):
    """A ModelViewSet whose writes each run in one transaction, so that a write touching several
    rows (a cascading delete, an upsert) is all or nothing, and are logged by model and id only.
    Reads stay outside a transaction: on SQLite a transaction takes the write lock."""

    def dispatch(self, request, *args, **kwargs):
        if request.method in SAFE_METHODS:
            return super().dispatch(request, *args, **kwargs)

        try:
            with transaction.atomic():
                check_constraints_at_once()
                response = super().dispatch(request, *args, **kwargs)
                # DRF turned any error into an answer by now; what was written before it goes.
                if response.status_code >= 400:
                    transaction.set_rollback(True)
        except IntegrityError:
            # Checked at commit (SQLite defers foreign keys): another request removed a row
            # this one relied on, or added one that this delete would orphan, meanwhile.
            logger.warning("%s %s refused at commit: a concurrent change", request.method, self)
            response = self.finalize_response(
                self.request,
                Response({"detail": CONCURRENT_CHANGE}, status=status.HTTP_409_CONFLICT),
            )
        return response

    def check_permissions(self, request):
        # A method this path does not have is a 405 for everyone, before any permission is
        # asked: whether a caller could use it is meaningless, and the answer reveals nothing.
        method = request.method.lower()
        routed = method in self.action_map and method in self.http_method_names
        if not routed and method != "options":
            self.http_method_not_allowed(request)
        super().check_permissions(request)

    def filter_queryset(self, queryset):
        # Filters and orders choose among many rows; on one record's path they would only
        # cost time (django-filter builds its form) and turn a found record into a 404.
        if self.detail:
            return queryset
        return super().filter_queryset(queryset)

    def perform_create(self, serializer):
        self._lock_owner(serializer)
        super().perform_create(serializer)
        self._log("created", serializer.instance)

    def perform_update(self, serializer):
        self._lock_owner(serializer)
        super().perform_update(serializer)
        self._log("updated", serializer.instance)

    def _lock_owner(self, serializer):
        """A record of a chatbot user is written under a lock of the user's row (see
        `clinicbot.api.locks`); a user who vanished meanwhile is a 409, nothing written."""
        owner = serializer.validated_data.get("user") or getattr(serializer.instance, "user", None)
        if not lock_owner(owner):
            raise Conflict(CONCURRENT_CHANGE)

    def perform_destroy(self, instance):
        pk = instance.pk
        # Lock the owner's row, then this one (the order of `clinicbot.api.locks`): writers
        # that reference the row (a new message in this session) wait until the delete is
        # done, and those already under way finish first and are deleted with it, so that a
        # delete never leaves a row behind nor fails half-way.
        if not lock_owner(getattr(instance, "user", None)):
            raise Conflict(CONCURRENT_CHANGE)
        type(instance).objects.select_for_update().filter(pk=pk).exists()
        super().perform_destroy(instance)
        logger.info("deleted %s %s", instance._meta.model_name, pk)

    def _log(self, action, instance):
        logger.info("%s %s %s", action, instance._meta.model_name, instance.pk)
