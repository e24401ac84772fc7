"""Host patterns for ``[upstream] allowed_hosts``: exact names, ``*.`` wildcards, optional ports.

``www.kundulun.gov.cn`` matches that host on any port; ``*.baotou.gov.cn``
matches every subdomain (not ``baotou.gov.cn`` itself, as in TLS certificate
wildcards; list both to allow both); ``127.0.0.1:8081`` matches one port.
Matching is on the host as the WHATWG URL parser serialises it (lower case,
IDNA A-labels, IPv6 in brackets, no trailing dot), so ``EXAMPLE.gov.cn.`` and
``example.gov.cn`` are the same host and a suffix trick such as
``www.kundulun.gov.cn.evil.test`` is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ada_url

_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")


@dataclass(frozen=True)
class HostPattern:
    host: str  # canonical host, without the "*." of a wildcard
    wildcard: bool = False
    port: int | None = None

    def matches(self, host: str, port: int | None) -> bool:
        return self._matches(canonical_host(host), port)

    def _matches(self, host: str, port: int | None) -> bool:
        """``matches`` for a host already in canonical form."""
        if self.port is not None and port != self.port:
            return False
        if self.wildcard:
            return host.endswith("." + self.host)
        return host == self.host

    def covers(self, other: HostPattern) -> bool:
        """True when every host ``other`` matches is matched by this pattern."""
        if self.port is not None and other.port != self.port:
            return False
        if self.wildcard:
            return other.host.endswith("." + self.host) or (other.wildcard and other.host == self.host)
        return not other.wildcard and other.host == self.host

    def __str__(self) -> str:
        text = ("*." if self.wildcard else "") + self.host
        return f"{text}:{self.port}" if self.port is not None else text


def canonical_host(host: str) -> str:
    """Lower case, no trailing dot: the form patterns are compared in."""
    return host.lower().rstrip(".")


def parse_host_pattern(text: str) -> HostPattern:
    raw = text.strip()
    if not raw:
        raise ValueError("empty host pattern")
    if "/" in raw or "@" in raw or "\\" in raw:
        raise ValueError(f"{text!r} is not a host pattern (write a host name, not a URL)")
    wildcard = raw.startswith("*.")
    if wildcard:
        raw = raw[2:]
    if "*" in raw:
        raise ValueError(f"{text!r}: only a leading '*.' wildcard is supported")
    # Let the WHATWG URL parser canonicalise the host (IDNA, IPv4 forms, IPv6).
    try:
        url = ada_url.URL(f"http://{raw}/")
    except ValueError:
        raise ValueError(f"{text!r} is not a valid host name") from None
    host = canonical_host(url.hostname)
    port = int(url.port) if url.port else None
    if raw.endswith(":80") and port is None:
        port = 80
    if wildcard and (host.startswith("[") or host.replace(".", "").isdigit()):
        raise ValueError(f"{text!r}: a wildcard needs a domain name")
    if not host.startswith("[") and not all(_LABEL.match(label) for label in host.split(".")):
        raise ValueError(f"{text!r} is not a valid host name")
    return HostPattern(host=host, wildcard=wildcard, port=port)


class Allowlist:
    """The set of upstream hosts the proxy serves."""

    def __init__(self, patterns: tuple[HostPattern, ...]) -> None:
        self.patterns = patterns

    def allows(self, host: str, port: int | None) -> bool:
        host = canonical_host(host)
        # A loop, not any(genexpr): this runs once per origin a page links
        # to, and shanxi.gov.cn's article links to 300.
        for pattern in self.patterns:  # noqa: SIM110 - see above
            if pattern._matches(host, port):
                return True
        return False
