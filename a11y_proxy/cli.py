"""Command line: ``a11y-proxy serve``, ``a11y-proxy demo``, ``a11y-proxy check-config``.

a11y-proxy serve --config config/FILE.toml [--host H] [--port P] [--workers N]
a11y-proxy demo [--host H] [--port P] [--portal-port P]
a11y-proxy check-config config/FILE.toml
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import sys
from collections.abc import Sequence

import uvicorn

from .config import ConfigError, Settings, load_settings, settings_from_mapping
from .demo.portal import create_portal
from .demo.site import ARTICLE_PATH, SITE_NAME
from .logs import setup_logging
from .web.app import create_app, speech_pronunciations
from .web.hit_protocol import http_protocol


def demo_settings(portal_port: int, host: str, port: int) -> Settings:
    """The same settings as config/demo.toml, for a portal on ``portal_port``."""
    return settings_from_mapping(
        {
            "server": {"host": host, "port": port},
            "upstream": {
                "allowed_hosts": [f"127.0.0.1:{portal_port}", f"localhost:{portal_port}"],
                "allow_private_addresses": True,
            },
            "sites": [
                {
                    "host": f"127.0.0.1:{portal_port}",
                    "name": f"{SITE_NAME}(演示门户 demo portal)",
                    "start_url": f"http://127.0.0.1:{portal_port}/",
                    "allow_post": True,
                }
            ],
        }
    )


def _uvicorn_config(
    app: object, host: str, port: int, log_level: str = "info", http: str = "auto"
) -> uvicorn.Config:
    return uvicorn.Config(
        app,  # type: ignore[arg-type]
        host=host,
        port=port,
        log_level=log_level,
        proxy_headers=True,
        server_header=False,
        timeout_graceful_shutdown=10,
        http=http,
        # The proxy writes its own access lines, without reader data (a11y_proxy.logs).
        access_log=False,
        log_config=None,
    )


async def _run_demo(host: str, port: int, portal_port: int) -> None:
    settings = demo_settings(portal_port, host, port)
    portal = uvicorn.Server(_uvicorn_config(create_portal(), "127.0.0.1", portal_port, "warning"))
    proxy = uvicorn.Server(
        _uvicorn_config(create_app(settings, prestart_speech=True), host, port, http=http_protocol())
    )
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    print(
        f"\n  演示门户 demo portal:  http://127.0.0.1:{portal_port}/\n"
        f"  无障碍浏览 proxy:       http://{shown}:{port}/\n"
        f"  打开 open:             http://{shown}:{port}/a11y/http://127.0.0.1:{portal_port}{ARTICLE_PATH}\n"
        f"  适老版 elder:          http://{shown}:{port}/elder/http://127.0.0.1:{portal_port}/\n"
        "  Ctrl+C 退出 to stop\n",
        flush=True,
    )
    await asyncio.gather(portal.serve(), proxy.serve())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="a11y-proxy", description="Accessibility reverse proxy for government portals"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the proxy with a config file")
    serve.add_argument("--config", required=True, help="TOML config file (see config/default.toml)")
    serve.add_argument("--host", help="address to listen on (overrides [server] host)")
    serve.add_argument("--port", type=int, help="port to listen on (overrides [server] port)")
    serve.add_argument("--workers", type=int, help="worker processes (overrides [server] workers)")

    demo = sub.add_parser("demo", help="run the built-in demo portal with the proxy in front of it")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8080)
    demo.add_argument("--portal-port", type=int, default=8081)

    check = sub.add_parser("check-config", help="validate a config file and exit")
    check.add_argument("config")

    args = parser.parse_args(argv)
    setup_logging("info")
    try:
        if args.command == "check-config":
            settings = load_settings(args.config)
            speech_pronunciations(settings)
            hosts = ", ".join(str(p) for p in settings.upstream.allowed_hosts) or "(none)"
            print(f"{args.config}: OK; allowed hosts: {hosts}")
            return 0
        if args.command == "demo":
            try:
                asyncio.run(_run_demo(args.host, args.port, args.portal_port))
            except SystemExit:
                # uvicorn exits on startup failure after logging the reason.
                print(
                    f"a11y-proxy: could not start the demo (is port {args.port} or "
                    f"{args.portal_port} already in use?)",
                    file=sys.stderr,
                )
                return 1
            return 0
        settings = load_settings(args.config)
    except ConfigError as exc:
        print(f"a11y-proxy: config error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0

    setup_logging(settings.server.log_level)
    server = settings.server
    server = dataclasses.replace(
        server,
        host=args.host or server.host,
        port=args.port if args.port is not None else server.port,
        workers=args.workers or server.workers,
    )
    if server.workers > 1:
        # Several processes behind one port: each builds the app from the file.
        os.environ["A11Y_PROXY_CONFIG"] = os.path.abspath(args.config)
        uvicorn.run(
            "a11y_proxy.web.app:app_from_env",
            factory=True,
            http=http_protocol(),
            host=server.host,
            port=server.port,
            workers=server.workers,
            log_level=server.log_level,
            proxy_headers=True,
            forwarded_allow_ips=list(server.forwarded_allow_ips),
            server_header=False,
            access_log=False,
            log_config=None,
            timeout_graceful_shutdown=10,
        )
        return 0
    try:
        app = create_app(dataclasses.replace(settings, server=server), prestart_speech=True)
    except ConfigError as exc:
        print(f"a11y-proxy: config error: {exc}", file=sys.stderr)
        return 2
    config = _uvicorn_config(app, server.host, server.port, server.log_level, http=http_protocol())
    config.forwarded_allow_ips = list(server.forwarded_allow_ips)
    uvicorn.Server(config).run()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
