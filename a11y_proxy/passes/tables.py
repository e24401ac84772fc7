"""Data tables that say which headers each number belongs to (WCAG 1.3.1; WAI tables tutorial).

For each table: layout tables get ``role="presentation"`` (and are
linearised later in 适老版); data tables without ``<th>`` get their header
cells found (:mod:`a11y_proxy.table_headers`) and written so that real
browsers associate them: Chromium ignores ``headers`` and gives a cell every
column header over its column and every row header across its row,
anywhere in the table, so

- header cells become ``<th scope="col">`` / ``<th scope="row">``;
- stacked sub-tables (第二十条第(一)项 …, each with its own header row) are
  split into separate tables, captioned with their section title, so that
  one part's headers never attach to another part's numbers;
- the corner note ("(本列数据的勾稽关系为…)") becomes the table's
  description (``aria-describedby``), not a header;
- ``headers`` ids are added as a supplement for engines that honour them;
- every data cell carries its spoken form in ``data-a11y-speech``
  ("申请人情况 法人或其他组织 商业企业,三、本年度办理结果 (三)不予公开 1.属于国家秘密:0");
- numbers are right-aligned with tabular figures (class ``a11y-num``);
- the table gets a ``<caption>`` from the heading or paragraph before it.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from html import escape

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import ADDED_CLASS, after, append, before, clean_text, element, element_children, prepend, rename
from ..table_grid import Cell, Grid, build_grid
from ..table_headers import Segment, author_segment, is_number, layout_by_content, layout_by_markup, segments
from ..wording import say

#: What a table's title is written in, right before it. A span or a font with
#: line breaks before the table is one too (camacau.com's eight tables:
#: ``<span id="title">Passengers Figure(2008-2013)</span><br><br><table>``).
_CAPTION_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "strong", "b", "span", "font")
LAYOUT_MARK = "data-a11y-layout"


def _previous_title(table: LexborNode) -> tuple[LexborNode | None, str]:
    """The heading or short paragraph right before the table (or before its
    wrapper), and its words; (None, "") when there is none."""
    none: tuple[LexborNode | None, str] = (None, "")
    node: LexborNode | None = table
    for _ in range(3):
        if node is None:
            return none
        prev = node.prev
        while prev is not None and _is_gap(prev):
            prev = prev.prev
        if prev is not None and prev.is_element_node and prev.tag in _CAPTION_TAGS:
            if ADDED_CLASS in (prev.attrs.get("class") or "").split():
                return none  # the page title the headings pass put there: the table is not named by it
            text = clean_text(prev)
            if 2 <= len(text) <= 60 and prev.css_first("table") is None:
                return prev, text
            return none
        if prev is not None:
            return none
        node = node.parent  # the table is first in its wrapper: look before the wrapper
    return none


def _is_gap(node: LexborNode) -> bool:
    """Nothing between a title and its table: white space, a line break."""
    return (node.is_text_node and not (node.text_content or "").strip()) or node.tag == "br"


def _drop_plain_title(title: LexborNode | None) -> None:
    """A span or font that only said the table's title, now its caption, goes
    with the line breaks after it: camacau's tables showed their names twice,
    over and in the table. A heading or paragraph stays (a reader moves by
    headings; the words may be the section's, not only the table's)."""
    if title is None or title.tag not in ("span", "font"):
        return
    gap = title.next
    while gap is not None and _is_gap(gap):
        following = gap.next
        gap.decompose()
        gap = following
    title.decompose()


#: Whitespace the speech keeps: between two Latin words ("April 30", "In
#: millions"). Around Chinese it is Word's line-wrapping and padding
#: ("三、本年度 办理结果"), and between digits a grouping ("1 234").
_KEPT_SPACE = re.compile(r"(?<=[A-Za-z])\s+(?=[A-Za-z0-9])|(?<=[0-9])\s+(?=[A-Za-z])")
_SPACE = re.compile(r"\s+")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


@functools.lru_cache(maxsize=4096)  # a report's figures repeat ("0", "-") hundreds of times
def _speech_text(text: str) -> str:
    """A cell's text as the reader speaks it: Chinese without Word's spaces, Latin words apart."""
    if not _LATIN_LETTER.search(text):
        return "".join(text.split())  # most cells: figures and Chinese labels
    # NUL marks the kept spaces: parsed text never holds one (the parser drops it).
    return _SPACE.sub("", _KEPT_SPACE.sub("\x00", text)).replace("\x00", " ")


SCROLL_CLASS = "a11y-table-scroll"
#: What an empty data cell is read as.
EMPTY = "空"


def _finish(tree: LexborHTMLParser, table: LexborNode, used: set[str]) -> None:
    """Wrap a data table for phones: a labelled, focusable scroll region (WCAG 1.4.10
    allows two-dimensional scrolling for tables, inside their own region), and
    after it a list view that reads each cell as "headers: value"."""
    caption = table.css_first("caption")
    name = clean_text(caption) if caption is not None else say(tree, "数据表格", "Data table")
    # Region names must differ (axe landmark-unique): number repeats.
    label, n = name, 1
    while label in used:
        n += 1
        label = f"{name} {n}"
    used.add(label)
    region = before(
        table,
        element(
            tree,
            "div",
            class_=SCROLL_CLASS,
            role="region",
            tabindex="0",
            aria_label=label + say(tree, "(可左右滚动)", " (scrolls sideways)"),
        ),
    )
    append(region, table)
    lines = []
    for cell in table.css("td[data-a11y-speech]"):
        spoken = cell.attrs.get("data-a11y-speech") or ""
        headers, _, value = spoken.rpartition(":")
        if value == EMPTY and not cell.text(deep=True).strip():
            # An empty cell: the list would say "…: 空" once per spacer column
            # (317 times on a financial statement) and nothing else.
            continue
        path = " / ".join(part for part in headers.split(",") if part)
        lines.append(f"<li>{escape(f'{path}:{value}', quote=False)}</li>")
    if len(lines) < 2:
        return
    details = element(tree, "details", class_="a11y-table-list")
    append(details, element(tree, "summary", say(tree, f"以列表方式阅读:{name}", f"Read as a list: {name}")))
    items = append(details, element(tree, "ul"))
    # One parse of the whole list instead of two node operations per cell
    # (hundreds in an annual report). The text comes from parsed cells, so it
    # holds no NUL the parser would drop.
    items.inner_html = "".join(lines)
    after(region, details)


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    ids = itertools.count(1)
    used: set[str] = set()
    for table in tree.css("table"):
        if table.parent is None:
            continue
        # The markup test first: a table holding another is layout before its
        # grid is built (a portal's page is mostly nested layout tables).
        if layout_by_markup(table) or layout_by_content(grid := build_grid(table)):
            table.attrs["role"] = "presentation"
            table.attrs[LAYOUT_MARK] = ""
            continue
        if table.css_first("th") is None:
            parts = segments(grid)
        else:
            completed = author_segment(grid)
            if completed is None:
                _mark_numbers(grid)
                title, text = _previous_title(table)
                if _caption(tree, table, text):
                    _drop_plain_title(title)
                _finish(tree, table, used)
                continue
            parts = [completed]
        for made in _rebuild(tree, table, grid, parts, ids):
            _finish(tree, made, used)


def linearise(tree: LexborHTMLParser, table: LexborNode) -> None:
    """A layout table as the blocks it lays out, in reading order (适老版, 纯文本).

    Only the table's own rows and cells: a data table laid out inside one of
    its cells (an old portal's article column) keeps its headers.
    """
    for part in element_children(table):
        if part.tag in ("thead", "tbody", "tfoot"):
            for row in element_children(part):
                if row.tag == "tr":
                    _linearise_row(tree, row)
            rename(tree, part, "div")
        elif part.tag == "tr":
            _linearise_row(tree, part)
        elif part.tag == "caption":
            rename(tree, part, "div")
    rename(tree, table, "div")


def _linearise_row(tree: LexborHTMLParser, row: LexborNode) -> None:
    for cell in element_children(row):
        if cell.tag in ("td", "th"):
            rename(tree, cell, "div")
    rename(tree, row, "div")


def _mark_numbers(grid: Grid) -> None:
    for cell in grid.cells:
        if cell.text and is_number(cell.text):
            existing = cell.node.attrs.get("class") or ""
            cell.node.attrs["class"] = f"{existing} a11y-num".strip()


def _caption(tree: LexborHTMLParser, table: LexborNode, text: str) -> bool:
    """Give the table a caption if it has none; whether it was given."""
    if text and table.css_first("caption") is None:
        prepend(table, element(tree, "caption", text))
        return True
    return False


def _by_slot(headers: list[Cell], span: Callable[[Cell], range]) -> dict[int, list[Cell]]:
    """Headers by each column (row) they cover, in header order."""
    at: dict[int, list[Cell]] = {}
    for h in headers:
        for slot in span(h):
            at.setdefault(slot, []).append(h)
    return at


def _covering(headers: list[Cell], at: dict[int, list[Cell]], span: range) -> list[Cell]:
    """The headers whose span overlaps ``span``, in header order."""
    if len(span) == 1:
        return at.get(span.start, [])
    hit = {id(h) for slot in span for h in at.get(slot, ())}
    return [h for h in headers if id(h) in hit]


class _SpanWords:
    """The header ids and spoken header names for a column (row) span, made once per span."""

    def __init__(
        self, headers: list[Cell], at: dict[int, list[Cell]], ids: dict[int, str], names: dict[int, str]
    ) -> None:
        self.headers, self.at, self.ids, self.names = headers, at, ids, names
        self.memo: dict[tuple[int, int], tuple[str, str]] = {}

    def __call__(self, start: int, length: int) -> tuple[str, str]:
        # Keyed by (first slot, span), not by a range: a range object made
        # and hashed per cell cost more than the rest of the lookup.
        got = self.memo.get((start, length))
        if got is None:
            found = _covering(self.headers, self.at, range(start, start + length))
            got = self.memo[start, length] = (
                " ".join(self.ids[id(h)] for h in found),
                " ".join(self.names[id(h)] for h in found),
            )
        return got


def _rebuild(
    tree: LexborHTMLParser, table: LexborNode, grid: Grid, parts: list[Segment], ids: itertools.count[int]
) -> list[LexborNode]:
    """Rewrite the table; return the table(s) it became."""
    base_title, base_caption = _previous_title(table)
    table_no = next(ids)
    # Decide every cell's role first; markup changes come after, since
    # renaming a cell replaces its node.
    plans: list[tuple[Segment, dict[int, str], dict[int, str]]] = []
    for part in parts:
        roles: dict[int, str] = {}
        cell_ids: dict[int, str] = {}
        for cell in part.col_headers:
            roles[id(cell)] = "col"
        for cell in part.row_headers:
            roles[id(cell)] = "row"
        for n, cell in enumerate([*part.col_headers, *part.row_headers], 1):
            cell_ids[id(cell)] = f"a11y-t{table_no}-{part.first_row}-{n}"
        plans.append((part, roles, cell_ids))

    speech: dict[int, tuple[str, str]] = {}
    spoken_name = {
        id(h): _speech_text(h.text).rstrip(":：")
        for part in parts
        for h in (*part.col_headers, *part.row_headers)
    }
    for part, roles, cell_ids in plans:
        # Headers by the column (row) they cover, in the part's order, so each
        # cell looks up its own instead of testing every header; and the ids
        # and spoken names of each column (row) span once, not once per cell.
        col_at = _by_slot(part.col_headers, lambda h: h.cols)
        row_at = _by_slot(part.row_headers, lambda h: h.rows)
        col_words = _SpanWords(part.col_headers, col_at, cell_ids, spoken_name)
        row_words = _SpanWords(part.row_headers, row_at, cell_ids, spoken_name)
        body_start = part.first_row + (1 if part.title is not None else 0) + part.header_rows
        for r in range(part.first_row, part.last_row):
            for cell in grid.by_row.get(r, ()):
                if id(cell) in roles or cell is part.title or cell is part.corner_note:
                    continue
                if r < body_start and not cell.text:
                    continue  # a spacer among the headers: no value to announce
                col_refs, col_spoken = col_words(cell.col, cell.colspan)
                row_refs, row_spoken = row_words(cell.row, cell.rowspan)
                if not col_refs and not row_refs:
                    continue
                refs = f"{col_refs} {row_refs}" if col_refs and row_refs else col_refs or row_refs
                spoken = f"{col_spoken},{row_spoken}:{_speech_text(cell.text) or EMPTY}"
                speech[id(cell)] = (refs, spoken)
                if cell.text and is_number(cell.text):
                    existing = cell.node.attrs.get("class") or ""
                    cell.node.attrs["class"] = f"{existing} a11y-num".strip()
    for cell in grid.cells:
        if id(cell) in speech:
            refs, spoken = speech[id(cell)]
            cell.node.attrs["headers"] = refs
            cell.node.attrs["data-a11y-speech"] = spoken
    _drop_empty_columns(grid)

    for part, roles, cell_ids in plans:
        # The first column of row headers stays in view while a wide table scrolls
        # on a phone; so does the header over that column (信息内容), or the next
        # column's header would stand above the row headers. Only a header of that
        # one column: a row header spanning the row's first three columns (table
        # 3's "一、本年新收政府信息公开申请数量") is as wide as a phone's view, and
        # kept there it covered its own figures, which could never be scrolled
        # into sight (WCAG 1.4.10 allows the scrolling, not the hiding).
        sticky_rows = any(cell.col == 0 for cell in part.row_headers)
        for cell in [*part.col_headers, *part.row_headers]:
            # An author's <th> is already one (renaming copies the cell's whole subtree).
            th = cell.node if cell.node.tag == "th" else rename(tree, cell.node, "th")
            th.attrs["scope"] = roles[id(cell)]
            th.attrs["id"] = cell_ids[id(cell)]
            if sticky_rows and cell.col == 0 and cell.colspan == 1:
                th.attrs["class"] = f"{th.attrs.get('class') or ''} a11y-sticky".strip()
            cell.node = th

    if len(parts) == 1:
        part = parts[0]
        if part.corner_note is not None:
            _describe(tree, table, part.corner_note, f"a11y-t{table_no}-note")
        caption = " ".join(t for t in (base_caption, part.title.text if part.title else "") if t)
        if part.title is not None:
            grid.row_nodes[part.first_row].decompose()
        head_rows = _head_rows(grid, part)
        if head_rows and table.css_first("thead") is None:
            first = grid.row_nodes[head_rows[0]]
            group = first.parent if first.parent is not None and first.parent.tag == "tbody" else first
            thead = before(group, element(tree, "thead"))
            for r in head_rows:
                append(thead, grid.row_nodes[r])
        if _caption(tree, table, caption) and base_caption:
            _drop_plain_title(base_title)
        return [table]

    # Stacked sub-tables: one table each, in place, captioned with the section title.
    made: list[LexborNode] = []
    for n, (part, _, _) in enumerate(plans, 1):
        new = before(table, element(tree, "table"))
        for key, value in table.attrs.items():
            if key not in ("id", "summary"):
                new.attrs[key] = value or ""
        title = part.title.text if part.title is not None else ""
        caption = " ".join(t for t in (base_caption, title) if t) or f"表格 {table_no}-{n}"
        append(new, element(tree, "caption", caption))
        head_rows = _head_rows(grid, part)
        if head_rows:
            thead = append(new, element(tree, "thead"))
            for r in head_rows:
                append(thead, grid.row_nodes[r])
        body = append(new, element(tree, "tbody"))
        start = part.first_row + (1 if part.title is not None else 0) + len(head_rows)
        for r in range(start, part.last_row):
            append(body, grid.row_nodes[r])
        if part.corner_note is not None:
            _describe(tree, new, part.corner_note, f"a11y-t{table_no}-{n}-note")
        made.append(new)
    table.decompose()
    if base_caption:
        _drop_plain_title(base_title)
    return made


def _head_rows(grid: Grid, part: Segment) -> list[int]:
    """The header rows, if they can form a <thead> (sticky on phones): no cell may
    reach from them into the body, since a row group ends every rowspan."""
    start = part.first_row + (1 if part.title is not None else 0)
    rows = list(range(start, start + part.header_rows))
    if not rows:
        return []
    end = rows[-1] + 1
    for cell in grid.cells:
        if cell.row in rows and cell.row + cell.rowspan > end:
            return []
    return rows


def _describe(tree: LexborHTMLParser, table: LexborNode, note: Cell, note_id: str) -> None:
    """The corner note becomes a visible paragraph the table is described by."""
    before(table, element(tree, "p", note.text, id=note_id, class_="a11y-table-note"))
    table.attrs["aria-describedby"] = note_id
    child = note.node.child
    while child is not None:
        nxt = child.next
        child.decompose()
        child = nxt


def _drop_empty_columns(grid: Grid) -> None:
    """Columns that no cell with text reaches: the stray cells past a split Word table's
    last column, and the spacer columns of a financial statement (between a "$" and its
    figure). A screen reader moving along a row stops at every cell, and an empty one
    only says "blank"; a cell reaching into such a column loses that part of its span.

    A column only a spanning header reaches (the gap between "2013" and "2012"
    under "Three months ended April 30") holds nothing of its own either: it goes,
    and the header spans one column fewer. A spanning cell that shares no column
    with a one-column cell with text keeps its first.
    """
    owned = grid.owned_columns()
    own = {c for i, cols in owned.items() if grid.cells[i].text and grid.cells[i].colspan == 1 for c in cols}
    used = own | {min(cols) for i, cols in owned.items() if grid.cells[i].text and not cols & own}
    if len(used) == grid.width:
        return
    if grid.overlapping():
        # Overlapping cells: taking a column out would move them differently in
        # every browser. Only the empty cells past the last used column go.
        end = max((cell.col + cell.colspan for cell in grid.cells if cell.text), default=0)
        for cell in grid.cells:
            if not cell.text and cell.col >= end and cell.node.parent is not None:
                cell.node.decompose()
        return
    for i, cell in enumerate(grid.cells):
        if cell.node.parent is None:
            continue
        kept = len(owned.get(i, set()) & used)
        if kept == 0:
            cell.node.decompose()
        elif kept < cell.colspan:
            cell.node.attrs["colspan"] = str(kept)
