"""What is left of the portal's own accessibility overlay: its switches lead to the proxy's modes,
its help for shortcut keys goes.

Portals carry a script toolbar (the "无障碍浏览" of the 信息无障碍 overlays,
the "长者模式"/"关怀版" switch of the 适老化 retrofit). The proxy runs none of
that script, so what the page still says about it is wrong for the reader:

- **Switches.** A link or button whose whole name is the overlay's
  (无障碍浏览, 网站无障碍开关, 长者模式, 关怀版, 适老版 …) did nothing but start
  the script, or led to the portal's page that starts it. A reader who knows
  where the portal put its 适老版 switch presses it and must get 适老版: each
  becomes a link to this page in the proxy's mode that it names, in the
  portal's words and place. The switch to the mode the page is already in
  goes, as do "退出长者模式" and the other ways back out of the overlay (the
  proxy bar's mode links do that). WCAG 3.2.4: a control named for a
  function does that function.
- **Help for its keys.** The overlays announce their shortcut keys: "按 alt
  加 4 打开导航区 … 按 alt 加 9 退出无障碍服务", often as ``role="alert"``
  that a screen reader reads out on arrival (gz.gov.cn), or as a link at the
  end of the page (nfra: "按Alt+~键打开导盲模式"). None of those keys does
  anything here, and the alert talks over the reader's own screen reader
  (WCAG 4.1.3 status messages must be true; 2.2.4 interruptions): the words
  go, and an element that held nothing else goes with them. So do the names
  it gives the page's parts for its keys ("您已进入工具栏服务区" on a list, on a
  block it made a tab stop for that).

Runs after ``rewrite_links`` (the links this pass writes are already the
proxy's) and before ``links``, which names what is left.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import EMBEDDED_OR_CONTROLS, before, contains, element
from ..modes import Mode
from .markup_repair import remove_with_emptied_items

SWITCH_CLASS = "a11y-proxy-switch"
#: The overlay's names for each view the proxy has, whole.
_NAMES: dict[Mode, str] = {
    "a11y": r"(?:网站)?无障碍(?:浏览|阅读|模式|版|服务|工具条?|开关)?|盲人(?:模式|版)|读屏(?:模式|版)"
    r"|导盲模式",
    "elder": r"适老(?:化|版|模式|化版|化模式|助手)|关怀(?:版|模式)|长者(?:模式|版|助手)|长辈(?:版|模式)"
    r"|老年(?:人)?(?:版|模式)|关爱版",
    "text": r"纯文本(?:版|模式|浏览)?|文本(?:版|模式)|无图(?:版|模式)",
}
_SWITCH = re.compile(
    r"(?P<leave>(?:退出|关闭|离开)\s*)?(?:" + "|".join(f"(?P<{m}>{p})" for m, p in _NAMES.items()) + ")"
)
#: Going back from the elder view to the portal's usual one.
_BACK = re.compile(r"(?:返回|切换到?)?\s*(?:标准|普通|常规)(?:版|模式)")
#: What is left around a switch's words: brackets, separators.
_TRIM = re.compile(r"[\s【】\[\]()（）|｜·•]+")
#: Longer than any switch's name ("【退出长者模式】"), spaces and brackets included.
_MAX_SWITCH_CHARS = 16
#: A way out of the overlay: the proxy bar's mode links do that.
LEAVE: Final = "leave"

#: Help for the overlay's keys: "按 alt 加 4", "Alt+~", and its modes' names.
_KEY_HELP = re.compile(
    r"按\s*(?:alt|shift|ctrl)\s*(?:加|\+)|(?:alt|shift|ctrl)\s*(?:\+|加)\s*(?:[~`?？\d]|波浪|问号|右键|方向)"
    r"|智能盲道|导盲模式|^\s*您已进入",
    re.I,
)
#: The overlays' names for the page's parts ("您已进入工具栏服务区", "您已进入首页及一级栏目导航区"):
#: its own announcement of where its keys had taken the reader, on a list or a
#: block made a tab stop for it.
_ENTERED = "您已进入"
_HELP_ATTRS = ("aria-label", "title", "alt", "aria-description")
#: Every overlay's help says what it is for ("…退出无障碍服务", "…无障碍说明页面,
#: …导盲模式"): Lexbor finds the attributes that hold that word; help written as
#: a control's text is found among the controls, which the switches need walked
#: anyway (asking the tree for a word in any element's text is one more walk,
#: 0.3-0.5 ms on a portal page).
_HELP_WORD = "无障碍"
_HELP_SELECTOR = ", ".join(
    [f'[{name}*="{_HELP_WORD}"]' for name in _HELP_ATTRS]
    + [f'[{name}^="{_ENTERED}"]' for name in _HELP_ATTRS]
)
#: A character every switch's name has, tested before the names themselves
#: (most of a page's few hundred links have none).
_SWITCH_CHARS = re.compile(r"[无障盲读适关长老纯文图标普常]")  # 盲: help too ("导盲模式")
#: What takes the keyboard without a tabindex of its own.
_INTERACTIVE = frozenset("a button input select textarea summary iframe".split())
#: Never removed for what they say: the page's structure.
_STOP = frozenset("html head body main article form table thead tbody tfoot tr td th".split())
#: Longer than any help text: a paragraph that mentions such keys is the author's.
_MAX_HELP_CHARS = 300


def _switch(name: str) -> Mode | Literal["leave"] | None:
    """The mode a switch's words name, LEAVE for a way out of the overlay, None if not a switch."""
    words = _TRIM.sub("", name)
    if not words or len(words) > _MAX_SWITCH_CHARS:
        return None
    if _BACK.fullmatch(words):
        return LEAVE
    m = _SWITCH.fullmatch(words)
    if m is None:
        return None
    if m.group("leave"):
        return LEAVE
    return next(mode for mode in _NAMES if m.group(mode))


def _name(node: LexborNode, words: str) -> str:
    if words:
        return words
    for img in node.css("img"):
        alt = (img.attrs.get("alt") or img.attrs.get("title") or "").strip()
        if alt:
            return alt
    return (node.attrs.get("aria-label") or node.attrs.get("title") or "").strip()


def _strip_key_help(tree: LexborHTMLParser, remove_items: bool) -> None:
    """Help in attributes: the attribute goes, and the element if it only carried it."""
    doomed: list[LexborNode] = []
    for node in tree.css(_HELP_SELECTOR):
        if node.tag in _STOP:
            continue
        attrs = node.attrs
        carried = False
        for name in _HELP_ATTRS:
            value = attrs.get(name)
            if value and _KEY_HELP.search(value):
                del attrs[name]
                carried = True
        if not carried:
            continue
        if "tabindex" in attrs and node.tag not in _INTERACTIVE:
            del attrs["tabindex"]  # a tab stop the overlay made to say its words
        if (
            node.tag not in ("img", "input")
            and not node.text(deep=True).strip()
            and node.css_first(EMBEDDED_OR_CONTROLS) is None
        ):
            doomed.append(node)  # an empty alert or link that only carried the help
    remove_with_emptied_items(doomed, remove_items=remove_items)


def _is_key_help(words: str, node: LexborNode, main: LexborNode | None) -> bool:
    """A control whose words are the overlay's help (nfra: "…按Alt+~键打开导盲模式。");
    in the article itself, words about keys are the author's."""
    return (
        ("按" in words or "盲" in words)
        and len(words) <= _MAX_HELP_CHARS
        and _KEY_HELP.search(words) is not None
        and node.css_first("a[href]") is None
        and not (main is not None and contains(main, node))
    )


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    remove_items = ctx.mode != "a11y"
    # Every overlay's help names it; a page without the word has none.
    helped = not ctx.source or _HELP_WORD in ctx.source
    if helped:
        _strip_key_help(tree, remove_items)
    doomed: list[LexborNode] = []
    # Every control, and what a script made one (<span id="wza" style="cursor: pointer">无障碍</span>),
    # asked for its words: 0.1 ms for a page's few hundred links, where asking the tree
    # or the source for each of the names would cost 0.3 ms a name.
    for node in tree.css('a, button, [role=button], span[style*="pointer"], div[style*="pointer"]'):
        text = node.text(deep=True)
        switchy = _SWITCH_CHARS.search(text) is not None
        if len(text) > 2 * _MAX_HELP_CHARS or (text and not switchy and "按" not in text):
            continue  # most links: no word of a switch or of help
        words = " ".join(text.split())
        if helped and words and node.tag == "a" and _is_key_help(words, node, ctx.main):
            doomed.append(node)
            continue
        if len(words) > _MAX_SWITCH_CHARS or (words and not switchy):
            continue
        name = _name(node, words)
        mode = _switch(name) if name else None
        if mode is None:
            continue
        if mode != LEAVE and mode != ctx.mode:
            link = before(node, element(tree, "a", name, href=ctx.proxy_page(mode)))
            # The portal's look for its switch, where 无障碍 mode keeps the portal's styles.
            for key in ("id", "style"):
                if node.attrs.get(key):
                    link.attrs[key] = node.attrs.get(key) or ""
            link.attrs["class"] = f"{node.attrs.get('class') or ''} {SWITCH_CLASS}".strip()
        doomed.append(node)
    remove_with_emptied_items(doomed, remove_items=remove_items)
