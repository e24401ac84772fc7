"""Structured logs: one JSON object per line, with only what an operator needs.

Access lines name the route family (the mode), the status, the time taken,
the bytes sent, whether the cache answered, and for proxied pages the
portal's host and path. They leave out what identifies or profiles a
reader: no client address, no query string (search terms, form data), no
cookies, no User-Agent. uvicorn's own access log, which has all of those,
is switched off by the commands.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

ACCESS = "a11y_proxy.access"
#: Attributes of a LogRecord that are not the message's own fields.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "color_message"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                data[key] = value
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def setup_logging(level: str) -> None:
    """JSON lines on stderr for the proxy's loggers and uvicorn's error log."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    for name in ("a11y_proxy", "uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level.upper())
        logger.propagate = False
