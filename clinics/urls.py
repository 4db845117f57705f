from clinicbot.api.routers import OptionalSlashRouter

from .views import ClinicViewSet

router = OptionalSlashRouter()
router.register("clinics", ClinicViewSet, basename="clinic")

urlpatterns = router.urls
