from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.wording import chinese_page, say


@pytest.mark.parametrize(
    ("html", "chinese"),
    [
        ('<html lang="zh-CN">', True),
        ('<html lang="zh">', True),
        ('<html lang="ZH-Hant-TW">', True),
        ("<html>", True),  # not declared: the portal's Chinese
        ('<html lang="en">', False),
        ('<html lang="en-US">', False),
        ('<html lang="pt">', False),
        ('<html lang="zhx">', False),  # a code that is not Chinese's
    ],
)
def test_a_page_is_chinese_by_its_declared_language(html: str, chinese: bool) -> None:
    tree = LexborHTMLParser(html + "<body>x</body></html>")
    assert chinese_page(tree) is chinese
    assert say(tree, "搜索", "Search") == ("搜索" if chinese else "Search")
