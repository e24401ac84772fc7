"""Which tables hold data, and which of their cells are headers (for ``<th>``-less tables).

**Layout or data.** Portals nest layout tables several deep. A table is
layout when it holds another table, has fewer than two rows or columns, or
has neither header markup, numbers, nor borders; it is data when it has
``<th>``/``<caption>``/``<thead>``, or enough numeric cells, or drawn
borders with short cell texts.

**Headers**, for a data table without ``<th>`` (every 政府信息公开年报 table):

- *section rows*: a row that is one cell across the whole width starts a
  stacked sub-table (第二十条第(一)项 …);
- *header rows*: the label rows at the top of a (sub-)table, above the first
  row with a number;
- *row-header columns*: the leftmost columns whose cells are labels in the
  rows that carry numbers ("三、本年度办理结果" / "(三)不予公开" /
  "1.属于国家秘密");
- *the corner*: a cell over the row-header columns in the header rows. A
  note ("(本列数据的勾稽关系为…)") is a description, not a header; a short
  label ("信息内容") is the row-header column's header.

**Completing an author's headers** (:func:`author_segment`): financial and
Word-exported tables put ``<th>`` in their top rows among empty ``<td>``
spacers and leave the row labels as ``<td>``. Browsers take a ``<th>`` in a
row that has data cells for a *row* header, so every number is announced
with no header at all (Chromium, checked through AT-SPI on the SEC 10-Q table
of the corpus). When no cell of the table says what it heads (``scope``,
``headers``), the top rows holding ``<th>`` and no other text are the column
headers, and each later row's first label, in the table's label column, is
that row's header.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from .table_grid import Cell, Grid

_NUMBER = re.compile(r"^[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*%?$|^[-—–/／]$")
_NOTE = re.compile(r"勾稽|关系为|注[:：]|说明|单位[:：]|^[（(].{10,}")


@functools.lru_cache(maxsize=4096)
def is_number(text: str) -> bool:
    # Cached: a statistics table asks about the same few texts ("0", "-")
    # hundreds of times, from the layout test, the segmenter and the rewrite.
    return bool(_NUMBER.match(text.replace(" ", "").replace("\u00a0", "")))


@dataclass
class Segment:
    """One (sub-)table: its rows in the grid and its header structure."""

    first_row: int
    last_row: int  # exclusive
    title: Cell | None = None  # the section row, if it starts one
    header_rows: int = 0  # number of header rows after the title row
    header_cols: int = 0
    corner_note: Cell | None = None
    col_headers: list[Cell] = field(default_factory=list)
    row_headers: list[Cell] = field(default_factory=list)


def author_segment(grid: Grid) -> Segment | None:
    """The author's ``<th>`` header rows, completed with row headers; None to keep the table as written."""
    table = grid.table
    if table.css_first("[scope], [headers]") is not None:
        return None  # the author said what each header heads
    zone = 0  # rows before the body: spacer rows and <th> rows over the columns
    for r in range(grid.height):
        cells = [c for c in grid.row_cells(r) if c.text]
        if any(c.node.tag != "th" for c in cells):
            break
        # A row whose only header is its first cell is a body row labelled by
        # the author (a month, its figures not in yet), not a header row.
        if cells and all(c.col == 0 and c.colspan == 1 for c in cells):
            break
        zone = r + 1
    col_headers = [c for r in range(zone) for c in grid.row_cells(r) if c.text and c.node.tag == "th"]
    if not col_headers:
        return None
    # The label column: where the body rows' first text sits, when it is not a number.
    firsts: dict[int, Cell] = {}
    for r in range(zone, grid.height):
        first = next((c for c in grid.row_cells(r) if c.text), None)
        if first is not None and not is_number(first.text):
            firsts[r] = first
    label_col = min((c.col for c in firsts.values()), default=-1)
    row_headers = [c for c in firsts.values() if c.col == label_col and c.colspan < grid.width]
    # Any other <th> in the body: the author's structure is not the simple one
    # this completes; it is kept as written.
    placed = {id(c) for c in (*col_headers, *row_headers)}
    if any(c.node.tag == "th" and c.text and id(c) not in placed for c in grid.cells):
        return None
    return Segment(
        first_row=0,
        last_row=grid.height,
        header_rows=zone,
        header_cols=1 if row_headers else 0,
        col_headers=col_headers,
        row_headers=row_headers,
    )


def layout_by_markup(table: LexborNode) -> bool:
    """Layout whatever its cells hold: said so by its role, or holding another table.

    Asked before the grid is built: a portal's page is mostly nested layout
    tables, and their grids (every cell's text) cost more than the rest.
    """
    role = (table.attrs.get("role") or "").strip().lower()
    if role in ("presentation", "none"):
        return True
    return any(t.mem_id != table.mem_id for t in table.css("table"))


def is_layout(grid: Grid) -> bool:
    return layout_by_markup(grid.table) or layout_by_content(grid)


def layout_by_content(grid: Grid) -> bool:
    """For a table :func:`layout_by_markup` passed: layout by its shape and cells."""
    table = grid.table
    if grid.height < 2 or grid.width < 2:
        return True
    if table.css_first("th, caption, thead") is not None or table.attrs.get("summary"):
        return False
    texts = [c.text for c in grid.cells if c.text]
    if not texts:
        return True
    numeric = sum(1 for t in texts if is_number(t))
    if numeric / len(texts) >= 0.3 and numeric >= 2:
        return False
    bordered = (table.attrs.get("border") or "0").strip() not in ("", "0") or "border" in (
        (table.attrs.get("style") or "") + (grid.cells[0].node.attrs.get("style") or "")
    ).lower()
    short = sum(len(t) for t in texts) / len(texts) < 40
    return not (bordered and short and len(texts) >= 4)


def _is_section_row(grid: Grid, row: int) -> Cell | None:
    cells = grid.row_cells(row)
    if len(cells) == 1 and cells[0].colspan >= grid.width and cells[0].text and not is_number(cells[0].text):
        return cells[0]
    return None


def _data_row(grid: Grid, row: int) -> bool:
    return any(is_number(c.text) for c in grid.row_cells(row))


def segments(grid: Grid) -> list[Segment]:
    """Split at section rows; work out each part's headers."""
    starts = [r for r in range(grid.height) if _is_section_row(grid, r)]
    bounds: list[tuple[int, int]] = []
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else grid.height
        if end > start:
            bounds.append((start, end))
    # A sub-table split only holds when no cell crosses a section boundary.
    for start, end in bounds:
        for c in grid.cells:
            if c.row < end <= c.row + c.rowspan - 1 or c.row < start <= c.row + c.rowspan - 1:
                bounds = [(0, grid.height)]
                break
    out = []
    for start, end in bounds:
        seg = Segment(start, end)
        title = _is_section_row(grid, start)
        body_start = start
        if title is not None and end - start > 1:
            seg.title = title
            body_start = start + 1
        _headers(grid, seg, body_start)
        out.append(seg)
    return out


def _headers(grid: Grid, seg: Segment, body_start: int) -> None:
    rows = range(body_start, seg.last_row)
    first_data = next((r for r in rows if _data_row(grid, r)), None)
    if first_data is None:
        return
    # A header cell may reach down into the first rows with numbers
    # (rowspan); header rows end where the first cell starts that is a number.
    seg.header_rows = first_data - body_start
    data_rows = [r for r in rows if r >= first_data]
    # Row-header columns: the leading label columns of the rows with numbers.
    widths = []
    for r in data_rows:
        width = 0
        for col in range(grid.width):
            cell = grid.cell_at(r, col)
            if cell is None or not cell.text or is_number(cell.text):
                break
            width = col + 1
        widths.append(width)
    seg.header_cols = max(widths, default=0) if widths else 0
    if seg.header_cols >= grid.width:
        seg.header_cols = 0
    seen: set[int] = set()
    for r in range(body_start, first_data):
        for cell in grid.row_cells(r):
            if id(cell) in seen or not cell.text:
                continue
            seen.add(id(cell))
            if cell.col + cell.colspan <= seg.header_cols and (
                _NOTE.search(cell.text) or len(cell.text) > 24
            ):
                seg.corner_note = cell
                continue
            seg.col_headers.append(cell)
    for r in data_rows:
        for cell in grid.row_cells(r):
            if cell.col < seg.header_cols and cell.text and not is_number(cell.text):
                seg.row_headers.append(cell)
