from clinicbot.api.routers import OptionalSlashRouter

from .views import FpmInteractionViewSet

router = OptionalSlashRouter()
router.register("fpm-interactions", FpmInteractionViewSet, basename="fpm-interaction")

urlpatterns = router.urls
