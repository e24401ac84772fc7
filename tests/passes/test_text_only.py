from __future__ import annotations

from a11y_proxy.passes import text_only
from tests.passes.helpers import run_pass


def test_images_become_their_words_and_media_become_links() -> None:
    tree, ctx = run_pass(
        text_only.run,
        '<link rel="stylesheet" href="/s.css"><style>p{}</style><p style="color:red">'
        '<img src="/a.png" alt="启动仪式"><img src="/b.gif" alt=""></p>'
        '<iframe src="/a11y/http://h/map.html" title="地图"></iframe><video src="/v.mp4"></video>'
        '<table width="600"><tr><td bgcolor="red">1</td></tr></table>'
        '<input type="image" src="/go.png" alt="搜索">',
    )
    assert tree.css_first("img") is None
    assert tree.css_first("span.a11y-text-image").text() == "[图片:启动仪式]"
    assert [a.text() for a in tree.css("a")] == ["[地图]", "[视频]"]
    assert tree.css_first("[style], [width], [bgcolor], link, style") is None
    assert tree.css_first("table td").text() == "1"
    button = tree.css_first("input")
    assert button.attrs["type"] == "submit" and button.attrs["value"] == "搜索"
    assert ctx.stylesheets == [text_only.STYLESHEET]
