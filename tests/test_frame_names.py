from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.frame_names import frame_holds


def holds(html: str) -> tuple[str, str] | None:
    frame = LexborHTMLParser(html).css_first("iframe")
    assert frame is not None
    return frame_holds(frame, frame.attrs.get("src") or "")


def test_a_frame_is_known_by_its_address_its_id_or_class_or_its_box() -> None:
    assert holds('<iframe src="https://i.tianqi.com/?c=code&id=26"></iframe>') == (
        "天气预报",
        "Weather forecast",
    )
    assert holds('<iframe id="weather" src="/w.html"></iframe>') == ("天气预报", "Weather forecast")
    assert holds('<div class="area_weather"><iframe src="/w.html"></iframe></div>') == (
        "天气预报",
        "Weather forecast",
    )
    assert holds('<iframe src="https://map.baidu.com/?l=1"></iframe>') == ("地图", "Map")
    assert holds('<iframe src="https://v.qq.com/txp/iframe/player.html?vid=1"></iframe>') == ("视频", "Video")


def test_a_frame_that_says_nothing_of_what_it_holds_is_not_guessed_at() -> None:
    assert holds('<iframe src="/zwgk/list.html" name="frame1"></iframe>') is None
    # "sitemap" is a page of links, not a map.
    assert holds('<iframe src="/sitemap.html"></iframe>') is None
