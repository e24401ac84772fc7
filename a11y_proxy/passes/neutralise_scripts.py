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
  portals leave commented-out script and tracking code in them (the text
  of those with links is handed to ``images`` in ``ctx.commented_links``,
  never put back in the page);
- ``<noscript>`` is unwrapped: it holds exactly the no-script fallback the
  portal meant for a reader like ours;
- SVG animation elements (``<set>``, ``<animate…>``): they can set an ``href``
  to ``javascript:`` or add a handler after the page is cleaned (SVG 2,
  19.2.7), and moving pictures distract (WCAG 2.3.3);
- raw-text elements inside ``<svg>`` and ``<math>`` (``<style>``, ``<xmp>``,
  ``<noembed>``, ``<noframes>``, ``<plaintext>``): there the parser reads
  their content as markup and decodes its character references, but the
  serialiser writes a text child of any element so named as it is (HTML
  13.3, "serialising HTML fragments", asks no namespace), so
  ``<svg><style>&lt;/style&gt;&lt;img src=x onerror=…&gt;</style>`` came out
  as a real ``<img>`` with a handler once a browser read the proxy's page
  (mutation XSS). A ``<style>`` there keeps its rules with every ``<``
  written as the CSS escape ``\3c ``; the others, which mean nothing in SVG or
  MathML, go.

``javascript:`` URLs are dropped by the link policy in ``rewrite_links``.
"""

from __future__ import annotations

import itertools
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import replace_text

# Event handler content attributes of the HTML Standard (8.1.8.2) plus the
# legacy ones old portal templates still use. Kept as the reference list the
# tests check against; the pass itself removes every on* attribute.
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
#: Characters and comments of such kept a page: a template's commented-out
#: words are a few KB in a few dozen (stats.gov.cn: 9 KB in 40); a hostile
#: page's are bounded, in size and in the parses images may make of them.
_COMMENTED_LINKS_MAX = 256 * 1024
_COMMENTED_LINKS_COUNT = 400
#: Anything that looks like a handler attribute, anywhere in the source.
#: Matching the names present (a few per page) is 30x cheaper in Lexbor than a
#: selector of all ~120 handler names. A false hit ("content=" gives
#: "ontent") only adds a selector that matches nothing. The lower-case
#: pattern has a literal prefix the regex engine searches fast; the source is
#: lower-cased first, always: a capital anywhere in the name ("onClick",
#: "onclicK") must be found too (the fuzz tests found "onClick" kept on a
#: page with no "On"/"ON"/"oN" elsewhere, when only those were looked for).
#: Lower-cased as UTF-8 bytes: attribute names that matter are ASCII, and
#: bytes.lower() touches only ASCII, where str.lower() works through every
#: Chinese character (0.46 against 1.01 ms on a 340 KB page).
_HANDLER_LOWER = re.compile(rb"(on[a-z]*)\s*=")

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


#: URL attributes on elements the link rewriter does not handle (MathML
#: allows href on every element, SVG on a few more, obsolete isindex had an
#: action): a script URL there is dropped.
_STRAY_HREF = (
    "[href]:not(a):not(area):not(link):not(base):not(image):not(use):not(feImage), "
    "[xlink\\:href]:not(a):not(image):not(use):not(feImage), "
    "[action]:not(form), [formaction]:not(input):not(button)"
)
#: A URL that runs script once the URL parser has removed tabs, newlines and
#: leading spaces or control characters (WHATWG URL 4.4).
_SCRIPT_SCHEME = re.compile(r"^(?:java|vb|live)script:|^data:", re.I)
_URL_NOISE = re.compile(r"[\x00-\x20]")

_SVG_ANIMATION = re.compile(rb"<(?:set|animate|discard)")
_SVG_ANIMATION_TAGS = frozenset(
    {"set", "animate", "animatemotion", "animatetransform", "animatecolor", "discard"}
)


#: Elements whose text the serialiser writes raw, where the parser did not read it raw.
_FOREIGN_RAW_TEXT = ", ".join(
    f"{ns} {tag}"
    for ns in ("svg", "math")
    for tag in ("style", "xmp", "iframe", "noembed", "noframes", "plaintext")
)


def _defuse_foreign_raw_text(tree: LexborHTMLParser) -> None:
    for node in tree.css(_FOREIGN_RAW_TEXT):
        if node.tag != "style":
            node.decompose()
            continue
        css = node.text(deep=True) or ""
        if "<" in css or node.css_first("style *") is not None:
            replace_text(tree, node, css.replace("<", "\\3c "))


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
    if tree.css_first("svg, math") is not None:
        _defuse_foreign_raw_text(tree)
    for node in tree.css(_STRAY_HREF):
        attrs = node.attrs
        for name in ("href", "xlink:href", "action", "formaction"):
            value = attrs.get(name)
            if value is not None and _SCRIPT_SCHEME.match(_URL_NOISE.sub("", value)):
                del attrs[name]
    for node in tree.css("[srcdoc], [ping]"):
        attrs = node.attrs
        for name in ("srcdoc", "ping"):
            if name in attrs:
                del attrs[name]
    root = tree.root
    if root is None:  # pragma: no cover - the parser always makes a root
        return
    # Handler attributes: the names in the source (known or invented, a few
    # per page) become one selector. Without the source, walk every element.
    walk_all = not ctx.source
    src = b"" if walk_all else ctx.source.encode("utf-8", "surrogatepass").lower()
    if not walk_all:
        names = {m.group(1).decode("ascii") for m in _HANDLER_LOWER.finditer(src)}
        if names:
            for node in tree.css(",".join(f"[{name}]" for name in sorted(names))):
                _strip_handlers(node)
    animations = walk_all or bool(_SVG_ANIMATION.search(src))
    doomed = []
    kept = 0
    # itertools.chain, not a generator of our own: a Python frame a node was
    # 0.4 ms of nfra's 10,000.
    before, after = _beside(root)
    for node in itertools.chain(before, root.traverse(include_text=False), after):
        if node.is_comment_node:
            doomed.append(node)
            text = node.comment_content or ""
            if (
                kept < _COMMENTED_LINKS_MAX
                and len(ctx.commented_links) < _COMMENTED_LINKS_COUNT
                and _may_hold_a_link(text)
            ):
                ctx.commented_links.append(text[: _COMMENTED_LINKS_MAX - kept])
                kept += len(text)
        elif node.is_element_node:
            if animations and (node.tag or "").lower() in _SVG_ANIMATION_TAGS:
                doomed.append(node)
            elif walk_all and any(k.lower().startswith("on") for k in node.attrs):
                _strip_handlers(node)
    for node in doomed:
        node.decompose()


def _beside(root: LexborNode) -> tuple[list[LexborNode], list[LexborNode]]:
    """The nodes the parser put beside ``<html>``, in the document itself: a comment
    before the doctype or after ``</html>`` (HTML 13.2.6.4.1 "initial" and "after
    after body"), in document order."""
    before = []
    node = root.prev
    while node is not None:
        before.append(node)
        node = node.prev
    after = []
    node = root.next
    while node is not None:
        after.append(node)
        node = node.next
    return before[::-1], after


def _may_hold_a_link(comment: str) -> bool:
    """Whether a removed comment may hold a link, and its text be kept for images.
    Substring tests, not re.IGNORECASE: nfra's 338 comments hold 98 KB, which the
    regex took 0.4 ms to read."""
    return "href" in comment or "HREF" in comment or "Href" in comment
