"""Repair the markup that tells assistive technology wrong things (WCAG 4.1.2, 1.3.1, 1.4.4).

Portal templates and toolbar overlays leave ARIA that is invalid or false:
roles that do not exist or whose required children are missing, labels on
elements that cannot carry one ("您已进入页面内容视窗区" on a ``<span>``),
and a viewport that forbids zooming. Each is removed or corrected; nothing
is invented. Definition lists with stray children and empty table headers
are made plain.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import append, before, children, clean_text, decompose_outermost, element, rename
from ..wording import say

#: WAI-ARIA 1.2 roles (non-abstract), plus the DPUB/graphics roles browsers map.
VALID_ROLES = frozenset(
    """
alert alertdialog application article banner blockquote button caption cell checkbox code
columnheader combobox comment complementary contentinfo definition deletion dialog directory
document emphasis feed figure form generic grid gridcell group heading img insertion link list
listbox listitem log main mark marquee math menu menubar menuitem menuitemcheckbox menuitemradio
meter navigation none note option paragraph presentation progressbar radio radiogroup region row
rowgroup rowheader scrollbar search searchbox separator slider spinbutton status strong subscript
superscript switch tab table tablist tabpanel term textbox time timer toolbar tooltip tree treegrid
treeitem graphics-document graphics-object graphics-symbol doc-abstract doc-acknowledgments doc-
afterword doc-appendix doc-backlink doc-biblioentry doc-bibliography doc-biblioref doc-chapter doc-
colophon doc-conclusion doc-cover doc-credit doc-credits doc-dedication doc-endnote doc-endnotes
doc-epigraph doc-epilogue doc-errata doc-example doc-footnote doc-foreword doc-glossary doc-glossref
doc-index doc-introduction doc-noteref doc-notice doc-pagebreak doc-pagelist doc-part doc-preface
doc-prologue doc-pullquote doc-qna doc-subtitle doc-tip doc-toc
""".split()
)
#: Roles that must own children of certain roles (WAI-ARIA "required owned elements").
_REQUIRED_CHILDREN = {
    "list": "li, [role=listitem]",
    "listbox": "option, [role=option], [role=group]",
    "menu": "[role=menuitem], [role=menuitemcheckbox], [role=menuitemradio], [role=group]",
    "menubar": "[role=menuitem], [role=menuitemcheckbox], [role=menuitemradio], [role=group]",
    "radiogroup": "[role=radio], input[type=radio]",
    "tablist": "[role=tab]",
    "tree": "[role=treeitem], [role=group]",
    "grid": "[role=row], tr",
    "table": "[role=row], tr",
    "rowgroup": "[role=row], tr",
    "row": "[role=cell], [role=gridcell], [role=columnheader], [role=rowheader], td, th",
    "feed": "[role=article], article",
}
#: Elements whose implicit role is generic: ARIA 1.2 prohibits aria-label on them.
_GENERIC = frozenset("span div p b i em strong small font u s code pre label abbr".split())
_FIXED_WIDTH = re.compile(r"width\s*=\s*\d", re.I)
_ZOOM_LOCK = re.compile(r"user-scalable\s*=\s*(?:no|0)|maximum-scale\s*=\s*(?:0?\.\d+|1(?:\.0+)?)\b", re.I)


def _fix_roles(tree: LexborHTMLParser) -> None:
    for node in tree.css("[role]"):
        roles = (node.attrs.get("role") or "").split()
        valid = [r for r in (r.lower() for r in roles) if r in VALID_ROLES]
        if not valid:
            del node.attrs["role"]
            continue
        role = valid[0]
        need = _REQUIRED_CHILDREN.get(role)
        if need and not any(child.mem_id != node.mem_id for child in node.css(need)):
            del node.attrs["role"]
        elif role != (node.attrs.get("role") or ""):
            node.attrs["role"] = role


def _fix_labels(tree: LexborHTMLParser) -> None:
    for node in tree.css("[aria-label], [aria-labelledby]"):
        if node.tag not in _GENERIC or "role" in node.attrs:
            continue
        for attr in ("aria-label", "aria-labelledby"):
            if attr in node.attrs:
                del node.attrs[attr]


DEVICE_VIEWPORT = "width=device-width, initial-scale=1"


def _fix_viewport(tree: LexborHTMLParser) -> None:
    head = tree.head
    metas = tree.css('meta[name="viewport" i]')
    for meta in metas:
        content = meta.attrs.get("content") or ""
        # WCAG 1.4.4: readers must be able to zoom. WCAG 1.4.10: a desktop width
        # ("width=1100") makes a phone shrink the page to a third instead of
        # letting it reflow (the proxy's stylesheets reflow every mode's page).
        if _ZOOM_LOCK.search(content) or _FIXED_WIDTH.search(content):
            meta.attrs["content"] = DEVICE_VIEWPORT
    if not metas and head is not None:
        append(head, element(tree, "meta", name="viewport", content=DEVICE_VIEWPORT))


def device_viewport(tree: LexborHTMLParser) -> None:
    """One viewport, the device's, for a page laid out by the proxy's own stylesheet.

    Portals declare the width of their desktop layout (``width=1100``); a phone
    then lays the page out 1,100 px wide and shrinks it to a third, so the
    适老版's 24 px text comes out at 8 (WCAG 1.4.10 reflow, 1.4.4). The modes
    whose layout is the proxy's, one column that reflows to 320 px, take the
    device's width instead.
    """
    for meta in tree.css('meta[name="viewport" i]'):
        meta.decompose()
    if tree.head is not None:
        append(tree.head, element(tree, "meta", name="viewport", content=DEVICE_VIEWPORT))


def _fix_lists(tree: LexborHTMLParser) -> None:
    for dl in tree.css("dl"):
        child = dl.child
        stray = False
        while child is not None:
            if child.is_element_node and child.tag not in ("dt", "dd", "div", "script", "template"):
                stray = True
                break
            if child.is_text_node and (child.text_content or "").strip():
                stray = True
                break
            child = child.next
        if stray:
            for part in dl.css("dt, dd"):
                rename(tree, part, "div")
            rename(tree, dl, "div")


def _fix_table_headers(tree: LexborHTMLParser) -> None:
    for th in tree.css("th"):
        if not clean_text(th) and not any((img.attrs.get("alt") or "").strip() for img in th.css("img")):
            rename(tree, th, "td")


def _fix_tabindex(tree: LexborHTMLParser) -> None:
    """WCAG 2.4.3: a positive tabindex reorders focus away from reading order."""
    for node in tree.css("[tabindex]"):
        value = (node.attrs.get("tabindex") or "").strip()
        if value.lstrip("+").isdecimal() and int(value) > 0:
            node.attrs["tabindex"] = "0"


def fix_label_in_name(tree: LexborHTMLParser) -> None:
    """WCAG 2.5.3 label in name: an aria-label that leaves out the visible words goes."""
    for node in tree.css("a[aria-label], button[aria-label]"):
        visible = re.sub(r"\s+", "", clean_text(node))
        label = re.sub(r"\s+", "", node.attrs.get("aria-label") or "")
        if visible and visible not in label:
            del node.attrs["aria-label"]


def _fix_list_children(tree: LexborHTMLParser) -> None:
    """A <ul>/<ol> holds only <li> (1.3.1): stray children are wrapped in an <li> of their own."""
    for lst in tree.css("ul, ol"):
        child = lst.child
        while child is not None:
            nxt = child.next
            stray = (child.is_element_node and child.tag not in ("li", "script", "template")) or (
                child.is_text_node and (child.text_content or "").strip()
            )
            if stray:
                item = before(child, element(tree, "li"))
                append(item, child)
            child = nxt


#: What stands between two menu entries and says nothing itself.
SEPARATORS = frozenset("|｜/／·•、")


_BOX_TAGS = ("span", "i", "em", "b", "strong", "font", "small", "br")
_BOXES = ", ".join(_BOX_TAGS)
#: List items that may hold empty inline boxes only. (Which of them hold
#: nothing else is asked in Python: Lexbor's ``:has(:not(…))`` looks at the
#: first child alone.)
_WITH_BOXES = f"li:has({_BOXES})"


def _spacer_items(tree: LexborHTMLParser, *, remove: bool) -> None:
    """List items that hold nothing: a template's dotted line between items
    (``<li class="cont_line">&nbsp;</li>`` after every link on stats.gov.cn).

    A screen reader counts them ("list, 23 items") and stops at each to say
    "blank" (1.3.1: the list's structure should be its content's). In the modes
    the proxy lays out they are removed; in 无障碍 mode, which keeps the
    portal's look, the line stays on screen and leaves the accessibility tree.
    """
    # Items with child elements are never spacers in this first walk: Lexbor
    # skips them (the second asks about items of empty inline boxes, the
    # images pass about items that hold only a picture).
    # An item that holds only the bar between menu entries (<li class="split">|</li>,
    # <dd>|</dd>) is one too: 纯文本 showed a line with a bar between every two
    # entries, and a screen reader says "竖线" for each.
    # A description list keeps its terms and its empty descriptions (a <dl>
    # whose <dt> went is no longer a list of groups: axe definition-list on
    # shanxi.gov.cn's menu); a bar stands between two entries, so one goes.
    for item in tree.css("li:not(:has(*)), dd:not(:has(*))"):
        text = (item.text(deep=True) or "").strip()
        if text and text not in SEPARATORS:
            continue  # an item that says something
        if not text and item.tag == "dd":
            continue  # an empty description keeps its group whole
        hide_spacer(item, remove=remove)
    # An item of empty inline boxes only is as empty: the box a script was to
    # fill (gz.gov.cn's article tools, <li class="yybb"><span></span></li>
    # for its 语音播报), an icon a stylesheet draws (screen readers said "blank").
    for item in tree.css(_WITH_BOXES):
        if _only_empty_boxes(item):
            hide_spacer(item, remove=remove)


def remove_with_emptied_items(nodes: list[LexborNode], *, remove_items: bool) -> None:
    """Remove the nodes (each once), and hide the list items they leave empty."""
    for parent in decompose_outermost(nodes):
        hide_if_emptied(parent, remove=remove_items)


def hide_if_emptied(parent: LexborNode, *, remove: bool) -> None:
    """A list item that a removal left with nothing in it, or only empty inline
    boxes (gz.gov.cn's <li class="yybb"><img title="语音播报"><span></span></li>
    once its dead button went), is a spacer now."""
    if parent.tag == "li" and _only_empty_boxes(parent):
        hide_spacer(parent, remove=remove)


def _only_empty_boxes(item: LexborNode) -> bool:
    """Whether ``item`` says nothing and holds nothing but inline boxes (or nothing)."""
    if (item.text(deep=True) or "").strip():
        return False
    return all(node.tag in _BOX_TAGS for node in item.traverse() if node.mem_id != item.mem_id)


def hide_spacer(item: LexborNode, *, remove: bool) -> None:
    """Out of the page in the modes the proxy lays out, out of the accessibility tree in 无障碍."""
    if remove:
        item.decompose()
    else:
        item.attrs["aria-hidden"] = "true"


#: Marks a region this pass made, so the landmarks pass keeps it.
OWN_REGION = "data-a11y-region"
_SCROLLS = re.compile(r"overflow(?:-[xy])?\s*:\s*(?:auto|scroll)", re.IGNORECASE)


def _fix_scroll_regions(tree: LexborHTMLParser) -> None:
    """A box that scrolls must be reachable by keyboard (2.1.1): focusable, and named.
    An empty one scrolls nothing (ccgp-hebei's boxes for the 工程 and 服务 tables a
    script fills): no tab stop, no landmark."""
    number = 0
    for node in tree.css('[style*="overflow" i]'):
        if (
            node.tag in ("div", "section", "pre")
            and _SCROLLS.search(node.attrs.get("style") or "")
            and (
                (node.text(deep=True) or "").strip()
                or node.css_first("img, table, iframe, svg, video, canvas")
            )
        ):
            if "tabindex" not in node.attrs:
                node.attrs["tabindex"] = "0"
            if "role" not in node.attrs:
                number += 1
                node.attrs["role"] = "region"
                # Landmarks need distinct names (axe landmark-unique).
                node.attrs["aria-label"] = say(tree, f"可滚动区域 {number}", f"Scrolling region {number}")
                node.attrs[OWN_REGION] = ""


_INLINE = "span, font, em, i, b, strong, small, time, a"
#: Two inline elements side by side in a list item or a link, no text between.
_SIDE_BY_SIDE = f"li :is({_INLINE}) + :is({_INLINE})"
#: A date as list pages print one: 2020-02-25, 2020/2/25, 2020.02.25, 2020年2月25日, [2020-02-25].
_DATE = (
    r"[\[(（【]?(?:19|20)\d\d\s*"
    r"(?:[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)"
    r"[\])）】]?"
)
_STARTS_WITH_DATE = re.compile(rf"\s*{_DATE}")
_ENDS_WITH_DATE = re.compile(rf"{_DATE}\s*$")


def _touching(root: LexborNode, selector: str) -> Iterator[tuple[LexborNode, LexborNode]]:
    """Each element that ``selector`` (sibling combinators, which skip text)
    finds right after an element, with no text between: the pairs whose words
    run together unless something puts a space between them."""
    for node in root.css(selector):
        prev = node.prev
        if prev is not None and prev.is_element_node:
            yield prev, node


def _space_run_together_dates(tree: LexborHTMLParser) -> None:
    """A list item's title and date in two elements with nothing between
    (``<font>2019年</font><font>2020-02-25</font>`` in a stats.gov.cn column
    page): the portal's stylesheet floats the date apart, but the text, and so
    the link's name and what a screen reader says, runs together as
    "2019年2020-02-25", and so does the text once the proxy lays the page out
    (WCAG 1.3.1, 2.4.4). A space between them keeps both readable."""
    body = tree.body
    if body is None:  # pragma: no cover - the parser always makes a body
        return
    for prev, node in _touching(body, _SIDE_BY_SIDE):
        first, second = prev.text(deep=True), node.text(deep=True)
        if not first or not second or first[-1].isspace() or second[0].isspace():
            continue
        if _STARTS_WITH_DATE.match(second) or _ENDS_WITH_DATE.search(first):
            node.insert_before(" ")


#: What a paragraph may hold (HTML's phrasing content, and the portals' <font>, <big>, <tt>, <strike>).
_PARAGRAPH_CONTENT = frozenset(
    "a abbr b bdi bdo big br cite code del dfn em font i img ins kbd label mark q s samp small span "
    "strike strong sub sup time tt u var wbr".split()
)


def paragraphs_from_divs(tree: LexborHTMLParser, root: LexborNode) -> None:
    """A ``<div>`` of words and inline elements only is a paragraph: a ``<p>``,
    for the modes that lay the page out themselves (适老版, 纯文本). TRS and
    Hanweb editors write an article's paragraphs as divs (shanxi.gov.cn's
    ``<div class="TRS_Editor"><div>　　跨越千山万水…</div><div>…``): without the
    portal's stylesheet they ran together with no space between them, one block
    of 40 lines on a phone, and a screen reader found no paragraphs to move by
    (WCAG 1.3.1). As paragraphs they take the mode's paragraph spacing. A div
    with a role, or with nothing to read, stays."""
    for div in root.css("div"):
        if div.mem_id == root.mem_id or "role" in div.attrs:
            continue
        # The walk stops at the first block inside (a div of divs asks one child),
        # and only then the words are read: nested divs cost no more than their number.
        if all(
            node.tag in _PARAGRAPH_CONTENT for node in div.traverse() if node.mem_id != div.mem_id
        ) and clean_text(div):
            rename(tree, div, "p")


_WHOLE_DATE = re.compile(rf"\s*{_DATE}\s*$")
#: What a list item's date is printed in.
_DATE_TAGS = frozenset(("span", "em", "i", "font", "small", "time", "b", "strong", "cite"))


def date_after_title(root: LexborNode) -> None:
    """A list item written date first, ``<li><span class="date">2022-01-10</span>
    <a>…</a></li>``, reads title first, for the modes that lay the page out
    themselves (适老版, 纯文本). The portal's stylesheet floated the date to the
    right, so the eye met the title first; without it the date leads the line,
    is what a screen reader and the proxy's 连读 say first, and each item of a
    list starts with the same kind of words, where the reader looks for what
    sets them apart (WCAG 1.3.2, meaningful sequence). Only an item that is a
    date and one link: anything else in it keeps its order."""
    for item in root.css("li"):
        nodes = [n for n in children(item) if not (n.is_text_node and not (n.text_content or "").strip())]
        if len(nodes) != 2:
            continue
        date, link = nodes
        if date.tag not in _DATE_TAGS or link.tag != "a" or not clean_text(link):
            continue
        if _WHOLE_DATE.match(date.text(deep=True) or "") is None:
            continue
        item.insert_child(" ")
        append(item, date)


#: Punctuation that sits against a word: no space goes next to it.
_PUNCTUATION = frozenset("，。、；：！？（）《》「」『』【】〔〕“”‘’,.;:!?()[]<>·-—…")


#: Line breaks in a row that still say something: the second leaves one blank
#: line, the break between two paragraphs written without <p>.
_KEPT_BREAKS = 2


def collapse_line_breaks(root: LexborNode) -> None:
    """Runs of line breaks kept to two, for the modes that lay the page out
    themselves (适老版, 纯文本): camacau's ``<br><br><br>`` before each table's
    title left 130 px of nothing on a phone, where an older reader takes a
    blank screen for the end of the page. Spaces between the breaks count as
    nothing."""
    doomed = []
    for br in root.css("br"):
        run = 1
        prev = br.prev
        while prev is not None and run <= _KEPT_BREAKS:
            if prev.is_text_node and not (prev.text_content or "").strip():
                prev = prev.prev
            elif prev.tag == "br":
                run += 1
                prev = prev.prev
            else:
                break
        if run > _KEPT_BREAKS:
            doomed.append(br)
    for br in doomed:
        br.decompose()


def tidy_own_layout(tree: LexborHTMLParser, root: LexborNode) -> None:
    """The repairs of the words and blocks the modes that lay the page out
    themselves (适老版, 纯文本) both make, in their one order: line breaks kept
    to two, titles before dates, spaces between touching links, and divs of
    words made paragraphs, after the spaces (a box's title and its 更多 in a
    div were no running text)."""
    collapse_line_breaks(root)
    date_after_title(root)
    space_touching_links(root)
    paragraphs_from_divs(tree, root)


def space_touching_links(root: LexborNode) -> None:
    """A space between a link and what it touches, for the modes that drop the
    portal's stylesheet (适老版, 纯文本): another link (``<a>网站首页</a><a>时政</a>``),
    or a box's title beside its 更多 (``<span>政府信息公开年报</span><a>更多</a>``).
    The stylesheet kept them apart with padding or a float; without it they would
    show as one run, "网站首页时政国际财经", where no one can see where a link ends
    (WCAG 2.4.4). Running text is left as written: in a paragraph, and next to
    punctuation ("电子邮箱：<a>…</a><span>）。</span>")."""
    for prev, node in _touching(root, "* + a, a + *"):
        if "br" in (prev.tag, node.tag):
            continue
        if prev.tag == "a" and node.tag == "a":
            # One link that Word split in two ("政府信息" "公开", one address) stays one word.
            if prev.attrs.get("href") != node.attrs.get("href"):
                node.insert_before(" ")
            continue
        other = prev if node.tag == "a" else node
        parent = node.parent
        if parent is None or parent.tag == "p" or other.tag not in ("span", "em", "strong", "b", "font", "i"):
            continue
        words = (other.text(deep=True) or "").strip()
        # The edge that touches the link: the end of what is before it, the start of what follows.
        edge = words[-1:] if other is prev else words[:1]
        if not edge or edge in _PUNCTUATION:
            continue
        node.insert_before(" ")


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    _fix_tabindex(tree)
    _fix_list_children(tree)
    _spacer_items(tree, remove=ctx.mode != "a11y")
    _space_run_together_dates(tree)
    if ctx.mode == "a11y":
        # 适老版 and 纯文本 drop the portal's styles, its scrolling boxes with them: a
        # focusable region there scrolled nothing (ccgp-hebei's four around its
        # tables, two of them empty, each a tab stop and a landmark).
        _fix_scroll_regions(tree)
    fix_label_in_name(tree)
    _fix_roles(tree)
    _fix_labels(tree)
    _fix_viewport(tree)
    _fix_lists(tree)
    _fix_table_headers(tree)
