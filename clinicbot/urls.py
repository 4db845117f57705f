"""The root URL map: the API resources at the top level, the admin, the schema and health."""

from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from clinicbot.api import exceptions, health

handler400 = exceptions.bad_request
handler403 = exceptions.permission_denied
handler404 = exceptions.not_found
handler500 = exceptions.server_error

urlpatterns = [
    re_path(r"^healthz/?$", health.healthz, name="healthz"),
    re_path(r"^readyz/?$", health.readyz, name="readyz"),
    re_path(r"^api/schema/?$", SpectacularAPIView.as_view(), name="schema"),
    re_path(
        r"^api/docs/?$",
        SpectacularSwaggerView.as_view(url_name="schema"),
        name="swagger-ui",
    ),
    path("admin", RedirectView.as_view(url="/admin/", permanent=True)),
    path("admin/", admin.site.urls),
    path("", include("users.urls")),
    path("", include("chat.urls")),
    path("", include("responses.urls")),
    path("", include("interactions.urls")),
    path("", include("clinics.urls")),
    path("", include("referrals.urls")),
    path("", include("analytics.urls")),
    # Anything else is a JSON 404, also in development, where Django would answer with HTML.
    re_path(r"^", exceptions.not_found, name="not-found"),
]
