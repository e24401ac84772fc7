from __future__ import annotations

import ada_url
import pytest

from a11y_proxy.errors import BadTargetURL
from a11y_proxy.urls import parse_target, resolve, split_proxy_path


def test_query_of_a_gbk_page_is_percent_encoded_in_gbk() -> None:
    # 年报 in GBK is C4 EA B1 A8; in UTF-8 E5 B9 B4 E6 8A A5.
    assert resolve("http://h/a/b.html", "s.jsp?q=年报", "gb18030") == "http://h/a/s.jsp?q=%C4%EA%B1%A8"
    assert resolve("http://h/a/b.html", "s.jsp?q=年报", "utf-8") == "http://h/a/s.jsp?q=%E5%B9%B4%E6%8A%A5"


def test_path_is_always_utf8_whatever_the_page_encoding() -> None:
    assert resolve("http://h/", "/信息.html?x=1", "gb18030") == "http://h/%E4%BF%A1%E6%81%AF.html?x=1"


def test_characters_outside_the_page_encoding_become_numeric_references() -> None:
    assert resolve("http://h/", "?q=€", "gb18030") is not None
    assert resolve("http://h/", "?q=😀", "big5hkscs") == "http://h/?q=%26%23128512%3B"


def test_tabs_newlines_and_backslashes_are_handled_like_a_browser() -> None:
    assert resolve("http://h/a/", "/zwgk/\n\tindex.html") == "http://h/zwgk/index.html"
    assert resolve("http://h/a/", "..\\b.html") == "http://h/b.html"


def test_invalid_reference_gives_none() -> None:
    assert resolve("http://h/", "http://[bad") is None
    assert resolve("not a base", "page.html") is None
    assert resolve("http://h/", "a\ud800b.html") is None  # a lone surrogate has no UTF-8


@pytest.mark.parametrize(
    "ref",
    [
        "../g",
        "/x/y?z=1",
        "//other.gov.cn/p",
        "#top",
        "",
        "?q",
        "http://H.GOV.CN:80/A/./b/../c",
        "g;x?y#s",
        "https://[::1]/",
    ],
)
def test_resolve_gives_what_ada_join_url_gives(ref: str) -> None:
    # resolve calls ada's C API directly; it must agree with ada's own wrapper.
    base = "http://a.gov.cn/b/c/d;p?q"
    assert resolve(base, ref) == ada_url.join_url(base, ref)


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/a11y/https://www.x.gov.cn/zwgk/index.html", "", ("a11y", "https://www.x.gov.cn/zwgk/index.html")),
        ("/elder/http://h/s.jsp", "q=1&p=2", ("elder", "http://h/s.jsp?q=1&p=2")),
        ("/text/https:/www.x.gov.cn/", "", ("text", "https://www.x.gov.cn/")),
        ("/a11y/www.x.gov.cn/zwgk/", "", ("a11y", "http://www.x.gov.cn/zwgk/")),
        ("/a11y/https%3A%2F%2Fwww.x.gov.cn%2F", "", ("a11y", "https://www.x.gov.cn/")),
        ("/text/http://h/%E4%BF%A1.html", "", ("text", "http://h/%E4%BF%A1.html")),
    ],
)
def test_proxy_paths_split_into_mode_and_upstream_url(
    path: str, query: str, expected: tuple[str, str]
) -> None:
    assert split_proxy_path(path, query) == expected


@pytest.mark.parametrize("path", ["/", "/healthz", "/fancy/http://h/", "/a11y", "/static/proxy.css"])
def test_other_paths_are_not_proxy_paths(path: str) -> None:
    assert split_proxy_path(path, "") is None


@pytest.mark.parametrize(
    "url",
    [
        "ftp://h/x",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "http://user:pw@h/",
        "http://allowed.gov.cn@evil.test/",
        "data:text/html,x",
        "http://",
        "gopher://h/",
    ],
)
def test_unusable_targets_are_refused(url: str) -> None:
    with pytest.raises(BadTargetURL):
        parse_target(url)


def test_target_host_forms_are_canonical() -> None:
    assert parse_target("http://0x7f.1/").host == "127.0.0.1"
    assert parse_target("http://2130706433/").host == "127.0.0.1"
    assert parse_target("http://WWW.X.GOV.CN./a").host == "www.x.gov.cn"
    assert parse_target("http://%77ww.x.gov.cn/").host == "www.x.gov.cn"
    assert parse_target("https://h:8443/").port == 8443
    assert parse_target("https://h/#frag").url == "https://h/"
