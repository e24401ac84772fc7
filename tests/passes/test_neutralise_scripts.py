from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.passes import neutralise_scripts
from tests.passes.helpers import run_pass

HOSTILE = """<html><head><script>alert(1)</script><script src="/x.js"></script>
<meta http-equiv="Set-Cookie" content="a=b"><meta http-equiv="Content-Security-Policy" content="default-src *">
<link rel="preload" href="/x.js" as="script"><link rel="dns-prefetch" href="//tracker.example">
<link rel="stylesheet" href="/s.css"></head>
<body onload="evil()" ONCLICK="x()"><svg><script>alert(2)</script><a onmouseover="x()">s</a></svg>
<img src="a.png" onerror="evil()" onfoo="bar()"><iframe srcdoc="<script>x</script>" title="f"></iframe>
<a href="/x" ping="http://tracker.example/p">x</a><template><script>t()</script></template>
<!--[if lt IE 9]><script src="/html5shiv.js"></script><![endif]--><!-- <script src="/old.js"></script> -->
<noscript><p id="fallback">请启用脚本或查看<a href="/list.html">列表</a></p></noscript></body></html>"""


def test_no_script_or_handler_survives() -> None:
    tree, _ = run_pass(neutralise_scripts.run, HOSTILE)
    html = tree.html or ""
    assert "<script" not in html
    assert "alert" not in html
    for attr in ("onload", "onclick", "onerror", "onmouseover", "onfoo", "srcdoc", "ping"):
        assert f"{attr}=" not in html.lower()
    assert "Set-Cookie" not in html and "Content-Security-Policy" not in html
    assert "preload" not in html and "dns-prefetch" not in html
    assert "<template" not in html
    assert "<!--" not in html


def test_noscript_fallback_is_unwrapped_for_readers() -> None:
    tree, _ = run_pass(neutralise_scripts.run, HOSTILE)
    assert tree.css_first("noscript") is None
    assert tree.css_first("#fallback a[href='/list.html']") is not None


def test_stylesheets_and_content_are_kept() -> None:
    tree, _ = run_pass(neutralise_scripts.run, HOSTILE)
    assert tree.css_first("link[rel=stylesheet]") is not None
    assert tree.css_first("img[src='a.png']") is not None


def test_every_known_handler_attribute_is_removed_even_written_oddly() -> None:
    for name in neutralise_scripts._HANDLERS:
        for markup in (
            f'<p {name}="x()">t</p>',
            f"<p {name.upper()}=x()>t</p>",
            f'<img/{name}="x()">',
            f'<p title="a"{name}="x()">t</p>',
        ):
            tree, _ = run_pass(neutralise_scripts.run, markup)
            assert name not in (tree.html or "").lower(), markup


def test_without_source_text_every_element_is_checked() -> None:
    from selectolax.lexbor import LexborHTMLParser

    from a11y_proxy.context import PageContext
    from a11y_proxy.hosts import Allowlist

    tree = LexborHTMLParser('<p onclick="x()" onwhatever="y()">t</p>')
    neutralise_scripts.run(tree, PageContext(url="http://h/", mode="a11y", allowlist=Allowlist(())))
    assert "on" not in "".join(tree.css_first("p").attrs.keys())


def test_handlers_with_capitals_inside_the_name_are_removed() -> None:
    # Found by the fuzz tests: a page whose only capitals are inside handler
    # names ("onClick" has no "On", "ON" or "oN") kept its handler.
    for name in ("onClick", "onclicK", "onMouseOver"):
        tree, _ = run_pass(
            neutralise_scripts.run, f'<button type="button" {name}="goSearch(this)">搜索</button>'
        )
        button = tree.css_first("button")
        assert button is not None and not [k for k in button.attrs if k.lower().startswith("on")], name


def test_raw_text_elements_in_svg_and_math_cannot_smuggle_markup_out() -> None:
    # Parsed as markup there (references decoded), serialised raw: mutation XSS.
    html = (
        "<svg><style>rect{fill:red} &lt;/style&gt;&lt;img src=x onerror=alert(1)&gt;</style>"
        "<xmp>&lt;img src=x onerror=alert(2)&gt;</xmp></svg>"
        "<math><noframes>&lt;img src=x onerror=alert(3)&gt;</noframes></math><style>p{color:red}</style>"
    )
    tree, _ = run_pass(neutralise_scripts.run, html)
    again = LexborHTMLParser(tree.html or "")  # as a browser reads the proxy's page
    assert again.css("img") == [] and again.css("xmp, noframes") == []
    svg_style, html_style = again.css("style")
    assert svg_style.text().startswith("rect{fill:red} \\3c /style>")  # the rules kept, "<" escaped
    assert html_style.text() == "p{color:red}"


def test_comments_go_and_the_text_of_those_with_links_is_kept_for_naming_pictures() -> None:
    html = (
        "<p>a<!--[if IE]><script>alert(1)</script><![endif]--></p>"
        '<ul><li><a href="/zt/d5/"><img src="/r75.jpg"></a></li>'
        '<!--<li><a HREF="/zt/d5/">第五届中国统计开放日</a></li>--></ul>'
    )
    tree, ctx = run_pass(neutralise_scripts.run, html)
    assert "<!--" not in (tree.html or "")
    assert ctx.commented_links == ['<li><a HREF="/zt/d5/">第五届中国统计开放日</a></li>']


def test_the_comment_text_kept_for_naming_is_bounded() -> None:
    html = "".join(f'<!-- <a href="/{i}">{"字" * 1000}</a> -->' for i in range(400))
    _, ctx = run_pass(neutralise_scripts.run, html)
    assert 0 < sum(map(len, ctx.commented_links)) <= neutralise_scripts._COMMENTED_LINKS_MAX
    # And in number: each may be parsed once to name a picture.
    _, ctx = run_pass(neutralise_scripts.run, "<p>x</p>" + "<!--href-->" * 5000)
    assert len(ctx.commented_links) == neutralise_scripts._COMMENTED_LINKS_COUNT


def test_comments_beside_the_html_element_go_too() -> None:
    # The parser puts a comment before the doctype or after </html> in the
    # document itself, outside <html>: old templates open with a banner comment.
    html = "<!-- TRS 模板 --><!DOCTYPE html><!-- b --><html><p>x</p></html><!--[if IE]><script>1</script><![endif]-->"
    tree, _ = run_pass(neutralise_scripts.run, html)
    assert tree.html == "<!DOCTYPE html><html><head></head><body><p>x</p></body></html>"
