"""Cache hits answered inside the HTTP server, before an ASGI request exists.

For every request uvicorn builds a ``RequestResponseCycle``, an asyncio task
and a message dict per ``send``; for a cache hit that machinery costs more than
the hit itself. On this machine a bare ASGI app that sends a fixed 168 KiB body
reaches 26–27k requests/s under wrk, the same body written from uvicorn's
protocol 33k, and nginx ``proxy_cache`` 48k (bench/bench_http.py; issue #2
asks hits for 0.7× nginx, which no ASGI app under uvicorn can reach).

:class:`HitProtocol` is uvicorn's httptools protocol with one change: when a
request's headers are complete and :class:`~.fast_path.FastHits` has a fresh
answer, the response is written to the socket there and then, counted and
logged by the same :class:`~.observe.Observer` as every other request, and the
request is finished. Everything else, including a hit that arrives while the
socket cannot take more, goes on to the ASGI app exactly as before.

The app hands the two objects over in its lifespan state (the ASGI lifespan
``state`` dict, which uvicorn gives every connection's protocol). The class
relies on internals of uvicorn's ``HttpToolsProtocol`` and
``RequestResponseCycle``; :func:`http_protocol` checks they are there and
otherwise falls back to uvicorn's own protocol with a warning (hits then go
through :class:`~.fast_path.CacheHitFastPath`, the same answer one layer in).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from starlette.types import Scope
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle

from .fast_path import FastHits
from .observe import Observer

#: Keys of the app's lifespan state that this protocol reads.
HITS_STATE = "a11y.fast_hits"
OBSERVER_STATE = "a11y.observer"

_STATUS_LINE = b"HTTP/1.1 200 OK\r\n"
log = logging.getLogger("a11y_proxy")


class HitProtocol(HttpToolsProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hits = self.app_state.get(HITS_STATE)
        observer = self.app_state.get(OBSERVER_STATE)
        self._hits = hits if isinstance(hits, FastHits) else None
        self._observer = observer if isinstance(observer, Observer) else None
        self._answering = False

    def _start_asgi_task(self, cycle: RequestResponseCycle, app: Any) -> None:
        if (
            self._hits is None
            # A full write buffer (a client pipelining requests and not
            # reading): the ASGI path waits for it to drain, so a client cannot
            # make the proxy queue page after page in memory.
            or self.flow.write_paused
            # Called from our own on_response() for the next pipelined request:
            # a task, so that a long pipeline is not answered by recursion.
            or self._answering
            # uvicorn's over-the-concurrency-limit answer.
            or app is not self.app
            # A client already gone: uvicorn's cycle knows what to do.
            or self.transport.is_closing()
        ):
            super()._start_asgi_task(cycle, app)
            return
        started = time.perf_counter()
        scope: Scope = cycle.scope  # type: ignore[assignment]
        hit = self._hits.answer(scope)
        if hit is None:
            super()._start_asgi_task(cycle, app)
            return
        head = [_STATUS_LINE]
        for name, value in self.server_state.default_headers:  # Date, and Server if configured
            head += (name, b": ", value, b"\r\n")
        head.append(hit.header_lines())
        head.append(b"\r\n" if cycle.keep_alive else b"connection: close\r\n\r\n")
        parts = [b"".join(head)]
        if not hit.head_only:
            parts += (hit.stored, hit.end)
        # One vectored write: no copy of the stored page.
        self.transport.writelines(parts)
        cycle.response_started = cycle.response_complete = True
        if not cycle.keep_alive:
            self.transport.close()
        if self._observer is not None:
            sent = 0 if hit.head_only else len(hit.stored) + len(hit.end)
            self._observer.record(scope, 200, sent, time.perf_counter() - started)
        self._answering = True
        try:
            # What the cycle does after its last send: count the request, read
            # on, start the next pipelined request or arm the keep-alive timer.
            cycle.on_response()
        finally:
            self._answering = False


def supported() -> bool:
    """Whether the installed uvicorn still has the internals :class:`HitProtocol` uses."""
    set_in_cycle = RequestResponseCycle.__init__.__code__.co_names
    used = ("response_started", "response_complete", "keep_alive", "on_response")
    return (
        callable(getattr(HttpToolsProtocol, "_start_asgi_task", None))
        and callable(getattr(HttpToolsProtocol, "on_response_complete", None))
        and all(name in set_in_cycle for name in used)
    )


def http_protocol() -> str:
    """The ``http`` setting for uvicorn: this protocol, or uvicorn's own if it cannot be used."""
    if supported():
        return f"{__name__}:HitProtocol"
    log.warning("uvicorn's httptools protocol has changed: cache hits go through the ASGI fast path")
    return "httptools"
