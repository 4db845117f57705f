"""The admin action that exports rows as CSV, written once and offered on every model's list.

An export holds personal data: only staff who may view the model can run it, the file is
streamed row by row (a whole table never sits in memory), and the log says who exported how
many rows of which model, never what they held.
"""

import csv
import datetime
import decimal
import json
import logging
import uuid

from django.contrib import admin
from django.http import StreamingHttpResponse
from django.utils import timezone

logger = logging.getLogger(__name__)

# A spreadsheet takes a cell starting with one of these for a formula (CSV injection); such a
# cell is written with a leading apostrophe, which spreadsheets show as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Rows read from the database at a time; related rows (`csv_prefetch`) are fetched per chunk.
CHUNK_ROWS = 500

# Spreadsheets read the file as UTF-8 only when it starts with a byte order mark.
BYTE_ORDER_MARK = "\ufeff"


def csv_cell(value):
    """The text of one cell: empty for null, `true`/`false`, ISO 8601 times, lists as JSON, and
    text that a spreadsheet would run as a formula defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (int, float, decimal.Decimal, uuid.UUID)):
        return str(value)

    text = json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else str(value)
    if text.startswith(FORMULA_STARTS):
        return f"'{text}"
    return text


def export_columns(model_admin):
    """The columns of a model's export: the admin's `csv_columns` if it names them, else every
    stored field, a reference as its id (`session_id`)."""
    declared = getattr(model_admin, "csv_columns", None)
    if declared is not None:
        return list(declared)
    return [field.attname for field in model_admin.model._meta.concrete_fields]


class _Echo:
    """Hands back what `csv.writer` writes, so that each row becomes a piece of the stream."""

    def write(self, text):
        return text


@admin.action(description="Export selected %(verbose_name_plural)s as CSV", permissions=["view"])
def export_csv(model_admin, request, queryset):
    """Stream the chosen rows (all those of the filtered list after "select all") as a CSV
    file, in the list's order, one column per stored field."""
    opts = model_admin.model._meta
    columns = export_columns(model_admin)
    related = getattr(model_admin, "csv_prefetch", ())
    rows = queryset.prefetch_related(*related).iterator(chunk_size=CHUNK_ROWS)

    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response = StreamingHttpResponse(
        _lines(columns, rows, who=request.user, label=opts.label),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{opts.model_name}-{stamp}.csv"'
    return response


def _lines(columns, rows, *, who, label):
    writer = csv.writer(_Echo())
    written = 0
    finished = False
    try:
        yield BYTE_ORDER_MARK + writer.writerow(columns)
        for row in rows:
            yield writer.writerow([csv_cell(getattr(row, column)) for column in columns])
            written += 1
        finished = True
    finally:
        logger.info(
            "staff user %s (id %s) exported %s rows of %s as CSV%s",
            who.get_username(),
            who.pk,
            written,
            label,
            "" if finished else " (stopped before the end)",
        )
