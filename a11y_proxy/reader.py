"""The reader controls' fixed vocabulary: actions, their names and their keyboard shortcuts.

One list serves the config (``[shortcuts]`` keys and their validation), the
toolbar the page script builds, the help text and the settings page, so a
shortcut an operator changes is changed everywhere it is shown.

Default shortcuts follow the Alt+letter scheme readers already know from
the toolbars on Chinese government sites (Alt+V 声音, Alt+X 连读, Alt+P 指读,
Alt+S 语速, Alt+` 配色, Alt+↑/↓ 放大/缩小, …). Matching is on the physical key
(``KeyboardEvent.code``), so Option+V on a Mac keyboard works too. Esc is
fixed: it stops reading and closes whatever panel is open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Action:
    id: str
    zh: str
    en: str
    default_key: str
    help_zh: str


ACTIONS: tuple[Action, ...] = (
    Action(
        "sound",
        "声音开关",
        "Sound on/off",
        "Alt+V",
        "打开或关闭朗读功能。无障碍模式默认关闭,以免与读屏软件冲突。",
    ),
    Action("continuous", "连读", "Read on", "Alt+X", "从所选位置(或页首)开始连续朗读;再按一次暂停。"),
    Action("point", "指读", "Point to read", "Alt+P", "朗读鼠标停留或键盘聚焦处的内容。"),
    Action("speed", "语速", "Speed", "Alt+S", "在慢速、正常、较快、最快之间切换。"),
    Action("scheme", "配色", "Colours", "Alt+`", "在各种高对比度配色之间切换。"),
    Action("bigger", "放大", "Larger text", "Alt+ArrowUp", "文字放大一级(最大 200%)。"),
    Action("smaller", "缩小", "Smaller text", "Alt+ArrowDown", "文字缩小一级。"),
    Action("spacing", "行距", "Line spacing", "Alt+L", "在标准、1.5 倍、2 倍行距之间切换。"),
    Action("cursor", "大鼠标", "Large cursor", "Alt+M", "使用特大号鼠标指针。"),
    Action("crosshair", "十字线", "Crosshair", "Alt+C", "显示跟随鼠标的十字辅助线。"),
    Action(
        "caption",
        "大字幕",
        "Large captions",
        "Alt+B",
        "在屏幕底部用大字显示鼠标或焦点所在的文字,可加注拼音。",
    ),
    Action("text_mode", "纯文本", "Text only", "Alt+T", "切换到纯文本版,只显示文字。"),
    Action("reset", "重置", "Reset", "Alt+R", "恢复所有设置的默认值。"),
    Action("help", "帮助", "Help", "Alt+Shift+/", "显示各按钮和快捷键的说明(Alt+?)。"),
)
#: 语速 steps in the order the button cycles them, with their names (the speech
#: service maps the same ids to a rate).
SPEEDS: tuple[tuple[str, str], ...] = (
    ("slow", "慢速"),
    ("normal", "正常"),
    ("fast", "较快"),
    ("fastest", "最快"),
)

_KEY = re.compile(r"^(?:(?:Alt|Ctrl|Shift|Meta)\+)+([A-Za-z0-9`/]|ArrowUp|ArrowDown|ArrowLeft|ArrowRight)$")
_NAMED = {"`": "Backquote", "/": "Slash"}


def check_shortcut(value: str) -> str | None:
    """None if ``value`` is a usable shortcut ("" switches it off), else why not."""
    if value == "":
        return None
    if not _KEY.match(value):
        return "must look like Alt+V, Alt+Shift+/ or Alt+ArrowUp (with Alt, Ctrl, Shift or Meta), or be empty"
    return None


def key_code(value: str) -> dict[str, object]:
    """The shortcut as the page script matches it: modifiers and ``KeyboardEvent.code``."""
    if not value:
        return {}
    *mods, key = value.split("+")
    if key.startswith("Arrow"):
        code = key
    elif key in _NAMED:
        code = _NAMED[key]
    elif key.isdigit():
        code = f"Digit{key}"
    else:
        code = f"Key{key.upper()}"
    return {
        "code": code,
        "alt": "Alt" in mods,
        "ctrl": "Ctrl" in mods,
        "shift": "Shift" in mods,
        "meta": "Meta" in mods,
    }


def shown(value: str) -> str:
    """A shortcut as a reader reads it: Alt+↑, Alt+?."""
    return value.replace("ArrowUp", "↑").replace("ArrowDown", "↓").replace("Shift+/", "?") or "(无)"


@dataclass(frozen=True)
class ReaderOptions:
    """What the page script needs from the server's settings."""

    speech: bool = True
    #: action id -> shortcut string ("" = none)
    shortcuts: tuple[tuple[str, str], ...] = tuple((a.id, a.default_key) for a in ACTIONS)
