from clinicbot.api.routers import OptionalSlashRouter

from .views import ReferralViewSet

router = OptionalSlashRouter()
router.register("referrals", ReferralViewSet, basename="referral")

urlpatterns = router.urls
