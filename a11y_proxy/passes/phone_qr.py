"""A QR code on every page, to go on reading the same page on a phone.

The code is an image from the proxy's ``/qr`` endpoint, which writes the
absolute address (the request's host, or ``[server] public_url``) of this
page's proxy URL: the same page, the same mode, the same preferences. The
page itself stays host-independent, so it can be cached and shared. It has a
visible label and a text alternative, and stays when the page is printed.
"""

from __future__ import annotations

from urllib.parse import quote

from selectolax.lexbor import LexborHTMLParser

from ..context import PageContext
from ..dom import append, element

QR_PATH = "/qr"
_MODE_NAMES = {"a11y": "无障碍版", "elder": "适老版", "text": "纯文本版"}


def page_address(ctx: PageContext) -> str:
    """This page's proxy path, with the reader's preferences when they are not the defaults."""
    path = ctx.proxy_page()
    return path if ctx.prefs.is_default else ctx.prefs.link(path)


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    body = tree.body
    if body is None:  # pragma: no cover
        return
    label = f"请用手机扫码访问本页{_MODE_NAMES.get(ctx.mode, '')}"
    box = append(
        body,
        element(
            tree, "div", class_="a11y-proxy-qr", role="region", aria_label="用手机继续阅读", lang="zh-CN"
        ),
    )
    append(
        box,
        element(
            tree,
            "img",
            src=f"{QR_PATH}?url={quote(page_address(ctx), safe='')}",
            width="132",
            height="132",
            alt=f"二维码:{label}",
        ),
    )
    append(box, element(tree, "p", label, aria_hidden="true"))
