from __future__ import annotations

from collections.abc import Callable
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.context import PageContext
from a11y_proxy.hosts import Allowlist, parse_host_pattern

PAGE = "http://www.x.gov.cn/zwgk/page.html"


def run_pass(
    fn: Callable[[LexborHTMLParser, PageContext], None],
    html: str,
    *,
    url: str = PAGE,
    encoding: str = "utf-8",
    allowed: tuple[str, ...] = ("www.x.gov.cn",),
    mode: str = "a11y",
) -> tuple[LexborHTMLParser, PageContext]:
    tree = LexborHTMLParser(html)
    ctx = PageContext(
        url=url,
        mode=mode,
        allowlist=Allowlist(tuple(parse_host_pattern(a) for a in allowed)),  # type: ignore[arg-type]
        url_encoding=encoding,
        source=html,
    )
    fn(tree, ctx)
    return tree, ctx


def run_passes(
    fns: tuple[Callable[[LexborHTMLParser, PageContext], None], ...], html: str, **options: Any
) -> tuple[LexborHTMLParser, PageContext]:
    """Several passes in the pipeline's order, on one tree."""
    tree, ctx = run_pass(fns[0], html, **options)
    for fn in fns[1:]:
        fn(tree, ctx)
    return tree, ctx
