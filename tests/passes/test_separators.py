from __future__ import annotations

from a11y_proxy.passes import separators, tables
from tests.passes.helpers import run_pass, run_passes


def hidden_and_said(html: str) -> tuple[list[str], str]:
    tree, _ = run_pass(separators.run, "<body>" + html + "<main><p>正文 a > b</p></main></body>")
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
        separators.run,
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
    tree, _ = run_passes((tables.run, separators.run), html)
    assert [n.text() for n in tree.css('[aria-hidden="true"]')] == [">", ">"]


def test_words_of_a_step_and_text_outside_the_trail_are_left_alone() -> None:
    hidden, said = hidden_and_said(
        '<div class="crumb">当前位置：<a href="/">首页</a> / <a href="/x/"><span>A/B 类 - 目录</span></a> / 正文</div>'
    )
    assert hidden == ["/", "/"] and said == "当前位置：首页 A/B 类 - 目录 正文"


def test_outside_a_trail_a_sign_in_running_text_is_said() -> None:
    html = "<body><p>营业收入 > 1000 万元</p><p>甲 &gt; <a href=/b>乙</a> &gt; 丙</p></body>"
    tree, _ = run_pass(separators.run, html)
    assert tree.css_first('[aria-hidden="true"]') is None


def test_a_separator_between_two_links_is_hidden_anywhere_in_every_mode() -> None:
    # zjfgw's footer (丨), people.com.cn's related links (| with no spaces), gz.gov.cn's
    # footer (| on a line of its own between the links' lines).
    html = (
        '<div class="foot"><a href="/a">安全隐私</a> 丨 <a href="/b">版权保护</a> 丨 <a href="/c">联系我们</a></div>'
        '<p><a href="/d">汉语盘点2018</a>|<a href="/e">明星读经典</a></p>'
        '<p><a href="/f">使用帮助</a>\n          |\n          <a href="/g">关于我们</a></p>'
    )
    for mode in ("a11y", "elder", "text"):
        tree, _ = run_pass(separators.run, html, mode=mode)
        assert [n.text().strip() for n in tree.css('[aria-hidden="true"]')] == ["丨", "丨", "|", "|"], mode
        assert [a.text() for a in tree.css("a")] == [
            "安全隐私",
            "版权保护",
            "联系我们",
            "汉语盘点2018",
            "明星读经典",
            "使用帮助",
            "关于我们",
        ]


def test_text_between_links_that_says_something_is_left_alone() -> None:
    # A range ("-"), words, a separator before words that are no link.
    html = (
        '<p><a href="/2019">2019</a> - <a href="/2020">2020</a></p>'
        '<p><a href="/a">上一篇</a> 或 <a href="/b">下一篇</a></p>'
        '<p><a href="/c">栏目</a> / 正文</p>'
    )
    tree, _ = run_pass(separators.run, "<body>" + html + "</body>")
    assert tree.css_first('[aria-hidden="true"]') is None


def test_in_elder_mode_the_trail_is_left_to_the_layout_that_rebuilt_it() -> None:
    tree, _ = run_pass(
        separators.run,
        '<ul class="breadcrumb"><li><a href="/">首页</a></li><li><span>&gt;</span> 要闻</li></ul>',
        mode="elder",
    )
    assert tree.css_first('[aria-hidden="true"]') is None


def test_in_a_trail_a_separator_joined_to_the_words_beside_a_link_is_hidden_too() -> None:
    # ccgp-hebei: 采购公告</a>&gt;中标公告, the last step plain words right after the >.
    hidden, said = hidden_and_said(
        '<div class="crumb">您当前位置：<a href="/cg/">采购公告</a>&gt;中标公告 <a href="/x">甲</a>乙/丙</div>'
    )
    assert hidden == [">"] and said == "您当前位置：采购公告中标公告 甲乙/丙"
