"""Which IP addresses the proxy may connect to, and a resolver that enforces it.

A proxy that fetches URLs for strangers must not become a door into the
operator's own network (SSRF). The allowlist names hosts, but a name can
resolve to anything, so after DNS resolution the address itself is checked,
and the connection is made to exactly the address that was checked: the
resolver below is the one the HTTP client connects through, so there is no
second lookup an attacker could answer differently (DNS rebinding).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from cachetools import LRUCache

from .errors import AddressNotAllowed, UpstreamUnreachable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Ranges that are special-purpose but not covered by the ipaddress module's
# is_private/is_reserved/... flags on every Python version.
_EXTRA_BLOCKED = (
    ipaddress.ip_network("100.64.0.0/10"),  # CGNAT, RFC 6598
    ipaddress.ip_network("192.0.0.0/24"),  # IETF protocol assignments
    ipaddress.ip_network("198.18.0.0/15"),  # benchmarking
    ipaddress.ip_network("64:ff9b:1::/48"),  # local-use NAT64
)


def is_public_address(addr: IPAddress) -> bool:
    """True for globally routable unicast addresses only."""
    if isinstance(addr, ipaddress.IPv6Address):
        mapped = addr.ipv4_mapped or addr.sixtofour
        if mapped is not None:
            return is_public_address(mapped)
        if addr.teredo is not None:
            return False
        # NAT64 well-known prefix: judge the embedded IPv4 address.
        if addr in ipaddress.ip_network("64:ff9b::/96"):
            return is_public_address(ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF))
    if (
        addr.is_private
        or addr.is_loopback
        or addr.is_link_local
        or addr.is_multicast
        or addr.is_reserved
        or addr.is_unspecified
        or not addr.is_global
    ):
        return False
    return not any(addr in net for net in _EXTRA_BLOCKED if net.version == addr.version)


@dataclass(frozen=True)
class ResolvedAddress:
    host: str
    address: str
    port: int
    family: int


#: How long a checked DNS answer is used (the check and the connection of one
#: request fall well inside it; it is short enough to follow a portal's DNS changes).
ANSWER_SECONDS = 10.0

Lookup = Callable[[str, int], Awaitable[Sequence[tuple[int, str]]]]


async def system_lookup(host: str, port: int) -> Sequence[tuple[int, str]]:
    """getaddrinfo in the default executor: (family, address) pairs."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return [(family, str(sockaddr[0])) for family, _, _, _, sockaddr in infos]


class CheckedResolver:
    """Resolve a host and keep only the addresses the proxy may connect to.

    The checked answer is kept for :data:`ANSWER_SECONDS`, and the connection
    made right after the check uses that same answer: a name is looked up
    once per request, so there is no window in which a second DNS answer
    (DNS rebinding) could point the connection somewhere unchecked. Only
    checked answers are kept, so the cache cannot hold a refused address.

    ``lookup`` is injectable so tests can map names to addresses without DNS.
    """

    def __init__(self, *, allow_private: bool, lookup: Lookup = system_lookup) -> None:
        self.allow_private = allow_private
        self._lookup = lookup
        self._answers: LRUCache[tuple[str, int], tuple[float, list[ResolvedAddress]]] = LRUCache(maxsize=1024)

    async def resolve(self, host: str, port: int) -> list[ResolvedAddress]:
        now = time.monotonic()
        kept = self._answers.get((host, port))
        if kept is not None and kept[0] > now:
            return kept[1]
        results = await self._resolve(host, port)
        self._answers[(host, port)] = (now + ANSWER_SECONDS, results)
        return results

    async def _resolve(self, host: str, port: int) -> list[ResolvedAddress]:
        bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
        try:
            literal: IPAddress | None = ipaddress.ip_address(bare)
        except ValueError:
            literal = None
        if literal is not None:
            pairs: Sequence[tuple[int, str]] = [
                (socket.AF_INET6 if literal.version == 6 else socket.AF_INET, str(literal))
            ]
        else:
            try:
                pairs = await self._lookup(bare, port)
            except (OSError, UnicodeError) as exc:
                raise UpstreamUnreachable(f"DNS lookup failed for {host}: {exc}") from exc
        results: list[ResolvedAddress] = []
        refused: list[str] = []
        for family, address in pairs:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
            if not self.allow_private and not is_public_address(ip):
                refused.append(address)
                continue
            results.append(ResolvedAddress(host=bare, address=address, port=port, family=family))
        if not results:
            if refused:
                raise AddressNotAllowed(
                    f"{host} resolves to an address the proxy does not connect to ({', '.join(refused)})"
                )
            raise UpstreamUnreachable(f"DNS lookup for {host} returned no address")
        return results
