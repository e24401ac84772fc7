"""Find a page's main content: the article (with its title and tables), or the main list.

Three steps, the first that answers wins:

1. the site's own selector from the config (``[[sites]] main = "…"``);
2. the content containers of the CMSs Chinese portals run on (TRS WCM
   ``.TRS_Editor``, Hanweb ``#zoom``, UCAP ``#UCAP-CONTENT``, …), when one
   holds a real amount of text;
3. a text-density score in the manner of Readability: every paragraph-like
   block gives its non-link text length to its parent (and half to its
   grandparent), scaled down by link density; the best-scoring container
   wins, unless it is the site's footer or legal notice (ICP licence,
   主办单位, 免责声明), which can out-score a short notice laid out in tables.

The found block is then widened to take in its heading and date line (an
ancestor that adds little text besides them), so the article title stays
with the article. No library extraction (trafilatura, readability) is used:
both rebuild the article as new markup and break merged-cell tables
(``rowspan``/``colspan``), which are the whole point of the annual reports;
here the original subtree is kept as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .crumbs import CRUMB_TEXT
from .dom import (
    ancestor_ids,
    class_and_id,
    clean_text,
    dense_len,
    element_children,
    inside_any,
    without_space,
)
from .table_headers import is_number
from .titles import title_parts

#: CMS article containers, most specific first.
KNOWN_CONTAINERS = (
    ".TRS_Editor",
    ".TRS_UEDITOR",
    "#UCAP-CONTENT",
    "#zoom",
    "#Zoom",
    "#fontzoom",
    ".pages_content",
    ".article-content",
    ".article_content",
    "#ivs_content",
    ".detail-content",
    "#rwb_zw",
    ".rm_txt_con",
    "#js_content",
    ".xxgk_content",
    ".zw",
    "#zw",
    ".main-txt",
)
_ANY_KNOWN_CONTAINER = ", ".join(KNOWN_CONTAINERS)
#: Below this many characters a known container is a stub (an empty editor div).
MIN_CONTAINER_CHARS = 100
_BLOCKS = "p, pre, blockquote, td, li, h1, h2, h3, h4, h5, h6, dd, div"
_INNER_BLOCKS = "div, p, table, ul, ol, dl, section, article"
_WIDEN_RATIO = 1.35
_WIDEN_EXTRA = 400


#: Marks what a page's header or sidebar script wrote (passes/script_writes).
WRITTEN_MARK = "data-a11y-written"


def text_len(node: LexborNode) -> int:
    return dense_len(node.text(deep=True))


class _Lengths:
    """Text lengths of nodes, measured once per search (the same subtrees are asked about often).

    What a reader reads: the text of ``<style>`` elements in the body (Word-pasted
    articles carry kilobytes of them) is left out, or an article holding one
    looks several times its size, and the block chosen grows to take in the
    breadcrumb and sidebars around it.
    """

    def __init__(self, tree: LexborHTMLParser) -> None:
        self._text: dict[int, int] = {}
        self._styled = tree.css_first("body style") is not None

    def __call__(self, node: LexborNode) -> int:
        key = node.mem_id
        if key not in self._text:
            length = text_len(node)
            if self._styled:
                length -= sum(dense_len(style.text(deep=True)) for style in node.css("style"))
            self._text[key] = length
        return self._text[key]


def _link_len(node: LexborNode) -> int:
    if node.css_first("a") is None:
        return 0
    return sum(dense_len(a.text(deep=True)) for a in node.css("a"))


@dataclass
class MainContent:
    node: LexborNode
    #: "config", "cms", "score", "figures", "list" or "frame": how it was found.
    source: str


def _widen(node: LexborNode, body: LexborNode, text_len: _Lengths) -> LexborNode:
    """Climb to the ancestor that holds the article's title and date but little else."""
    size = text_len(node)
    best = node
    current = node.parent
    best_links = _link_len(best)
    while current is not None and current.tag not in ("body", "html"):
        total = text_len(current)
        if total > size * _WIDEN_RATIO + _WIDEN_EXTRA:
            break
        # Do not climb into a block that is mostly links (a sidebar next to the article).
        if total > size + 80:
            links = _link_len(current)
            if links - best_links > (total - text_len(best)) * 0.6:
                break
            best_links = links
        else:
            best_links = _link_len(current) if total > text_len(best) else best_links
        best = current
        current = current.parent
    return best


#: What only a site's footer or legal notice says (ICP licence, public security
#: record, copyright line (with no © on an old English site), "主办单位", site
#: identifier, disclaimer).
_SITE_FOOTER = re.compile(
    r"ICP[备证]|公网安备|版权所有|主办单位|网站标识码|免责声明|"
    r"Copyright\s*(?:©|\(c\)|\d{4})|All rights reserved",
    re.IGNORECASE,
)
_FOOTER_SKIPS = 8
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_URLISH = re.compile(r"^\s*(?:https?:)?//\S+\s*$")


def is_hidden(node: LexborNode) -> bool:
    """Hidden by its own markup (``hidden``, inline ``display:none``): not content a reader sees."""
    attrs = node.attrs
    return "hidden" in attrs or bool(_HIDDEN_STYLE.search(attrs.get("style") or ""))


def block_scores(tree: LexborHTMLParser) -> tuple[dict[int, float], dict[int, LexborNode]]:
    """Each container's score (by mem_id) and the containers themselves."""
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    # Containers are skipped before their text is read: reading the text of
    # every nested wrapper made this quadratic in the nesting depth.
    holds_table = ancestor_ids(tree.css("table"))
    holds_block = holds_table | ancestor_ids(tree.css(_INNER_BLOCKS))
    for block in tree.css(_BLOCKS):
        tag = block.tag
        if tag == "td" and block.mem_id in holds_table:
            continue  # a layout cell: its paragraphs are counted on their own
        if tag == "div" and block.mem_id in holds_block:
            # Only a div used as a paragraph counts (editors write <div> for <p>).
            continue
        text = block.text(deep=True)
        length = dense_len(text)
        if length < 20:
            continue
        if is_hidden(block) or _URLISH.match(text):
            continue  # hidden link lists and bare addresses are not prose
        links = _link_len(block)
        value = (length - links) * (1.0 - min(1.0, links / max(length, 1)))
        if value <= 0:
            continue
        parent = block.parent
        for weight in (1.0, 0.5):
            if parent is None or parent.tag in ("body", "html"):
                break
            key = parent.mem_id
            nodes[key] = parent
            scores[key] = scores.get(key, 0.0) + value * weight
            parent = parent.parent
    return scores, nodes


def is_site_footer(text: str) -> bool:
    """A footer or legal notice: its legal words come before most of its text.

    An article block that ends with the portal's 版权与免责声明 has most of its
    text before that; the footer itself starts with it, or is made of it.
    """
    m = _SITE_FOOTER.search(text)
    return m is not None and dense_len(text[: m.start()]) < dense_len(text) / 2


#: A class or id token that names a navigation block: ``nav``, ``navbar``,
#: ``menu``, ``daohang`` (导航), alone or as a hyphen/underscore-separated part
#: (``nav-panel``, ``top_menu``).
_NAV_TOKEN = re.compile(r"(?:^|[-_])(?:nav|navbar|navigation|menu|submenu|daohang)(?:$|[-_])", re.IGNORECASE)


def in_navigation(node: LexborNode) -> bool:
    """Inside the site's navigation: a ``<nav>``, ``role=navigation``, or a block
    its own markup names a navigation or menu (a mega-menu's drop-down panels
    hold teaser paragraphs that can out-score a short article)."""
    current: LexborNode | None = node
    while current is not None and current.tag not in ("body", "html"):
        if current.tag == "nav":
            return True
        if current.attrs.get("role") == "navigation":
            return True
        if any(_NAV_TOKEN.search(token) for token in class_and_id(current).split()):
            return True
        current = current.parent
    return False


def _score(tree: LexborHTMLParser) -> LexborNode | None:
    scores, nodes = block_scores(tree)
    if not scores:
        return None
    ranked = sorted(scores, key=lambda k: scores[k], reverse=True)
    # A site's footer or legal notice can out-score a short article (a notice
    # that is mostly a table), and so can the teasers in a navigation menu's
    # drop-down panels: the best block that is neither wins.
    for key in ranked[:_FOOTER_SKIPS]:
        node = nodes[key]
        if not is_site_footer(node.text(deep=True)) and not in_navigation(node):
            return node
    return nodes[ranked[0]]


#: Below this much non-link text the page is a front or list page, whose main
#: content is its lists of article links.
MIN_PROSE_CHARS = 150
_ITEM_LINK_CHARS = 6
_NOT_ITEM = re.compile(r"ICP|备案|公网安备|版权|Copyright|首页$", re.IGNORECASE)


def _is_item(link: LexborNode) -> bool:
    """A link that reads like an article in a list: long enough text, not the footer's."""
    text = link.text(deep=True)
    return dense_len(text) >= _ITEM_LINK_CHARS and not _NOT_ITEM.search(text)


def _titled_list(tree: LexborHTMLParser) -> LexborNode | None:
    """A column page's list under its own name: the block holding the heading that
    names the page (the title's own part) and the links listed under it.

    A column page (栏目页) has a sidebar of sibling columns, related-site links
    and a footer around its list, often more links than the list itself; the
    smallest block holding most links then takes all of them in. The page's
    heading says which list the page is.
    """
    parts = title_parts(tree)
    if not parts:
        return None
    name = without_space(parts[0])
    for heading in tree.css("h1, h2, h3"):
        if without_space(heading.text(deep=True)) != name:
            continue
        block = heading.parent
        if block is None or block.tag in ("body", "html"):
            return None
        links = block.css("a[href]")
        items = [a for a in links if _is_item(a)]
        # Its own list: article links, not a container of menus and link farms.
        if len(items) >= 3 and len(items) >= 0.7 * len(links):
            return block
        return None
    return None


#: How far up, and how much more prose, the block with all of a page's lists may be.
_LIST_CLIMB = 3
_LIST_EXTRA_PROSE = 200


_LINK_HOST = re.compile(r"^(?:/[a-z0-9]+/)?[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]*)")


def _link_host(href: str) -> str:
    """The host an absolute or proxied (``/{mode}/http://host/…``) link leads to, "" for a relative one."""
    m = _LINK_HOST.match(href)
    return m.group(1).lower() if m else ""


def _list_block(tree: LexborHTMLParser, lengths: _Lengths, site_host: str = "") -> LexborNode | None:
    """The smallest block holding most of the page's article links (long link texts)."""
    items = [a for a in tree.css("a[href]") if _is_item(a)]
    # Links to sites the proxy does not serve (a footer's related sites, whose
    # mark alone is as long as a title) are not this site's list, when the
    # site's own links make one; on a page whose every link leaves (a saved
    # page served from elsewhere) they are all there is.
    own = [a for a in items if "data-a11y-external" not in a.attrs]
    if len(own) >= 3:
        items = own
    # Nor are the links to other sites the proxy also serves (the footer's 政府网站
    # box, a 友情链接 row): a column lists its own site's articles. On a page whose
    # lists all lead elsewhere (a 门户 front page of its departments' news),
    # those are the list.
    if site_host:
        own = [a for a in items if _link_host(a.attrs.get("href") or "") in ("", site_host)]
        if len(own) >= 3:
            items = own
    # Nor are the links a header or sidebar script wrote (a 热点专题 box beside the
    # column's list, the same on every page of the site), when the page's own make one.
    written = {node.mem_id for node in tree.css(f"[{WRITTEN_MARK}]")}
    if written:
        own = [a for a in items if not inside_any(a, written)]
        if len(own) >= 3:
            items = own
    if len(items) < 3:
        return None
    counts: dict[int, int] = {}
    nodes: dict[int, LexborNode] = {}
    depth: dict[int, int] = {}
    # Each block's chain of ancestors (top down, the block last) is made once:
    # a list's items share all but their last levels, and climbing each item
    # to the body asked Lexbor for every level again (20 deep on stats.gov.cn).
    chains: dict[int, tuple[int, ...]] = {}
    for a in items:
        climbed = []
        parent = a.parent
        while parent is not None and parent.tag not in ("body", "html") and parent.mem_id not in chains:
            climbed.append(parent)
            parent = parent.parent
        chain = chains.get(parent.mem_id, ()) if parent is not None else ()  # () at the body
        for node in reversed(climbed):
            key = node.mem_id
            nodes[key] = node
            chain = chains[key] = (*chain, key)
            depth[key] = len(chain) - 1
        for key in chain:
            counts[key] = counts.get(key, 0) + 1
    needed = 0.7 * len(items)
    candidates = [k for k, c in counts.items() if c >= needed]
    if not candidates:
        return None
    best = nodes[max(candidates, key=lambda k: depth[k])]
    # A front page's lists side by side (要闻 in tabs beside 信息公开年报): the
    # block with most of the links may be one of them, when its tabs are all
    # shown. The smallest block with all of them is taken instead when it is
    # a few levels up and adds lists, not prose (a page of statistics around
    # its list of links, such as macau's, stays with the list).
    whole = [k for k, c in counts.items() if c == len(items)]
    if whole:
        full = nodes[max(whole, key=lambda k: depth[k])]
        if (
            full.mem_id != best.mem_id
            and len(items) - counts[best.mem_id] >= 2  # another list, not one stray link
            and depth[best.mem_id] - depth[full.mem_id] <= _LIST_CLIMB
            and _prose_len(full, lengths) - _prose_len(best, lengths) <= _LIST_EXTRA_PROSE
        ):
            best = full
    return _whole_table(_with_caption(_whole_table(best)))


#: A line that says what a list is ("关键词:年度报告,共找到 3 条结果") is no longer than this.
_CAPTION_CHARS = 100


#: The words of a pager's links.
_PAGE_WORDS = re.compile(r"^(?:\d{1,4}|首页|上一页|下一页|尾页|末页|前一页|后一页|[<>«»]+|\.\.\.|…)$")


def _beside_list(child: LexborNode) -> bool:
    """What a column's list block holds besides the list: a short line with no
    links (the search summary above the results, a column's own title), the
    trail to the column (当前位置:首页 > 政务公开), or the pager under it."""
    text = clean_text(child)
    if not 0 < len(text) <= _CAPTION_CHARS:
        return False
    links = child.css("a[href]")
    if not links or CRUMB_TEXT.match(text):
        return True
    return all(_PAGE_WORDS.match(clean_text(a)) for a in links)


def _with_caption(listing: LexborNode) -> LexborNode:
    """The list's block when all it holds besides the list is what names it and
    leads on from it: a reader of the results needs to know what they are the
    results of, and the next page of them is part of the list."""
    parent = listing.parent
    if parent is None or parent.tag in ("body", "html"):
        return listing
    others = [child for child in element_children(parent) if child.mem_id != listing.mem_id]
    if others and all(_beside_list(child) for child in others):
        return parent
    return listing


def _whole_table(node: LexborNode) -> LexborNode:
    """A row or row group is not a block on its own: take its table."""
    while node.tag in ("tr", "tbody", "thead", "tfoot") and node.parent is not None:
        node = node.parent
    return node


#: A table of at least this many figures is a statistics page's content.
MIN_FIGURES = 20


def _figures_block(tree: LexborHTMLParser) -> LexborNode | None:
    """The tables of figures, in the one block that holds them all: a
    statistics page (a traffic count by month, one table a period; a budget)
    has no prose, and its cells, one number each, are too short to count as
    blocks. Only tables with no table inside (not the layout), and only
    figures with a digit (not a "-" placeholder; dates are not figures, so a
    list of notices with their dates is not one)."""
    tables: list[LexborNode] = []
    for table in tree.css("table"):
        # A node's own css() holds the node: a table inside is a second match.
        if len(table.css("table")) > 1:
            continue
        count = 0
        for cell in table.css("td, th"):
            text = cell.text(deep=True).strip()
            if text and is_number(text) and any(ch.isdigit() for ch in text):
                count += 1
        if count >= MIN_FIGURES:
            tables.append(table)
    if not tables:
        return None
    # Their nearest common ancestor: the first table's ancestors, climbed to
    # by each other table.
    chain: list[LexborNode] = []
    node: LexborNode | None = tables[0]
    while node is not None and node.tag not in ("body", "html"):
        chain.append(node)
        node = node.parent
    place = {n.mem_id: i for i, n in enumerate(chain)}
    top = 0
    for table in tables[1:]:
        node = table
        while node is not None and node.mem_id not in place:
            node = node.parent
        if node is None:
            return None  # pragma: no cover - every table is under the body
        top = max(top, place[node.mem_id])
    return chain[top]


def _prose_len(node: LexborNode, lengths: _Lengths) -> int:
    return lengths(node) - _link_len(node)


def find_main(tree: LexborHTMLParser, override: str = "", site_host: str = "") -> MainContent | None:
    """The page's main content. ``site_host`` is the host of the page's own site,
    whose links make its lists (the others' are related sites)."""
    body = tree.body
    if body is None:
        return None
    lengths = _Lengths(tree)
    if override:
        node = tree.css_first(override)
        if node is not None:
            return MainContent(_whole_table(node), "config")
    # One selector match first: most pages have none of the containers, and
    # each selector on its own is a walk over the whole tree.
    for selector in KNOWN_CONTAINERS if tree.css_first(_ANY_KNOWN_CONTAINER) is not None else ():
        matches = [n for n in tree.css(selector) if lengths(n) >= MIN_CONTAINER_CHARS]
        if matches:
            node = max(matches, key=lengths)
            return MainContent(_whole_table(_widen(node, body, lengths)), "cms")
    node = _score(tree)
    if node is not None and _prose_len(node, lengths) >= MIN_PROSE_CHARS:
        return MainContent(_whole_table(_widen(node, body, lengths)), "score")
    figures = _figures_block(tree)
    if figures is not None:
        return MainContent(_widen(figures, body, lengths), "figures")
    listing = _titled_list(tree) or _list_block(tree, lengths, site_host.lower())
    if listing is not None:
        return MainContent(listing, "list")
    frame = _content_frame(tree, lengths)
    if frame is not None:
        return MainContent(frame, "frame")
    if node is None:
        return None
    return MainContent(_whole_table(_widen(node, body, lengths)), "score")


#: Below this size (the attribute's pixels) a frame is a widget, a counter or a button.
_MIN_FRAME_WIDTH = 300
_MIN_FRAME_HEIGHT = 200
#: What a shell page says around its frame: the trail, the footer's legal lines.
_SHELL_PROSE = MIN_PROSE_CHARS
_PIXELS = re.compile(r"^\s*(\d+)\s*(?:px)?\s*$")


def _frame_size_ok(value: str | None, least: int) -> bool:
    m = _PIXELS.match(value or "")
    return m is None or int(m.group(1)) >= least  # "100%", or none given: as wide as it is laid out


def _content_frame(tree: LexborHTMLParser, lengths: _Lengths) -> LexborNode | None:
    """A page that is a frame around its content: the header, the trail, the footer,
    and one large ``<iframe>`` where the article is (an old CMS's shell page). With
    no prose and no list of its own, the footer's legal lines won the score; the
    frame's block is the content. The counters and ads frames went before (clutter)."""
    body = tree.body
    page_prose = _prose_len(body, lengths) if body is not None else 0
    for frame in tree.css("iframe[src]"):
        if is_hidden(frame) or in_navigation(frame):
            continue
        attrs = frame.attrs
        if not (
            _frame_size_ok(attrs.get("width"), _MIN_FRAME_WIDTH)
            and _frame_size_ok(attrs.get("height"), _MIN_FRAME_HEIGHT)
        ):
            continue
        block = frame.parent
        inside = block if block is not None and block.tag not in ("body", "html") else frame
        if page_prose - _prose_len(inside, lengths) > _SHELL_PROSE:
            return None  # words of its own around the frame: not a shell page
        # Its block, when that holds little besides it (a title, a date line).
        if inside is not frame and _prose_len(inside, lengths) <= _LIST_EXTRA_PROSE:
            return _whole_table(inside)
        return frame
    return None
