"""Remove what moves, floats over the text or only counts visitors.

WCAG 2.2.2 (pause, stop, hide): ``<marquee>`` and ``<blink>`` become still
text; autoplaying media stop autoplaying (1.4.2). Floating windows (飘窗),
couplet ads (对联) and pop-up layers cover the text a low-vision reader has
magnified and trap screen-reader focus: removed. Frames that only carry a
counter, an ad or a tracking pixel are removed; other frames keep a title
(4.1.2). A ``<video>`` or ``<audio>`` with nothing to play (a script template's
``src=""``, or a source on a host not served, which the link rewriter has
dropped) is removed: an empty player offers controls that do nothing, and a
screen reader announces it as media all the same.

Pages an AngularJS portal rendered before they were saved or served keep
the state its script left: blocks marked ``ng-hide`` (and ``ng-cloak``) are
hidden only by the stylesheet angular.js injects when it runs
(``.ng-hide{display:none!important}``). With no upstream script that sheet
never comes, and every hidden copy, tab and drop-down would show and be read
(the NFRA page holds its whole notice twice). They were never on screen, so
they are removed.

Flash plays nowhere since 2021: a Flash ``<object>``/``<embed>`` becomes
what it offers instead, without the "get Adobe Flash Player" box.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import class_and_id, decompose_outermost, dense_len, has_child_elements, inside_any, rename
from ..frame_names import frame_words
from ..main_content import is_hidden
from ..wording import say

#: class/id words of floating windows, couplet ads and pop-up layers.
_FLOATING_WORDS = re.compile(
    r"piao|float(?:ing)?(?:win|ad|box|layer)|couplet|duilian|dl_ad|popup|pop-up|pop_up|"
    r"(?:^|[-_\s])(?:tanchuang|tc_box|modal|layer_?ad|ad_?layer|fixed_?ad)(?:$|[-_\s])",
    re.IGNORECASE,
)
_POSITIONED = re.compile(r"position\s*:\s*(?:absolute|fixed)", re.IGNORECASE)
_Z_INDEX = re.compile(r"z-index\s*:\s*(\d+)", re.IGNORECASE)
#: The name a frame gets that its page named nothing.
FRAME_TITLE = "嵌入的网页内容"
FRAME_TITLE_EN = "Embedded page"
#: iframe sources that are counters, analytics or ads.
_TRACKER_FRAME = re.compile(
    r"(?:count|counter|tongji|stat|cnzz|51\.la|baidu\.com/hm|analytics|/ad[sv]?/|adserver|doubleclick|tracker)",
    re.IGNORECASE,
)


_FLOAT_TAGS = frozenset(("div", "table", "span", "a", "section", "aside"))
#: Pre-selection in Lexbor: only the elements that can float whose class, id or
#: style could make them floating. The tags first, in their own :is(): an
#: element of another tag is then tested once, not against each of the 25
#: attribute tests (0.24 against 0.41 ms a corpus page on average; 0.29
#: against 0.69 on pingtan-2023).
_CANDIDATES = ":is({}):is({})".format(
    ", ".join(sorted(_FLOAT_TAGS)),
    ", ".join(
        [
            f'[{attr}*="{word}" i]'
            for attr in ("class", "id")
            for word in (
                "piao",
                "float",
                "couplet",
                "duilian",
                "dl_ad",
                "pop",
                "tanchuang",
                "tc_box",
                "modal",
                "layer",
                "fixed_ad",
                "fixedad",
            )
        ]
        + ['[style*="position" i]']
    ),
)


def is_floating(node: LexborNode) -> bool:
    """A floating window or pop-up layer: named so, or positioned over the page with a z-index."""
    if _FLOATING_WORDS.search(class_and_id(node)):
        return True
    style = node.attrs.get("style") or ""
    if _POSITIONED.search(style):
        z = _Z_INDEX.search(style)
        return z is not None and int(z.group(1)) >= 100
    return False


def _tiny(node: LexborNode) -> bool:
    for attr in ("width", "height"):
        value = (node.attrs.get(attr) or "").strip().rstrip("px")
        if value.isdecimal() and int(value) <= 2:
            return True
    style = (node.attrs.get("style") or "").lower().replace(" ", "")
    return "display:none" in style or "visibility:hidden" in style


#: A hidden block with this many links is a tab panel or a drop-down menu a
#: script would have shown, and with this much text, content a script reveals:
#: kept (the modes that drop the portal's styles show them).
_HIDDEN_KEPT_LINKS = 3
_HIDDEN_KEPT_CHARS = 200


def _remove_hidden_state(tree: LexborHTMLParser) -> None:
    """Blocks the portal's own markup hides (inline ``display:none``) that only a
    script would ever show in another state: the logged-in greeting and 退出
    while logged out, a "you are leaving the site" dialog, data a script reads
    (zjfgw's ``#hiddenLocation``: "3185发展改革工作/col/col1599522/index.html…"),
    294 department addresses behind their own links (shanxi.gov.cn). They were
    never on screen; 纯文本 and 适老版 drop the portal's styles, and showed and
    read them."""
    doomed: list[LexborNode] = []
    # Both words asked of Lexbor: Word-pasted tables say "border:none" in every
    # cell (asking for "none" alone cost 1.2 ms of Python on an annual report).
    # A case-blind regex over the source first, to skip the walk, cost more than
    # the walk (1.2 ms on a 48 KB page: no literal prefix to search for).
    for node in tree.css('[style*="display" i][style*="none" i], [style*="visibility" i][style*="hidden" i]'):
        if node.tag in ("html", "body") or not is_hidden(node) or "hidden" in node.attrs:
            continue
        if dense_len(node.text(deep=True)) >= _HIDDEN_KEPT_CHARS or (
            # Most are leaves (shanxi's 294 <li style="display:none">address</li>):
            # no links to count.
            has_child_elements(node) and len(node.css("a[href]")) >= _HIDDEN_KEPT_LINKS
        ):
            continue
        doomed.append(node)
    decompose_outermost(doomed)


#: Flash plays nowhere: Adobe ended it on 2020-12-31 and browsers removed the
#: plug-in, so a Flash object shows its fallback content, which on a page made
#: with Dreamweaver is a "需要较新版本的 Adobe Flash Player" box and a button to an
#: installer that no longer exists, once per object (macau's menu: six of them).
_FLASH_CLASSID = "d27cdb6e-ae6d-11cf-96b8-444553540000"
_GET_FLASH = re.compile(
    r"(?:adobe|macromedia)\.com/(?:go/getflash|shockwave/download)|get\.adobe\.com/flash", re.IGNORECASE
)


def _is_flash(node: LexborNode) -> bool:
    attrs = node.attrs
    if (
        "shockwave-flash" in (attrs.get("type") or "").lower()
        or _FLASH_CLASSID in (attrs.get("classid") or "").lower()
    ):
        return True
    urls = [attrs.get("data"), attrs.get("src")]
    urls += [p.attrs.get("value") for p in node.css('param[name="movie" i], param[name="src" i]')]
    return any(url and url.split("?", 1)[0].lower().endswith(".swf") for url in urls)


def _remove_flash(tree: LexborHTMLParser) -> None:
    """Each Flash object becomes its fallback content without the Flash installer's
    box: what the page offers instead (a picture, a link) stays."""
    flash = [node for node in tree.css("object, embed") if _is_flash(node)]
    if not flash:
        return
    ids = {node.mem_id for node in flash}
    outermost = [node for node in flash if not inside_any(node, ids)]
    for obj in outermost:
        boxes = []
        for link in obj.css("a[href]"):
            if _GET_FLASH.search(link.attrs.get("href") or ""):
                box = link
                while box.parent is not None and box.parent.tag not in ("object", "embed"):
                    box = box.parent
                boxes.append(box)
        decompose_outermost([*boxes, *obj.css("param")])
        # Innermost first, the object itself last (a node's css() holds the node):
        # each unwrap moves the children out of a live node.
        for inner in reversed(obj.css("object, embed")):
            inner.unwrap(delete_empty=True)


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    _remove_flash(tree)
    for node in tree.css(".ng-hide, [ng-cloak], .ng-cloak"):
        node.decompose()
    _remove_hidden_state(tree)
    for node in tree.css("marquee"):
        rename(tree, node, "p")
    for node in tree.css("blink"):
        node.unwrap()
    for node in tree.css("video, audio"):
        if not (node.attrs.get("src") or "").strip() and node.css_first("source[src]:not([src=''])") is None:
            node.decompose()
        elif "autoplay" in node.attrs:
            del node.attrs["autoplay"]
            node.attrs["controls"] = ""
    decompose_outermost(n for n in tree.css(_CANDIDATES) if n.tag in _FLOAT_TAGS and is_floating(n))
    for frame in tree.css("iframe, frame"):
        src = frame.attrs.get("src") or ""
        if not src or _TRACKER_FRAME.search(src) or _tiny(frame):
            frame.decompose()
        elif not (frame.attrs.get("title") or "").strip():
            words = frame_words(frame, src)
            frame.attrs["title"] = say(tree, *words) if words else say(tree, FRAME_TITLE, FRAME_TITLE_EN)
