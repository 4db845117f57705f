from clinicbot.api.routers import OptionalSlashRouter

from .views import ChatUserViewSet

router = OptionalSlashRouter()
router.register("users", ChatUserViewSet, basename="user")

urlpatterns = router.urls
