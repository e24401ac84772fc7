"""The table grid model (WHATWG "forming a table") and the tables pass, on hand cases and random grids."""

from __future__ import annotations

import functools

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.passes import tables
from a11y_proxy.table_grid import build_grid
from tests.passes.helpers import run_pass


def grid_of(html: str) -> list[list[str]]:
    tree = LexborHTMLParser(html)
    return build_grid(tree.css_first("table")).text_grid()


def test_spans_fill_their_slots() -> None:
    assert grid_of(
        "<table><tr><td rowspan=2>a</td><td colspan=2>b</td></tr><tr><td>c</td><td>d</td></tr></table>"
    ) == [["a", "b", "b"], ["a", "c", "d"]]


def test_rowspan_zero_runs_to_the_end_of_its_group_and_overlong_rowspans_are_cut() -> None:
    html = (
        "<table><tbody><tr><td rowspan=0>a</td><td>1</td></tr><tr><td>2</td></tr></tbody>"
        "<tbody><tr><td rowspan=9>b</td><td>3</td></tr></tbody></table>"
    )
    assert grid_of(html) == [["a", "1"], ["a", "2"], ["b", "3"]]


def test_tfoot_comes_last_and_short_rows_leave_empty_slots() -> None:
    html = "<table><tfoot><tr><td>f</td></tr></tfoot><tr><td>1</td><td>2</td></tr></table>"
    assert grid_of(html) == [["1", "2"], ["f", ""]]


def test_bad_spans_count_as_one() -> None:
    assert grid_of(
        "<table><tr><td colspan=0>a</td><td colspan=x>b</td><td colspan=-3>c</td></tr></table>"
    ) == [["a", "b", "c"]]


def test_spans_are_read_as_browsers_read_them() -> None:
    """HTML 2.3.4.1: ASCII whitespace, an ignored "+", ASCII digits, anything after them ignored;
    Unicode digits or a no-break space before the digits make no span (checked in Chromium)."""
    for value, width in ((" 2", 2), ("+2", 2), ("2px", 2), ("\t3", 3), ("٢", 1), (" 2", 1)):
        html = f'<table><tr><td colspan="{value}">a</td><td>b</td></tr></table>'
        assert grid_of(html)[0] == ["a"] * width + ["b"], repr(value)


_cell = st.tuples(
    st.integers(1, 3), st.integers(0, 3), st.sampled_from(["", "12", "3.5", "甲", "合计", "（一）乙"])
)


@st.composite
def tables_html(draw: st.DrawFn) -> str:
    rows = draw(st.lists(st.lists(_cell, min_size=1, max_size=5), min_size=1, max_size=7))
    body = "".join(
        "<tr>" + "".join(f'<td colspan="{c}" rowspan="{r}">{t}</td>' for c, r, t in row) + "</tr>"
        for row in rows
    )
    return f"<table border=1>{body}</table>"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables_html())
# Found by this test: the section row ["甲", "甲"] became the caption, and reads
# like the row under it, which stays.
@example(
    '<table border=1><tr><td colspan="2" rowspan="1">甲</td></tr><tr><td colspan="1" rowspan="0">甲</td>'
    '<td colspan="1" rowspan="1">甲</td></tr><tr><td colspan="1" rowspan="0">12</td></tr></table>'
)
def test_random_grids_never_crash_and_keep_every_cell_in_its_place(html: str) -> None:
    before = grid_of(html)
    tree, _ = run_pass(tables.run, html)
    after: list[list[str]] = []
    for table in tree.css("table"):
        after.extend(build_grid(table).text_grid())

    def trimmed(grid: list[list[str]]) -> list[list[str]]:
        out = []
        for row in grid:
            while row and row[-1] == "":
                row = row[:-1]
            out.append(row)
        return out

    # A data table's columns that hold no text of their own are dropped (spacer
    # columns say only "blank" to a screen reader moving along a row): no text at
    # all, or only a spanning cell's, which keeps its first column if it would
    # lose them all. Not when cells overlap. Every other cell keeps its place.
    width = max((len(row) for row in before), default=0)
    original = build_grid(LexborHTMLParser(html).css_first("table"))
    own = {c for cell in original.cells if cell.text and cell.colspan == 1 for c in cell.cols}
    spanning = {
        cell.col for cell in original.cells if cell.text and cell.colspan > 1 and not set(cell.cols) & own
    }
    empty = set(range(width)) - own - spanning
    if tree.css_first("[data-a11y-layout]") is None and not original.overlapping():
        before = [[v for c, v in enumerate(row) if c not in empty] for row in before]
    expected = trimmed(before)
    got = trimmed(after)
    if len(got) == len(expected):
        assert got == expected
    else:
        # Section rows (one cell across the whole table) became the captions of
        # split sub-tables; every other row is still there, in order.
        original = build_grid(LexborHTMLParser(html).css_first("table"))
        section_rows = set()
        for r in range(original.height):
            cells = original.row_cells(r)
            if len(cells) == 1 and cells[0].colspan >= original.width and cells[0].text:
                section_rows.add(r)

        # got is expected with some section rows taken out (a table whose
        # spans cross a section row is not split, and keeps those rows). Not
        # matched greedily: a section row across two columns reads like the
        # row under it (["甲", "甲"]), and either could be the one kept.
        @functools.cache
        def matches(r: int, g: int) -> bool:
            if r == len(expected):
                return g == len(got)
            if g < len(got) and got[g] == expected[r] and matches(r + 1, g + 1):
                return True
            return r in section_rows and matches(r + 1, g)

        assert matches(0, 0), f"{got} is not {expected} less some of its section rows {sorted(section_rows)}"
