"""Remove everything from the upstream page that could run script or act on its own.

The proxy serves other people's HTML under its own origin, so any upstream
script would run with the proxy's authority (the XSS that sank Betsie and the
iframe toolbars). Script also fights the reader's own assistive technology
(WCAG 4.1.2 failures of overlay toolbars), so none is kept in any mode:

- ``<script>`` (HTML and SVG), ``<template>`` (inert without script);
- inline event handlers (``on*`` attributes), ``srcdoc``, ``ping``;
- ``<meta http-equiv>`` that sets cookies or a competing CSP, and link
  prefetch/preload/import hints, which would load resources behind the
  reader's back;
- comments: old IE runs ``<!--[if IE]><script…><![endif]-->``, and
  portals leave commented-out script and tracking code in them;
- ``<noscript>`` is unwrapped: it holds exactly the no-script fallback the
  portal meant for a reader like ours.

``javascript:`` URLs are dropped by the link policy in ``rewrite_links``.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from ..context import PageContext

# Event handler content attributes of the HTML Standard (8.1.8.2) plus the
# legacy ones old portal templates still use. Matching them in one selector
# keeps the scan inside Lexbor; the full walk below is the fallback for
# anything unusual.
_HANDLERS = tuple(
    """
    onabort onafterprint onanimationend onanimationiteration onanimationstart onauxclick onbeforeinput
    onbeforematch onbeforeprint onbeforetoggle onbeforeunload onblur oncancel oncanplay oncanplaythrough
    onchange onclick onclose oncontextlost oncontextmenu oncontextrestored oncopy oncuechange oncut
    ondblclick ondrag ondragend ondragenter ondragleave ondragover ondragstart ondrop ondurationchange
    onemptied onended onerror onfocus onfocusin onfocusout onformdata onhashchange oninput oninvalid
    onkeydown onkeypress onkeyup onlanguagechange onload onloadeddata onloadedmetadata onloadstart
    onmessage onmessageerror onmousedown onmouseenter onmouseleave onmousemove onmouseout onmouseover
    onmouseup onmousewheel onoffline ononline onpagehide onpagereveal onpageshow onpageswap onpaste
    onpause onplay onplaying onpointercancel onpointerdown onpointerenter onpointerleave onpointermove
    onpointerout onpointerover onpointerup onpopstate onprogress onratechange onrejectionhandled onreset
    onresize onscroll onscrollend onsecuritypolicyviolation onseeked onseeking onselect
    onselectionchange onselectstart onslotchange onstalled onstorage onsubmit onsuspend ontimeupdate
    ontoggle ontransitionend onunhandledrejection onunload onvolumechange onwaiting onwheel onfocusin
    onreadystatechange onpropertychange onbeforeactivate onactivate onmouseenter onfilterchange onbegin
    onend onrepeat
    """.split()
)
_HANDLER_SELECTOR = ",".join(f"[{name}]" for name in dict.fromkeys(_HANDLERS))
_HANDLER_SET = frozenset(_HANDLERS)
_ANY_HANDLER = re.compile(r"<[a-zA-Z][^>]*?\s(on[a-zA-Z]+)\s*=")

_REMOVE = (
    "script, template, applet, link[rel~=import], link[rel~=preload], link[rel~=modulepreload], "
    "link[rel~=prefetch], link[rel~=dns-prefetch], link[rel~=preconnect], link[rel~=prerender], "
    "link[rel~=manifest], link[rel~=serviceworker]"
)
_META_REMOVE = (
    "set-cookie",
    "content-security-policy",
    "content-security-policy-report-only",
    "x-dns-prefetch-control",
)


def _strip_handlers(node: object) -> None:
    attrs = node.attrs  # type: ignore[attr-defined]
    for name in [k for k in attrs if k.lower().startswith("on")]:
        del attrs[name]


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    for node in tree.css(_REMOVE):
        node.decompose()
    for node in tree.css("meta[http-equiv]"):
        if (node.attrs.get("http-equiv") or "").strip().lower() in _META_REMOVE:
            node.decompose()
    for node in tree.css("noscript"):
        node.unwrap()
    for node in tree.css("[srcdoc], [ping]"):
        attrs = node.attrs
        for name in ("srcdoc", "ping"):
            if name in attrs:
                del attrs[name]
    for node in tree.css(_HANDLER_SELECTOR):
        _strip_handlers(node)
    root = tree.root
    if root is None:  # pragma: no cover - the parser always makes a root
        return
    # Anything the selector did not know (an invented "onfoo=" in a template):
    # the source is scanned once, and attributes checked only when it has one.
    check_attrs = not ctx.source or any(
        m.group(1).lower() not in _HANDLER_SET for m in _ANY_HANDLER.finditer(ctx.source)
    )
    if not check_attrs and ctx.source and "<!--" not in ctx.source:
        return
    comments = []
    for node in root.traverse(include_text=False):
        if node.is_comment_node:
            comments.append(node)
        elif check_attrs and node.is_element_node and any(k.lower().startswith("on") for k in node.attrs):
            _strip_handlers(node)
    for node in comments:
        node.decompose()
