from __future__ import annotations

import ipaddress

import pytest

from a11y_proxy.addresses import CheckedResolver, is_public_address
from a11y_proxy.errors import AddressNotAllowed, UpstreamUnreachable
from tests.conftest import fake_lookup


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.8.8",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "255.255.255.255",
        "198.18.0.1",
        "192.0.0.8",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "64:ff9b::a00:1",
        "2002:7f00:1::1",
        "ff02::1",
    ],
)
def test_special_addresses_are_not_public(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "202.96.134.133", "2400:3200::1", "::ffff:93.184.216.34"]
)
def test_global_addresses_are_public(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.anyio
async def test_resolver_refuses_a_name_that_points_inside() -> None:
    r = CheckedResolver(allow_private=False, lookup=fake_lookup({"www.x.gov.cn": "10.0.0.5"}))
    with pytest.raises(AddressNotAllowed):
        await r.resolve("www.x.gov.cn", 80)


@pytest.mark.anyio
async def test_resolver_keeps_only_public_addresses_of_a_mixed_answer() -> None:
    async def lookup(host: str, port: int) -> list[tuple[int, str]]:
        return [(2, "127.0.0.1"), (2, "93.184.216.34")]

    r = CheckedResolver(allow_private=False, lookup=lookup)
    found = await r.resolve("mixed.gov.cn", 443)
    assert [a.address for a in found] == ["93.184.216.34"]


@pytest.mark.anyio
async def test_resolver_allows_loopback_when_configured() -> None:
    r = CheckedResolver(allow_private=True, lookup=fake_lookup({}))
    found = await r.resolve("127.0.0.1", 8081)
    assert found[0].address == "127.0.0.1"


@pytest.mark.anyio
async def test_literal_addresses_are_checked_without_dns() -> None:
    r = CheckedResolver(allow_private=False, lookup=fake_lookup({}))
    with pytest.raises(AddressNotAllowed):
        await r.resolve("[::1]", 80)


@pytest.mark.anyio
async def test_unknown_name_is_unreachable_not_refused() -> None:
    r = CheckedResolver(allow_private=False, lookup=fake_lookup({}))
    with pytest.raises(UpstreamUnreachable):
        await r.resolve("nowhere.gov.cn", 80)
