from clinicbot.api.serializers import ApiModelSerializer

from .models import ChatUser


class ChatUserSerializer(ApiModelSerializer):
    class Meta:
        model = ChatUser
        fields = [
            "user_id",
            "user_session_id",
            "selected_language",
            "selected_gender",
            "selected_state",
            "selected_lga",
            "selected_age_group",
            "selected_marital_status",
            "main_menu_option",
            "current_step",
            "current_fpm_method",
            "current_concern_type",
            "user_intention",
            "preferred_language",
            "satisfaction_score",
            "total_conversations",
            "last_active_at",
            "created_at",
            "updated_at",
        ]
