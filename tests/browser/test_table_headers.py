"""The header cells Chromium really exposes for every data cell, read over AT-SPI as Orca reads them.

The reader is the independent a11y-audit tool (``shared/tools/a11y-audit``:
Debian's Chromium with ``--force-renderer-accessibility`` under a private
D-Bus session, AT-SPI's ``get_column_header_cells``/``get_row_header_cells``).
The expected headers are written out by hand below, from the national
template of the 政府信息公开工作年度报告 tables (国办公开办函〔2021〕30号),
not computed by the code under test. Target: every data cell exactly right,
and layout tables not exposed as tables.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from a11y_proxy.demo.site import ARTICLE_PATH

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = Path(__file__).resolve().parent / "node_modules"


def _audit_dir() -> Path | None:
    for candidate in (os.environ.get("A11Y_AUDIT_DIR"), ROOT.parent / "shared" / "tools" / "a11y-audit"):
        if candidate and (Path(candidate) / "audit.mjs").is_file():
            return Path(candidate)
    return None


def _norm(text: str) -> str:
    # NFKC: the Pingtan pages write the template's brackets and commas full width.
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


# -- what a reader must hear, written by hand ---------------------------------

APPLICANTS = "申请人情况"
LEGAL = "法人或其他组织"
TABLE3_COLUMNS = [
    [APPLICANTS, "自然人"],
    [APPLICANTS, LEGAL, "商业企业"],
    [APPLICANTS, LEGAL, "科研机构"],
    [APPLICANTS, LEGAL, "社会公益组织"],
    [APPLICANTS, LEGAL, "法律服务机构"],
    [APPLICANTS, LEGAL, "其他"],
    [APPLICANTS, "总计"],
]
R3 = "三、本年度办理结果"
TABLE3_ROWS = [
    ["一、本年新收政府信息公开申请数量"],
    ["二、上年结转政府信息公开申请数量"],
    [R3, "(一)予以公开"],
    [R3, "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"],
    *[
        [R3, "(三)不予公开", x]
        for x in (
            "1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "3.危及“三安全一稳定”",
            "4.保护第三方合法权益",
            "5.属于三类内部事务信息",
            "6.属于四类过程性信息",
            "7.属于行政执法案卷",
            "8.属于行政查询事项",
        )
    ],
    *[
        [R3, "(四)无法提供", x]
        for x in ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确")
    ],
    *[
        [R3, "(五)不予处理", x]
        for x in (
            "1.信访举报投诉类申请",
            "2.重复申请",
            "3.要求提供公开出版物",
            "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出具已获取信息",
        )
    ],
    *[
        [R3, "(六)其他处理", x]
        for x in (
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "3.其他",
        )
    ],
    [R3, "(七)总计"],
    ["四、结转下年度继续办理"],
]
RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
TABLE4_COLUMNS = (
    [["行政复议", r] for r in RESULTS]
    + [["行政诉讼", "未经复议直接起诉", r] for r in RESULTS]
    + [["行政诉讼", "复议后起诉", r] for r in RESULTS]
)
#: caption -> (column header paths of the data columns, row header paths of the data rows)
DEMO_EXPECTED = {
    "二、主动公开政府信息情况 第二十条第(一)项": (
        [["本年制发件数"], ["本年废止件数"], ["现行有效件数"]],
        [["规章"], ["行政规范性文件"]],
    ),
    "二、主动公开政府信息情况 第二十条第(五)项": ([["本年处理决定数量"]], [["行政许可"]]),
    "二、主动公开政府信息情况 第二十条第(六)项": ([["本年处理决定数量"]], [["行政处罚"], ["行政强制"]]),
    "二、主动公开政府信息情况 第二十条第(八)项": ([["本年收费金额(单位:万元)"]], [["行政事业性收费"]]),
    "三、收到和处理政府信息公开申请情况": (TABLE3_COLUMNS, TABLE3_ROWS),
    "四、政府信息公开行政复议、行政诉讼情况": (TABLE4_COLUMNS, [[]]),
}
#: Real Word-pasted reports: the same template, UEditor markup, full-width punctuation.
CORPUS_EXPECTED = {
    "三、收到和处理政府信息公开申请情况": (TABLE3_COLUMNS, TABLE3_ROWS),
    "四、政府信息公开行政复议、行政诉讼情况": (TABLE4_COLUMNS, [[]]),
}
#: name -> (page, mode, expected). The demo article is read in every mode: its
#: tables sit in a cell of the portal's layout table, which 适老版 and 纯文本
#: turn into blocks (until session 4, 纯文本 turned the data tables' cells into
#: blocks too, and the reader heard no table at all).
PAGES = {
    "demo": ("demo", "a11y", DEMO_EXPECTED),
    "demo-elder": ("demo", "elder", DEMO_EXPECTED),
    "demo-text": ("demo", "text", DEMO_EXPECTED),
    "pingtan-2023": ("pingtan-2023-zfxxgk-annual-report.html", "a11y", CORPUS_EXPECTED),
    "pingtan-2024": ("pingtan-2024-zfxxgk-annual-report.html", "a11y", CORPUS_EXPECTED),
}


def _audit(url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The a11y-audit tool's tables report for ``url`` (AT-SPI: what Orca is told)."""
    source = _audit_dir()
    if source is None:
        if os.environ.get("CI"):
            pytest.fail("shared/tools/a11y-audit is missing beside the checkout")
        pytest.skip("shared/tools/a11y-audit is not beside this checkout")
    work = tmp_path_factory.mktemp("audit")
    tool = work / "a11y-audit"
    # CI's copy of shared/ has no write bits, and copytree copies them: the copy
    # is made writable again before node_modules is linked in.
    shutil.copytree(
        source, tool, ignore=shutil.ignore_patterns("node_modules"), copy_function=shutil.copyfile
    )
    for path in [tool, *tool.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (tool / "node_modules").symlink_to(NODE_MODULES)
    out = work / "out"
    result = subprocess.run(
        ["node", str(tool / "audit.mjs"), url, "--out", str(out), "--no-screenshot", "--max-cells", "5000"],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=tool,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    summary = json.loads(result.stdout)
    assert summary["header_source"] == "atspi", "AT-SPI was not available (see scripts/install --test)"
    report: dict[str, object] = json.loads((out / "tables.json").read_text("utf-8"))
    return report


@pytest.fixture(scope="module", params=sorted(PAGES))
def audited(
    request: pytest.FixtureRequest,
    demo: tuple[str, str, str],
    corpus_proxy: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str, object], dict[str, tuple[list[list[str]], list[list[str]]]]]:
    page, mode, expected = PAGES[request.param]
    if page == "demo":
        url = demo[2].replace("/a11y/", f"/{mode}/", 1) + ARTICLE_PATH
    else:
        url = corpus_proxy.format(mode=mode, page=page)
    return _audit(url, tmp_path_factory), expected


def test_every_data_cell_is_announced_with_exactly_its_headers(
    audited: tuple[dict[str, object], dict[str, tuple[list[list[str]], list[list[str]]]]],
) -> None:
    report, expected = audited
    tables = [t for t in report["tables"] if t["exposed_as_table"]]  # type: ignore[union-attr, index]
    by_caption = {_norm(t["caption"] or ""): t for t in tables}
    checked = 0
    wrong: list[str] = []
    for caption, (col_paths, row_paths) in expected.items():
        table = by_caption.get(_norm(caption))
        assert table is not None, f"no exposed table captioned {caption!r}: {list(by_caption)}"
        cells = table["cells"]
        text = {c["i"]: _norm(c["text"]) for c in cells}
        data = sorted(
            (c for c in cells if c["tag"] == "td" and not c["empty"] and c["atspi_role"] == "table cell"),
            key=lambda c: (c["y"], c["x"]),
        )
        rows = sorted({c["y"] for c in data})
        columns = sorted({c["x"] for c in data})
        assert len(rows) == len(row_paths) and len(columns) == len(col_paths), (caption, rows, columns)
        for c in data:
            want = {_norm(h) for h in col_paths[columns.index(c["x"])] + row_paths[rows.index(c["y"])]}
            got = {text[i] for i in c["atspi_col"] + c["atspi_row"] if isinstance(i, int)}
            checked += 1
            if got != want:
                wrong.append(f"{caption} r{c['y']}c{c['x']}: got {sorted(got)} want {sorted(want)}")
    assert checked >= 175 + 15
    assert not wrong, "\n".join(wrong[:20])


def test_layout_tables_are_not_exposed_as_tables(audited: tuple[dict[str, object], object]) -> None:
    for table in audited[0]["tables"]:  # type: ignore[union-attr]
        if not table["caption"]:
            assert not table["exposed_as_table"], table["selector"]


@pytest.mark.parametrize("mode", ["a11y", "elder"])
def test_an_authors_th_table_is_completed_so_every_figure_has_its_headers(
    corpus_proxy: str, tmp_path_factory: pytest.TempPathFactory, mode: str
) -> None:
    """The SEC 10-Q table: <th> in the top rows among empty spacer cells, row labels in
    <td>. As written, Chromium took the <th> for row headers and gave the figures none."""
    report = _audit(
        corpus_proxy.format(mode=mode, page="sec-10q-computer-sales-multilevel-header.html"), tmp_path_factory
    )
    (table,) = [t for t in report["tables"] if t["exposed_as_table"]]  # type: ignore[union-attr, index]
    cells = table["cells"]
    text = {c["i"]: _norm(c["text"]) for c in cells}
    figures = [c for c in cells if c["tag"] == "td" and re.fullmatch(r"\(?\d[\d,.]*\)?", _norm(c["text"]))]
    assert len(figures) >= 80
    headerless = [text[c["i"]] for c in figures if not c["atspi_col"] or not c["atspi_row"]]
    assert not headerless, headerless[:10]
    notebooks = next(c for c in figures if text[c["i"]] == "3,718")
    heard = {text[i] for i in notebooks["atspi_col"] + notebooks["atspi_row"] if isinstance(i, int)}
    assert heard == {_norm("Three months ended April 30"), "2013", "Inmillions", "Notebooks"}
