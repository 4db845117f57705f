"""The router of every resource: paths answer with or without a trailing slash."""

from rest_framework.routers import SimpleRouter


class OptionalSlashRouter(SimpleRouter):
    """`/users` and `/users/` both match, so no client is ever redirected to add a slash."""

    def __init__(self):
        super().__init__(trailing_slash=True)
        self.trailing_slash = "/?"
