"""The 78 URL-rewriting cases of a peer's suite (webrecorder/pywb) plus edge cases.

Each fragment is served as a page at its ``base`` path by a real upstream
server; the proxied page must lead back through the proxy for every expected
URL, judged the way a browser resolves the rewritten markup.
"""

from __future__ import annotations

import json

import ada_url
import pytest

from tests.conftest import FIXTURES, UpstreamServer, proxy_client
from tests.linkcheck import page_urls, resolve_against

CASES = json.loads((FIXTURES / "peer-rewrite-cases.json").read_text("utf-8"))
PROXY = "http://proxy.test"


def _norm(url: str) -> str:
    return str(ada_url.URL(url).href)


@pytest.mark.anyio
@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
async def test_peer_case_leads_back_through_the_proxy(
    case: dict[str, object], upstream: UpstreamServer, upstream_settings: object
) -> None:
    host = f"127.0.0.1:{upstream.port}"
    base = str(case["base"]).replace("UPSTREAM", host)
    path = base[len(f"http://{host}") :]
    upstream.add(path, str(case["html"]).replace("UPSTREAM", host))
    page_url = f"{PROXY}/a11y/{base}"
    async with proxy_client(upstream_settings) as client:  # type: ignore[arg-type]
        response = await client.get(f"/a11y/{base}")
    assert response.status_code == 200
    found = page_urls(response.text)
    resolved = {resolve_against(page_url, value) for _, _, value in found}
    raw = {value.strip() for _, _, value in found}
    for expected in case["expect"]:  # type: ignore[attr-defined]
        exp = str(expected).replace("UPSTREAM", host)
        if exp.startswith(("mailto:", "tel:", "data:")):
            assert exp in raw, f"{exp!r} not kept as is in {sorted(raw)}"
            continue
        want = _norm(f"{PROXY}/a11y/{exp}")
        assert want in resolved, f"{exp!r} does not lead back through the proxy; page has {sorted(raw)}"
    # And nothing points straight at the portal (that would leave the proxy).
    for tag, attr, value in found:
        absolute = resolve_against(page_url, value)
        assert not absolute.startswith(f"http://{host}") and not absolute.startswith(f"https://{host}"), (
            f"{tag}@{attr}={value!r} leaks a direct link to the portal"
        )
