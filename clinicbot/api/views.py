"""The base viewset of every resource."""

import logging

from django.db import transaction
from rest_framework import viewsets
from rest_framework.permissions import SAFE_METHODS

logger = logging.getLogger(__name__)


class ApiViewSet(viewsets.ModelViewSet):
    """A ModelViewSet whose writes each run in one transaction, so that a write touching several
    rows (a cascading delete, an upsert) is all or nothing, and are logged by model and id only.
    Reads stay outside a transaction: on SQLite a transaction takes the write lock."""

    def dispatch(self, request, *args, **kwargs):
        if request.method in SAFE_METHODS:
            return super().dispatch(request, *args, **kwargs)

        with transaction.atomic():
            response = super().dispatch(request, *args, **kwargs)
            # DRF turned any error into an answer by now; what was written before it goes.
            if response.status_code >= 400:
                transaction.set_rollback(True)
        return response

    def filter_queryset(self, queryset):
        # Filters and orders choose among many rows; on one record's path they would only
        # cost time (django-filter builds its form) and turn a found record into a 404.
        if self.detail:
            return queryset
        return super().filter_queryset(queryset)

    def perform_create(self, serializer):
        super().perform_create(serializer)
        self._log("created", serializer.instance)

    def perform_update(self, serializer):
        super().perform_update(serializer)
        self._log("updated", serializer.instance)

    def perform_destroy(self, instance):
        pk = instance.pk
        super().perform_destroy(instance)
        logger.info("deleted %s %s", instance._meta.model_name, pk)

    def _log(self, action, instance):
        logger.info("%s %s %s", action, instance._meta.model_name, instance.pk)
