"""What the portal's script was to fill or draw, left empty: gone, or its fallback shown.

Portals write the frame of a section in the page and fill it from their
search API once the page has loaded; without upstream script it stays a frame.

- A list with nothing in it (gz.gov.cn's ``<ul id="ul_xggj"></ul>``, npc.gov.cn's
  相关稿件) is removed, and with it the label over it ("相关新闻", "相关附件"). The
  portal's own script hides the block when the list comes back empty
  (``if($("#ul_xggj").find("li").length==0){ $(".info_xgxw").hide(); }``), so a
  reader of the original never meets it. Read through the proxy, the label
  names nothing, and a screen reader still stops at it.
- A view counter whose number a script was to write ("浏览次数： ") goes.
- A ``<canvas>`` becomes its fallback content. HTML (4.12.5): "When scripting
  is disabled, a canvas element represents its fallback content". No upstream
  script runs here, so the canvas could only be a blank box (gz's 132×132 QR code).
- The caption of a QR code that a script was to draw ("扫一扫在手机打开当前页"),
  with no picture left in its block, is removed. It would caption nothing, and
  the proxy's own QR code (:mod:`a11y_proxy.passes.phone_qr`) ends every page.
  The element the script was to draw in is no picture, even where the
  portal's stylesheet still applies; nor is the code of the portal's own
  address that its script drew when the page was saved: it goes with its caption.
  纯文本 drops the portal's QR pictures, so it asks the same again
  (:func:`drop_orphan_qr_captions`).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import EMBEDDED_OR_CONTROLS, class_and_id, contains, decompose_outermost, dense_len, sibling
from .images import qr_hinted

#: What a label, a caption or a counter may not hold: a link, a picture, a control.
_LINK_OR_CONTENT = "a[href], " + EMBEDDED_OR_CONTROLS
#: Blocks that can be a section's frame or its label (not table parts, nor a
#: <dl>'s terms and descriptions: a table keeps its grid, a <dl> its groups).
_FRAMES = frozenset({"div", "section", "aside", "article", "li", "p", "span", "nav", "h2", "h3", "h4"})
#: A label is a few words ("相关新闻", "附件信息:"), not a paragraph.
_LABEL_CHARS = 16
#: The words a QR code's caption starts with ("扫一扫", "手机扫码", "微信扫描").
_SCAN = re.compile(r"^\s*(?:请?用?(?:手机|微信)?扫(?:一扫|码|描))")
#: What a QR code is drawn as, where one is left.
_PICTURES = "img, svg, picture, canvas, object, embed"
#: The elements a caption is written in.
_CAPTIONS = frozenset({"dd", "dt", "p", "span", "div", "li", "figcaption", "strong", "b", "em", "font"})
#: A caption, not a paragraph that mentions scanning.
_CAPTION_CHARS = 30


def _empty(node: LexborNode) -> bool:
    # A link or a picture first, in C: most lists are menus, and their text is
    # the slow question.
    return node.css_first("a, " + EMBEDDED_OR_CONTROLS) is None and not (node.text(deep=True) or "").strip()


def _is_label(node: LexborNode, holding: str = "ul, ol, dl, table, ") -> bool:
    """A few words and nothing else: no link, picture, control (or list of its own)."""
    return (
        node.is_element_node
        and node.tag in _FRAMES
        and dense_len(node.text(deep=True) or "") <= _LABEL_CHARS
        and node.css_first(holding + _LINK_OR_CONTENT) is None
    )


def _same_kind(a: LexborNode, b: LexborNode) -> bool:
    if not b.is_element_node or a.tag != b.tag:
        return False
    first_a = (a.attrs.get("class") or "").split()[:1]
    return bool(first_a) and first_a == (b.attrs.get("class") or "").split()[:1]


def _empty_lists(tree: LexborHTMLParser, main: LexborNode | None) -> list[LexborNode]:
    """The empty lists, each with its frame or label where that names only it."""
    doomed: list[LexborNode] = []
    for listing in tree.css("ul, ol, dl"):
        frame = listing.parent
        if frame is None or not _empty(listing):
            continue
        gone = listing
        # The label over it: the frame's only words.
        if _is_label(frame, holding="") and (main is None or not contains(frame, main)):
            gone = frame
        doomed.append(gone)
        # Or the label is the frame's sibling (pingtan's 文字解读 title above its
        # list's frame, both shown by one template condition). It goes when it
        # heads nothing else: the empty frame is the last thing under it, or
        # the next section's title follows (the same element, the same class).
        label = sibling(gone, forward=False)
        if label is None or not _is_label(label) or (main is not None and contains(label, main)):
            continue
        after = sibling(gone, forward=True)
        if after is None or _same_kind(label, after):
            doomed.append(label)
    return doomed


def _in_control(node: LexborNode) -> bool:
    """Words of a link or a button ("扫码下载" on an app's link) are its name."""
    parent = node.parent
    for _ in range(4):
        if parent is None:
            return False
        if parent.tag in ("a", "button", "label"):
            return True
        parent = parent.parent
    return False


def _caption_of(hit: LexborNode) -> LexborNode:
    """The whole caption around the words found: the outermost element that holds
    only it (<dd><span>扫一扫</span>在手机打开当前页</dd>), not the block beside
    it that a stylesheet may draw the code in (gz's ``<b class="qrcode-shb">``)."""
    node = hit
    parent = node.parent
    while (
        parent is not None
        and parent.tag in _CAPTIONS
        and dense_len(parent.text(deep=True) or "") <= _CAPTION_CHARS
        and all(
            child.tag == "br" or (child.text(deep=True) or "").strip()
            for child in parent.iter(include_text=False)
        )
        and parent.css_first(_LINK_OR_CONTENT) is None
    ):
        node, parent = parent, parent.parent
    return node


def _script_target(el: LexborNode, source: str) -> bool:
    """An empty element the page's own script names by its id (``$('#qrcodeCanvas')
    .qrcode(…)``, ``shareOnMobileId: "#qrcode"``, ``getElementById("qrcode")``):
    the script was to draw the code in it, not the stylesheet."""
    ident = el.attrs.get("id")
    if not ident or (el.text(deep=True) or "").strip():
        return False
    # Quoted as a selector or as the argument of a call: the id="…" attribute
    # itself is neither.
    return any(f"{q}#{ident}{q}" in source or f"({q}{ident}{q})" in source for q in "\"'")


def _picture_words(pic: LexborNode) -> str:
    """What says what a picture is: its class, id, address and alternative text."""
    return " ".join((class_and_id(pic), pic.attrs.get("src") or "", pic.attrs.get("alt") or ""))


def _has_picture(
    block: LexborNode, caption: LexborNode, css_drawn: bool, script_drawn: set[int], source: str
) -> bool:
    """Whether a QR code is left in ``block``: a picture, or (where the portal's
    stylesheet still applies) an element named for one that it draws as a
    background. A block that held a canvas had its code drawn by script, and an
    element the page's script names is that script's target: either is empty now."""
    if block.css_first(_PICTURES) is not None:
        return True
    if not css_drawn or block.mem_id in script_drawn:
        return False
    return any(
        qr_hinted(class_and_id(el))
        and not contains(caption, el)
        and not contains(el, caption)  # the caption's own frame ("article_qrcode"), not a picture
        and el.mem_id not in script_drawn
        and not _script_target(el, source)
        for el in block.css("[class], [id]")
    )


#: A caption of a code of this very page ("扫一扫在手机上查看当前页面", "手机扫一扫打开此页").
_THIS_PAGE = re.compile(r"当前页|此页|本页|该页")
#: A script that draws QR codes, loaded by the page (jquery.qrcode.js, qrcode.min.js).
_QR_LIBRARY = re.compile(r"<script\b[^>]*?\bsrc\s*=\s*[\"']?[^\"'\s>]*qr_?code[^\"'\s>/]*\.js", re.IGNORECASE)


def _page_code(block: LexborNode, text: str, captions_alone: bool) -> bool:
    """The portal's code of this page's own address, drawn by its script when the
    page was saved (a ``data:`` picture beside "手机扫一扫打开此页", in a block that
    says nothing else): it would take a phone to the portal's page, out of the
    accessible view, and the proxy's own code (:mod:`a11y_proxy.passes.phone_qr`)
    continues the page in its mode."""
    if block.tag in ("body", "html") or not _THIS_PAGE.search(text) or not captions_alone:
        return False
    pictures = block.css(_PICTURES)
    return bool(pictures) and all(
        pic.tag == "img" and (pic.attrs.get("src") or "").startswith("data:") for pic in pictures
    )


def _orphan_qr_captions(
    tree: LexborHTMLParser, css_drawn: bool, script_drawn: set[int], source: str = ""
) -> list[LexborNode]:
    body = tree.body
    if body is None:
        return []
    doomed: dict[int, LexborNode] = {}
    draws_codes: bool | None = None  # asked of the source once, where a caption needs it
    # Lexbor picks the elements whose own text holds the word, in C: asking each
    # block of a page for its text from Python costs more than this whole pass.
    for hit in body.css(':lexbor-contains("扫")'):
        if hit.tag not in _CAPTIONS:
            continue
        node = _caption_of(hit)
        if node.mem_id in doomed or node.parent is None:
            continue
        text = node.text(deep=True) or ""
        if not _SCAN.match(text) or dense_len(text) > _CAPTION_CHARS:
            continue
        if node.css_first(_LINK_OR_CONTENT) is not None or _in_control(node):
            continue
        # The QR block is the caption's parent, or its grandparent when the
        # parent holds the caption alone (<dl><dt>QR</dt><dd>caption</dd></dl>).
        block = node.parent
        captions_alone = dense_len(block.text(deep=True) or "") <= dense_len(text)
        if _page_code(block, text, captions_alone):
            doomed[block.mem_id] = block
            continue
        # A code of this page's address, where the page loads a script that
        # draws codes: that script was to draw it, at the address it runs at,
        # in whatever box it names (xiangtan's <div id="qr_container">, the
        # caption's own box, named in its external base.js), not the portal's
        # stylesheet, which cannot know the address; unless a QR picture stands
        # beside the caption (the block's other pictures are the article's).
        by_script = False
        if _THIS_PAGE.search(text) and not any(qr_hinted(_picture_words(p)) for p in block.css(_PICTURES)):
            if draws_codes is None:
                draws_codes = _QR_LIBRARY.search(source) is not None
            by_script = draws_codes
        if not by_script and _has_picture(block, node, css_drawn, script_drawn, source):
            continue
        # Where the script was to draw the code beside the caption (its target, or
        # the canvas it drew in, is in the block), the block is the code's: the
        # pictures further up are the page's, not this code's.
        drawn_here = (
            by_script
            or block.mem_id in script_drawn
            or any(qr_hinted(class_and_id(el)) and _script_target(el, source) for el in block.css("[id]"))
        )
        if captions_alone and not drawn_here:
            grand = block.parent
            if grand is not None and _has_picture(grand, node, css_drawn, script_drawn, source):
                continue
        if node.tag in ("dt", "dd") and block.tag == "dl":
            # A term or a description alone breaks its list (HTML: a <dl> is groups
            # of both): the list goes whole when the caption is all it says.
            if not captions_alone:
                continue
            node = block
        elif (
            drawn_here
            and captions_alone
            and block.tag not in ("body", "html")
            and block.css_first(_LINK_OR_CONTENT) is None
        ):
            node = block  # the caption and the empty frame the code was to be drawn in
        doomed[node.mem_id] = node
    return list(doomed.values())


def drop_orphan_qr_captions(tree: LexborHTMLParser) -> None:
    """Remove each QR code's caption whose block has no picture left, on a page
    whose own stylesheets are gone (纯文本)."""
    decompose_outermost(_orphan_qr_captions(tree, css_drawn=False, script_drawn=set()))


#: A view counter's label ("浏览次数：", "点击量:"): its number comes from a
#: script, or a placeholder stands in for it ("-").
_COUNTER_WORDS = (
    "浏览次数",
    "浏览量",
    "点击数",
    "点击量",
    "点击率",
    "阅读次数",
    "阅读量",
    "访问量",
    "访问次数",
)
_COUNTER = re.compile(r"^\s*(?:" + "|".join(_COUNTER_WORDS) + r")\s*[:：]?\s*-?\s*$")


def _empty_counters(tree: LexborHTMLParser) -> list[LexborNode]:
    """A view counter whose number no script fills: "浏览次数： " says nothing. Read
    only where the page's text has the words: asked of the body's text (0.02-0.3 ms
    in one call), not of the source, where nine Chinese words cost 2.4 ms on
    nfra's 330,000 characters of markup and script."""
    body = tree.body
    if body is None:
        return []
    text = body.text(deep=True)
    words = [w for w in _COUNTER_WORDS if w in text]
    if not words:
        return []
    doomed: list[LexborNode] = []
    for node in body.css(", ".join(f':lexbor-contains("{w}")' for w in words)):
        # The label and its empty value (or its "-") in one element, zjfgw's
        # <span>浏览次数： </span>, with no link, picture or control in it.
        if _COUNTER.match(node.text(deep=True) or "") and node.css_first(_LINK_OR_CONTENT) is None:
            doomed.append(node)
    return doomed


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    script_drawn: set[int] = set()
    for canvas in tree.css("canvas"):
        parent = canvas.parent
        for _ in range(3):
            if parent is None:
                break
            script_drawn.add(parent.mem_id)
            parent = parent.parent
        canvas.unwrap(delete_empty=True)  # its children move out: later canvases stay alive
    # Found first, removed after: a frame or label may hold a list found later.
    decompose_outermost([*_empty_lists(tree, ctx.main), *_empty_counters(tree)])
    # 无障碍 keeps the portal's stylesheets, which may draw a code as a background;
    # 适老版 and 纯文本 drop them.
    css_drawn = ctx.mode == "a11y"
    decompose_outermost(_orphan_qr_captions(tree, css_drawn, script_drawn, ctx.source))
