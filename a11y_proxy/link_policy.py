"""What each URL in a page becomes: a proxy URL, a marked external link, or nothing.

One policy for every place a URL appears (HTML attributes, srcset, CSS,
meta refresh, Location headers), so that no path leaks a reader out of the
accessible view or lets the page load anything from a host that is not
served here:

- http(s) URLs on an allowed host → ``/{mode}/{url}`` (same mode).
- Navigations (links, forms) to other hosts → kept direct, and the caller
  marks them as leaving the accessible view.
- Subresources (images, styles, frames, media) on other hosts → dropped: the
  proxy's Content-Security-Policy would block them anyway, and loading them
  would tell a third party what the reader is reading.
- ``mailto:``, ``tel:``, ``sms:`` → kept. ``data:`` → kept for images and
  fonts only (never for documents, frames or objects, where it is script).
- ``javascript:``, ``vbscript:``, ``file:`` and every other scheme → dropped.
- ``#fragment`` → kept as written (it resolves against the proxy URL, which
  is the same page).
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple

from .hosts import Allowlist
from .modes import Mode
from .urls import proxy_path, resolve, scheme_of

_SAFE_NAV_SCHEMES = ("mailto", "tel", "sms", "callto")
_DEFAULT_PORTS = {"http:": 80, "https:": 443}
_AUTHORITY = re.compile(r"(https?)://([^/?#]*)")


class Kind(Enum):
    NAVIGATION = "navigation"  # a, area, form, meta refresh, Location
    RESOURCE = "resource"  # img, link, script, media, CSS url()
    IMAGE = "image"  # img/srcset/CSS: data: images allowed
    FRAME = "frame"  # iframe, object, embed: never data:

    # Members are singletons: hash by identity. Enum's own __hash__ is Python
    # (hash of the name), run twice for every link of a page in the memo.
    __hash__ = object.__hash__


class Mapped(NamedTuple):
    # A tuple, not a frozen dataclass: one is made per distinct link on every
    # page, and a frozen dataclass costs ~4x as much to create.
    url: str
    external: bool = False  # a direct link off the proxy


class LinkPolicy:
    def __init__(self, *, base: str, mode: Mode, allowlist: Allowlist, encoding: str = "utf-8") -> None:
        self.base = base
        self.mode = mode
        self.allowlist = allowlist
        self.encoding = encoding
        self._memo: dict[tuple[str, Kind, str | None], Mapped | None] = {}
        self._served: dict[str, bool] = {}

    def is_served(self, absolute: str) -> bool:
        """Whether a WHATWG-serialised absolute URL is on an allowed host.

        The string is already canonical (ada wrote it), so its authority can
        be read off directly: no second parse per link.
        """
        m = _AUTHORITY.match(absolute)
        if m is None:
            return False
        # A page's links name a handful of origins: decide each once.
        origin = m.group()
        known = self._served.get(origin)
        if known is None:
            known = self._served[origin] = self._origin_served(m.group(1), m.group(2))
        return known

    def _origin_served(self, scheme: str, authority: str) -> bool:
        if "@" in authority:
            return False
        if authority.startswith("["):
            host, _, rest = authority.partition("]")
            host += "]"
            port_text = rest[1:] if rest.startswith(":") else ""
        else:
            host, _, port_text = authority.partition(":")
        port = int(port_text) if port_text.isdecimal() else _DEFAULT_PORTS[scheme + ":"]
        return self.allowlist.allows(host, port)

    def map(self, ref: str, kind: Kind, base: str | None = None) -> Mapped | None:
        """Memoised per page: portal pages repeat the same links many times."""
        key = (ref, kind, base)
        try:
            return self._memo[key]
        except KeyError:
            result = self._memo[key] = self._map(ref, kind, base)
            return result

    def _map(self, ref: str, kind: Kind, base: str | None) -> Mapped | None:
        stripped = ref.strip(" \t\n\r\x0c")
        if stripped.startswith("#"):
            # Same-document reference (links, SVG <use>, image maps).
            return Mapped(stripped)
        scheme = scheme_of(stripped)
        if scheme and scheme not in ("http", "https"):
            if scheme in _SAFE_NAV_SCHEMES and kind is Kind.NAVIGATION:
                return Mapped(stripped)
            if scheme == "data" and kind is Kind.IMAGE:
                return Mapped(stripped)
            return None
        absolute = resolve(base or self.base, stripped, self.encoding)
        if absolute is None:
            return None
        if self.is_served(absolute):
            return Mapped(proxy_path(self.mode, absolute))
        if kind is Kind.NAVIGATION and scheme_of(absolute) in ("http", "https"):
            return Mapped(absolute, external=True)
        return None

    def href(self, ref: str, kind: Kind, base: str | None = None) -> str | None:
        m = self.map(ref, kind, base)
        return m.url if m is not None else None
