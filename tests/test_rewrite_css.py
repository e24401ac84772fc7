from __future__ import annotations

from a11y_proxy.rewrite_css import rewrite_css


def mark(url: str) -> str | None:
    return None if url.startswith("javascript:") else f"/P/{url}"


def test_every_url_form_is_rewritten() -> None:
    css = """@import "a.css"; @import url(b.css); x{background:url('c.png')} y{background:URL( "d.png" )}
    z{src:url(e.woff)}"""
    out = rewrite_css(css, mark)
    for name in ("a.css", "b.css", "c.png", "d.png", "e.woff"):
        assert f'"/P/{name}"' in out


def test_css_escapes_in_urls_are_unescaped_first() -> None:
    assert '"/P/a b.png"' in rewrite_css(r"x{background:url(a\ b.png)}", mark)
    assert '"/P/A.png"' in rewrite_css(r"x{background:url('\41 .png')}", mark)


def test_script_in_css_is_disabled() -> None:
    out = rewrite_css(
        "x{width:expression(alert(1));behavior:url(x.htc);-moz-binding:url(x.xml#b)} "
        "y{background:url(javascript:alert(1))}",
        mark,
    )
    assert "expression(" not in out.lower()
    assert "behavior:" not in out.lower()
    assert "-moz-binding:" not in out.lower()
    assert "javascript:" not in out.lower()


def test_quotes_in_rewritten_urls_cannot_break_out() -> None:
    out = rewrite_css("x{background:url('a.png')}", lambda u: 'x");} body{color:red')
    assert out == 'x{background:url("x%22);} body{color:red")}'
