"""The admin's analytics dashboard: the figures of `/analytics/stats`, the flows, sessions per day
and the top abandonment points, over the same `from`/`to` window of UTC days as the API.

Every number comes from `reports.py` (and so from the metrics declared in `metrics.py`), read
in one snapshot; the charts are SVG drawn on the server (`charts.py`).
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from rest_framework.exceptions import ValidationError

from . import charts, metrics, reports
from .serializers import ReportWindowSerializer

REPORTS_PERMISSION = "analytics.view_reports"
TEMPLATE = "admin/analytics/dashboard.html"

# The windows offered as links beside the form: a label and the number of days up to today.
QUICK_WINDOWS = [("Last 7 days", 7), ("Last 30 days", 30), ("Last 90 days", 90)]


def dashboard(request, admin_site):
    """The dashboard page; staff without the reports permission get 403, a malformed window
    400 with the form and what is wrong with it."""
    if not request.user.has_perm(REPORTS_PERMISSION):
        raise PermissionDenied

    context = {
        **admin_site.each_context(request),
        "title": "Analytics dashboard",
        "asked": {name: request.GET.get(name, "") for name in ("from", "to")},
        "quick_windows": _quick_windows(),
    }
    try:
        window = ReportWindowSerializer.window(request.GET)
    except ValidationError as refused:
        context["errors"] = [
            f"{name}: {message}"
            for name, messages in refused.detail.items()
            for message in messages
        ]
        return TemplateResponse(request, TEMPLATE, context, status=400)

    with reports.reading():
        figures = reports.stats(window)
        flows = reports.flows(window)
        per_day = reports.sessions_per_day(window)

    context.update(
        figures=[
            {
                "label": metric.name.replace("_", " ").capitalize(),
                "value": figures[metric.name],
                "description": metric.description,
            }
            for metric in metrics.STATS
        ],
        flows=charts.bar_chart(flows, label="flow"),
        abandonment=charts.bar_chart(figures[metrics.TOP_ABANDONMENT_POINTS.name], label="step"),
        sessions_per_day=charts.line_chart(per_day),
    )
    return TemplateResponse(request, TEMPLATE, context)


def _quick_windows():
    today = datetime.datetime.now(datetime.UTC).date()
    links = [
        (label, "?" + urlencode({"from": today - datetime.timedelta(days=days - 1), "to": today}))
        for label, days in QUICK_WINDOWS
    ]
    return [*links, ("All time", "?")]
