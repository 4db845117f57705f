"""Logging as one JSON object a line, and the request id that ties a request's lines together.

No request bodies, query strings or personal fields ever reach these lines: the access line
names the route's template (`users/{user_id}`), not the path that was asked for.
"""

import contextvars
import datetime
import json
import logging
import traceback

current_request_id = contextvars.ContextVar("current_request_id", default=None)

# The attributes every LogRecord has; anything else on a record came in through `extra`.
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
PLAIN_TYPES = (str, int, float, bool, type(None))


class RequestIdFilter(logging.Filter):
    """Stamps every record made while a request is served with that request's id."""

    def filter(self, record):
        if getattr(record, "request_id", None) is None:
            record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """Time, level, logger, message, the plain values given as `extra`, and any traceback.

    Values that are not plain (Django passes the request object) are left out, since their
    text may hold query strings or personal data.
    """

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in STANDARD_ATTRIBUTES and isinstance(value, PLAIN_TYPES):
                entry[key] = value
        if record.exc_info:
            entry["traceback"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(entry, ensure_ascii=False)
