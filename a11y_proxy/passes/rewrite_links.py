"""Point every URL in the page back through the proxy, in the same mode.

Covers every URL-bearing place a browser acts on (HTML Standard attribute
index): ``href``, ``src``, ``srcset``, ``action``, ``formaction``, ``poster``,
``data``, ``background``, ``cite``, ``longdesc``, SVG ``href``/``xlink:href``,
CSS in ``style`` attributes and ``<style>`` elements, and ``<meta refresh>``.

``<base href>`` is honoured for resolution (the first one with an href, as
the standard says) and then removed: every URL written out is already
absolute, and a surviving ``<base>`` would send the proxy's own
``/{mode}/…`` paths to the portal. A form with no or an empty ``action``
submits to the document's URL, not the base (HTML "form submission" step 8).

Links to hosts that are not served stay direct and say so in their text, so
the accessible name tells a screen-reader user too (WCAG 3.2.5 "change on
request": the reader decides to leave the accessible view knowingly).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..charset import lookup, web_label
from ..context import PageContext
from ..dom import append, append_copy, before, clean_text, element, replace_text
from ..frame_names import frame_words
from ..link_policy import Kind, LinkPolicy
from ..rewrite_css import rewrite_css
from ..srcset import rewrite_srcset
from ..urls import resolve

EXTERNAL_CLASS = "a11y-proxy-external"
EXTERNAL_TEXT = "(外部网站,将离开无障碍浏览)"
#: Hidden field that tells the proxy a form came from a page in a legacy
#: encoding, so it can re-encode the submitted UTF-8 back (see web.forms).
CHARSET_FIELD = "__a11y_cs"

N, R, IMG, F = Kind.NAVIGATION, Kind.RESOURCE, Kind.IMAGE, Kind.FRAME

# tag -> ((attribute, kind), ...). srcset and style are handled separately.
_URL_ATTRS: dict[str, tuple[tuple[str, Kind], ...]] = {
    "a": (("href", N), ("xlink:href", N)),
    "area": (("href", N),),
    "link": (("href", R),),
    "img": (("src", IMG), ("lowsrc", IMG), ("longdesc", N)),
    "input": (("src", IMG), ("formaction", N)),
    "button": (("formaction", N),),
    "source": (("src", R),),
    "video": (("src", R), ("poster", IMG)),
    "audio": (("src", R),),
    "track": (("src", R),),
    "iframe": (("src", F),),
    "frame": (("src", F), ("longdesc", N)),
    "embed": (("src", F),),
    "object": (("data", F),),
    "body": (("background", IMG),),
    "table": (("background", IMG),),
    "thead": (("background", IMG),),
    "tbody": (("background", IMG),),
    "tfoot": (("background", IMG),),
    "tr": (("background", IMG),),
    "td": (("background", IMG),),
    "th": (("background", IMG),),
    "blockquote": (("cite", N),),
    "q": (("cite", N),),
    "del": (("cite", N),),
    "ins": (("cite", N),),
    "image": (("href", IMG), ("xlink:href", IMG)),
    "use": (("href", IMG), ("xlink:href", IMG)),
    "feimage": (("href", IMG), ("xlink:href", IMG)),
}
#: Every element with one of the URL attributes; the loop then takes only the
#: pairs its tag has. Ten attribute tests match ~30 % faster in Lexbor than
#: the 40 tag[attr] pairs.
_SELECTOR = ", ".join(
    sorted({f"[{attr.replace(':', chr(92) + ':')}]" for pairs in _URL_ATTRS.values() for attr, _ in pairs})
)

_REFRESH = re.compile(r"""^\s*[0-9.]*\s*[;,]?\s*(?:url\s*=\s*)?(["']?)(.*)$""", re.IGNORECASE | re.DOTALL)


class _ExternalMark:
    """Marks a link that leaves the accessible view, in its visible text and name.

    The mark is built once per page and copied onto each link: a portal's
    list of linked sites has hundreds.
    """

    def __init__(self, tree: LexborHTMLParser) -> None:
        self.tree = tree
        self._mark: LexborNode | None = None

    def __call__(self, node: LexborNode) -> None:
        node.attrs["rel"] = "noopener noreferrer"
        node.attrs["data-a11y-external"] = ""
        if node.tag == "area":
            alt = node.attrs.get("alt") or ""
            node.attrs["alt"] = f"{alt} {EXTERNAL_TEXT}".strip()
            return
        if self._mark is None:
            self._mark = external_mark(self.tree)
        append_copy(node, self._mark)


def external_mark(tree: LexborHTMLParser) -> LexborNode:
    """The words that say a link or a form's button leaves the accessible view.

    The proxy's words are Chinese whatever the page's language: a screen
    reader on an English page must not read them with an English voice
    (WCAG 3.1.2)."""
    return element(tree, "span", f" {EXTERNAL_TEXT}", class_=EXTERNAL_CLASS, lang="zh-CN")


def own_text(link: LexborNode) -> str:
    """A link's words (whitespace collapsed) without the external mark this pass
    added: the mark says that the link leaves, not where it goes, so later passes
    must not take it for the link's name."""
    text = clean_text(link)
    if "data-a11y-external" in link.attrs:
        return text.removesuffix(EXTERNAL_TEXT).rstrip()
    return text


def _set_base(tree: LexborHTMLParser, ctx: PageContext) -> None:
    first = True
    for base in tree.css("base"):
        href = base.attrs.get("href")
        if first and href is not None:
            resolved = resolve(ctx.url, href, ctx.url_encoding)
            if resolved is not None:
                ctx.base_url = resolved
            first = False
        base.decompose()


def _rewrite_refresh(meta: LexborNode, policy: LinkPolicy) -> None:
    content = meta.attrs.get("content") or ""
    m = _REFRESH.match(content)
    if not m:
        meta.decompose()
        return
    quote, rest = m.group(1), m.group(2)
    if quote and quote in rest:
        rest = rest[: rest.index(quote)]
    delay = re.match(r"\s*([0-9.]*)", content)
    seconds = delay.group(1) if delay and delay.group(1) else "0"
    if not rest.strip():
        # A bare timed reload of the same page: pointless through a cache and
        # disorienting for a screen-reader user (WCAG 2.2.1, 3.2.5).
        meta.decompose()
        return
    mapped = policy.map(rest, Kind.NAVIGATION)
    if mapped is None or mapped.external:
        meta.decompose()
        return
    meta.attrs["content"] = f"{seconds};url={mapped.url}"


def _replace_frame(
    tree: LexborHTMLParser, node: LexborNode, ref: str, policy: LinkPolicy, mark_external: _ExternalMark
) -> None:
    """An iframe from a host not served here becomes a marked link to it."""
    mapped = policy.map(ref, Kind.NAVIGATION)
    if mapped is None:
        node.decompose()
        return
    words = frame_words(node, ref)
    title = (node.attrs.get("title") or "").strip() or (words[0] if words else "嵌入的外部内容")
    para = before(node, element(tree, "p"))
    link = append(para, element(tree, "a", title, href=mapped.url))
    mark_external(link)
    node.decompose()


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    _set_base(tree, ctx)
    policy = ctx.policy()
    mark_external = _ExternalMark(tree)

    seen: set[int] = set()
    for node in tree.css(_SELECTOR):
        # A union selector yields an element once per matching part
        # (video[src], video[poster]): handle each element once.
        if node.mem_id in seen:
            continue
        seen.add(node.mem_id)
        tag = node.tag or ""
        attrs = node.attrs
        for attr, kind in _URL_ATTRS.get(tag, ()):
            ref = attrs.get(attr)
            if ref is None:
                continue
            if kind is not N and not ref.strip(" \t\n\r\x0c"):
                # An empty resource URL loads nothing (HTML: img "selected
                # source" empty, media "src" empty is an error, a link with an
                # empty href is not fetched); resolved, it would be the page
                # itself, fetched and rendered again as an image or a video.
                del attrs[attr]
                continue
            mapped = policy.map(ref, kind)
            if mapped is None:
                if kind is F and tag in ("iframe", "frame"):
                    _replace_frame(tree, node, ref, policy, mark_external)
                    break
                del attrs[attr]
                continue
            if mapped.external:
                if tag in ("a", "area"):
                    attrs[attr] = mapped.url
                    mark_external(node)
                else:
                    del attrs[attr]
                continue
            attrs[attr] = mapped.url

    for node in tree.css("[srcset]"):
        node.attrs["srcset"] = rewrite_srcset(node.attrs.get("srcset") or "", lambda u: policy.href(u, IMG))

    css_map = lambda u: policy.href(u, IMG)  # noqa: E731 - one closure for every CSS place
    # Every URL and every script-bearing construct in a declaration list has
    # a "(" (url(), expression()); Word-pasted pages carry hundreds of plain
    # style attributes, which the selector leaves out in C.
    for node in tree.css('[style*="("]'):
        style = node.attrs.get("style") or ""
        new = rewrite_css(style, css_map)
        if new != style:
            node.attrs["style"] = new
    for node in tree.css("style"):
        css = node.text(deep=True)
        new = rewrite_css(css, css_map)
        if new != css:
            replace_text(tree, node, new)

    for meta in tree.css("meta[http-equiv]"):
        if (meta.attrs.get("http-equiv") or "").strip().lower() == "refresh":
            _rewrite_refresh(meta, policy)

    _rewrite_forms(tree, ctx, policy)


def form_encoding(accept_charset: str | None, page_encoding: str) -> str:
    """The encoding a form's data is sent in: the first label of its
    ``accept-charset`` that names an encoding, else the page's (HTML "pick an
    encoding for the form"; UTF-16 is sent as UTF-8)."""
    for label in (accept_charset or "").split():
        codec = lookup(label)
        if codec is not None:
            return "utf-8" if codec.startswith("utf-16") else codec
    return page_encoding


def _rewrite_forms(tree: LexborHTMLParser, ctx: PageContext, policy: LinkPolicy) -> None:
    for form in tree.css("form"):
        attrs = form.attrs
        action = (attrs.get("action") or "").strip()
        # HTML form submission: an empty action is the document's URL, never the base URL.
        target = policy.map(action or ctx.url, Kind.NAVIGATION, base=ctx.base_url if action else ctx.url)
        if target is None:
            # javascript: actions and the like: the form cannot work without
            # the portal's script; submitting it to the page itself is harmless.
            target = policy.map(ctx.url, Kind.NAVIGATION)
        if target is None:  # pragma: no cover - the page URL is always served
            continue
        attrs["action"] = target.url
        codec = form_encoding(attrs.get("accept-charset"), ctx.url_encoding)
        if target.external:
            attrs["data-a11y-external"] = ""
            # The browser sends it there itself: from this UTF-8 page it would
            # send UTF-8 unless told the encoding the portal's page had.
            if codec != "utf-8":
                attrs["accept-charset"] = web_label(codec)
            elif "accept-charset" in attrs:
                del attrs["accept-charset"]
            continue
        if codec != "utf-8":
            # The browser submits UTF-8 (the page is served as UTF-8); this
            # field lets the proxy turn the data back into the portal's
            # encoding, which its search and query scripts expect.
            append(form, element(tree, "input", type="hidden", name=CHARSET_FIELD, value=codec))
        if "accept-charset" in attrs:
            del attrs["accept-charset"]
