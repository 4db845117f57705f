from clinicbot.api.routers import OptionalSlashRouter

from .views import ChatSessionViewSet, ConversationViewSet

router = OptionalSlashRouter()
router.register("chat-sessions", ChatSessionViewSet, basename="chat-session")
router.register("conversations", ConversationViewSet, basename="conversation")

urlpatterns = router.urls
