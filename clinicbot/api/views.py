"""The base viewset of every resource."""

from django.db import transaction
from rest_framework import viewsets
from rest_framework.permissions import SAFE_METHODS


class ApiViewSet(viewsets.ModelViewSet):
    """A ModelViewSet whose writes each run in one transaction, so that a write touching several
    rows (a cascading delete, an upsert) is all or nothing. Reads stay outside a transaction:
    on SQLite a transaction takes the write lock."""

    def dispatch(self, request, *args, **kwargs):
        if request.method in SAFE_METHODS:
            return super().dispatch(request, *args, **kwargs)
        with transaction.atomic():
            return super().dispatch(request, *args, **kwargs)
