from __future__ import annotations

from a11y_proxy.srcset import parse_srcset, rewrite_srcset


def test_commas_inside_urls_and_descriptors_follow_the_html_standard() -> None:
    assert parse_srcset("http://h/123,foo") == [("http://h/123,foo", "")]
    assert parse_srcset("a.png 1x,b.png 2x") == [("a.png", "1x"), ("b.png", "2x")]
    assert parse_srcset("http://h/123,http://h/ 2x") == [("http://h/123,http://h/", "2x")]
    assert parse_srcset("a.png,  , b.png 2x") == [("a.png", ""), ("b.png", "2x")]
    assert parse_srcset("data:image/gif;base64,R0lG= 1x, /hi.gif 2x") == [
        ("data:image/gif;base64,R0lG=", "1x"),
        ("/hi.gif", "2x"),
    ]


def test_rewrite_keeps_descriptors_and_drops_refused_candidates() -> None:
    out = rewrite_srcset("a.png 1x, evil.png 2x", lambda u: None if "evil" in u else "/p/" + u)
    assert out == "/p/a.png 1x"
