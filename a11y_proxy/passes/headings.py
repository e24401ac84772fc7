"""One ``h1`` (the article title) and the section headings a Word paste lost.

WCAG 1.3.1 and 2.4.6: a screen-reader user moves through a long report by
headings. Portal templates put the title in ``<div class="atit">`` and the
report's own structure ("一、总体情况", "(一)主动公开情况") in bold
paragraphs; both become real headings, with their look kept (same classes
and styles). Other ``h1`` elements become ``h2``.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from ..context import PageContext
from ..dom import (
    ADDED_CLASS,
    append,
    before,
    children,
    clean_text,
    contains,
    element,
    prepend,
    rename,
    sibling,
    without_space,
)
from ..titles import split_title, title_parts
from .links import MORE

_NUMERAL = "一二三四五六七八九十"
#: "一、总体情况" → h2; "(一)主动公开情况" / "（一）" → h3; "1." stays a paragraph.
_LEVEL2 = re.compile(rf"^[{_NUMERAL}]{{1,3}}、\S")
_LEVEL3 = re.compile(rf"^[(（][{_NUMERAL}]{{1,3}}[)）]\S")
_MAX_HEADING_CHARS = 40
_TITLE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:a?tit(?:le)?|bt|headline|art(?:icle)?_?tit(?:le)?)(?:$|[\s_-])", re.I
)


def _title_candidates(ctx: PageContext, tree: LexborHTMLParser) -> list[str]:
    names = []
    meta = tree.css_first('meta[name="ArticleTitle"], meta[name="articletitle"], meta[property="og:title"]')
    if meta is not None and (meta.attrs.get("content") or "").strip():
        names.append((meta.attrs.get("content") or "").strip())
    parts = title_parts(tree)
    if parts:
        names.append(parts[0])
    return names


#: How much more than the title a title element may say ("Traffic Statistics"
#: in <title>, "Traffic Statistics - Passengers" on the page).
_TITLE_SLACK = 12


def _says_title(text: str, wanted: str) -> bool:
    """Whether an element's text (spaces out) is the title, or the title and a little more."""
    return text == wanted or (len(wanted) > 8 and wanted in text and len(text) < len(wanted) + _TITLE_SLACK)


def _find_title(tree: LexborHTMLParser, ctx: PageContext) -> LexborNode | None:
    scope = ctx.main if ctx.main is not None else tree.body
    if scope is None:
        return None
    existing = scope.css_first("h1")
    if existing is not None and clean_text(existing):
        return existing
    wanted = [_normalise(t) for t in _title_candidates(ctx, tree)]
    scope_text = _normalise(scope.text(deep=True))
    for w in wanted:
        if not w or w[:12] not in scope_text:
            continue
        # Lexbor finds the elements whose text contains the title's start;
        # the innermost block among them is the title element.
        probe = clean_text_first(tree, scope, w[:8])
        # The innermost match may be a run inside the title; its block ancestors
        # are tried up to the first that holds more than the title.
        ancestors = _parents(probe[0]) if probe else []
        for node in [*probe, *ancestors]:
            if _says_title(_normalise(node.text(deep=True)), w):
                return node
        # The title's first characters are split across elements, or by a space
        # ("Traffic Statistics"): look at every block (most are table cells
        # shorter than the title: no work for those). Blocks come outermost
        # first; the innermost of the nested ones that say it is the title.
        best: LexborNode | None = None
        for node in scope.css("h2, h3, div, p, td"):
            raw = node.text(deep=True)
            if len(raw) < len(w):
                continue
            # A block holding more than the title already shows it in its
            # first few characters: no need to strip the whole page's text.
            if len(_normalise(raw[: 4 * len(w) + 64])) > len(w) + _TITLE_SLACK:
                continue
            if _says_title(_normalise(raw), w):
                if best is not None and not contains(best, node):
                    break
                best = node
        if best is not None:
            return best
    if ctx.main_source == "list":
        return None  # block titles of a front page ("要闻动态") are not the page's title
    # The class first: looking for a link inside every cell of a statistics
    # table (sec-10q's 600) cost more than the rest of the pass.
    for node in scope.css("div[class], p[class], td[class], h2[class], h3[class]"):
        if not _TITLE_CLASS.search(node.attrs.get("class") or ""):
            continue
        if node.css_first("a[href]") is None and 4 <= len(clean_text(node)) <= 120:
            return node
    return None


def _title_outside_main(tree: LexborHTMLParser, ctx: PageContext, main: LexborNode) -> LexborNode | None:
    """The page's own ``h1`` saying its title, in a title block before the content
    block (people.com.cn's ``div.text_title`` above ``div.box_con``). It stays the
    page's one ``h1`` where it is: demoting it and adding a copy at the content's
    start made a reader meet the title twice, first as a level-2 heading."""
    wanted = {_normalise(t) for t in _title_candidates(ctx, tree)}
    wanted.discard("")
    if not wanted:
        return None
    for h1 in tree.css("h1"):
        if _normalise(h1.text(deep=True)) in wanted and not contains(main, h1):
            return h1
    return None


_PROBE_TAGS = ("h2", "h3", "div", "p", "td", "span", "strong", "b", "font")


def clean_text_first(tree: LexborHTMLParser, scope: LexborNode, start: str) -> list[LexborNode]:
    """Elements under ``scope`` whose text contains ``start``, innermost first."""
    # Page text in a selector: no quotes, backslashes or control characters.
    quoted = re.sub(r'[\\"\x00-\x1f\x7f]', "", start)
    try:
        found = [n for n in scope.css(f':lexbor-contains("{quoted}")') if n.tag in _PROBE_TAGS]
    except SelectolaxError:
        return []
    return list(reversed(found))


def _parents(node: LexborNode, levels: int = 3) -> list[LexborNode]:
    out: list[LexborNode] = []
    parent = node.parent
    while parent is not None and len(out) < levels:
        out.append(parent)
        parent = parent.parent
    return out


_normalise = without_space


def _block_heading(tree: LexborHTMLParser, node: LexborNode, level: int) -> None:
    rename(tree, node, f"h{level}")


_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,6}$")


def _ensure_document_title(tree: LexborHTMLParser, ctx: PageContext) -> None:
    """WCAG 2.4.2: every page has a <title>; an HTML fragment gets one from its URL."""
    title = tree.css_first("title")
    if title is not None and clean_text(title):
        return
    meta = tree.css_first('meta[name="ArticleTitle"]')
    text = (meta.attrs.get("content") or "").strip() if meta is not None else ""
    if not text:
        heading = tree.css_first("h1, h2, h3")
        text = clean_text(heading) if heading is not None else ""
    if not text:
        path = urlsplit(ctx.url).path.rstrip("/")
        # The file's name as words: "2023-sales-report.html" is a title, not a
        # title "2023" of a site "report.html" (portal titles join their parts
        # with dashes, and the heading and image passes split them so): its
        # parts by the same splitter, joined by spaces, which it does not split.
        name = _EXTENSION.sub("", unquote(path.rsplit("/", 1)[-1]))
        text = " ".join(split_title(name)) or urlsplit(ctx.url).hostname or "网页"
    if title is not None:
        title.decompose()
    head = tree.head
    if head is not None:
        append(head, element(tree, "title", text))


def _fix_levels(tree: LexborHTMLParser) -> None:
    """No empty headings; no level skipped on the way down (h2 → h4 becomes h2 → h3)."""
    previous = 0
    for heading in tree.css("h1, h2, h3, h4, h5, h6"):
        if heading.css_matches("#a11y-proxy-bar *"):
            continue
        if not clean_text(heading) and not any(
            (i.attrs.get("alt") or "").strip() for i in heading.css("img")
        ):
            rename(tree, heading, "div")
            continue
        level = int((heading.tag or "h2")[1])
        if previous and level > previous + 1:
            level = previous + 1
            heading = rename(tree, heading, f"h{level}")
        previous = level


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    body = tree.body
    if body is None:  # pragma: no cover
        return
    _ensure_document_title(tree, ctx)
    title = _find_title(tree, ctx)
    if title is None and ctx.main is not None:
        title = _title_outside_main(tree, ctx, ctx.main)
    if title is not None and title.tag != "h1":
        if title.tag in ("span", "strong", "b", "font"):
            title = (
                title.parent if title.parent is not None and title.parent.tag in ("div", "p", "td") else title
            )
        if title.tag in ("div", "p", "h2", "h3"):
            title = rename(tree, title, "h1")
        else:
            # A title inside a table cell: the heading goes inside the cell.
            heading = element(tree, "h1", clean_text(title), class_="a11y-proxy-title")
            for child in children(title):
                child.decompose()
            prepend(title, heading)
            title = heading
    keep = title.mem_id if title is not None else None
    for h1 in tree.css("h1"):
        if h1.mem_id != keep:
            rename(tree, h1, "h2")
    if title is None:
        # No visible title: give the page an h1 from its <title> for
        # navigation, placed at the start of the main content.
        names = _title_candidates(ctx, tree)
        if names:
            scope = ctx.main if ctx.main is not None else body
            h1 = element(tree, "h1", names[0], class_=ADDED_CLASS)
            if scope.tag in ("table", "ul", "ol", "dl"):
                # Main content that is a table or a list (a procurement notice, a
                # list page): a heading is not content of either, so the main
                # content becomes a block holding the heading and the table.
                block = before(scope, element(tree, "div"))
                append(block, h1)
                append(block, scope)
                ctx.main = block
            else:
                prepend(scope, h1)
            ctx.heading = names[0]
    else:
        ctx.heading = clean_text(tree.css_first("h1") or title)
    if ctx.main is not None:
        _recover_sections(tree, ctx.main)
        _box_titles(tree, ctx.main, ctx.mode)
    _fix_levels(tree)


def _in_table(node: LexborNode, stop: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.mem_id != stop.mem_id:
        if parent.tag in ("td", "th", "table", "li"):
            return True
        parent = parent.parent
    return False


def _recover_sections(tree: LexborHTMLParser, main: LexborNode) -> None:
    # Only blocks with a "、" or a closing bracket can be "一、…" / "(一)…":
    # Lexbor finds the innermost elements holding them, and their paragraph
    # is looked at, instead of every paragraph of a long report.
    seen: set[int] = set()
    blocks = []
    for hit in main.css(':lexbor-contains("、"), :lexbor-contains(")"), :lexbor-contains("）")'):
        node: LexborNode | None = hit
        for _ in range(3):
            if node is None or node.tag in ("p", "div"):
                break
            node = node.parent
        if node is not None and node.tag in ("p", "div") and node.mem_id not in seen:
            seen.add(node.mem_id)
            blocks.append(node)
    for p in blocks:
        text = clean_text(p)
        if not text or len(text) > _MAX_HEADING_CHARS or not (_LEVEL2.match(text) or _LEVEL3.match(text)):
            continue
        if _in_table(p, main):
            continue  # "三、本年度办理结果" in a table cell is a row header, not a section
        if p.tag == "div" and any(n.mem_id != p.mem_id for n in p.css("p, div, table")):
            continue
        if _LEVEL2.match(text):
            _block_heading(tree, p, 2)
        elif _LEVEL3.match(text):
            _block_heading(tree, p, 3)


#: A box's title over its list of links: a few words, not a sentence.
_BOX_TITLE_CHARS = 15
_SENTENCE = re.compile(r"[。，,；;！!？?、]|^[\d\s:：/.-]+$")
#: What a box's title block never holds.
_NOT_A_TITLE = (
    "h1, h2, h3, h4, h5, h6, ul, ol, dl, table, img, input, select, textarea, button, [role=heading]"
)


def _box_titles(tree: LexborHTMLParser, main: LexborNode, mode: str) -> None:
    """The title of each box of links on a front or column page is a heading
    (WCAG 1.3.1, 2.4.6): ``<div class="tit"><span>政府信息公开年报</span><a>更多</a></div>``
    over its ``<ul>``. A screen reader moving by headings found only the page's
    h1 on a front page of six boxes. 无障碍 keeps the look (``role="heading"``,
    ARIA12); the modes the proxy lays out make it an ``h2``, which they style."""
    for listing in main.css("ul, ol"):
        head = sibling(listing, forward=False)  # a text node when words stand between: no title
        if head is None or head.tag not in ("div", "p", "span", "strong", "b", "font"):
            continue
        if len(listing.css("a[href]")) < 2 or head.css_first(_NOT_A_TITLE) is not None:
            continue
        more = [a for a in head.css("a") if MORE.match(clean_text(a))]
        words = [child for child in children(head) if not any(child.mem_id == a.mem_id for a in more)]
        named = [child for child in words if clean_text(child)]
        if more:
            # The title and its 更多 side by side: the title's own element is the heading.
            if len(named) != 1 or named[0].is_text_node:
                continue
            title = named[0]
        else:
            title = head
        text = clean_text(title)
        if not 2 <= len(without_space(text)) <= _BOX_TITLE_CHARS or _SENTENCE.search(text):
            continue
        if len(title.css("a[href]")) > 1:
            continue
        if mode == "a11y":
            title.attrs["role"] = "heading"
            title.attrs["aria-level"] = "2"
        else:
            rename(tree, title, "h2")
