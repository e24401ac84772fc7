"""Links that say where they go (WCAG 2.4.4, 4.1.2) and when they open a new window (3.2.5).

- "更多", "more", "详细", ">>" next to a block title become "更多:要闻动态";
- a link with no text and no named image is named from its ``title``, or
  removed from the tab order's way if it has nothing at all;
- a link that opens a new window (``target="_blank"``, or a window name no
  frame on the page has) is announced with "(在新窗口打开)" in its text in
  无障碍 mode, which keeps the portal's behaviour (WCAG technique G201). In
  适老版 and 纯文本 the target is removed, from links and forms alike: the
  page opens in the same tab, where the Back button leads back (3.2.5, G200:
  new windows only when necessary). A new tab on a phone hides the way back,
  and older readers lose the page they came from;
- links whose ``javascript:`` action was removed (font size, print, close,
  favourite, share) are dropped: the browser and the proxy's own controls do
  these things; any other former script link keeps its words as plain text.
  So do links to ``#`` alone, the address a script-bound control is given so
  that it looks like a link (gz.gov.cn's 语言, 手机端, 微信 and 微博 headings
  over their drop-downs; npc.gov.cn's 电脑版): without the script they only
  jump to the top of the page (HTML's "top of the document"), which is not
  what their words say (WCAG 2.4.4, 3.2.4). One whose words say "top"
  (返回顶部, TOP) does what it says and stays.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import append, append_copy, before, clean_text, element, prepend
from ..wording import chinese_page, say
from .images import PAGE_NUMBER, TWIN_MARK
from .markup_repair import SEPARATORS, remove_with_emptied_items
from .rewrite_links import EXTERNAL_CLASS, own_text

#: The words of a "more" link beside a block's title, the arrows after them
#: included ("更多>>", "more+"). One list: headings and tab_panels find the
#: same links by it before this pass names them.
_MORE_WORDS = r"更多|more|查看更多|>>|»"
MORE = re.compile(rf"^\s*(?:{_MORE_WORDS})\s*[>》»+]*\s*$", re.IGNORECASE)
#: Link words that say nothing of where the link goes (WCAG 2.4.4).
_AMBIGUOUS = re.compile(
    rf"^\s*(?:{_MORE_WORDS}|详细|详情|点击查看|点击这里|这里|here|进入)\s*[>》»+]*\s*$", re.IGNORECASE
)
NEW_WINDOW = "(在新窗口打开)"
NEW_WINDOW_EN = "(opens in a new window)"
_SCRIPT_ONLY = re.compile(
    r"^\s*(?:大|中|小|打印|打印本页|关闭|关闭窗口|收藏|加入收藏|分享|分享到|返回顶部|顶部|字体|\[?字号|默认|"
    r"设为首页|放大|缩小|复位|重置|正常|标准|还原|\[?\s*[大中小]\s*\]?|"
    # A script that converts the page to traditional characters (or back).
    # (www.jiangsu.gov.cn's header: 简 | 繁, each a javascript:zh_tran() link.)
    r"(?:切换到|切換到)?\s*(?:繁體|繁体|简体|簡體|繁|简|簡)(?:中文)?(?:版|网站|網站)?|"
    # The account links of a portal's top bar, which open a script's login dialog
    # (the seed portal's <a href="javascript:void(0)" onclick="login()">登录</a>):
    # nothing a reader of the proxy can sign in to. One with an address stays.
    r"(?:用户|个人)?(?:登录|注册|登录\s*/?\s*注册|退出|退出登录|注销)|"
    # The speech of the portal's overlay, which a script started: the proxy has its own.
    # (Its mode switches are portal_overlay's.)
    r"语音(?:播报|朗读)|朗读|"
    # The switch between a portal's phone and desktop layouts (npc.gov.cn's
    # <a id="godesktop" href="#">电脑版</a>): the proxy lays the page out for each.
    r"(?:电脑|桌面|手机|触屏|移动)版)\s*$"
)
#: The words of a link to "#" that does what it says: the top of the page.
_TOP = re.compile(
    r"^\s*(?:(?:(?:返回|回到|回)?(?:页面)?顶部|(?:back\s+to\s+)?top)\s*[↑▲]?|[↑▲])\s*$", re.IGNORECASE
)
#: Title-like elements of a block, the chosen tab of a tab strip among them
#: (<li class="on">要闻动态</li>: the "more" link goes to that tab's list).
_BLOCK_TITLE = (
    "h1, h2, h3, h4, [class*=tit], [class*=title], [class*=hd], [class*=head], "
    "li.on, li.active, span, strong, b"
)
#: A date or a number is what an item says, never what a block is called.
_NOT_A_TITLE = re.compile(r"^[\d\s\-/.:年月日()（）\[\]]+$")


def _section_title(link: LexborNode) -> str:
    """The title of the block a "more" link belongs to: nearest preceding title-like text."""
    container = link.parent
    for _ in range(4):
        if container is None:
            return ""
        for candidate in container.css(_BLOCK_TITLE):
            if candidate.mem_id == link.mem_id or candidate.css_first("a") is not None:
                continue
            text = clean_text(candidate)
            if 2 <= len(text) <= 20 and not _AMBIGUOUS.match(text) and not _NOT_A_TITLE.match(text):
                return text
        container = container.parent
    return ""


def _add_words(link: LexborNode, words: LexborNode) -> None:
    """Words that belong to the link's own name go before the proxy's external mark."""
    mark = link.css_first(f".{EXTERNAL_CLASS}") if "data-a11y-external" in link.attrs else None
    if mark is not None:
        before(mark, words)
    else:
        append(link, words)


def _drop_with_separator(link: LexborNode, *, remove_items: bool) -> None:
    """Remove a dead script link and the separator that stood between it and its
    neighbour ("简体|繁体|无障碍浏览" must not become "||无障碍浏览"), and the list
    item it leaves empty (shanxi.gov.cn's <li> of 切換到繁體)."""
    # A bare space strips to "", which is no separator: it is left alone.
    for side in (link.next, link.prev):
        if side is not None and side.is_text_node and (side.text_content or "").strip() in SEPARATORS:
            side.decompose()
            break
    remove_with_emptied_items([link], remove_items=remove_items)


def _goes_to_top(link: LexborNode) -> bool:
    """Whether a link to "#" says it goes to the top of the page, by its words or its picture's."""
    words = clean_text(link) or " ".join((img.attrs.get("alt") or "") for img in link.css("img"))
    return _TOP.match(words) is not None


#: All a pager says besides its numbers: 上一页 下一页 首页 尾页, 共 25 页, 跳转到 … GO.
_PAGER_WORDS = re.compile(
    r"[上下首尾末前后]一?页|共|第|页|条|记录|当前|跳转|转到|到|go|\d|[\s\[\]【】()（）〔〕|｜/.,，:：…<>«»‹›]",
    re.IGNORECASE,
)


def _name_page_number(link: LexborNode, text: str, pagers: dict[int, bool], tree: LexborHTMLParser) -> None:
    """A pager's link of a bare number ("【2】", "3") says "第【2】页" to a screen reader:
    it said "link 2", with nothing to say it is a page (WCAG 2.4.4), where the pager
    the proxy writes says 第2页. The words around the number are hidden on screen
    and the number stays whole in the name, as voice control needs it (2.5.3).
    Only in a pager: two or more such links in one box (or list) that says
    nothing but a pager's words (a paragraph with two footnote numbers is none)."""
    page = PAGE_NUMBER.match(text)
    if page is None or "aria-label" in link.attrs or "data-a11y-external" in link.attrs:
        return
    box = link.parent
    if box is not None and box.tag == "li":
        box = box.parent
    if box is None:
        return
    known = pagers.get(box.mem_id)
    if known is None:
        numbers = sum(1 for a in box.css("a[href]") if PAGE_NUMBER.match(own_text(a)))
        known = pagers[box.mem_id] = numbers >= 2 and not _PAGER_WORDS.sub("", clean_text(box))
    if known:
        if chinese_page(tree):
            prepend(link, element(tree, "span", "第", class_="a11y-proxy-sr"))
            append(link, element(tree, "span", "页", class_="a11y-proxy-sr"))
        else:
            prepend(link, element(tree, "span", "Page ", class_="a11y-proxy-sr"))


def _has_name(link: LexborNode, text: str) -> bool:
    """Whether the link has an accessible name: ``text`` (its visible text), a label, an image's alt."""
    if text:
        return True
    if (link.attrs.get("aria-label") or "").strip():
        return True
    return any((img.attrs.get("alt") or "").strip() for img in link.css("img"))


def opens_new_window(target: str | None, frames: frozenset[str]) -> bool:
    """HTML "rules for choosing a navigable": ``_blank``, and a name no navigable
    has (here: no frame on the page), open a new one; ``_self``, ``_parent`` and
    ``_top`` stay in this tab (the proxy's pages are never framed)."""
    name = (target or "").strip()
    if not name or name.lower() in ("_self", "_parent", "_top"):
        return False
    return name.lower() == "_blank" or name not in frames


def frame_names(tree: LexborHTMLParser) -> frozenset[str]:
    """The names of the page's own navigables: a target naming one stays in the page."""
    return frozenset(
        (f.attrs.get("name") or "").strip() for f in tree.css("iframe[name], frame[name], object[name]")
    )


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    new_window: LexborNode | None = None
    new_window_name = NEW_WINDOW
    same_tab = ctx.mode != "a11y"
    name_class = "a11y-proxy-sr" if ctx.mode == "a11y" else "a11y-proxy-name"
    frames = frame_names(tree)
    if same_tab:
        for node in tree.css("form[target], area[target]"):
            if opens_new_window(node.attrs.get("target"), frames):
                del node.attrs["target"]
    pagers: dict[int, bool] = {}
    svg_links = {a.mem_id for a in tree.css("svg a")} if tree.css_first("svg") is not None else set()
    for link in tree.css("a"):
        if link.mem_id in svg_links:
            continue  # SVG links (xlink:href) are graphics, named by their text
        href = link.attrs.get("href")
        if href is None or (href.strip() == "#" and not _goes_to_top(link)):
            text = clean_text(link)
            if href is None and not text and (link.attrs.get("name") or link.attrs.get("id")):
                continue  # a fragment target (<a name="top">), not a control
            if _SCRIPT_ONLY.match(text) or not (text or link.css_first("img[alt]:not([alt=''])")):
                _drop_with_separator(link, remove_items=ctx.mode != "a11y")
            else:
                link.unwrap()  # its words, or its named picture, stay
            continue
        text = own_text(link)
        if text:
            _name_page_number(link, text, pagers, tree)
        if text and _AMBIGUOUS.match(text):
            section = _section_title(link)
            if section:
                _add_words(link, element(tree, "span", f":{section}", class_="a11y-proxy-context"))
        if not _has_name(link, text) and TWIN_MARK not in link.attrs:
            # A title, or the alt some templates put on the link itself
            # (<a alt="微博"><i class="icon"></i></a>): the author's name for it.
            title = (link.attrs.get("title") or link.attrs.get("alt") or "").strip()
            if title:
                # Hidden where the portal's look is kept (its icon shows); shown where
                # the proxy lays the page out, which has no icon to show (2.5.3).
                _add_words(link, element(tree, "span", title, class_=name_class))
            else:
                # Nothing to say where it goes: not a link worth stopping on.
                link.decompose()
                continue
        if opens_new_window(link.attrs.get("target"), frames):
            if same_tab:
                del link.attrs["target"]
                continue
            if new_window is None:
                new_window = element(tree, "span", NEW_WINDOW, class_="a11y-proxy-sr", lang="zh-CN")
                # A name is read in the link's language (wording), the span's words in Chinese.
                new_window_name = say(tree, NEW_WINDOW, NEW_WINDOW_EN)
            append_copy(link, new_window)
            label = (link.attrs.get("aria-label") or "").strip()
            if label:
                # A name overrides the link's words, the span's among them
                # (accname: aria-label before content): the name says it too.
                link.attrs["aria-label"] = f"{label} {new_window_name}"
