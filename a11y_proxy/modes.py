"""The reading modes: the first path segment of every proxied URL."""

from __future__ import annotations

from typing import Final, Literal

Mode = Literal["a11y", "elder", "text"]

#: In the order the landing page and the mode switch show them.
MODES: Final[tuple[Mode, ...]] = ("a11y", "elder", "text")

LABELS_ZH: Final[dict[str, str]] = {"a11y": "无障碍", "elder": "适老版", "text": "纯文本"}
LABELS_EN: Final[dict[str, str]] = {"a11y": "Accessible", "elder": "Large print", "text": "Text only"}


def is_mode(value: str) -> bool:
    return value in MODES
