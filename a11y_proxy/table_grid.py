"""The grid of an HTML table, by the WHATWG "forming a table" algorithm (HTML 4.9.12).

Rows come from ``<thead>``, ``<tbody>`` and direct ``<tr>`` children in order,
``<tfoot>`` last; each cell takes the first free slot of its row; ``colspan``
is 1–1000 (0 or junk counts as 1), ``rowspan`` 0–65534, where 0 means "to
the end of the row group"; a rowspan that runs past its row group is cut
there. Rows may be shorter than the table (empty slots) and cells may
overlap in broken markup (the later cell keeps its slots, as in the
standard's error handling it is "a table model error" and the first cell
wins its anchor slot). Built once per table; every table pass shares it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from .dom import collapse_space, element_children

MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534


@dataclass
class Cell:
    node: LexborNode
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str

    @property
    def rows(self) -> range:
        return range(self.row, self.row + self.rowspan)

    @property
    def cols(self) -> range:
        return range(self.col, self.col + self.colspan)


@dataclass
class Grid:
    table: LexborNode
    cells: list[Cell] = field(default_factory=list)
    #: slots[r][c] = index into cells, or None for an empty slot.
    slots: list[list[int | None]] = field(default_factory=list)
    #: The <tr> element of each grid row.
    row_nodes: list[LexborNode] = field(default_factory=list)
    #: Row -> the cells anchored in it, filled as the grid is formed.
    by_row: dict[int, list[Cell]] = field(default_factory=dict)

    @property
    def height(self) -> int:
        return len(self.slots)

    @property
    def width(self) -> int:
        # build_grid pads every row to the widest, so the first row tells.
        return len(self.slots[0]) if self.slots else 0

    def cell_at(self, row: int, col: int) -> Cell | None:
        if row >= len(self.slots) or col >= len(self.slots[row]):
            return None
        index = self.slots[row][col]
        return self.cells[index] if index is not None else None

    def row_cells(self, row: int) -> list[Cell]:
        """Cells anchored in ``row``, left to right."""
        return self.by_row.get(row, [])

    def owned_columns(self) -> dict[int, set[int]]:
        """Cell index -> the columns of the slots it holds (where cells overlap, a
        table-model error, a slot is its first owner's)."""
        owned: dict[int, set[int]] = {}
        for row in self.slots:
            for c, i in enumerate(row):
                if i is not None:
                    owned.setdefault(i, set()).add(c)
        return owned

    def overlapping(self) -> bool:
        """Whether some cell lost slots to another (HTML "table model error")."""
        counts: dict[int, int] = {}
        for row in self.slots:
            for i in row:
                if i is not None:
                    counts[i] = counts.get(i, 0) + 1
        return any(counts.get(i, 0) != c.rowspan * c.colspan for i, c in enumerate(self.cells))

    def text_grid(self) -> list[list[str]]:
        """The text in each slot (a spanning cell's text in every slot it covers)."""
        return [[self.cells[i].text if i is not None else "" for i in row] for row in self.slots]


_LEADING_DIGITS = re.compile(r"[\t\n\x0c\r ]*\+?([0-9]+)")


def _span(value: str | None, default: int, low: int, high: int) -> int:
    if value is None:
        return default
    # HTML "rules for parsing non-negative integers" (2.3.4.1): ASCII
    # whitespace, an ignored "+", then ASCII digits; "١" or a no-break space
    # before the digits make no span, as in browsers.
    m = _LEADING_DIGITS.match(value)
    if not m:
        return default
    n = int(m.group(1))
    if n < low:
        return default
    return min(n, high)


def cell_text(node: LexborNode) -> str:
    return collapse_space(node.text(deep=True))


def build_grid(table: LexborNode) -> Grid:
    grid = Grid(table)
    groups: list[list[LexborNode]] = []
    footers: list[list[LexborNode]] = []
    loose: list[LexborNode] = []
    for child in element_children(table):
        if child.tag == "tr":
            loose.append(child)
            continue
        if loose:
            groups.append(loose)
            loose = []
        if child.tag in ("thead", "tbody"):
            groups.append([r for r in element_children(child) if r.tag == "tr"])
        elif child.tag == "tfoot":
            footers.append([r for r in element_children(child) if r.tag == "tr"])
    if loose:
        groups.append(loose)
    for rows in groups + footers:
        _add_group(grid, rows)
    width = max((len(r) for r in grid.slots), default=0)
    for row_slots in grid.slots:
        row_slots.extend([None] * (width - len(row_slots)))
    return grid


def _add_group(grid: Grid, rows: list[LexborNode]) -> None:
    start = grid.height
    end = start + len(rows)
    for _ in rows:
        grid.slots.append([])
    for offset, tr in enumerate(rows):
        r = start + offset
        grid.row_nodes.append(tr)
        anchored = grid.by_row.setdefault(r, [])
        col = 0
        for td in element_children(tr):
            if td.tag not in ("td", "th"):
                continue
            row_slots = grid.slots[r]
            while col < len(row_slots) and row_slots[col] is not None:
                col += 1
            # One dict of the cell's attributes, read twice: two attrs.get
            # calls cost 3x as much (Lexbor walks the list for each).
            attrs = td.attributes
            colspan = _span(attrs.get("colspan"), 1, 1, MAX_COLSPAN)
            rowspan_raw = _span(attrs.get("rowspan"), 1, 0, MAX_ROWSPAN)
            rowspan = (end - r) if rowspan_raw == 0 else min(rowspan_raw, end - r)
            index = len(grid.cells)
            cell = Cell(td, r, col, rowspan, colspan, cell_text(td))
            grid.cells.append(cell)
            anchored.append(cell)
            if rowspan == 1 and colspan == 1 and col == len(row_slots):
                # Most cells (every figure of a report): one slot, at the row's end.
                row_slots.append(index)
                col += 1
                continue
            for rr in range(r, r + rowspan):
                row_slots = grid.slots[rr]
                if len(row_slots) < col + colspan:
                    row_slots.extend([None] * (col + colspan - len(row_slots)))
                for cc in range(col, col + colspan):
                    if row_slots[cc] is None:
                        row_slots[cc] = index
            col += colspan
