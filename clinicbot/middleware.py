"""Request middleware: the request id and one access log line per request."""

import logging
import re
import time
import uuid

from .logs import current_request_id

logger = logging.getLogger("clinicbot.access")

# An incoming id is kept only if it is short and plain, so that a client cannot forge log lines.
ACCEPTABLE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
NAMED_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def route_template(request):
    """The matched route as a template (`users/{user_id}`), or None when nothing matched."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.route or match.url_name == "not-found":
        return None
    template = NAMED_GROUP.sub(r"{\1}", match.route)
    return "/" + template.replace("^", "").replace("$", "").replace("/?", "")


class RequestLogMiddleware:
    """Takes the caller's `X-Request-ID` (or makes one), answers with it, and logs the request
    as method, route template, status, duration and id: never its path, query or body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get("X-Request-ID", "")
        request_id = offered if ACCEPTABLE_ID.match(offered) else uuid.uuid4().hex
        # Left set after the response: Django logs a 4xx answer once the middleware returned,
        # and that line must carry the id too. The next request on this thread sets its own.
        current_request_id.set(request_id)
        started = time.perf_counter()

        response = self.get_response(request)

        response["X-Request-ID"] = request_id
        logger.info(
            "%s %s %s",
            request.method,
            route_template(request) or "(no route)",
            response.status_code,
            extra={
                "method": request.method,
                "route": route_template(request),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "request_id": request_id,
            },
        )
        return response
