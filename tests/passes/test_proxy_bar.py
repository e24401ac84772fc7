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


def test_reading_settings_are_links_the_server_applies() -> None:
    from a11y_proxy.prefs import Prefs

    def with_prefs(tree, ctx):  # type: ignore[no-untyped-def]
        ctx.prefs = Prefs(theme="black-yellow", size=150)
        ctx.theme_names = {"default": "默认配色", "black-yellow": "黑底黄字"}
        proxy_bar.run(tree, ctx)

    tree, _ = run_pass(with_prefs, "<p>x</p>", mode="elder")
    box = tree.css_first("#a11y-proxy-bar details.a11y-proxy-settings")
    assert box.css_first("summary").text().startswith("阅读设置")
    links = {a.text(): a.attrs["href"] for a in box.css("a")}
    assert links["黑底黄字"] == f"/elder/{PAGE}?__a11y_theme=black-yellow&__a11y_size=150&__a11y_spacing=0"
    assert links["200%"] == f"/elder/{PAGE}?__a11y_theme=black-yellow&__a11y_size=200&__a11y_spacing=0"
    assert links["全部重置"] == f"/elder/{PAGE}?__a11y_theme=default&__a11y_size=100&__a11y_spacing=0"
    current = [a.text() for a in box.css("a[aria-current=true]")]
    assert current == ["黑底黄字", "150%", "标准"]


def test_bar_carries_the_reader_settings_and_loads_the_reader_script() -> None:
    import json

    from a11y_proxy.reader import ReaderOptions

    def with_reader(tree, ctx):  # type: ignore[no-untyped-def]
        ctx.reader = ReaderOptions(speech=False, shortcuts=(("sound", "Alt+Shift+V"), ("help", "")))
        proxy_bar.run(tree, ctx)

    tree, _ = run_pass(with_reader, "<head><title>t</title></head><body><p>x</p></body>", mode="elder")
    data = json.loads(tree.css_first("#a11y-proxy-bar").attrs["data-a11y-reader"])
    assert data["mode"] == "elder" and data["speech"] is False and data["original"] == PAGE
    actions = {a["id"]: a for a in data["actions"]}
    assert actions["sound"]["key"] == {
        "code": "KeyV",
        "alt": True,
        "ctrl": False,
        "shift": True,
        "meta": False,
    }
    assert actions["help"]["key"] == {}
    assert actions["bigger"]["key"] == {}  # not in this (partial) list: no shortcut
    # The reader's script tag is the web layer's, added per response with a nonce.
    assert tree.css("script") == []
