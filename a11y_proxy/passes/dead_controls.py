"""Remove the article toolbar whose buttons only the portal's script made work.

Nearly every article page carries one: 【打印】【关闭窗口】, 【字体:大 中 小】,
我的收藏, 分享到:. Its buttons are spans, ``<button>``s and links whose action a
script bound (``onclick``, or jQuery on their id). With no upstream script they
do nothing, yet they still look like controls, a ``<button>`` still takes a
tab stop, and a reader who presses 关闭 or 大 gets no answer: a control must do
what its name says (WCAG 4.1.2, 3.2.4), and a dead one is worse than none for
an older reader who takes the page at its word. The browser prints, and the
proxy's own settings set the text size, so the toolbar goes.

Its share bar goes too when its buttons were script (Baidu's bdshare,
share.js, the CMS's 微信 微博 QQ空间 box): the networks' names (and 更多) are
toolbar words there, in a block that says 分享 or is named a share bar, and an
emptied share button takes the network's name printed after it. So does a
share button's popup of the portal's address as a code to scan into WeChat
(its h4 分享到微信 was one more heading to a screen reader). A share link
that leads somewhere stays, with its name.

A button that no form owns (HTML 4.10.6: a button's only action without
script is to submit, reset or open its form's popover or command target) does
nothing once the portal's script is gone either: the search box's "X", a
slideshow's arrows, a 检索 that only a script sent. It goes when it says
nothing but a symbol or toolbar words, and is left as its words otherwise
(a dead button's label still says something, as a dead script link's does).
So does a ``type=button`` in a form: HTML gives it no activation behaviour,
and the handler that gave it one is gone.
A submit input and an empty text field that no form owns go too: a search
box whose query only a script sent takes the reader's words and, on Enter,
does nothing (HTML implicit submission needs a form).

Judged on the words, not on the handlers (jQuery binds by id, leaving no trace
in the markup): an element whose text is only toolbar words and that holds
nothing that works without script (a link that goes somewhere, a form field,
a named picture) is removed, with the wrappers around it that hold nothing
else ("【", "字体:"). Never a heading, a data table's cell, anything in a form,
or the main content block itself. Script links (``javascript:``) are the links
pass's; this pass takes the toolbar around them.
"""

from __future__ import annotations

import functools
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import children, class_and_id, decompose_outermost
from ..table_forms import form_owner, labels_of
from .images import qr_hinted
from .markup_repair import remove_with_emptied_items
from .tables import LAYOUT_MARK

#: The words a toolbar is made of; a toolbar's text is nothing else.
_TOOLBAR = re.compile(
    r"(?:打印(?:本页|此页|文章|本文)?|关闭(?:本页|窗口|页面)?|(?:加入|我的)?收藏(?:本页)?|分享(?:到)?|"
    r"(?:字体|文字|字号)(?:大小|设置)?|默认|正常|标准|放大|缩小|复位|还原|重置|加大|减小|适中|超大|特大|[大中小]|"
    # The portal's own speech, which its script (and a cloud service) read out:
    # the proxy's 连读/指读 reads the page instead.
    r"语音播报|听全文|朗读(?:全文|本文)?)+"
)
#: Where a toolbar shares: the networks its script sent the page to. Words of
#: a share bar only, never alone: "微信" is also a caption, a column, a link
#: to the portal's own account.
_SHARE_TARGETS = r"新浪微博|腾讯微博|微博|微信|朋友圈|QQ空间|QQ好友|QQ|人人网|豆瓣|今日头条"
#: Words one of which the text of a page with a share bar holds.
_NETWORK_HINTS = ("微博", "微信", "QQ", "朋友圈", "人人网", "豆瓣", "头条")
#: "更多": the button that opened the rest of the networks (nfra's share-more).
_SHARE_BAR = re.compile(rf"(?:{_TOOLBAR.pattern}|{_SHARE_TARGETS}|更多)+", re.IGNORECASE)
#: A block its class or id names a share bar (Baidu's bdshare, share.js's
#: social-share, the CMS's share_box, fenxiang).
_SHARE_WORDS = ("share", "fenxiang")
_SHARE_NAME = re.compile("|".join(_SHARE_WORDS), re.IGNORECASE)
_SHARE_NAMED = ", ".join(f'[{attr}*="{word}" i]' for attr in ("class", "id") for word in _SHARE_WORDS)
#: What separates toolbar words: brackets, colons, bars, spaces.
_PUNCTUATION = re.compile(r"[\s【】\[\]()（）<>《》|｜/:：·•,，、;；\-—]+")
#: A toolbar holds at least one of these words (the single characters 大/中/小
#: alone are a rating in a table or a size in a list, not a toolbar).
_ANCHORS = ("打印", "关闭", "收藏", "分享", "字体", "字号", "听全文", "语音播报")


@functools.lru_cache(maxsize=64)
def _candidates(words: tuple[str, ...], skip_css: bool) -> str:
    """The selector for these words. Stylesheets are skipped when the page has
    any: a page with 180 KB of CSS in <style> elements took 1.3 ms to search,
    0.09 ms without them (the extra test costs time on pages that have none).
    Searching the source bytes for the words instead of the text cost more
    than it saved: a Chinese needle's first UTF-8 byte is in every other
    character of the page (0.9 ms on 340 KB)."""
    prefix = ":not(style)" if skip_css else ""
    return ", ".join(f'{prefix}:lexbor-contains("{word}")' for word in words)


#: What works without script: a link that leads somewhere, a form field, media.
_LIVE = (
    'a[href]:not([href="#"]):not([href=""]), input, select, textarea, iframe, object, embed, '
    'video, audio, img[alt]:not([alt=""])'
)
#: Never removed, never climbed past.
_STOP = frozenset(
    "html body main article form table thead tbody tfoot tr td th h1 h2 h3 h4 h5 h6 caption".split()
)


#: Longer than any toolbar: a paragraph that mentions 关闭, not a button.
_MAX_CHARS = 80


def _toolbar_words_only(node: LexborNode, words: re.Pattern[str] = _TOOLBAR) -> bool:
    dense = "".join(node.text(deep=True).split())
    if len(dense) > _MAX_CHARS:
        return False
    text = _PUNCTUATION.sub("", dense)
    return bool(text) and words.fullmatch(text) is not None


def _share_words_only(node: LexborNode) -> bool:
    """A share bar's words: the networks, with 分享 or in a block named a share bar."""
    return _toolbar_words_only(node, _SHARE_BAR)


def _inside_kept(node: LexborNode, main_id: int) -> bool:
    """Inside a form or a data table: such words there are the author's."""
    parent = node.parent
    while parent is not None:
        if parent.tag == "form" or (parent.tag == "table" and LAYOUT_MARK not in parent.attrs):
            return True
        if parent.mem_id == main_id:
            return False  # checked far enough: the main block holds no form around the toolbar
        parent = parent.parent
    return False


#: Buttons that act without script: a form's (its own, or named by form=),
#: and the HTML invokers (popovertarget, commandfor). A type=button does
#: nothing in a form either: only its handler, now gone, gave it a job.
_ORPHAN_CONTROLS = (
    "button:not([form]):not([popovertarget]):not([commandfor]), input:not([form]):not([type=hidden]),"
    " button[type=button i]:not([popovertarget]):not([commandfor]), input[type=button i]"
)
#: Input types that submit, reset or do nothing without a form.
_INPUT_BUTTONS = frozenset({"submit", "image", "button", "reset"})
#: Input types that still do something with no form: a CSS menu's checkbox, a
#: slider or a date picker the reader can still read and set.
_STANDALONE = frozenset(
    {
        "hidden",
        "checkbox",
        "radio",
        "range",
        "color",
        "date",
        "datetime-local",
        "month",
        "week",
        "time",
        "file",
    }
)
#: What a dead button may say and still be nothing: a close cross, arrows, dots.
_SYMBOLS = re.compile(r"[\s×xX✕✖⨯<>‹›«»←→↑↓▲▼◀▶●○·•|+\-]*")


def _orphan_controls(tree: LexborHTMLParser, remove_items: bool) -> None:
    doomed: list[LexborNode] = []
    for control in tree.css(_ORPHAN_CONTROLS):
        attrs = control.attrs
        kind = (attrs.get("type") or "").strip().lower()
        if kind != "button" and form_owner(tree, control) is not None:
            continue
        if control.tag == "input":
            if kind in _INPUT_BUTTONS:
                doomed.append(control)
            elif (
                kind not in _STANDALONE
                and not (attrs.get("value") or "").strip()
                and "readonly" not in attrs
                and "disabled" not in attrs
            ):
                # A search box whose query only a script sent (gz.gov.cn, nfra): Enter
                # submits nothing without a form, so typing into it is a trap.
                doomed.append(control)
                doomed.extend(labels_of(tree, control))
            continue
        words = " ".join(control.text(deep=True).split())
        if _SYMBOLS.fullmatch(words) or _toolbar_words_only(control):
            doomed.append(control)
        else:
            control.unwrap()
    remove_with_emptied_items(doomed, remove_items=remove_items)


#: Brackets left with nothing in them but a label, once the script links inside
#: went ("[字体:<a>大</a> <a>中</a> <a>小</a>]" in an article's date line becomes
#: "[字体:  ]"). \s takes in the no-break spaces portals pad with.
_EMPTY_BRACKETS = re.compile(r"[\[【［]\s*(?:[\u4e00-\u9fff]{1,4}\s*[:：]\s*)?[\]】］]")


#: A short bracket group in the page's text before the controls went: only then
#: can one be left empty (most pages have none, and are not walked again).
_SHORT_BRACKETS = re.compile(r"[\[【［][^\[\]【】［］]{0,16}([\]】］])")


def _empty_brackets(body: LexborNode, text: str) -> None:
    """The brackets of a toolbar set inside a line of text (the date line): the
    toolbar's words were links and went, the line stays, and so did its brackets."""
    closing = {m.group(1) for m in _SHORT_BRACKETS.finditer(text)}
    if not closing:
        return
    # One walk per closing bracket the text holds (each :lexbor-contains is one).
    selector = ", ".join(f':lexbor-contains("{c}")' for c in sorted(closing))
    hits = {n.mem_id: n for n in body.css(selector)}
    for node in hits.values():
        node.merge_text_nodes()
        for child in children(node):
            if not child.is_text_node:
                continue
            words = child.text_content or ""
            cleaned = _EMPTY_BRACKETS.sub("", words)
            if cleaned != words:
                child.replace_with(cleaned)


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    body = tree.body
    if body is None:  # pragma: no cover - the parser always makes a body
        return
    # The page's text in one call (0.1-0.5 ms), asked twice below.
    text = body.text(deep=True)
    main_id = ctx.main.mem_id if ctx.main is not None else -1
    remove_items = ctx.mode != "a11y"
    _toolbars(tree, ctx, text)
    _toolbar_icons(tree, main_id, remove_items)
    # After the toolbars: a toolbar of buttons goes whole, with its wrappers.
    _orphan_controls(tree, remove_items)
    _language_switches(tree, main_id, remove_items)
    _empty_brackets(body, text)


#: What a language switch a script made says: 繁 EN, 简体 | 繁體 | English.
_LANGUAGE_WORD = r"(?:繁體中文|繁体中文|简体中文|簡體中文|繁體|繁体|簡體|简体|繁|简|簡|中文|english|eng|en)"
_LANGUAGE_WORDS = re.compile(rf"{_LANGUAGE_WORD}+")
_ONE_LANGUAGE = re.compile(_LANGUAGE_WORD)


def _language_switches(tree: LexborHTMLParser, main_id: int, remove_items: bool) -> None:
    """A language switch whose choices are words a script made work: nfra.gov.cn's
    second header, <div class="lang"><div>繁</div><div>EN</div></div>, no link in
    it. Without the script they are two stray words ("繁", "EN") a screen reader
    reads and 纯文本 shows, choosing nothing (WCAG 4.1.2). A switch with links that
    lead to the other language's site stays (that is a link, not a script), and
    so does one word alone, which labels rather than switches ("EN" beside a file)."""
    for node in tree.css('[class*="lang" i], [id*="lang" i]'):
        if node.tag in _STOP or node.mem_id == main_id or node.parent is None:
            continue
        words = _PUNCTUATION.sub("", node.text(deep=True) or "").lower()
        if (
            words
            and _LANGUAGE_WORDS.fullmatch(words)
            and len(_ONE_LANGUAGE.findall(words)) >= 2
            and not _holds_live(node)
        ):
            remove_with_emptied_items([node], remove_items=remove_items)


def _toolbars(tree: LexborHTMLParser, ctx: PageContext, text: str) -> None:
    main_id = ctx.main.mem_id if ctx.main is not None else -1
    doomed: list[LexborNode] = []
    names: list[LexborNode] = []
    # Lexbor's :lexbor-contains tests each element's own text, in C, but each
    # word is a walk of the tree: only the words the page's text holds are
    # asked for (the six words cost 0.4-1.4 ms).
    words = tuple(word for word in _ANCHORS if word in text)
    candidates = [_candidates(words, tree.css_first("style") is not None)] if words else []
    # Share bars named so whose buttons were script (pingtan's share_box of 微信
    # 微博 QQ空间, xiangtan's bdsharebuttonbox): one walk, only on a page whose
    # text names a network.
    # (str's own search: the networks' regex over the text took 0.2 ms on nfra.)
    named = "分享" in words or any(network in text for network in _NETWORK_HINTS)
    if named:
        candidates.append(_SHARE_NAMED)
    if not candidates:
        return
    for node in tree.css(", ".join(candidates)):
        if node.tag in _STOP or node.mem_id == main_id:
            continue
        share = named and (
            _SHARE_NAME.search(class_and_id(node)) is not None or "分享" in node.text(deep=True)
        )
        test = _share_words_only if share else _toolbar_words_only
        empty_button = share and _empty_share_button(node)
        popup = share and not empty_button and _share_code_popup(node)
        if not (empty_button or popup or test(node)):
            continue
        if (not popup and _holds_live(node)) or _inside_kept(node, main_id) or _inside_link(node):
            continue
        if empty_button or popup:
            name = _network_named_after(node)
            if name is not None:
                names.append(name)
        # Take the wrappers that hold nothing but the toolbar ("【字体:" around the buttons).
        parent = node.parent
        while (
            parent is not None
            and parent.tag not in _STOP
            and parent.mem_id != main_id
            and test(parent)
            and not _holds_live(parent)
        ):
            node, parent = parent, parent.parent
        doomed.append(node)
    for name in names:
        name.decompose()
    # A toolbar found from two of its words is removed once; one inside
    # another removed toolbar goes with it.
    decompose_outermost(doomed)


def _toolbar_icon(node: LexborNode) -> bool:
    """A picture named with a toolbar word (gz.gov.cn's <img title="字体加大">, named
    from its title by the images pass): a button's icon, not content."""
    if node.tag != "img":
        return False
    alt = _PUNCTUATION.sub("", node.attrs.get("alt") or "")
    # A control's word, not a size alone: a photo may be named 大.
    return bool(alt) and _TOOLBAR.fullmatch(alt) is not None and any(word in alt for word in _ICON_WORDS)


def _holds_live(node: LexborNode) -> bool:
    """Whether something in the node works without script (a toolbar's icons do not)."""
    return any(not _toolbar_icon(item) for item in node.css(_LIVE))


#: A toolbar icon's name holds one of these.
_ICON_WORDS = (*_ANCHORS, "加大", "减小", "适中", "放大", "缩小", "朗读")
#: Wrappers an icon sits in, and that go with it when they hold nothing else.
_ICON_WRAPPERS = frozenset({"i", "span", "em", "b", "font", "a", "div", "p"})


def _toolbar_icons(tree: LexborHTMLParser, main_id: int, remove_items: bool) -> None:
    """A toolbar drawn in icons only (gz.gov.cn's 字体加大 字体适中 字体减小 打印 分享, each
    an <i><img title=…></i> whose script is gone): pictures that name a control that
    does nothing, read as images by a screen reader and as [图片:字体加大] in 纯文本."""
    doomed: list[LexborNode] = []
    for img in tree.css("img[alt]"):
        if not _toolbar_icon(img) or _inside_link(img) or _inside_kept(img, main_id):
            continue
        node = img
        parent = img.parent
        while (
            parent is not None
            and parent.tag in _ICON_WRAPPERS
            and parent.mem_id != main_id
            and not (parent.text(deep=True) or "").strip()
            and not _holds_live(parent)
        ):
            node, parent = parent, parent.parent
        doomed.append(node)
    remove_with_emptied_items(doomed, remove_items=remove_items)


def _inside_link(node: LexborNode) -> bool:
    """Part of a link that works: its words are its name (zjfgw's 分享到QQ好友,
    a share link whose name the images pass gave it from its title)."""
    parent = node.parent
    while parent is not None and parent.tag not in _STOP:
        if parent.tag == "a" and (parent.attrs.get("href") or "#") != "#":
            return True
        parent = parent.parent
    return False


#: What a share popup's help says: scan the code to share (用微信扫一扫…分享).
_SCAN_TO_SHARE = re.compile(r"扫一扫|扫码|扫描|二维码")


def _share_code_popup(node: LexborNode) -> bool:
    """A share button's popup that shows the portal's address as a code to scan
    into WeChat (share.js's wechat-qrcode: 分享到微信, the code, how to share it),
    which its script opened on hover. The code is the portal's page, not the
    accessible view, and the proxy's own code ends every page (phone_qr)."""
    text = "".join(node.text(deep=True).split())
    if not ("分享" in text and _SCAN_TO_SHARE.search(text)) or len(text) > _MAX_CHARS:
        return False
    pictures = node.css("img, svg, canvas")
    if not pictures or node.css_first("a[href], input, select, textarea, iframe, object, embed") is not None:
        return False
    return all(
        (pic.attrs.get("src") or "").startswith("data:") or qr_hinted(class_and_id(pic)) for pic in pictures
    )


def _empty_share_button(node: LexborNode) -> bool:
    """A share button emptied of its script link (the links pass takes it later;
    here it is all of the button), with no picture left."""
    return not (node.text(deep=True) or "").strip() and node.css_first("img, svg, canvas") is None


def _network_named_after(node: LexborNode) -> LexborNode | None:
    """The network's name printed after a share button, outside it (nfra's
    ``<span id="share-weibo"></span>微博``, its WeChat popup's 微信): it goes with the button."""
    after = node.next
    if after is None or not after.is_text_node:
        return None
    name = _PUNCTUATION.sub("", "".join((after.text_content or "").split()))
    return after if name and re.fullmatch(_SHARE_TARGETS, name, re.IGNORECASE) else None
