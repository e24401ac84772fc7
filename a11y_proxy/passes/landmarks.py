"""Landmarks a screen-reader user can jump between (WCAG 1.3.1, 2.4.1; ARIA landmark roles).

The page keeps its content and order. Around the main content block (found
by ``find_main``) the page is sorted into regions:

- the main block is wrapped in ``<main id="a11y-main">``, the skip link's target;
- what comes before it at the top level of the page becomes one ``<header>``,
  what comes after it one ``<footer>``;
- blocks beside it inside layout containers (sidebars, related links) become
  ``<aside>`` regions, each with its own label;
- link lists in the header become ``<nav>`` with a label.

Upstream landmark markup is neutralised first (templates nest ``<header>`` in
``<header>``, or mark every box ``role="main"``), so the result has one
banner, one main and one contentinfo (axe: landmark-one-main,
landmark-no-duplicate-*, region).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .. import site_search
from ..context import PageContext
from ..crumbs import TRAIL_CHARS, reads_as_trail, trail_around
from ..dom import EMBEDDED, append, before, children, clean_text, contains, element, rename
from ..wording import say
from .images import home_name
from .markup_repair import OWN_REGION

MAIN_ID = "a11y-main"
STYLESHEET = "/static/a11y.css"
_LANDMARK_ROLES = {"banner", "navigation", "main", "contentinfo", "complementary", "search", "region", "form"}
_TABLE_PARTS = {"tr", "td", "th", "tbody", "thead", "tfoot", "li", "dt", "dd", "caption", "colgroup", "col"}
_SKIP_TAGS = {"script", "style", "link", "meta", "template", "noscript"}
_FOOTER_WORDS = re.compile(r"版权|备案|ICP|主办|承办|网站标识码|联系我们|Copyright|©", re.IGNORECASE)


def _is_content(node: LexborNode) -> bool:
    if node.is_text_node:
        return bool((node.text_content or "").strip())
    return node.is_element_node and node.tag not in _SKIP_TAGS


#: What a reader perceives in a block that has no words: embedded content,
#: frames, and the controls but a hidden field, unless hidden from everyone
#: (nfra's <svg aria-hidden="true"> of filter definitions in a box of height 0
#: was a complementary landmark of nothing).
_SHOWN_INPUT = 'input:not([type="hidden" i])'
_PERCEIVABLE = ", ".join(
    f'{tag}:not([aria-hidden="true"])'
    for tag in (
        *EMBEDDED.split(", "),
        "frame",
        "select",
        "textarea",
        "button",
        _SHOWN_INPUT,
    )
)


def _perceivable(node: LexborNode) -> bool:
    """Whether a block says or shows anything. One that holds nothing to perceive
    (stats.gov.cn's <input type="hidden" name="PL_CUR_CHANNEL"> between two columns,
    gd.gov.cn's empty <div id="headerAnchor">) is no region of its own: a screen
    reader listed an empty complementary landmark for it, and gd's header was an
    anchor while its site name stood in a region beside the content (WCAG 1.3.1).
    It stays where it is, in the landmark around it if any."""
    if node.is_text_node:
        return bool((node.text_content or "").strip())
    return bool((node.text(deep=True) or "").strip()) or node.css_first(_PERCEIVABLE) is not None


def _neutralise_upstream(tree: LexborHTMLParser) -> None:
    for node in tree.css("main, header, footer, aside"):
        rename(tree, node, "div")
    for node in tree.css("[role]"):
        if OWN_REGION in node.attrs:
            continue
        if (node.attrs.get("role") or "").strip().lower() in _LANDMARK_ROLES:
            del node.attrs["role"]
            # A name on what is now a plain element is prohibited ARIA.
            for attr in ("aria-label", "aria-labelledby"):
                if attr in node.attrs and node.tag in ("div", "span", "p", "ul", "ol", "li", "td", "table"):
                    del node.attrs[attr]


def _wrap_group(tree: LexborHTMLParser, nodes: list[LexborNode], tag: str, **attrs: str) -> LexborNode:
    outer = before(nodes[0], element(tree, tag, **attrs))
    for node in nodes:
        append(outer, node)
    return outer


def _wrap_inside(tree: LexborHTMLParser, cell: LexborNode, tag: str, **attrs: str) -> LexborNode | None:
    content = [c for c in children(cell) if _is_content(c)]
    if not content:
        return None
    return _wrap_group(tree, content, tag, **attrs)


def _cell_region(tree: LexborHTMLParser, cell: LexborNode, labels: Iterator[str]) -> None:
    """A cell's content as a region inside it: the trail's navigation where the cell
    holds the trail (ccgp-hebei's 您当前位置：承德市>围场县, in the row of a layout
    table above the content's), else a labelled complementary region."""
    if _is_trail(tree, cell):
        _wrap_inside(tree, cell, "nav", aria_label=trail_label(tree))
    else:
        _wrap_inside(tree, cell, "aside", aria_label=next(labels))


def _aside(tree: LexborHTMLParser, node: LexborNode, labels: Iterator[str]) -> None:
    """Wrap a sibling block of the main content in a labelled complementary region."""
    if not _perceivable(node):
        return
    if node.tag in ("td", "th", "li", "dd", "dt"):
        _cell_region(tree, node, labels)
    elif node.tag in _TABLE_PARTS:
        # A row or row group beside the main cell: wrap each cell's content
        # (an <aside> cannot stand between <tr> and <td>).
        for cell in node.css("td, th"):
            if not any(inner.mem_id != cell.mem_id for inner in cell.css("td, th")):
                _cell_region(tree, cell, labels)
    elif _is_trail(tree, node):
        trail = before(node, element(tree, "nav", aria_label=trail_label(tree)))
        append(trail, node)
    else:
        aside = before(node, element(tree, "aside", aria_label=next(labels)))
        append(aside, node)


def trail_label(tree: LexborHTMLParser) -> str:
    """The name of the trail's navigation landmark, as 适老版 names its own."""
    return say(tree, "当前位置", "Breadcrumb")


def _is_trail(tree: LexborHTMLParser, node: LexborNode) -> bool:
    """Whether a block beside the content is the page's breadcrumb trail: a
    navigation (WAI-ARIA APG breadcrumb pattern), not "other content" (the
    demo's and gd.gov.cn's 当前位置 stood in a region 页面其他内容 1). One per page, so
    the landmark's name is unique."""
    words = clean_text(node)
    return (
        len(words) <= TRAIL_CHARS
        and reads_as_trail(node, words)
        and node.css_first("a[href]") is not None
        and not _has_trail_nav(tree)
    )


def _has_trail_nav(tree: LexborHTMLParser) -> bool:
    """Whether the page's trail is a navigation already: one a page, so its name is unique."""
    return tree.css_first(f'nav[aria-label="{trail_label(tree)}"]') is not None


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    _place(tree, ctx)
    _name_regions(tree)


#: A box's title, not a sentence: the most a region's name takes from it.
_REGION_TITLE_CHARS = 20


def _name_regions(tree: LexborHTMLParser) -> None:
    """Each complementary region named by the title it opens with (people.com.cn's
    推荐阅读, 相关新闻, 精彩图集), the others numbered in order: a screen reader's
    list of landmarks read 页面其他内容 2, 3, 4 (WCAG 2.4.6). Names stay unique: a
    second box of one title gets its number."""
    generic = []
    used: dict[str, int] = {}
    for aside in tree.css("aside"):
        words = clean_text(aside)
        # A region of only a picture (a banner) has no words its title must open.
        title = next(
            (
                t
                for t in _titles(aside)
                if len(t) <= _REGION_TITLE_CHARS and (not words or words.startswith(t))
            ),
            "",
        )
        if not title:
            generic.append(aside)
            continue
        used[title] = used.get(title, 0) + 1
        aside.attrs["aria-label"] = title if used[title] == 1 else f"{title} {used[title]}"
    for n, aside in enumerate(generic, 1):
        aside.attrs["aria-label"] = other_content(tree, n)


#: A box's title block, by its class: stats.gov.cn's xgwz_tit (相关网站) and
#: center_href_tit (网站链接), a template's "title", "box-hd" (not "entity").
_TITLE_CLASS = re.compile(r"(?:^|[-_])(?:tit|title|hd)(?:$|[-_\d])")
#: Words that are no title: a "more" link, a run of separators.
_NO_TITLE = re.compile(r"^[\s|｜丨>»·/-]*(?:更多|more)?[\s>»]*$", re.IGNORECASE)


def _titles(aside: LexborNode) -> Iterator[str]:
    """The words that may title a region: its first heading's, then those of the
    first block its template named a title (the box titles the headings pass
    leaves as they are)."""
    heading = aside.css_first("h1, h2, h3, h4, h5, h6, [role=heading]")
    if heading is not None:
        yield clean_text(heading)
    for node in aside.css("[class]"):
        if any(_TITLE_CLASS.search(token) for token in (node.attrs.get("class") or "").lower().split()):
            # A title drawn as a picture (pingtan's info_public_tit, a banner
            # of 政府信息公开): its text alternative.
            words = clean_text(node)
            if not words:
                picture = node.css_first("img[alt]")
                words = (picture.attrs.get("alt") or "").strip() if picture is not None else ""
            if words and not _NO_TITLE.match(words):
                yield words
            return


def other_content(tree: LexborHTMLParser, n: int) -> str:
    """The name of the ``n``-th region beside the content that has no title."""
    return say(tree, f"页面其他内容 {n}", f"Other content {n}")


def _place(tree: LexborHTMLParser, ctx: PageContext) -> None:
    body = tree.body
    if body is None:  # pragma: no cover
        return
    _neutralise_upstream(tree)
    site_search.mark_landmarks(tree, ctx.proxy_page())
    if ctx.mode == "a11y":
        ctx.stylesheets.append(STYLESHEET)
    main = ctx.main
    if main is None or main.mem_id == body.mem_id or main.tag in ("html", "body"):
        content = [c for c in children(body) if _is_content(c) and not c.css_matches("#a11y-proxy-bar")]
        if not content:
            return
        main_el = _wrap_group(tree, content, "main", id=MAIN_ID, tabindex="-1")
        ctx.main = main_el
        ctx.skip_target = MAIN_ID
        return
    if main.tag in _TABLE_PARTS:
        wrapped = _wrap_inside(tree, main, "main", id=MAIN_ID, tabindex="-1")
        if wrapped is None:
            return
        main_el = wrapped
    else:
        main_el = before(main, element(tree, "main", id=MAIN_ID, tabindex="-1"))
        append(main_el, main)
    ctx.main = main_el
    ctx.skip_target = _title_before(tree, ctx.site_name) or MAIN_ID

    labels = (other_content(tree, n) for n in itertools.count(1))
    # Walk from the main element up to <body>, collecting at each level the
    # blocks before and after the path to the main content.
    levels: list[tuple[list[LexborNode], list[LexborNode]]] = []
    path_child = main_el
    parent = main_el.parent
    while parent is not None:
        before_nodes: list[LexborNode] = []
        after_nodes: list[LexborNode] = []
        seen = False
        for sib in children(parent):
            if sib.mem_id == path_child.mem_id:
                seen = True
                continue
            if not _is_content(sib) or (sib.is_element_node and sib.css_matches("#a11y-proxy-bar")):
                continue
            if sib.is_text_node and parent.tag != "body":
                continue
            (after_nodes if seen else before_nodes).append(sib)
        levels.append((before_nodes, after_nodes))
        if parent.tag == "body":
            break
        path_child = parent
        parent = parent.parent
    # The site header is what comes before the content at the highest level
    # where anything does; the site footer what comes after it there and
    # carries the footer's words (版权, ICP, 主办). Everything else beside
    # the content is a labelled complementary region.
    if _configured(tree, ctx.header_selector, "header", main_el) | _configured(
        tree, ctx.footer_selector, "footer", main_el
    ):
        # The site's own selectors decide; what else stands beside the content
        # becomes labelled complementary regions.
        levels = [
            ([n for n in b if not _within_landmark(n)], [n for n in a if not _within_landmark(n)])
            for b, a in levels
        ]
        for before_nodes, after_nodes in levels:
            for node in [*before_nodes, *after_nodes]:
                if node.is_element_node:
                    _aside(tree, node, labels)
        return
    header_level = next((i for i in range(len(levels) - 1, -1, -1) if _wrappable(levels[i][0])), None)
    footer_level = next(
        (
            i
            for i in range(len(levels) - 1, -1, -1)
            if _wrappable(levels[i][1]) and any(_FOOTER_WORDS.search(clean_text(n)) for n in levels[i][1])
        ),
        None,
    )
    # A layout table's last row that is the site footer (stats.gov.cn's
    # 版权所有 in the row under the content's): a row cannot be wrapped, the
    # one cell's content can.
    footer_cell: tuple[int, int, LexborNode] | None = None
    if footer_level is None:
        footer_cell = next(
            (found for i in range(len(levels) - 1, -1, -1) if (found := _footer_cell(i, levels[i][1]))),
            None,
        )
    for i, (before_nodes, after_nodes) in enumerate(levels):
        if before_nodes:
            if i == header_level:
                shown = [n for n in before_nodes if _perceivable(n)]
                if len(shown) == 1 and shown[0].is_element_node and _is_trail(tree, shown[0]):
                    # All that stands above the content is the trail (xiangtan's saved
                    # page has no site header): a navigation, not the site's banner.
                    _wrap_group(tree, before_nodes, "nav", aria_label=trail_label(tree))
                else:
                    _mark_navs(tree, _wrap_group(tree, before_nodes, "header"))
            else:
                for node in before_nodes:
                    if node.is_element_node:
                        _aside(tree, node, labels)
        if after_nodes:
            if i == footer_level:
                first = next(j for j, n in enumerate(after_nodes) if _FOOTER_WORDS.search(clean_text(n)))
                if first > 0 and any(_perceivable(n) for n in after_nodes[:first]):
                    # Blocks between the content and the site footer (related links).
                    _wrap_group(tree, after_nodes[:first], "aside", aria_label=next(labels))
                _wrap_group(tree, after_nodes[first:], "footer")
            elif footer_cell is not None and footer_cell[0] == i:
                _, first, cell = footer_cell
                for node in after_nodes[:first]:
                    if node.is_element_node:
                        _aside(tree, node, labels)
                _wrap_inside(tree, cell, "footer")
            else:
                for node in after_nodes:
                    if node.is_element_node:
                        _aside(tree, node, labels)


def _footer_cell(level: int, after_nodes: list[LexborNode]) -> tuple[int, int, LexborNode] | None:
    """(level, index of the first footer row, the one cell holding the footer) where
    the blocks after the content at this level are table rows, the first with the
    footer's words and those after it holding words in one cell only."""
    rows = [n for n in after_nodes if n.is_element_node]
    if not rows or not all(n.tag in _TABLE_PARTS for n in rows):
        return None
    first = next((j for j, n in enumerate(after_nodes) if _FOOTER_WORDS.search(clean_text(n))), None)
    if first is None:
        return None
    cells = [
        cell
        for row in after_nodes[first:]
        if row.is_element_node
        for cell in row.css("td, th")
        if _perceivable(cell) and not any(inner.mem_id != cell.mem_id for inner in cell.css("td, th"))
    ]
    return (level, first, cells[0]) if len(cells) == 1 else None


#: The id the article's title gets when the skip link leads to it.
TITLE_ID = "a11y-title"


def _title_before(tree: LexborHTMLParser, site_name: str) -> str:
    """The id of the page's title where it stands above the main content, outside it.

    people.com.cn's title block spans both columns, above the content column the
    main landmark wraps: "跳到主要内容" skipped the article's title and date line,
    the first thing a reader who skips the menus wants (WCAG 2.4.1). The skip
    link then leads to the title (the one h1 the headings pass left), from
    which reading goes on into the content. A site's name or logo set as its h1
    above the content is no title of the page: the skip link passes it."""
    first = tree.css_first(f"h1, #{MAIN_ID}")
    if first is None or first.tag != "h1" or first.css_first("a[href]") is not None:
        return ""
    words = clean_text(first)
    if not words or (site_name and words in (site_name, home_name(tree, site_name))):
        return ""
    if not first.attrs.get("id"):
        first.attrs["id"] = TITLE_ID
    if "tabindex" not in first.attrs:
        first.attrs["tabindex"] = "-1"
    return first.attrs.get("id") or TITLE_ID


def _configured(tree: LexborHTMLParser, selector: str, tag: str, main_el: LexborNode) -> bool:
    """Wrap the element the site's config names in ``tag``; True if there was one."""
    if not selector:
        return False
    node = tree.css_first(selector)
    if node is None or contains(node, main_el) or contains(main_el, node):
        return False
    landmark = before(node, element(tree, tag))
    append(landmark, node)
    if tag == "header":
        _mark_navs(tree, landmark)
    return True


def _within_landmark(node: LexborNode) -> bool:
    """A block that is, or holds, a header/footer the site's config placed."""
    return node.is_element_node and (
        node.tag in ("header", "footer") or node.css_first("header, footer") is not None
    )


def _wrappable(nodes: list[LexborNode]) -> bool:
    """Blocks that may be moved into one <header>/<footer> (not table rows or cells),
    and that show something: a header of an empty anchor is none."""
    return (
        bool(nodes)
        and all(not n.is_element_node or n.tag not in _TABLE_PARTS for n in nodes)
        and any(_perceivable(n) for n in nodes)
    )


_BLOCKS = ("ul", "ol", "table", "div")
_NAVS = ("nav", "[role=navigation]")
#: Blocks inside a navigation the page has, and blocks holding one: asked of
#: Lexbor once, not by climbing from each block (2.4 ms on nfra's header of 340).
_IN_NAV = ", ".join(f"{nav} {block}" for nav in _NAVS for block in _BLOCKS)
_HOLDS_NAV = ", ".join(f"{block}:has(nav)" for block in _BLOCKS)


def _mark_navs(tree: LexborHTMLParser, header: LexborNode) -> None:
    numbers = itertools.count(1)
    skip = {n.mem_id for n in header.css(_IN_NAV)} | {n.mem_id for n in header.css(_HOLDS_NAV)}
    for block in header.css(", ".join(_BLOCKS)):
        if block.mem_id in skip:
            continue
        links = block.css("a[href]")
        if len(links) < 3:
            continue
        text = len(clean_text(block))
        link_text = sum(len(clean_text(a)) for a in links)
        if text and link_text / text > 0.7:
            trail = trail_around(block, header)
            if trail is not None:
                # zjfgw's trail, a cell of steps in the header's table, was
                # "网站导航 3"; people.com.cn's 人民网>>文化 "网站导航 2".
                if not _has_trail_nav(tree):
                    nav = before(trail, element(tree, "nav", aria_label=trail_label(tree)))
                    append(nav, trail)
                skip.update(inner.mem_id for inner in trail.css(", ".join(_BLOCKS)))
                continue
            n = next(numbers)
            label = say(tree, "网站导航", "Site navigation") + ("" if n == 1 else f" {n}")
            nav = before(block, element(tree, "nav", aria_label=label))
            append(nav, block)
            # Its blocks are inside a navigation now (they come after it in
            # document order, so the loop meets them later).
            skip.update(inner.mem_id for inner in block.css(", ".join(_BLOCKS)))
