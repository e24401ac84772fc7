"""适老版: the page rebuilt as one calm column (MIIT 《互联网网站适老化通用设计规范》).

The new body holds, in order: the site's name and its search box (the
portal's own search, rebuilt: :mod:`a11y_proxy.site_search`), the breadcrumb
trail, the main content (the article with its title, date line and tables, or the main
list of links, under its title the column's own search when the page has one),
and the site's menu as big buttons. Everything else of the
original (floating windows, carousels, ads, QR blocks, share bars, sidebars,
footers) is left out. The portal's own CSS and presentational attributes are
dropped so the elder stylesheet alone sets sizes, spacing and colours; data
tables scroll inside their own labelled, focusable region (WCAG 1.4.10).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .. import site_search
from ..context import PageContext
from ..crumbs import find_trail
from ..dom import (
    ADDED_CLASS,
    EMBEDDED_OR_CONTROLS,
    after,
    append,
    before,
    children,
    class_and_id,
    clean_text,
    collapse_space,
    contains,
    decompose_outermost,
    element,
    prepend,
    strip_presentation,
)
from ..wording import say
from . import script_pagers, tab_panels
from .clutter import FRAME_TITLE, FRAME_TITLE_EN
from .images import is_qr_name
from .landmarks import MAIN_ID, trail_label
from .markup_repair import device_viewport, tidy_own_layout
from .rewrite_links import own_text
from .tables import LAYOUT_MARK, SCROLL_CLASS, linearise

STYLESHEET = "/static/elder.css"
#: Inside the main content: blocks an older reader does not need.
_JUNK_WORDS = re.compile(
    r"(?:^|[-_\s])(?:share|fenxiang|bdshare|qrcode|erweima|ewm|print|dayin|font-?size|zihao|tools?|attach-?bar|"
    r"gotop|backtop|jiucuo|related|xgxx|xgwz|swiper|slide|slider|carousel|banner|scroll|marquee)(?:$|[-_\s])"
)


def _trail_steps(crumbs: LexborNode) -> list[tuple[str, str]]:
    """The steps of a breadcrumb trail, as (words, address), rebuilt as plain links.

    A picture link is named by its pictures' alt (rebuilt as words, the picture
    would be lost), and one with no name is no step; nor is one beside a link of
    words to the same address, which says it: people.com.cn's trail block starts
    with its two logos, each a link to the home page before the words 人民网,
    and they were two steps named only "(外部网站,将离开无障碍浏览)". Links of
    words are steps even when two go to one address (a portal's 政务公开 and
    政府信息公开 may both lead to its open-government index).
    """
    steps: list[tuple[str, str, bool]] = []  # words, address, a picture's
    for link in crumbs.css("a[href]"):
        words = clean_text(link)  # with the external mark, if the link leaves
        href = link.attrs.get("href") or ""
        pictured = not own_text(link)
        if pictured:
            alts = " ".join(alt for img in link.css("img") if (alt := (img.attrs.get("alt") or "").strip()))
            if not alts or (steps and steps[-1][1] == href):
                continue
            words = f"{alts} {words}".strip()
        elif steps and steps[-1][2] and steps[-1][1] == href:
            steps.pop()
        steps.append((words, href, pictured))
    return [(words, href) for words, href, _ in steps]


#: What stands between a trail's last link and the step after it.
_STEP_GAP = re.compile(r"^[\s>»›→〉》＞/|｜丨:：-]+")
#: A step is a page's name, not a sentence.
_STEP_CHARS = 30


def _current_step(crumbs: LexborNode) -> str:
    """The trail's last step when it is no link: the page the reader is on
    (ccgp-hebei's 采购公告>中标公告, shanxi's 要闻 > 山西要闻), written as words
    after the last link. It says where they are (WAI-ARIA APG breadcrumb: the
    current page is the trail's last item)."""
    links = crumbs.css("a[href]")
    if not links:
        return ""
    last = links[-1]
    after = False
    words = []
    for node in crumbs.traverse(include_text=True):
        if node.mem_id == last.mem_id:
            after = True
        elif after and node.is_text_node and not contains(last, node):
            words.append(node.text() or "")
    rest = _STEP_GAP.sub("", collapse_space("".join(words))).strip()
    return rest if len(rest) <= _STEP_CHARS else ""


def _find_menu(tree: LexborHTMLParser, ctx: PageContext, main: LexborNode) -> list[LexborNode]:
    if ctx.nav_selector:
        block = tree.css_first(ctx.nav_selector)
        return block.css("a[href]") if block is not None else []
    best: list[LexborNode] = []
    for block in tree.css("ul, ol, table, div, nav"):
        if contains(main, block) or contains(block, main):
            continue
        links = [a for a in block.css("a[href]") if 2 <= len(clean_text(a)) <= 8]
        if not 4 <= len(links) <= 15:
            continue
        total = len(clean_text(block))
        if total and sum(len(clean_text(a)) for a in links) / total > 0.7:
            best = links
            break  # the first such list in the page is the site menu
    return best


def _is_layout_table(table: LexborNode) -> bool:
    """A table used for layout, as the tables pass judged it (or holding other tables)."""
    if LAYOUT_MARK in table.attrs:
        return True
    if any(t.mem_id != table.mem_id for t in table.css("table")):
        return True
    if table.css_first("th") is not None:
        # Header cells (the page's own, or found by the tables pass): a data
        # table, read as a table in every mode whatever its cells hold.
        return False
    rows = [r for r in table.css("tr")]
    if not rows:
        return True
    widest = max(len(r.css("td, th")) for r in rows)
    if widest <= 1:
        return True
    # Paragraphs or nested blocks inside its cells. Asked of each cell: a
    # selector such as "td div div" run on the table also matches through the
    # blocks *around* it, and judged a data table laid out in a cell of an
    # outer table to be layout (its headers were then lost in 适老版).
    for cell in table.css("td"):
        if cell.css_first("p + p") is not None or any(div.css_first("div") for div in cell.css("div")):
            return True
    return False


#: Blocks that could be named as junk: only those with a class or an id.
_NAMED_BLOCKS = ", ".join(
    f"{tag}[{attr}]" for tag in ("div", "span", "p", "ul", "dl", "table") for attr in ("class", "id")
)


def _drop_empty_paragraphs(main: LexborNode) -> None:
    """Paragraphs of nothing but spaces (Word's and the CMS's ``<p>&nbsp;</p>``
    between and after the text). Screen readers pass over them; in this layout
    each is a line and 2em of space, and four after an article left a blank
    screen before the menu."""
    doomed = [
        para
        for para in main.css("p")
        if not (para.text(deep=True) or "").strip()
        and para.css_first(f"{EMBEDDED_OR_CONTROLS}, a[href]") is None
    ]
    decompose_outermost(doomed)


#: What an article's date line says: 发布时间：2025-06-03 来源：浙江监管局 文章类型：原创.
_DATE_LINE = re.compile(r"发布|时间|日期|来源|作者|浏览|点击|阅读|字号|类型|编辑|\d{4}\s*[-/.年]\s*\d{1,2}")
#: Longer than a date line: a lead paragraph, not a line about the article.
_DATE_LINE_CHARS = 120


def _title_first(main: LexborNode) -> None:
    """The article's title before its date line. nfra.gov.cn prints the date,
    source and print bar above the title, which the eye passes over on the
    portal's wide page; in the one column of 适老版 the page began with "发布时间：
    2025-06-03 来源：浙江监管局 文章类型：原创", and an older reader, and 连读, met
    the date before knowing what the page is (WCAG 1.3.2, 2.4.6). What stands
    before the h1 in the main content moves after it when it is only such a
    line: short, saying 发布/来源/日期 or a date, with no heading, table or picture."""
    title = main.css_first("h1")
    if title is None:
        return
    ahead: list[LexborNode] = []
    node: LexborNode | None = title
    while node is not None and node.mem_id != main.mem_id:
        sibling = node.prev
        while sibling is not None:
            ahead.append(sibling)
            sibling = sibling.prev
        node = node.parent
    if node is None:
        return  # the title is not inside the main content
    blocks = [n for n in ahead if not (n.is_text_node and not (n.text_content or "").strip())]
    if not blocks:
        return
    words = "".join("".join((n.text(deep=True) or "").split()) for n in blocks)
    if not words or len(words) > _DATE_LINE_CHARS or not _DATE_LINE.search(words):
        return
    if any(n.is_element_node and n.css_first("h1, h2, h3, h4, h5, h6, table, img, form") for n in blocks):
        return
    anchor = title
    for block in reversed(blocks):  # in document order, after the title
        anchor = after(anchor, block)


def _clean(tree: LexborHTMLParser, main: LexborNode) -> None:
    seen: set[int] = set()
    for node in main.css(_NAMED_BLOCKS):
        if node.mem_id in seen:
            continue
        seen.add(node.mem_id)
        if "a11y-" in (node.attrs.get("class") or ""):
            continue  # the proxy's own blocks (table regions, list views, notes)
        if node.parent is not None and _JUNK_WORDS.search(class_and_id(node).lower()):
            node.decompose()
    for img in main.css("img"):
        alt = (img.attrs.get("alt") or "").strip()
        if not alt or is_qr_name(alt):
            img.decompose()
    for font in main.css("font, center"):
        font.unwrap()
    for table in [t for t in main.css("table") if _is_layout_table(t)]:
        linearise(tree, table)
    tab_panels.title_panels(tree, main)
    _drop_empty_paragraphs(main)
    strip_presentation(main)
    tidy_own_layout(tree, main)
    _title_first(main)
    for index, table in enumerate(main.css("table"), 1):
        parent = table.parent
        if parent is not None and SCROLL_CLASS in (parent.attrs.get("class") or ""):
            continue  # the tables pass already gave it its region
        region = element(
            tree,
            "div",
            class_="a11y-table-scroll",
            role="region",
            tabindex="0",
            aria_label=say(tree, f"表格 {index}(可左右滚动)", f"Table {index} (scrolls sideways)"),
        )
        region = before(table, region)
        append(region, table)


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    body = tree.body
    head = tree.head
    if body is None or head is None:  # pragma: no cover
        return
    for sheet in tree.css('link[rel~="stylesheet"], style'):
        sheet.decompose()
    device_viewport(tree)
    main_source = ctx.main if ctx.main is not None else body
    crumbs = find_trail(tree)
    menu = _find_menu(tree, ctx, main_source)
    search, column_search = site_search.find_searches(tree, ctx.proxy_page())

    page = element(tree, "div", class_="elder-page")
    header = append(page, element(tree, "header", class_="elder-header"))
    # Where neither the config, the page's SiteName nor its title's suffix names the
    # site, its address does: "网站" told the reader nothing about where they are.
    site = ctx.site_name or urlsplit(ctx.url).hostname or "网站"
    append(header, element(tree, "p", site, class_="elder-site"))
    if search is not None:
        append(header, site_search.build(tree, search, "elder-search"))
    inside = crumbs is not None and contains(main_source, crumbs)
    if crumbs is not None and (not inside or crumbs.css_first("h1, h2, h3, h4, h5, h6") is None):
        nav = append(page, element(tree, "nav", aria_label=trail_label(tree), class_="elder-crumbs"))
        trail = append(nav, element(tree, "p"))
        steps = _trail_steps(crumbs)
        for i, (words, href) in enumerate(steps):
            if i:
                append(trail, element(tree, "span", " › ", aria_hidden="true"))
            append(trail, element(tree, "a", words, href=href))
        current = _current_step(crumbs)
        if current and steps:
            append(trail, element(tree, "span", " › ", aria_hidden="true"))
            append(trail, element(tree, "span", current, aria_current="page"))
        if inside:
            # The content block took the trail in with the article's title: it
            # is shown once, above the content, as on every other page, not as
            # a bulleted list of "> 要闻" inside the article.
            crumbs.decompose()
    main = append(page, element(tree, "main", id=MAIN_ID, tabindex="-1", class_="elder-main"))
    if main_source.mem_id == body.mem_id:
        for child in [c for c in children(body)]:
            append(main, child)
    else:
        append(main, main_source)
    _clean(tree, main)
    if ctx.main_source == "frame":
        _open_content_frames(tree, main)
    for pager in tree.css(f"nav.{script_pagers.CLASS}"):
        # The pager the proxy wrote under the page's list (script_pagers) goes
        # with the list when the content block found is the list alone.
        if not contains(main, pager):
            append(main, pager)
    if main.css_first("h1") is None and ctx.heading:
        # The title sat outside the content block (a sticky header, a banner):
        # the elder page still opens with it.
        prepend(main, element(tree, "h1", ctx.heading, class_=ADDED_CLASS))
    if column_search is not None and all(
        f.attrs.get("action") != column_search.action for f in main.css("form")
    ):
        # The column's own search sat in the sidebar left out here: it goes
        # under the column's title, where the list it searches begins.
        form = site_search.build(tree, column_search, "elder-search")
        title = main.css_first("h1")
        if title is not None:
            after(title, form)
        else:
            prepend(main, form)
    if menu:
        menu_name = say(tree, "网站导航", "Site navigation")
        nav = append(page, element(tree, "nav", aria_label=menu_name, class_="elder-menu"))
        append(nav, element(tree, "h2", menu_name, class_="elder-menu-title"))
        ul = append(nav, element(tree, "ul"))
        for link in menu:
            li = append(ul, element(tree, "li"))
            append(li, element(tree, "a", clean_text(link), href=link.attrs.get("href") or ""))
    for child in list(children(body)):
        child.decompose()
    append(body, page)
    for attr in list(body.attrs.keys()):
        del body.attrs[attr]
    ctx.main = main
    ctx.skip_target = MAIN_ID
    ctx.stylesheets.append(STYLESHEET)


def _open_content_frames(tree: LexborHTMLParser, main: LexborNode) -> None:
    """A page whose content is a frame (an old CMS's shell page): the frame is a
    large button that opens the content as a page of its own, in 适老版. In the
    frame, at the portal's fixed height and often with ``scrolling="no"``, text
    at 24 px would be cut off where the frame ends (WCAG 1.4.4, 1.4.10)."""
    for frame in main.css("iframe[src]"):
        title = (frame.attrs.get("title") or "").strip()
        words = say(tree, "打开正文", "Open the content")
        if title and title not in (FRAME_TITLE, FRAME_TITLE_EN):
            words += say(tree, f":{title}", f": {title}")
        line = before(frame, element(tree, "p", class_="elder-frame"))
        append(line, element(tree, "a", words, href=frame.attrs.get("src") or ""))
        frame.decompose()
