"""The Starlette application: routes, lifespan, and the shared pipeline."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
from cachetools import LRUCache
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..addresses import Lookup, system_lookup
from ..cache import PageCache
from ..config import ConfigError, Settings, load_settings
from ..errors import BadTargetURL, ProxyError
from ..fetch import Fetcher
from ..logs import setup_logging
from ..metrics import ProxyMetrics
from ..modes import MODES
from ..pipeline import Pipeline
from ..prefs import load_themes
from ..qr import qr_png, qr_svg
from ..speech.pinyin import PronunciationError, Pronunciations, load_pronunciations
from ..speech.service import SpeechService
from ..speech.store import AudioStore
from ..speech.workers import SpeechWorkers
from ..urls import parse_target, proxy_path, split_proxy_path
from .fast_path import CacheHitFastPath, FastHits, HitTargets
from .headers import SecurityHeadersMiddleware
from .hit_protocol import HITS_STATE, OBSERVER_STATE
from .observe import ObserveMiddleware, Observer
from .pages import landing_page
from .proxy_view import ProxyView, error_response
from .rate_limit import RateLimiter
from .settings_page import SettingsPage
from .speech_api import SpeechAPI
from .speech_api import routes as speech_routes

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
#: The project's themes/ folder (next to the package in a source checkout).
DEFAULT_THEMES_DIR = Path(__file__).resolve().parent.parent.parent / "themes"
#: The project's config/ folder, home of the default pronunciation file.
DEFAULT_CONFIG_DIR = Path(__file__).resolve().parent.parent.parent / "config"
log = logging.getLogger("a11y_proxy")


def create_app(
    settings: Settings,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    lookup: Lookup = system_lookup,
    prestart_speech: bool = False,
) -> Starlette:
    """Build the proxy. ``transport`` and ``lookup`` are for tests (MockTransport, fake DNS).

    ``prestart_speech`` starts the speech worker processes with the server (the
    commands do), so the first reader does not wait for them; otherwise they
    start on the first audio request.
    """
    cache = PageCache(
        settings.cache.max_bytes,
        stale_if_error=settings.cache.stale_if_error_seconds,
        max_entry_bytes=settings.cache.max_entry_bytes,
    )
    themes_dir = Path(settings.server.themes_dir) if settings.server.themes_dir else DEFAULT_THEMES_DIR
    if not (themes_dir / "steps.css").is_file():
        raise ConfigError(f"[server] themes_dir: {themes_dir} has no steps.css (is it the themes/ folder?)")
    themes = load_themes(themes_dir)
    holder: dict[str, ProxyView] = {}
    metrics = ProxyMetrics()
    speech = make_speech_service(settings, metrics)
    metrics.gauge("a11y_cache_hits_total", "Pages answered from the cache.", lambda: cache.hits, "counter")
    metrics.gauge("a11y_cache_misses_total", "Pages fetched and rendered.", lambda: cache.misses, "counter")
    metrics.gauge("a11y_cache_bytes", "Bytes of rendered pages in the cache.", lambda: cache.current_bytes)
    metrics.gauge("a11y_cache_entries", "Rendered pages in the cache.", lambda: len(cache))
    if speech is not None:
        workers, store = speech.workers, speech.store
        metrics.gauge("a11y_speech_queue", "Sentences waiting for a speech worker.", lambda: workers.waiting)
        metrics.gauge("a11y_speech_jobs_total", "Sentences synthesised.", lambda: workers.jobs, "counter")
        metrics.gauge(
            "a11y_speech_cache_hits_total", "Audio served from the store.", lambda: store.hits, "counter"
        )
        metrics.gauge("a11y_speech_cache_bytes", "Bytes of audio in memory.", lambda: store.memory_used)
        metrics.gauge("a11y_speech_disk_bytes", "Bytes of audio on disk.", lambda: store.disk_used)
    metrics.gauge("a11y_asyncio_tasks", "Tasks alive on this process's event loop.", _tasks_alive)
    readiness: dict[str, object] = {}
    hit_targets: HitTargets = LRUCache(maxsize=20_000)
    fast_hits = FastHits(cache, hit_targets)
    observer = Observer(metrics, access_log=settings.server.access_log)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, object]]:
        fetcher = Fetcher(settings.upstream, transport=transport, lookup=lookup)
        pipeline = Pipeline(settings, fetcher, cache, {k: t.name_zh for k, t in themes.items()}, metrics)
        holder["view"] = ProxyView(pipeline, hit_targets, themes)
        app.state.pipeline = pipeline
        warm = None
        if speech is not None and prestart_speech:
            warm = asyncio.get_running_loop().create_task(speech.workers.start())
        try:
            # For the server's HTTP protocol, which answers hits itself (hit_protocol).
            yield {HITS_STATE: fast_hits, OBSERVER_STATE: observer}
        finally:
            await fetcher.aclose()
            pipeline.close()
            if warm is not None and not warm.done():
                warm.cancel()
            if speech is not None:
                await speech.workers.close()

    landing_html = landing_page(settings)

    async def landing(request: Request) -> Response:
        return HTMLResponse(landing_html, headers={"Cache-Control": "public, max-age=300"})

    async def go(request: Request) -> Response:
        mode = request.query_params.get("mode") or settings.server.default_mode
        if mode not in MODES:
            mode = settings.server.default_mode
        url = (request.query_params.get("url") or "").strip()
        if url and "://" not in url[:10]:
            url = "http://" + url
        try:
            target = parse_target(url)
        except BadTargetURL as exc:
            return error_response(exc)
        return RedirectResponse(proxy_path(mode, target.url), status_code=303)

    async def readyz(request: Request) -> Response:
        """Ready when the configured portals answer (any status below 500), checked at most every 10 s.

        With no [[sites]] configured there is nothing to check and the proxy is ready.
        """
        now = time.monotonic()
        if not readiness or now - float(readiness["at"]) > 10:  # type: ignore[arg-type]
            readiness["at"] = now
            readiness["sites"] = await check_sites(request.app.state.pipeline.fetcher, settings)
        sites = readiness["sites"]
        assert isinstance(sites, dict)
        ready = not sites or any(v == "ok" for v in sites.values())
        return JSONResponse(
            {"status": "ready" if ready else "upstream unreachable", "sites": sites},
            status_code=200 if ready else 503,
            headers={"Cache-Control": "no-store"},
        )

    async def metrics_endpoint(request: Request) -> Response:
        return PlainTextResponse(
            metrics.render(),
            media_type="text/plain; version=0.0.4; charset=utf-8",
            headers={"Cache-Control": "no-store"},
        )

    async def healthz(request: Request) -> Response:
        return JSONResponse(
            {"status": "ok", "cache_entries": len(cache), "cache_bytes": cache.current_bytes},
            headers={"Cache-Control": "no-store"},
        )

    async def qr(request: Request) -> Response:
        """``/qr?url=/{mode}/{upstream URL}``: the QR code of a proxy page's absolute address.

        Only this proxy's own pages are encoded (a path starting with "/"), so
        the endpoint cannot be used to make codes that point anywhere else.
        """
        target = request.query_params.get("url") or ""
        if not target.startswith("/") or target.startswith("//") or any(c in target for c in "\r\n\\"):
            return error_response(
                BadTargetURL("the url parameter must be a page of this proxy, such as /elder/…")
            )
        path, _, query = target.partition("?")
        if path != "/" and split_proxy_path(path, query) is None:
            return error_response(
                BadTargetURL("the url parameter must be a page of this proxy, such as /elder/…")
            )
        base = settings.server.public_url.rstrip("/") or f"{request.url.scheme}://{request.url.netloc}"
        address = base + target
        headers = {
            "Cache-Control": "public, max-age=86400",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        }
        if request.query_params.get("format") == "png":
            return Response(qr_png(address), media_type="image/png", headers=headers)
        return Response(qr_svg(address, title="二维码 QR code"), media_type="image/svg+xml", headers=headers)

    async def favicon(request: Request) -> Response:
        # Browsers ask for it on every site; answer without a 404 page.
        return Response(status_code=204, headers={"Cache-Control": "public, max-age=86400"})

    async def proxy(request: Request) -> Response:
        return await holder["view"](request)

    routes = [
        Route("/", landing, methods=["GET", "HEAD"]),
        Route("/go", go, methods=["GET", "HEAD"]),
        Route("/healthz", healthz, methods=["GET", "HEAD"]),
        Route("/readyz", readyz, methods=["GET", "HEAD"]),
        Route("/metrics", metrics_endpoint, methods=["GET"]),
        Route("/favicon.ico", favicon, methods=["GET", "HEAD"]),
        Route("/qr", qr, methods=["GET", "HEAD"]),
        Route("/settings", SettingsPage(settings, themes).handle, methods=["GET", "HEAD", "POST"]),
        *speech_routes(
            SpeechAPI(
                speech, RateLimiter(settings.speech.requests_per_minute, settings.speech.burst), metrics
            )
        ),
        Mount("/static", app=StaticFiles(directory=STATIC_DIR), name="static"),
        Mount("/themes", app=StaticFiles(directory=themes_dir), name="themes"),
        Route("/{path:path}", proxy, methods=["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]),
    ]

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error", exc_info=exc)
        return error_response(ProxyError("internal error"))

    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[
            Middleware(ObserveMiddleware, observer=observer),
            Middleware(CacheHitFastPath, hits=fast_hits),
            Middleware(SecurityHeadersMiddleware),
        ],
        exception_handlers={500: server_error},
    )
    app.state.settings = settings
    app.state.themes = themes
    app.state.cache = cache
    app.state.speech = speech
    app.state.metrics = metrics
    return app


def _tasks_alive() -> float:
    try:
        return float(len(asyncio.all_tasks()))
    except RuntimeError:  # read outside the event loop
        return 0.0


async def check_sites(fetcher: Fetcher, settings: Settings) -> dict[str, str]:
    """Each configured portal's start page: "ok", or why not (the same checks as any page)."""

    async def one(url: str) -> str:
        try:
            target = parse_target(url)
            fetcher.check_target(target)
            async with asyncio.timeout(min(5.0, settings.upstream.total_timeout)):
                upstream = await fetcher.open(target, method="GET")
                await upstream.aclose()
            return "ok" if upstream.status < 500 else f"HTTP {upstream.status}"
        except TimeoutError:
            return "timeout"
        except ProxyError as exc:
            return exc.message
        except Exception as exc:  # never let a readiness probe raise
            return type(exc).__name__

    urls = [site.start_url or f"http://{site.host.host}/" for site in settings.sites]
    results = await asyncio.gather(*(one(u) for u in urls))
    return dict(zip(urls, results, strict=True))


def speech_pronunciations(settings: Settings) -> Pronunciations | None:
    """The pronunciation file ``[speech]`` names, read and checked line by line; None when
    speech is off. ``check-config`` runs exactly this: it reads the file and creates nothing.
    """
    conf = settings.speech
    if not conf.enabled:
        return None
    path = Path(conf.pronunciations) if conf.pronunciations else DEFAULT_CONFIG_DIR / "pronunciations.txt"
    if not path.is_file():
        raise ConfigError(f"[speech] pronunciations: {path} is not a file")
    try:
        return load_pronunciations(path)
    except PronunciationError as exc:
        raise ConfigError(f"[speech] pronunciations: {exc}") from None


def make_speech_service(settings: Settings, metrics: ProxyMetrics | None = None) -> SpeechService | None:
    """The speech service from ``[speech]``; None when speech is switched off."""
    pronunciations = speech_pronunciations(settings)
    if pronunciations is None:
        return None
    conf = settings.speech
    disk_dir = (
        Path(conf.disk_cache_dir).expanduser()
        if conf.disk_cache_dir
        else Path(os.environ.get("XDG_CACHE_HOME", "~/.cache")).expanduser() / "a11y-proxy" / "speech"
    )
    try:
        store = AudioStore(conf.memory_cache_bytes, disk_dir, conf.disk_cache_bytes)
    except OSError as exc:
        raise ConfigError(f"[speech] disk_cache_dir: cannot use {disk_dir} ({exc.strerror})") from None
    workers = SpeechWorkers(
        conf.engine,
        conf.processes,
        conf.timeout_seconds,
        conf.max_waiting,
        observe=(lambda s: metrics.speech_seconds.observe(s)) if metrics is not None else None,
    )
    return SpeechService(
        pronunciations=pronunciations, store=store, workers=workers, max_text_chars=conf.max_text_chars
    )


def app_from_env() -> Starlette:
    """Factory for ``uvicorn --factory`` with several workers: config path in A11Y_PROXY_CONFIG."""
    settings = load_settings(os.environ["A11Y_PROXY_CONFIG"])
    setup_logging(settings.server.log_level)
    return create_app(settings, prestart_speech=True)
