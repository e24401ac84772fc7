"""What an embedded frame holds, when its page gave it no ``title``.

A screen reader announces a frame by its title (WCAG 4.1.2, technique H64),
and a frame from a site not served here becomes a link named the same way
(``rewrite_links``). Portals leave both unnamed, but say what the frame is
in its address, its ``id`` or ``class``, or its box's: every portal's
weather strip is i.tianqi.com's widget in ``<div class="area_weather">``
(pingtan.gov.cn: ``<iframe id="tianqi" src="https://i-tianqi-com….cn?c=code…">``).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from .dom import class_and_id

#: What the words of a frame's address, id or class say it holds: (zh, en).
_HOLDS = (
    (re.compile(r"tianqi|weather", re.IGNORECASE), ("天气预报", "Weather forecast")),
    (re.compile(r"ditu|amap\.com|map\.(?:baidu|qq)\.com|\bmaps?\b", re.IGNORECASE), ("地图", "Map")),
    (re.compile(r"video|player|shipin|v\.qq\.com|youku|bilibili", re.IGNORECASE), ("视频", "Video")),
)


def frame_holds(frame: LexborNode, src: str) -> tuple[str, str] | None:
    """The words (Chinese, English) for what ``frame`` shows, or None when nothing says."""
    parent = frame.parent
    hints = " ".join((src, class_and_id(frame), class_and_id(parent) if parent is not None else ""))
    for pattern, words in _HOLDS:
        if pattern.search(hints):
            return words
    return None


def frame_words(frame: LexborNode, src: str) -> tuple[str, str] | None:
    """What to call a frame its page gave no title (Chinese, English): what it holds,
    else its ``name`` as the page wrote it; None when neither says anything. The
    one order for a frame kept (``clutter``) and a frame made a link (``rewrite_links``)."""
    holds = frame_holds(frame, src)
    if holds is not None:
        return holds
    name = (frame.attrs.get("name") or "").strip()
    return (name, name) if name else None
