"""Upstream cookies, for the sites whose config says ``forward_cookies = true``.

By default no cookie crosses the proxy in either direction. Every portal
would otherwise set its cookies on the proxy's one origin, where they would
be sent to every other portal the reader visits through it and could be
read or overwritten by each of them (the pooled-cookie flaw of Betsie-style
proxies). When a site needs a session (a 依申请公开 application form), its
cookies are forwarded but re-scoped to that site's proxy paths, one per mode.
"""

from __future__ import annotations

import re

from .modes import MODES

#: Cookies the proxy itself sets; never forwarded upstream.
OWN_COOKIE_PREFIX = "a11y_"

_ATTR_DROP = re.compile(r"^\s*(domain|path|samesite)\s*=", re.IGNORECASE)
_SECURE = re.compile(r"^\s*secure\s*$", re.IGNORECASE)


def scoped_set_cookies(set_cookie: str, origin: str, *, secure_proxy: bool) -> list[str]:
    """One Set-Cookie per mode, each limited to ``/{mode}/{origin}/``."""
    parts = set_cookie.split(";")
    first, attrs = parts[0], parts[1:]
    if first.strip().lower().startswith(OWN_COOKIE_PREFIX):
        return []  # a portal may not overwrite the proxy's own cookies
    kept = [a.strip() for a in attrs if not _ATTR_DROP.match(a) and (secure_proxy or not _SECURE.match(a))]
    return ["; ".join([first.strip(), *kept, f"Path=/{mode}/{origin}/", "SameSite=Lax"]) for mode in MODES]


def upstream_cookie_header(cookie_header: str | None) -> str | None:
    """The reader's Cookie header minus the proxy's own cookies."""
    if not cookie_header:
        return None
    kept = [
        c.strip()
        for c in cookie_header.split(";")
        if c.strip() and not c.strip().startswith(OWN_COOKIE_PREFIX)
    ]
    return "; ".join(kept) or None
