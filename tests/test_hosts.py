from __future__ import annotations

import pytest

from a11y_proxy.hosts import Allowlist, parse_host_pattern


def allow(*patterns: str) -> Allowlist:
    return Allowlist(tuple(parse_host_pattern(p) for p in patterns))


def test_exact_host_matches_any_port_and_ignores_case_and_trailing_dot() -> None:
    a = allow("www.kundulun.gov.cn")
    assert a.allows("www.kundulun.gov.cn", 443)
    assert a.allows("WWW.Kundulun.GOV.cn.", 80)
    assert not a.allows("kundulun.gov.cn", 443)


def test_suffix_tricks_are_not_matches() -> None:
    a = allow("www.kundulun.gov.cn", "*.baotou.gov.cn")
    assert not a.allows("www.kundulun.gov.cn.evil.test", 80)
    assert not a.allows("evilwww.kundulun.gov.cn", 80)
    assert not a.allows("notbaotou.gov.cn", 80)
    assert not a.allows("baotou.gov.cn.evil.test", 80)


def test_wildcard_matches_subdomains_only() -> None:
    a = allow("*.baotou.gov.cn")
    assert a.allows("www.baotou.gov.cn", 443)
    assert a.allows("a.b.baotou.gov.cn", 443)
    assert not a.allows("baotou.gov.cn", 443)


def test_port_restricts_the_match() -> None:
    a = allow("127.0.0.1:8081")
    assert a.allows("127.0.0.1", 8081)
    assert not a.allows("127.0.0.1", 8082)


def test_idna_hosts_are_compared_in_ascii_form() -> None:
    p = parse_host_pattern("政府.中国")
    assert p.host.startswith("xn--")


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "http://x.gov.cn",
        "x.gov.cn/path",
        "a@b.gov.cn",
        "*.*.gov.cn",
        "x*.gov.cn",
        "*.127.0.0.1",
        "bad_host!.cn",
    ],
)
def test_bad_patterns_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_host_pattern(bad)
