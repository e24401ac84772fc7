"""The annual report article of the demo portal, built from the seed page's text.

The text paragraphs are read from the seed file (the text of the real page);
the three tables follow the national template (国办公开办函〔2021〕30号) with
the seed's numbers, in the markup Word produces when a report is pasted into
a CMS: ``MsoNormalTable``, ``<td>`` for every cell, spans for fonts, merged
cells, and the stray empty cells the seed shows after rows 一 and 二.
"""

from __future__ import annotations

from html import escape
from importlib import resources

SEED = "seed-kundulun-2021-report.txt"

_TD = (
    '<td{attrs} valign="center" style="border:solid windowtext 1.0pt;border-top:none;'
    'padding:0cm 5.4pt 0cm 5.4pt">'
    '<p class="MsoNormal" align="center" style="text-align:center;line-height:15.0pt">'
    '<span style="font-family:仿宋_GB2312;font-size:10.5pt">{text}</span></p></td>'
)


def _td(text: str, rowspan: int = 1, colspan: int = 1, width: int | None = None) -> str:
    attrs = ""
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    if width:
        attrs += f' width="{width}"'
    return _TD.format(attrs=attrs, text=escape(text) if text.strip() else "&nbsp;")


def _table(rows: list[str], width: int = 568) -> str:
    body = "".join(f"<tr>{r}</tr>" for r in rows)
    return (
        f'<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" width="{width}" '
        f'style="width:426.0pt;border-collapse:collapse;border:none"><tbody>{body}</tbody></table>'
    )


def table_active() -> str:
    """二、主动公开政府信息情况 (4 columns, four 第二十条 sub-blocks)."""
    rows = [
        _td("第二十条第(一)项", colspan=4),
        _td("信息内容") + _td("本年制发件数") + _td("本年废止件数") + _td("现行有效件数"),
        _td("规章") + _td("0") + _td("0") + _td("0"),
        _td("行政规范性文件") + _td("2") + _td("  0  ") + _td("7"),
        _td("第二十条第(五)项", colspan=4),
        _td("信息内容") + _td("本年处理决定数量", colspan=3),
        _td("行政许可") + _td("70071", colspan=3),
        _td("第二十条第(六)项", colspan=4),
        _td("信息内容") + _td("本年处理决定数量", colspan=3),
        _td("行政处罚") + _td("3066", colspan=3),
        _td("行政强制") + _td("139", colspan=3),
        _td("第二十条第(八)项", colspan=4),
        _td("信息内容") + _td("本年收费金额(单位:万元)", colspan=3),
        _td("行政事业性收费") + _td("564590", colspan=3),
    ]
    return _table(rows)


def _nums(values: str) -> str:
    return "".join(_td(v) for v in values.split())


def table_requests() -> str:
    """三、收到和处理政府信息公开申请情况 (10 columns, 28 rows, rowspans 22/8/3/5/3)."""
    zeros = "0 0 0 0 0 0 0"
    rows = [
        _td("(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", rowspan=3, colspan=3)
        + _td("申请人情况", colspan=7),
        _td("自然人", rowspan=2) + _td("法人或其他组织", colspan=5) + _td("总计", rowspan=2),
        _td("商业企业") + _td("科研机构") + _td("社会公益组织") + _td("法律服务机构") + _td("其他"),
        # The seed has a stray empty cell after these two rows (a split Word table).
        _td("一、本年新收政府信息公开申请数量", colspan=3) + _nums("4 0 0 0 0 0 4") + _td(" "),
        _td("二、上年结转政府信息公开申请数量", colspan=3) + _nums(zeros) + _td(" "),
        _td("三、本年度办理结果", rowspan=22) + _td("(一)予以公开", colspan=2) + _nums(zeros),
        _td("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", colspan=2) + _nums(zeros),
        _td("(三)不予公开", rowspan=8) + _td("1.属于国家秘密") + _nums(zeros),
    ]
    for label in (
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
    ):
        rows.append(_td(label) + _nums(zeros))
    rows.append(_td("(四)无法提供", rowspan=3) + _td("1.本机关不掌握相关政府信息") + _nums(zeros))
    for label in ("2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"):
        rows.append(_td(label) + _nums(zeros))
    rows.append(_td("(五)不予处理", rowspan=5) + _td("1.信访举报投诉类申请") + _nums(zeros))
    for label in (
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
    ):
        rows.append(_td(label) + _nums(zeros))
    rows.append(
        _td("(六)其他处理", rowspan=3)
        + _td("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
        + _nums(zeros)
    )
    rows.append(
        _td("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请") + _nums(zeros)
    )
    rows.append(_td("3.其他") + _nums(zeros))
    rows.append(_td("(七)总计", colspan=2) + _nums(zeros))
    rows.append(_td("四、结转下年度继续办理", colspan=3) + _nums("4 0 0 0 0 0 4"))
    return _table(rows, width=640)


def table_review() -> str:
    """四、政府信息公开行政复议、行政诉讼情况 (15 columns, 4 rows)."""
    results = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    rows = [
        _td("行政复议", colspan=5) + _td("行政诉讼", colspan=10),
        "".join(_td(x, rowspan=2) for x in results)
        + _td("未经复议直接起诉", colspan=5)
        + _td("复议后起诉", colspan=5),
        "".join(_td(x) for x in results) * 2,
        _nums("11 3 0 0 13 14 2 3 1 20 4 1 0 0 5"),
    ]
    return _table(rows, width=640)


def _seed_lines() -> list[str]:
    text = resources.files(__package__).joinpath("site", SEED).read_text("utf-8")
    return [line.strip().replace("\u3000", "") for line in text.splitlines()]


def _paragraphs(lines: list[str], start: str, stop: str) -> list[str]:
    i = lines.index(start) + 1
    j = next(k for k in range(i, len(lines)) if lines[k] == stop)
    return [line for line in lines[i:j] if line]


def _word_paragraph(text: str) -> str:
    """A paragraph as Word pastes it: headings are bold runs, not <h2>/<h3>."""
    is_heading = text[:2] in {"一、", "二、", "三、", "四、", "五、", "六、"} or (
        text.startswith("(") and len(text) < 20
    )
    style = "text-indent:32.0pt;line-height:28.0pt"
    if is_heading:
        return (
            f'<p class="MsoNormal" style="{style}"><b><span style="font-family:黑体;font-size:16.0pt">'
            f"{escape(text)}</span></b></p>"
        )
    return (
        f'<p class="MsoNormal" style="{style}"><span style="font-family:仿宋_GB2312;font-size:16.0pt">'
        f"{escape(text)}</span></p>"
    )


def article_body() -> str:
    lines = _seed_lines()
    intro = _paragraphs(lines, "2021年政府信息公开工作年度报告", "二、主动公开政府信息情况")
    closing = _paragraphs(lines, "四、政府信息公开行政复议、行政诉讼情况", "智能问答")
    # The closing part starts after table 4's numbers; keep from section 五 on.
    closing = closing[closing.index("五、存在的主要问题及改进情况") :]
    parts = [
        '<p class="MsoNormal" align="center" style="text-align:center"><b><span style="font-size:22.0pt;'
        'font-family:方正小标宋简体">包头市昆都仑区2021年政府信息公开工作年度报告</span></b></p>',
        *(_word_paragraph(t) for t in intro),
        _word_paragraph("二、主动公开政府信息情况"),
        table_active(),
        _word_paragraph("三、收到和处理政府信息公开申请情况"),
        table_requests(),
        _word_paragraph("四、政府信息公开行政复议、行政诉讼情况"),
        table_review(),
        *(_word_paragraph(t) for t in closing if not t.startswith("昆都仑区政府信息公开领导小组")),
        '<p class="MsoNormal" align="right" style="text-align:right"><span style="font-family:仿宋_GB2312;'
        'font-size:16.0pt">昆都仑区政府信息公开领导小组</span></p>',
    ]
    return "\n".join(parts)
