"""The tables pass on tables an author gave <th> cells: headers completed so that
browsers announce each number with its row and column headers."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.passes import tables
from a11y_proxy.table_grid import build_grid
from tests.passes.helpers import run_pass

#: The shape of an SEC filing's table: <th> in the top rows among empty <td>
#: spacers, the row labels in plain <td>, spacer and "$" columns between figures.
FINANCIAL = (
    "<table>"
    "<tr><td></td><td></td><td></td><td></td><td></td></tr>"
    "<tr><td></td><td> </td><th colspan=3>Three months ended April 30</th></tr>"
    "<tr><td></td><td> </td><th>2013</th><td> </td><th>2012</th></tr>"
    "<tr><td>Net revenue:</td><td></td><td></td><td></td><td></td></tr>"
    "<tr><td>Notebooks</td><td>$</td><td>3,718</td><td> </td><td>4,900</td></tr>"
    "<tr><td>Desktops</td><td></td><td>3,103</td><td> </td><td>3,827</td></tr>"
    "</table>"
)


def _cell(tree: LexborHTMLParser, text: str):  # type: ignore[no-untyped-def]
    return next(c for c in tree.css("td, th") if c.text(deep=True).strip() == text)


def _header_texts(tree: LexborHTMLParser, cell) -> list[str]:  # type: ignore[no-untyped-def]
    ids = (cell.attrs.get("headers") or "").split()
    return [tree.css_first(f"#{i}").text(deep=True).strip() for i in ids]


def test_an_authors_header_rows_and_row_labels_are_completed() -> None:
    tree, _ = run_pass(tables.run, FINANCIAL)
    assert [th.attrs.get("scope") for th in tree.css("th")] == ["col", "col", "col", "row", "row", "row"]
    figure = _cell(tree, "3,718")
    assert _header_texts(tree, figure) == ["Three months ended April 30", "2013", "Notebooks"]
    assert figure.attrs["data-a11y-speech"] == "Three months ended April 30 2013,Notebooks:3,718"
    # Spacer cells among the headers have no value to announce.
    spacers = tree.css("thead td")
    assert len(spacers) == 8 and all("headers" not in c.attrs for c in spacers)


def test_a_gap_column_only_a_spanning_header_reaches_is_dropped() -> None:
    """Moving along the Notebooks row stopped at a blank cell between the two years."""
    tree, _ = run_pass(tables.run, FINANCIAL)
    grid = build_grid(tree.css_first("table"))
    assert grid.text_grid()[-2] == ["Notebooks", "$", "3,718", "4,900"]
    assert _cell(tree, "Three months ended April 30").attrs["colspan"] == "2"
    assert _header_texts(tree, _cell(tree, "4,900")) == ["Three months ended April 30", "2012", "Notebooks"]


def test_a_table_whose_headers_say_what_they_head_is_kept_as_written() -> None:
    html = FINANCIAL.replace("<th>2013</th>", "<th scope=col>2013</th>")
    tree, _ = run_pass(tables.run, html)
    assert tree.css_first("[data-a11y-speech]") is None
    assert _cell(tree, "Notebooks").tag == "td"


def test_months_the_author_marked_as_row_headers_are_not_taken_for_header_rows() -> None:
    """A year's column whose first months have no figures yet: rows holding only a <th>
    in the first column are body rows."""
    html = (
        "<table><tr><th colspan=2>1995</th></tr><tr><th>January</th><td></td></tr>"
        "<tr><th>February</th><td></td></tr><tr><th>November</th><td>12,315</td></tr>"
        "<tr><th>December</th><td>29,107</td></tr></table>"
    )
    tree, _ = run_pass(tables.run, html)
    assert _header_texts(tree, _cell(tree, "12,315")) == ["1995", "November"]
    assert [th.attrs.get("scope") for th in tree.css("th")] == ["col", "row", "row", "row", "row"]


def test_spoken_cells_keep_spaces_between_latin_words_only() -> None:
    assert tables._speech_text("Three months ended\n April 30") == "Three months ended April 30"
    assert tables._speech_text("三、本年度 办理结果") == "三、本年度办理结果"
    assert tables._speech_text("1. 属于 国家秘密") == "1.属于国家秘密"
    assert tables._speech_text("12 345") == "12345"


def test_a_comment_or_text_before_a_table_is_not_its_caption_and_breaks_nothing() -> None:
    rows = "".join(f"<tr><td>第{i}项</td><td>{i}</td></tr>" for i in range(1, 6))
    for before in ("<!-- 表格开始 -->", "说明文字"):
        html = f"<div><h2>收费情况</h2>{before}<table><tr><td>项目</td><td>金额</td></tr>{rows}</table></div>"
        tree, _ = run_pass(tables.run, html)
        assert tree.css_first("caption") is None
        assert _header_texts(tree, _cell(tree, "3")) == ["金额", "第3项"]


def test_the_list_view_leaves_out_empty_cells() -> None:
    tree, _ = run_pass(tables.run, FINANCIAL)
    items = [li.text() for li in tree.css("details.a11y-table-list li")]
    assert "Three months ended April 30 2013 / Notebooks:3,718" in items
    assert items and not any(i.endswith(":" + tables.EMPTY) for i in items)
    # The cells themselves still say they are empty, for 指读 over the table.
    assert any(c.attrs.get("data-a11y-speech", "").endswith(tables.EMPTY) for c in tree.css("td"))


def test_a_label_ending_in_a_colon_is_spoken_without_it() -> None:
    """ "Net revenue:" then the value's own colon read "Net revenue: : 3,718"."""
    html = FINANCIAL.replace("<td>Notebooks</td>", "<td>Notebooks:</td>")
    tree, _ = run_pass(tables.run, html)
    assert (
        _cell(tree, "3,718").attrs["data-a11y-speech"] == "Three months ended April 30 2013,Notebooks:3,718"
    )


def test_spacer_columns_with_no_text_anywhere_are_dropped() -> None:
    """A screen reader moving along a row stopped at each spacer cell ("blank")."""
    rows = "".join(
        f"<tr><td>第{i}项</td><td> </td><td>{i}</td><td></td><td>{i * 2}</td></tr>" for i in range(1, 5)
    )
    html = f"<table><tr><td>项目</td><td></td><td>本年</td><td></td><td>上年</td></tr>{rows}</table>"
    tree, _ = run_pass(tables.run, html)
    grid = build_grid(tree.css_first("table"))
    assert grid.text_grid()[2] == ["第2项", "2", "4"]
    assert _header_texts(tree, _cell(tree, "4")) == ["上年", "第2项"]


def test_the_header_over_the_row_headers_stays_in_view_with_them() -> None:
    # Scrolled sideways on a phone, the row headers stay; so must 信息内容 above
    # them, or the next column's header would stand over 规章.
    html = (
        "<table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
        "<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>"
        "<tr><td>行政规范性文件</td><td>2</td><td>0</td><td>7</td></tr></table>"
    )
    tree, _ = run_pass(tables.run, html)
    sticky = [th.text(deep=True) for th in tree.css("th.a11y-sticky")]
    assert sticky == ["信息内容", "规章", "行政规范性文件"]
    # A table whose first column is not row headers keeps nothing stuck.
    tree, _ = run_pass(
        tables.run,
        "<table><tr><td>年份</td><td>数量</td></tr><tr><td>2021</td><td>3</td></tr>"
        "<tr><td>2022</td><td>5</td></tr></table>",
    )
    assert [th.attrs.get("scope") for th in tree.css("th")] == ["col", "col"]
    assert tree.css_first("th.a11y-sticky") is None


def test_a_row_header_spanning_columns_is_not_kept_in_view() -> None:
    # Table 3 of an annual report: "一、本年新收…" spans the three columns of the
    # row-header block. Kept in view it was as wide as a phone and hid its figures;
    # the one-column headers (三、本年度办理结果, and 信息内容 above them) stay.
    html = (
        "<table><tr><td colspan=3>信息内容</td><td>自然人</td><td>总计</td></tr>"
        "<tr><td colspan=3>一、本年新收政府信息公开申请数量</td><td>4</td><td>4</td></tr>"
        "<tr><td rowspan=2>三、本年度办理结果</td><td colspan=2>(一)予以公开</td><td>2</td><td>2</td></tr>"
        "<tr><td>(二)不予公开</td><td>1.属于国家秘密</td><td>0</td><td>0</td></tr></table>"
    )
    tree, _ = run_pass(tables.run, html)
    assert _header_texts(tree, tree.css("td")[0]) == ["自然人", "一、本年新收政府信息公开申请数量"]
    sticky = [th.text(deep=True) for th in tree.css("th.a11y-sticky")]
    assert sticky == ["三、本年度办理结果"]


def test_a_short_span_title_with_line_breaks_before_a_table_is_its_caption() -> None:
    # camacau.com: <span id="title">Passengers Figure(2008-2013) </span><br><br><table>…
    months = "".join(f"<tr><th>M{i}</th><td>{i * 1000:,}</td><td>{i * 900:,}</td></tr>" for i in range(1, 5))
    table = f"<table><tr><th></th><th>2013</th><th>2012</th></tr>{months}</table>"
    tree, _ = run_pass(
        tables.run, f'<div><span id="title">Passengers Figure(2008-2013) </span><br><br>{table}</div>'
    )
    assert tree.css_first("caption").text() == "Passengers Figure(2008-2013)"
    assert tree.css_first("summary").text() == "以列表方式阅读:Passengers Figure(2008-2013)"
    # The span said nothing but the title: it is the caption now, shown once.
    assert tree.css_first("#title") is None and tree.css_first("div > br") is None
    # A heading over the table stays (a reader moves by headings).
    tree, _ = run_pass(tables.run, f"<div><h3>Passengers Figure(2008-2013)</h3>{table}</div>")
    assert tree.css_first("caption").text() == tree.css_first("h3").text() == "Passengers Figure(2008-2013)"
    long_span = "<span>" + "这是一段很长的说明文字," * 8 + "</span><br>"
    tree, _ = run_pass(tables.run, f"<div>{long_span}{table}</div>")
    assert tree.css_first("caption") is None


def test_on_an_english_page_the_tables_region_and_list_view_are_named_in_english() -> None:
    months = "".join(f"<tr><th>M{i}</th><td>{i * 1000:,}</td><td>{i * 900:,}</td></tr>" for i in range(1, 5))
    table = f"<table><tr><th></th><th>2013</th><th>2012</th></tr>{months}</table>"
    tree, _ = run_pass(tables.run, f'<html lang="en"><body>{table}</body></html>')
    assert tree.css_first("div.a11y-table-scroll").attrs["aria-label"] == "Data table (scrolls sideways)"
    assert tree.css_first("summary").text() == "Read as a list: Data table"
