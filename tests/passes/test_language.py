from __future__ import annotations

from a11y_proxy.passes import language
from tests.passes.helpers import run_pass


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
