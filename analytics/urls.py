from clinicbot.api.routers import OptionalSlashRouter

from .views import SessionAnalyticsViewSet

router = OptionalSlashRouter()
router.register("analytics", SessionAnalyticsViewSet, basename="analytics")

urlpatterns = router.urls
