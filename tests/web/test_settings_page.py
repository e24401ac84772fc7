"""``/settings``: the no-script settings page at a stable address."""

from __future__ import annotations

import pytest

from tests.conftest import make_settings, proxy_client

pytestmark = pytest.mark.anyio
SETTINGS = make_settings("www.x.gov.cn")
BACK = "/elder/http://www.x.gov.cn/zwgk/page.html"


async def test_form_shows_every_setting_with_labels_and_the_current_choices() -> None:
    async with proxy_client(SETTINGS) as client:
        client.cookies.set("a11y_prefs", "black-yellow~150~0")
        r = await client.get("/settings", params={"return": BACK})
    html = r.text
    assert r.status_code == 200
    assert "script-src 'none'" in r.headers["content-security-policy"]
    for legend in ("阅读模式", "配色", "文字大小", "行距", "朗读与辅助", "语速"):
        assert f"<legend>{legend}</legend>" in html
    assert 'id="theme-black-yellow" name="theme" value="black-yellow" checked' in html
    assert 'id="size-150" name="size" value="150" checked' in html
    assert 'id="mode-elder" name="mode" value="elder" checked' in html
    assert 'value="original"' in html  # the portal is allowed: 原版 is offered
    assert "Alt+V" in html and "Alt+↑" in html  # the help lists the shortcuts
    assert "/qr?url=" in html


async def test_saving_sets_both_cookies_and_returns_to_the_page_in_the_chosen_mode() -> None:
    async with proxy_client(SETTINGS) as client:
        r = await client.post(
            "/settings",
            data={
                "return": BACK,
                "mode": "text",
                "theme": "blue-yellow",
                "size": "175",
                "spacing": "20",
                "sound": "1",
                "cursor": "1",
                "speed": "slow",
            },
        )
    assert r.status_code == 303
    assert r.headers["location"] == "/text/http://www.x.gov.cn/zwgk/page.html"
    cookies = r.headers.get_list("set-cookie")
    assert any(c.startswith("a11y_prefs=blue-yellow~175~20;") for c in cookies)
    assert any(c.startswith("a11y_ui=1~0~1~0~0~0~slow;") for c in cookies)


async def test_bad_values_fall_back_to_defaults_and_reset_clears_the_cookies() -> None:
    async with proxy_client(SETTINGS) as client:
        bad = await client.post("/settings", data={"return": BACK, "theme": "<script>", "size": "999"})
        reset = await client.post("/settings", data={"return": BACK, "action": "reset"})
    assert bad.headers["location"] == BACK
    assert not any(
        c.startswith("a11y_prefs=") and "Max-Age=0" not in c and '=""' not in c
        for c in bad.headers.get_list("set-cookie")
    )
    cleared = reset.headers.get_list("set-cookie")
    assert any(c.startswith("a11y_prefs=") and "Max-Age=0" in c for c in cleared)
    assert any(c.startswith("a11y_ui=") and "Max-Age=0" in c for c in cleared)


@pytest.mark.parametrize(
    "back",
    [
        "https://evil.example/",
        "//evil.example/",
        "/a11y/https://evil.example/",
        "/\\evil.example",
        "/elder/javascript:alert(1)",
    ],
)
async def test_return_cannot_lead_off_the_proxy_or_to_a_site_not_served(back: str) -> None:
    async with proxy_client(SETTINGS) as client:
        r = await client.post("/settings", data={"return": back, "mode": "original"})
    location = r.headers["location"]
    assert location.startswith("/") and not location.startswith("//")
    assert "evil.example" not in location or location.startswith("/a11y/")
    assert not location.startswith("http")
