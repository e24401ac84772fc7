from __future__ import annotations

from a11y_proxy.passes import proxy_bar
from tests.passes.helpers import PAGE, run_pass


def test_bar_is_first_in_body_with_original_link_and_modes() -> None:
    tree, ctx = run_pass(
        proxy_bar.run, "<head><title> 年报 </title></head><body><p>x</p></body>", mode="elder"
    )
    bar = tree.body.child
    assert bar.attrs["id"] == proxy_bar.BAR_ID and bar.attrs["role"] == "region"
    assert bar.css_first("a.a11y-proxy-original").attrs["href"] == PAGE
    current = bar.css_first("a[aria-current=page]")
    assert current.attrs["href"] == f"/elder/{PAGE}"
    assert {a.attrs["href"] for a in bar.css(".a11y-proxy-modes a")} == {
        f"/{m}/{PAGE}" for m in ("a11y", "elder", "text")
    }
    assert ctx.title == "年报"
    assert proxy_bar.NOTICE_PLACEHOLDER.decode() in (tree.html or "")
