"""``/api/speech/*``: preview, plan and audio endpoints over the speech service.

``GET /api/speech/preview?text=…``
    ``{"chunks": [{"text", "lang", "pinyin"}]}``: what would be spoken, the
    pinyin (tone-numbered, numbers already in words) for each Chinese chunk.
``POST /api/speech/plan`` with ``{"texts": [...], "speed": "normal"}``
    each text cut into chunks: ``{"items": [[{"start", "end", "audio"}]]}``,
    offsets in characters of that text, ``audio`` a content-addressed URL.
``GET /api/speech/audio/{key}.mp3?speed=…&text=…``
    the MP3, ``Cache-Control: immutable``, with ``Range`` support (Safari
    and iOS ask for ranges before they play anything).

Errors are JSON ``{"error": "…"}`` with 400 (bad request), 404 (speech off),
413 (too long), 429 (rate limit, with Retry-After) or 503 (busy, failed).
"""

from __future__ import annotations

import json
import math
import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..metrics import ProxyMetrics
from ..speech.service import DEFAULT_SPEED, SpeechRequestError, SpeechService
from ..speech.workers import SpeechBusy, SpeechError
from .rate_limit import RateLimiter

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
AUDIO_CACHE = "public, max-age=31536000, immutable"


def _error(message: str, status: int, **headers: str) -> JSONResponse:
    return JSONResponse(
        {"error": message}, status_code=status, headers={"Cache-Control": "no-store", **headers}
    )


class SpeechAPI:
    def __init__(
        self, service: SpeechService | None, limiter: RateLimiter, metrics: ProxyMetrics | None = None
    ) -> None:
        self.service = service
        self.limiter = limiter
        self.metrics = metrics or ProxyMetrics()

    def _refusal(self, request: Request) -> Response | None:
        """Why this request may not go ahead (speech off, reader over the rate), or None."""
        if self.service is None:
            return _error("speech is switched off on this server", 404)
        client = request.client.host if request.client else "unknown"
        wait = self.limiter.allow(client)
        if wait:
            return _error(
                "too many speech requests; please wait a moment", 429, **{"Retry-After": str(math.ceil(wait))}
            )
        return None

    async def preview(self, request: Request) -> Response:
        refused = self._refusal(request)
        if refused is not None:
            return refused
        assert self.service is not None  # _refusal answers 404 when speech is off
        text = request.query_params.get("text", "")
        try:
            chunks = self.service.preview(text)
        except SpeechRequestError as exc:
            return _error(str(exc), 413)
        return JSONResponse({"chunks": chunks}, headers={"Cache-Control": "no-store"})

    async def plan(self, request: Request) -> Response:
        refused = self._refusal(request)
        if refused is not None:
            return refused
        service = self.service
        assert service is not None  # _refusal answers 404 when speech is off
        body = await request.body()
        if len(body) > service.max_text_chars * 4 + 1024:
            return _error(f"text is longer than {service.max_text_chars} characters", 413)
        try:
            data = json.loads(body or b"{}")
        except (ValueError, UnicodeDecodeError):
            return _error("the body must be JSON", 400)
        texts = data.get("texts") if isinstance(data, dict) else None
        speed = data.get("speed", DEFAULT_SPEED) if isinstance(data, dict) else DEFAULT_SPEED
        if (
            not isinstance(texts, list)
            or not all(isinstance(t, str) for t in texts)
            or not isinstance(speed, str)
        ):
            return _error('expected {"texts": [strings], "speed": "normal"}', 400)
        try:
            items = service.plan(texts, speed)
        except SpeechRequestError as exc:
            return _error(str(exc), 413 if "longer" in str(exc) else 400)
        return JSONResponse({"items": items}, headers={"Cache-Control": "no-store"})

    async def audio(self, request: Request) -> Response:
        key = request.path_params["key"]
        service = self.service
        if service is None:
            return _error("speech is switched off on this server", 404)
        etag = f'"{key}"'
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"ETag": etag, "Cache-Control": AUDIO_CACHE})
        text = request.query_params.get("text", "")
        speed = request.query_params.get("speed", DEFAULT_SPEED)

        def admit() -> None:
            # Only synthesis counts against the reader's rate; replays and ranges are free.
            refused = self._refusal(request)
            if refused is not None:
                raise _Refused(refused)

        try:
            data = await service.audio(key, text, speed, admit=admit)
        except _Refused as exc:
            return exc.response
        except SpeechRequestError as exc:
            return _error(str(exc), 400)
        except SpeechBusy as exc:
            self.metrics.errors.inc(kind="SpeechBusy")
            return _error(str(exc), 503, **{"Retry-After": "2"})
        except SpeechError as exc:
            self.metrics.errors.inc(kind="SpeechError")
            self.metrics.speech_failures.inc()
            return _error(f"speech synthesis failed: {exc}", 503)
        return _ranged(request, data, etag)


class _Refused(Exception):
    """Carries the refusal (429) out of the service's admission hook."""

    def __init__(self, response: Response) -> None:
        super().__init__("refused")
        self.response = response


def _ranged(request: Request, data: bytes, etag: str) -> Response:
    headers = {
        "Content-Type": "audio/mpeg",
        "Cache-Control": AUDIO_CACHE,
        "ETag": etag,
        "Accept-Ranges": "bytes",
    }
    size = len(data)
    spec = request.headers.get("range")
    match = _RANGE.match(spec.strip()) if spec else None
    if spec and request.headers.get("if-range", etag) == etag and match:
        first, last = match.groups()
        if first:
            start = int(first)
            end = min(int(last), size - 1) if last else size - 1
        elif last:
            start, end = max(0, size - int(last)), size - 1
        else:
            start, end = 0, -1
        if start >= size or end < start:
            return Response(status_code=416, headers={**headers, "Content-Range": f"bytes */{size}"})
        body = data[start : end + 1]
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        return Response(body, status_code=206, headers=headers)
    # (For HEAD the server sends the headers only.)
    return Response(data, headers=headers)


def routes(api: SpeechAPI) -> list[Route]:
    return [
        Route("/api/speech/preview", api.preview, methods=["GET", "HEAD"]),
        Route("/api/speech/plan", api.plan, methods=["POST"]),
        Route("/api/speech/audio/{key:str}.mp3", api.audio, methods=["GET", "HEAD"]),
    ]
