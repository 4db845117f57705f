"""The base serializer every resource uses, and the cross-record checks they share."""

from django.db import models
from rest_framework import serializers

from . import columns, fields

OWNER_MISMATCH = "This {item} belongs to another {owner}."


class ApiModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer with the API's value rules wired to the model's column types.

    Set `Meta.fixed_fields` to the names of references that are fixed once a row exists: an
    update that names another row for one of them is refused with 400.
    """

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: fields.StrictCharField,
        models.TextField: fields.StrictCharField,
        models.DecimalField: fields.RoundedDecimalField,
        models.IntegerField: fields.StrictIntegerField,
        columns.StringListField: fields.StringListField,
    }

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is not None:
            self._refuse_moved_references(attrs)
        return attrs

    def _refuse_moved_references(self, attrs):
        errors = {}
        for name in getattr(self.Meta, "fixed_fields", ()):
            source = self.fields[name].source
            if source in attrs and attrs[source] != getattr(self.instance, source):
                errors[name] = ["This reference is fixed when the record is created."]
        if errors:
            raise serializers.ValidationError(errors)

    def current(self, attrs, source):
        """The value a field will have after this request: the one sent, else the stored one."""
        if source in attrs:
            return attrs[source]
        return getattr(self.instance, source, None)

    def check_session_owner(self, attrs):
        """The session this row will name belongs to the user it will name (400 on
        `session_id` if not): the rule of every record made in a chat for one user."""
        check_owner(
            self.current(attrs, "session"),
            self.current(attrs, "user"),
            link="user_id",
            field="session_id",
            item_name="chat session",
            owner_name="user",
        )


def check_owner(item, owner, *, link, field, item_name, owner_name):
    """Refuse a body whose `item` (a session, a conversation) hangs off another `owner`.

    `link` is the item's attribute holding the owner's key; the error goes on `field`.
    """
    if item is None or owner is None:
        return
    if getattr(item, link) != owner.pk:
        message = OWNER_MISMATCH.format(item=item_name, owner=owner_name)
        raise serializers.ValidationError({field: [message]})
