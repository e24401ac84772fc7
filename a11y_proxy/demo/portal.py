"""The demo portal as an ASGI app: GBK pages, images, a stylesheet, a PDF, a search, a redirect.

Served like a real portal: pages as GBK bytes, the article with a bare
``Content-Type: text/html`` (only its ``<meta>`` names the charset), ETag
and Last-Modified on everything, Range on the PDF, a session cookie, and a
search script that reads its query as GBK (and a column search that reads
UTF-8).
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from html import escape
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..qr import qr_png
from . import site

LAST_MODIFIED = "Sun, 30 Jan 2022 06:06:00 GMT"
SVG = "image/svg+xml"


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A solid-colour PNG (real image bytes, so browsers decode it)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" + bytes(rgb) * width
    raw = row * height
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def svg_picture(
    width: int, height: int, fill: str, words: str = "", *, ink: str = "#ffffff", size: int = 0
) -> bytes:
    """A picture of words, as portals draw their logo, banners and buttons: an SVG,
    so the demo shows what a real one would without a font in the repository. It
    has no script; the proxy serves SVG with a sandboxing policy all the same."""
    size = size or max(10, min(height * 2 // 5, width * 4 // (3 * max(len(words), 1))))
    text = (
        f'<text x="50%" y="50%" dominant-baseline="central" text-anchor="middle" fill="{ink}" '
        f'font-family="Noto Sans CJK SC, Microsoft YaHei, sans-serif" font-size="{size}" '
        f'font-weight="bold">{escape(words)}</text>'
        if words
        else ""
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><rect width="100%" height="100%" fill="{fill}"/>{text}</svg>'
    ).encode()


def pdf(text: str) -> bytes:
    """A one-page PDF with ``text`` (ASCII) in Helvetica."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def _gbk(text: str) -> bytes:
    # GBK proper, not GB2312: 喆 must survive, as on the real site.
    return text.encode("gbk", errors="xmlcharrefreplace")


def _etag(body: bytes) -> str:
    return '"' + hashlib.md5(body).hexdigest()[:16] + '"'


def _typed(response: Response, media: str) -> Response:
    # Set exactly: Starlette would add "; charset=utf-8" to text types.
    response.headers["content-type"] = media
    return response


def _html(body: bytes, *, charset_header: bool) -> Response:
    headers = {"ETag": _etag(body), "Last-Modified": LAST_MODIFIED, "Cache-Control": "max-age=600"}
    media = "text/html; charset=GBK" if charset_header else "text/html"
    return _typed(Response(body, headers=headers), media)


def create_portal() -> Starlette:
    pages = {
        "/": (_gbk(site.index_page()), True),
        "/index.html": (_gbk(site.index_page()), True),
        site.LIST_PATH: (_gbk(site.list_page(1)), False),
        site.LIST_PATH.replace("index.html", "index_1.html"): (_gbk(site.list_page(2)), False),
        site.ARTICLE_PATH: (_gbk(site.article_page()), False),
    }
    files = {
        # The portal's pictures, as real ones are: its name and its notices drawn as
        # pictures of words (which the proxy names), a code a phone can read.
        "/images/logo.svg": (svg_picture(400, 90, "#0a5aa8", f"{site.SITE_NAME} {site.ORG}", size=22), SVG),
        "/images/banner-zwgk.svg": (
            svg_picture(1200, 300, "#c40000", "政务公开 · 政府信息公开年报", size=56),
            SVG,
        ),
        "/images/banner-zwfw.svg": (svg_picture(1200, 300, "#0a5aa8", "政务服务 · 一窗通办", size=56), SVG),
        "/images/bg.png": (png(4, 200, (230, 236, 245)), "image/png"),
        "/images/header-bg.png": (png(8, 110, (240, 244, 250)), "image/png"),
        "/images/qrcode.png": (qr_png(site.REAL_SITE), "image/png"),
        "/images/search.svg": (svg_picture(40, 30, "#0a5aa8", "搜索", size=14), SVG),
        "/images/piaochuang.svg": (svg_picture(180, 120, "#ffc800", "政府信息公开专栏", ink="#7a0000"), SVG),
        "/images/spacer.gif": (png(1, 1, (255, 255, 255)), "image/png"),
        "/images/conac.svg": (svg_picture(60, 70, "#c80000", "党政机关", size=13), SVG),
        "/images/jiucuo.svg": (svg_picture(110, 55, "#c80000", "政府网站找错", size=16), SVG),
        "/images/weixin.svg": (svg_picture(24, 24, "#00b400", "微", size=14), SVG),
        "/images/weibo.svg": (svg_picture(24, 24, "#e6162d", "博", size=14), SVG),
        "/css/style.css": (_gbk(site.STYLE_CSS), "text/css"),
        "/css/print.css": (site.PRINT_CSS.encode(), "text/css; charset=utf-8"),
        site.TOPICS_JS_PATH: (_gbk(site.TOPICS_JS), "application/javascript"),
        "/js/jquery.min.js": (
            b"/*! jQuery stand-in */ window.jQuery = function () {};",
            "application/javascript",
        ),
        "/files/2021-report.pdf": (
            pdf("Kundulun 2021 government information disclosure report"),
            "application/pdf",
        ),
    }

    async def page(request: Request) -> Response:
        path = request.url.path
        # A column's address as readers type it or a trail links it: the web
        # server answers a folder with its index page, and a folder named
        # without its slash with a redirect to it (Apache's mod_dir, nginx's index).
        if path.endswith("/") and path + "index.html" in pages:
            path += "index.html"
        elif path + "/index.html" in pages:
            return RedirectResponse(path + "/", status_code=301)
        if path in pages:
            body, header = pages[path]
            if request.headers.get("if-none-match") == _etag(body):
                return Response(status_code=304, headers={"ETag": _etag(body)})
            response = _html(body, charset_header=header)
            response.set_cookie("JSESSIONID", "demo" + _etag(body)[1:9], httponly=True)
            return response
        if path in files:
            body, media = files[path]
            headers = {"ETag": _etag(body), "Last-Modified": LAST_MODIFIED, "Accept-Ranges": "bytes"}
            if path.endswith(".pdf"):
                headers["Content-Disposition"] = 'inline; filename="2021-report.pdf"'
            rng = request.headers.get("range", "")
            if rng.startswith("bytes=") and "-" in rng:
                start_s, _, end_s = rng[6:].partition("-")
                start = int(start_s or 0)
                end = min(int(end_s) if end_s else len(body) - 1, len(body) - 1)
                headers["Content-Range"] = f"bytes {start}-{end}/{len(body)}"
                return _typed(Response(body[start : end + 1], status_code=206, headers=headers), media)
            return _typed(Response(body, headers=headers), media)
        if path == "/zwgk/old-report.html":
            return RedirectResponse(site.ARTICLE_PATH, status_code=301)
        return Response(
            _gbk("<html><body><h1>404 页面不存在</h1></body></html>"), status_code=404, media_type="text/html"
        )

    async def search(request: Request) -> Response:
        # The portal's search reads GBK, like TRS WAS and Hanweb jsearch.
        query = request.scope.get("query_string", b"").decode("latin-1")
        params = dict(parse_qsl(query, encoding="gbk", errors="replace"))
        return _html(_gbk(site.search_page(params.get("keyword", ""))), charset_header=True)

    async def column_search(request: Request) -> Response:
        # The column search (Hanweb jsearch's shape) reads UTF-8: its page's
        # script sent the word through encodeURIComponent.
        query = request.scope.get("query_string", b"").decode("latin-1")
        params = dict(parse_qsl(query, encoding="utf-8", errors="replace"))
        return _html(_gbk(site.search_page(params.get("q", ""))), charset_header=True)

    async def message(request: Request) -> Response:
        body = (await request.body()).decode("latin-1")
        params = dict(parse_qsl(body, encoding="gbk", errors="replace"))
        return _html(_gbk(site.message_page(params.get("title", ""))), charset_header=True)

    return Starlette(
        routes=[
            Route("/search.jsp", search),
            Route("/jsearch/search.do", column_search),
            Route("/hdjl/liuyan.jsp", message, methods=["POST"]),
            Route("/{path:path}", page, methods=["GET", "HEAD"]),
        ]
    )


def main(argv: list[str] | None = None) -> None:
    """``python -m a11y_proxy.demo.portal PORT``: the demo portal alone, quiet (for tests and benchmarks)."""
    import sys

    import uvicorn

    port = int((argv if argv is not None else sys.argv[1:])[0])
    uvicorn.run(create_portal(), host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":  # pragma: no cover
    main()
