"""Structured logs: one JSON object per line, with only what an operator needs.

Access lines name the route family (the mode), the status, the time taken,
the bytes sent, whether the cache answered, and for proxied pages the
portal's host and path. They leave out what identifies or profiles a
reader: no client address, no query string (search terms, form data), no
cookies, no User-Agent. uvicorn's own access log, which has all of those,
is switched off by the commands.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable
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


_stamp = [0, ""]


def access_time() -> str:
    """The current time as the log lines write it (the string is made once a second)."""
    now = time.time()
    second = int(now)
    if _stamp[0] != second:
        _stamp[0] = second
        _stamp[1] = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
    return f"{_stamp[1]}.{int(now % 1 * 1000):03d}Z"


class BufferedLines:
    """Lines to a file descriptor through a 64 KiB buffer, flushed every second and at exit.

    An access line per request written and flushed one by one costs a system
    call each, as much as serving a cache hit; nginx buffers its access log
    for the same reason. At most one second of lines is in the buffer.
    """

    def __init__(self, fd: int = 2, interval: float = 1.0) -> None:
        self._stream = open(fd, "w", buffering=65536, encoding="utf-8", closefd=False)  # noqa: SIM115
        self._lock = threading.Lock()
        self._interval = interval
        threading.Thread(target=self._flusher, name="a11y-log-flush", daemon=True).start()
        atexit.register(self.flush)

    def write(self, line: str) -> None:
        with self._lock:
            self._stream.write(line + "\n")

    def flush(self) -> None:
        with self._lock, contextlib.suppress(OSError, ValueError):
            self._stream.flush()

    def _flusher(self) -> None:
        while True:
            time.sleep(self._interval)
            self.flush()


def _through_logging(line: str) -> None:
    logging.getLogger(ACCESS).info(line)


#: Where access lines go: the logging system until setup_logging() installs
#: the buffered writer (so tests and embedding applications see them as records).
_access_sink: list[Callable[[str], None]] = [_through_logging]


def write_access(line: str) -> None:
    _access_sink[0](line)


def access_enabled() -> bool:
    return _access_sink[0] is not _through_logging or logging.getLogger(ACCESS).isEnabledFor(logging.INFO)


def setup_logging(level: str) -> None:
    """JSON lines on stderr for the proxy's loggers and uvicorn's error log.

    Access lines arrive already as JSON (web/observe) and go through the
    buffered writer, when the level lets info lines through.
    """
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    for name in ("a11y_proxy", "uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level.upper())
        logger.propagate = False
    if logging.getLevelName(level.upper()) <= logging.INFO:
        if _access_sink[0] is _through_logging:
            _access_sink[0] = BufferedLines().write
    else:
        _access_sink[0] = _through_logging
        logging.getLogger(ACCESS).setLevel(level.upper())
