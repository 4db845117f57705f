"""Who may do what: Django's model permissions, held by groups that staff manage in the admin.

Every resource needs an authenticated caller holding the model permission for the method
(`view_` for reads too, which DRF's own class does not ask for). A viewset names a different
requirement only for its public reads and its extra actions.
"""

from rest_framework import permissions


class ModelPermissions(permissions.DjangoModelPermissions):
    """DRF's model permissions, with the `view_` permission required for reads."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }


class AnyoneMayRead(permissions.BasePermission):
    """Reads need no login (the public clinic directory); writes fall to the next class."""

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS


def require(*perms):
    """A permission class that asks an authenticated caller for every one of `perms`
    (`"app_label.codename"`), for the actions a model's own permissions do not describe."""

    class RequiredPermissions(permissions.BasePermission):
        required = perms

        def has_permission(self, request, view):
            user = request.user
            return bool(user and user.is_authenticated and user.has_perms(self.required))

    RequiredPermissions.__name__ = "Require_" + "_".join(p.split(".")[-1] for p in perms)
    return RequiredPermissions
