"""Every request measured and logged: the outermost layer, so cache hits count too.

Counts requests by route family (``a11y``, ``elder``, ``text``, ``speech``,
``static``, or the endpoint's name) and status, times them, and writes one
access line per request (see :mod:`a11y_proxy.logs` for what is left out).
"""

from __future__ import annotations

import json
import time
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..logs import ACCESS, access_enabled, access_time, write_access
from ..metrics import Labels, ProxyMetrics
from ..modes import MODES

_NAMED = {
    "": "landing",
    "go": "landing",
    "qr": "qr",
    "settings": "settings",
    "healthz": "health",
    "readyz": "health",
    "metrics": "metrics",
    "static": "static",
    "themes": "static",
    "favicon.ico": "static",
    "api": "speech",
}


def family(path: str) -> str:
    first = path.lstrip("/").split("/", 1)[0]
    if first in MODES:
        return first
    return _NAMED.get(first, "other")


def _upstream(path: str) -> dict[str, str]:
    """The portal's host and path of a proxied page (no query: it may be a reader's search)."""
    rest = path.lstrip("/").split("/", 1)
    if len(rest) < 2:
        return {}
    parts = urlsplit(rest[1])
    return {"upstream_host": parts.hostname or "", "upstream_path": parts.path[:200]}


class Observer:
    """Counts and logs answered requests: for the middleware below, and for the
    cache hits :mod:`.hit_protocol` answers before there is an ASGI request."""

    def __init__(self, metrics: ProxyMetrics, access_log: bool = True) -> None:
        self.metrics = metrics
        self.access_log = access_log
        # (family, status) -> the metrics' label tuples: a few dozen pairs, made once.
        self._labels: dict[tuple[str, int], tuple[Labels, Labels]] = {}

    def record(self, scope: Scope, status: int, sent: int, seconds: float) -> None:
        """Count and log one answered request (also called for hits answered below ASGI)."""
        path = scope.get("path", "")
        fam = family(path)
        labels = self._labels.get((fam, status))
        if labels is None:
            labels = self._labels[fam, status] = ((("mode", fam), ("status", str(status))), (("mode", fam),))
        self.metrics.requests.add(labels[0])
        self.metrics.request_seconds.record(labels[1], seconds)
        if self.access_log and access_enabled():
            # The line is written here, already JSON, and the access logger
            # prints it as it is: a generic formatter costs as much again
            # as serving a cache hit.
            line = {
                "ts": access_time(),
                "level": "info",
                "logger": ACCESS,
                "event": "request",
                "method": scope.get("method", ""),
                "mode": fam,
                "status": status,
                "ms": round(seconds * 1000, 2),
                "bytes": sent,
                "cache": scope.get("a11y.cache", ""),
            }
            if fam in MODES:
                line.update(_upstream(path))
            write_access(json.dumps(line, ensure_ascii=False))


class ObserveMiddleware:
    def __init__(self, app: ASGIApp, observer: Observer) -> None:
        self.app = app
        self.observer = observer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        sent = 0

        async def observe_send(message: Message) -> None:
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status = int(message["status"])
            elif message["type"] == "http.response.body":
                sent += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, observe_send)
        finally:
            self.observer.record(scope, status, sent, time.perf_counter() - started)
