from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from a11y_proxy.passes import language, rewrite_links
from tests.passes.helpers import run_pass, run_passes


def test_chinese_pages_are_zh_cn_whatever_the_template_said() -> None:
    for html in (
        "<html><body>政府信息公开</body></html>",
        '<html lang="en"><body>政府信息公开</body></html>',
        '<html lang="zh-Hans" xml:lang="zh"><body>政府信息公开</body></html>',
    ):
        tree, _ = run_pass(language.run, html)
        node = tree.css_first("html")
        assert node.attrs["lang"] == "zh-CN" and "xml:lang" not in node.attrs


def test_english_pages_keep_their_language() -> None:
    tree, _ = run_pass(
        language.run, '<html lang="en-US"><body>Traffic statistics for passengers</body></html>'
    )
    assert tree.css_first("html").attrs["lang"] == "en-US"
    tree, _ = run_pass(language.run, "<html><body>Traffic statistics</body></html>")
    assert tree.css_first("html").attrs["lang"] == "en"


def test_english_passages_in_a_chinese_page_are_marked() -> None:
    tree, _ = run_pass(
        language.run,
        "<html><body><p>政府信息公开工作年度报告</p><p>Government Information Disclosure "
        "Annual Report</p><p>联系邮箱 zwfwjzhg@163.com</p><p>下载 PDF</p></body></html>",
    )
    ps = tree.css("p")
    assert "lang" not in ps[0].attrs
    assert ps[1].attrs["lang"] == "en"
    assert "lang" not in ps[2].attrs and "lang" not in ps[3].attrs


def test_english_passage_beside_an_address_is_still_found() -> None:
    # The whole-page check that skips Chinese pages must not be fooled by an
    # address in the same Han-free stretch, nor by words split across elements.
    tree, _ = run_pass(
        language.run,
        "<html><body><p>政府网站</p><p>www.pingtan.gov.cn</p><p>Pingtan <b>Comprehensive</b> "
        "Experimental Zone</p><p>网站地图</p></body></html>",
    )
    ps = tree.css("p")
    assert "lang" not in ps[1].attrs
    assert ps[2].attrs["lang"] == "en"


def test_a_chinese_page_with_only_addresses_and_codes_marks_nothing() -> None:
    tree, _ = run_pass(
        language.run,
        "<html><body><p>网址 www.pingtan.gov.cn 邮箱 zw@pingtan.gov.cn</p><span>ICP 备 12345 号</span>"
        "<a>PDF DOC XLS</a></body></html>",
    )
    assert tree.css("[lang=en]") == []


def test_han_characters_and_latin_letters_are_counted_as_the_character_classes_say() -> None:
    # The byte count must agree with the Unicode ranges at their edges: U+3400 and
    # U+F900 are Han, U+33FF (a CJK compatibility sign), U+3002 (。) and U+FB00 are not.
    text = "\u3400\u3fff\u4e00\u9fff\uf900\ufaff" + "\u33ff\u3002\ufb00\u2fff\uff21" + "Abz é1"
    assert language._counts(text) == (len(re.findall(r"[\u3400-\u9fff\uf900-\ufaff]", text)), 3)
    assert language._counts(text) == (6, 3)


@given(st.text(alphabet=st.characters(codec="utf-8", max_codepoint=0xFFFF)))
def test_the_byte_count_agrees_with_the_character_classes_on_any_text(text: str) -> None:
    han = len(re.findall(r"[\u3400-\u9fff\uf900-\ufaff]", text))
    assert language._counts(text) == (han, len(re.findall(r"[A-Za-z]", text)))


def test_an_english_page_that_declares_nothing_is_english_despite_its_chinese_links() -> None:
    """camacau.com's English statistics page: no lang, English text, and a
    繁體中文 | 簡體中文 switch. The page is English, the switch's words Chinese."""
    tree, _ = run_pass(
        language.run,
        "<html><body><ul><li><a>繁體中文</a></li><li><a>簡體中文</a></li></ul>"
        "<h1>Traffic Statistics - Passengers</h1><table><tr><th>Month</th><th>2013</th></tr>"
        "<tr><td>January</td><td>374,917</td></tr></table><p>Macau International Airport "
        "<b>澳門國際機場</b></p>"
        + "<p>The passenger figures of Macau International Airport, by month and year.</p>" * 4
        + "</body></html>",
    )
    assert tree.css_first("html").attrs["lang"] == "en"
    assert [li.attrs.get("lang") for li in tree.css("li")] == ["zh", "zh"]
    assert all("lang" not in a.attrs for a in tree.css("a"))  # inside a marked item already
    assert "lang" not in tree.css_first("p").attrs and "lang" not in tree.css_first("h1").attrs
    assert tree.css_first("b").attrs["lang"] == "zh"
    assert all("lang" not in cell.attrs for cell in tree.css("td, th"))


def test_a_page_of_no_words_is_taken_to_be_chinese() -> None:
    tree, _ = run_pass(language.run, '<html><body><img src="a.png"></body></html>')
    assert tree.css_first("html").attrs["lang"] == "zh-CN"


def test_the_proxys_mark_on_links_that_leave_makes_no_page_and_no_link_chinese() -> None:
    """camacau.com's page links to its own site, not served here: each link
    carries the proxy's (外部网站,将离开无障碍浏览), more Han than the page's own."""
    html = (
        "<html><body><a href='http://www.camacau.com/index'>Main Page</a>"
        "<p>Passenger figures of Macau International Airport, by month.</p>"
        + "<a href='http://www.camacau.com/x'>Airport Charges</a>" * 40
        + "</body></html>"
    )
    tree, _ = run_passes((rewrite_links.run, language.run), html)
    assert tree.css_first("html").attrs["lang"] == "en"
    assert all("lang" not in a.attrs for a in tree.css("a"))
