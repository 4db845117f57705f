from clinicbot.api.routers import OptionalSlashRouter

from .views import UserResponseViewSet

router = OptionalSlashRouter()
router.register("responses", UserResponseViewSet, basename="response")

urlpatterns = router.urls
