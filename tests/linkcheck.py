"""Collect every URL a browser would act on in an HTML page, the way the tests judge rewriting."""

from __future__ import annotations

import re

import ada_url
from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.srcset import parse_srcset

#: What the proxy adds to a page (its bar, screen-reader notes, "更多:" context,
#: external-link marks, added titles, table notes and list views, the QR code,
#: the pager written for a script's):
#: not part of the portal's own text.
PROXY_ADDED = (
    "#a11y-proxy-bar, .a11y-proxy-sr, .a11y-proxy-name, .a11y-proxy-external, .a11y-proxy-context, .a11y-proxy-added, "
    ".a11y-table-list, .a11y-table-note, .a11y-proxy-qr, .a11y-proxy-pager"
)

URL_ATTRS = (
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "background",
    "cite",
    "longdesc",
    "xlink:href",
    "lowsrc",
)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def _css_urls(css: str) -> list[str]:
    out = [next(g for g in m.groups() if g is not None) for m in _CSS_URL.finditer(css)]
    out += [m.group(1) if m.group(1) is not None else m.group(2) for m in _CSS_IMPORT.finditer(css)]
    return out


def page_urls(html: str, *, skip_proxy_bar: bool = True) -> list[tuple[str, str, str]]:
    """(tag, attribute, value) for every URL in the page; with ``skip_proxy_bar``, not
    the proxy's links to this page in its other modes (its bar, the portal's
    overlay switches, which portal_overlay points there)."""
    tree = LexborHTMLParser(html)
    if skip_proxy_bar:
        for bar in tree.css("#a11y-proxy-bar, a.a11y-proxy-switch"):
            bar.decompose()
    out: list[tuple[str, str, str]] = []
    for node in tree.css("*"):
        attrs = node.attributes
        for name in URL_ATTRS:
            value = attrs.get(name)
            if value is not None:
                out.append((node.tag or "", name, value))
        if attrs.get("srcset"):
            out += [(node.tag or "", "srcset", u) for u, _ in parse_srcset(attrs["srcset"] or "")]
        if attrs.get("style"):
            out += [(node.tag or "", "style", u) for u in _css_urls(attrs["style"] or "")]
        if node.tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            m = re.search(r"url=(.*)$", attrs.get("content") or "", re.IGNORECASE)
            if m:
                out.append(("meta", "content", m.group(1)))
    for style in tree.css("style"):
        out += [("style", "css", u) for u in _css_urls(style.text(deep=True))]
    return out


def resolve_against(page_url: str, ref: str) -> str:
    return str(ada_url.join_url(page_url, ref.strip()))
