"""Reader preferences: colour scheme, text size, line spacing.

Kept in one cookie (``a11y_prefs``), so there is no server-side user state,
and set from the proxy URL by reserved query parameters (``__a11y_theme``,
``__a11y_size``, ``__a11y_spacing``), which the proxy removes before the URL
goes to the portal. The canonical string form is part of the cache key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote_plus

COOKIE = "a11y_prefs"
QUERY_PREFIX = "__a11y_"
SIZES = (100, 125, 150, 175, 200)
SPACINGS = (0, 15, 20)  # 0 = the page's own; 15 = 1.5; 20 = 2.0
#: How each step is named to the reader (bar, settings page, toolbar announcements).
SIZE_NAMES = {100: "标准", 125: "125%", 150: "150%", 175: "175%", 200: "200%"}
SPACING_NAMES = {0: "标准", 15: "1.5倍", 20: "2倍"}
_THEME_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")
_NAME_LINE = re.compile(r"/\*\s*name:\s*([^|*]+?)\s*(?:\|\s*en:\s*([^*]+?))?\s*\*/")


@dataclass(frozen=True)
class Theme:
    id: str
    name_zh: str
    name_en: str


def load_themes(directory: Path) -> dict[str, Theme]:
    """Every ``*.css`` in the themes folder except ``steps.css``, by id (file stem)."""
    themes: dict[str, Theme] = {}
    for path in sorted(directory.glob("*.css")):
        if path.stem == "steps" or not _THEME_ID.match(path.stem):
            continue
        head = path.read_text("utf-8", errors="replace")[:400]
        m = _NAME_LINE.search(head)
        themes[path.stem] = Theme(path.stem, m.group(1) if m else path.stem, (m.group(2) or "") if m else "")
    return themes


@dataclass(frozen=True)
class Prefs:
    theme: str = "default"
    size: int = 100
    spacing: int = 0

    def key(self) -> str:
        """Canonical form ("theme~size~spacing"): the cache key part and the cookie value.

        ``~`` because a cookie value may not hold ``;``, ``,`` or spaces (RFC 6265).
        """
        return f"{self.theme}~{self.size}~{self.spacing}"

    @property
    def is_default(self) -> bool:
        return self == Prefs()

    def query(self) -> str:
        """The reserved query parameters that select these preferences."""
        p = QUERY_PREFIX
        return f"{p}theme={self.theme}&{p}size={self.size}&{p}spacing={self.spacing}"

    def link(self, path: str) -> str:
        """``path`` (a proxy URL, maybe with a query of its own) that applies these preferences."""
        return f"{path}{'&' if '?' in path else '?'}{self.query()}"

    def html_classes(self, mode: str) -> list[str]:
        classes = [f"a11y-mode-{mode}", f"a11y-theme-{self.theme}"]
        if self.size != 100:
            classes.append(f"a11y-size-{self.size}")
        if self.spacing:
            classes.append(f"a11y-spacing-{self.spacing}")
        return classes


def _apply(prefs: Prefs, name: str, value: str, themes: dict[str, Theme]) -> Prefs:
    value = value.strip().lower()
    if name == "theme" and value in themes:
        return replace(prefs, theme=value)
    if name == "size" and value.isdecimal() and int(value) in SIZES:
        return replace(prefs, size=int(value))
    if name == "spacing" and value.isdecimal() and int(value) in SPACINGS:
        return replace(prefs, spacing=int(value))
    return prefs


def from_cookie(value: str | None, themes: dict[str, Theme]) -> Prefs:
    """Parse the cookie; unknown or bad parts are ignored (a stale cookie never breaks a page)."""
    prefs = Prefs()
    if not value:
        return prefs
    for name, part in zip(("theme", "size", "spacing"), value.strip('"').split("~"), strict=False):
        prefs = _apply(prefs, name, part, themes)
    return prefs


def split_query(query: str, prefs: Prefs, themes: dict[str, Theme]) -> tuple[str, Prefs, bool]:
    """Take the reserved ``__a11y_*`` parameters out of a query string.

    Returns the query for the portal, the updated preferences, and whether
    any preference parameter was present.
    """
    if QUERY_PREFIX not in query:
        return query, prefs, False
    # The other parameters stay byte for byte (they may be GBK percent-escapes).
    kept: list[str] = []
    found = False
    for part in query.split("&"):
        name, _, value = part.partition("=")
        field = unquote_plus(name)
        if field.startswith(QUERY_PREFIX) and field[len(QUERY_PREFIX) :] in ("theme", "size", "spacing"):
            prefs = _apply(prefs, field[len(QUERY_PREFIX) :], unquote_plus(value), themes)
            found = True
        else:
            kept.append(part)
    if not found:
        return query, prefs, False
    return "&".join(kept), prefs, True
