from __future__ import annotations

from a11y_proxy.passes import tables, trail_separators
from tests.passes.helpers import run_pass, run_passes


def hidden_and_said(html: str) -> tuple[list[str], str]:
    tree, _ = run_pass(trail_separators.run, "<body>" + html + "<main><p>正文 a > b</p></main></body>")
    hidden = [node.text() for node in tree.css('[aria-hidden="true"]')]
    for node in tree.css('[aria-hidden="true"]'):
        node.decompose()
    trail = tree.css_first("body > div, body > nav, body > p, body > ul")
    return hidden, " ".join((trail.text() if trail is not None else "").split())


def test_the_separators_between_the_steps_are_seen_but_not_said() -> None:
    # xiangtan, gz.gov.cn (&nbsp;&gt;&nbsp;), people.com.cn (>>).
    hidden, said = hidden_and_said(
        '<div class="place">当前位置： <a href="/">首页</a> &gt; <a href="/zw/">政务公开</a> &gt; <a href="/zw/d/">动态</a></div>'
    )
    assert hidden == [">", ">"] and said == "当前位置： 首页 政务公开 动态"
    hidden, said = hidden_and_said(
        '<div class="curmb">当前位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/ys/">营商环境</a></div>'
    )
    assert hidden == [">"] and said == "当前位置：首页 营商环境"
    hidden, _ = hidden_and_said(
        '<div class="path"><a href="/">人民网</a>&gt;&gt;<a href="/wh/">文化</a></div>'
    )
    assert hidden == [">>"]


def test_a_separator_in_an_element_of_its_own_hides_that_element() -> None:
    # shanxi.gov.cn: <li><span>&gt;</span> 山西要闻</li>; the current step stays said.
    tree, _ = run_pass(
        trail_separators.run,
        '<ul class="breadcrumb"><li><a href="/">首页</a></li><li><span>&gt;</span> <a href="/yw/">要闻</a></li>'
        "<li><span>&gt;</span> 山西要闻 </li></ul>",
    )
    assert [s.attrs.get("aria-hidden") for s in tree.css("li span")] == ["true", "true"]
    assert "山西要闻" in tree.css("li")[2].text()


def test_a_trail_laid_out_in_a_table_is_a_trail() -> None:
    # zjfgw.zj.gov.cn (Hanweb): a layout table of one cell a step, each "&gt;<a>".
    html = (
        '<div class="position"><table><tr><td>当前位置：</td><td><a href="/">首页</a></td>'
        '<td> &gt;<a href="/col/1/">发展改革工作</a></td><td> &gt;<a href="/col/2/">投资运行</a></td></tr></table></div>'
    )
    tree, _ = run_passes((tables.run, trail_separators.run), html)
    assert [n.text() for n in tree.css('[aria-hidden="true"]')] == [">", ">"]


def test_words_of_a_step_and_text_outside_the_trail_are_left_alone() -> None:
    hidden, said = hidden_and_said(
        '<div class="crumb">当前位置：<a href="/">首页</a> / <a href="/x/"><span>A/B 类 - 目录</span></a> / 正文</div>'
    )
    assert hidden == ["/", "/"] and said == "当前位置：首页 A/B 类 - 目录 正文"


def test_a_page_without_a_trail_is_unchanged() -> None:
    html = "<body><p>营业收入 > 1000 万元</p><p><a href=/a>甲</a> &gt; <a href=/b>乙</a></p></body>"
    tree, _ = run_pass(trail_separators.run, html)
    assert tree.css_first('[aria-hidden="true"]') is None
