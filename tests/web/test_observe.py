"""/metrics, /readyz and the access log."""

from __future__ import annotations

import json
import logging

import pytest

from a11y_proxy.logs import JsonFormatter
from tests.conftest import UpstreamServer, free_port, make_settings, proxy_client

pytestmark = pytest.mark.anyio


def metric(text: str, name: str) -> float:
    for line in text.splitlines():
        if line.startswith(name + " ") or (line.startswith(name + "{") and line.split(" ")[0] == name):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{name} not in metrics")


async def test_metrics_count_requests_cache_upstream_time_and_errors(upstream: UpstreamServer) -> None:
    url = upstream.add("/obs/page.html", "<html><head><title>t</title></head><body><p>内容</p></body></html>")
    settings = make_settings(f"127.0.0.1:{upstream.port}")
    async with proxy_client(settings) as client:
        await client.get(f"/elder/{url}")
        await client.get(f"/elder/{url}")
        await client.get("/a11y/http://not-allowed.example/")
        r = await client.get("/metrics")
    text = r.text
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain; version=0.0.4")
    assert metric(text, 'a11y_requests_total{mode="elder",status="200"}') == 2
    assert metric(text, 'a11y_requests_total{mode="a11y",status="403"}') == 1
    assert metric(text, 'a11y_errors_total{kind="HostNotAllowed"}') == 1
    assert metric(text, "a11y_cache_hits_total") == 1
    assert metric(text, "a11y_cache_misses_total") == 1
    assert metric(text, 'a11y_upstream_seconds_count{outcome="ok"}') == 1
    assert metric(text, 'a11y_render_seconds_count{mode="elder"}') == 1
    assert metric(text, "a11y_cache_bytes") > 0
    assert metric(text, "a11y_speech_queue") == 0
    assert metric(text, "a11y_open_files") > 0
    # Every sample line is "name{labels} value" and every family is typed.
    for line in text.splitlines():
        if not line.startswith("#"):
            float(line.rsplit(" ", 1)[1])
    assert "# TYPE a11y_upstream_seconds histogram" in text


async def test_readyz_is_ready_when_the_portal_answers_and_503_when_it_does_not(
    upstream: UpstreamServer,
) -> None:
    upstream.add("/", "<p>home</p>")
    up = make_settings(
        f"127.0.0.1:{upstream.port}",
        sites=[{"host": f"127.0.0.1:{upstream.port}", "start_url": upstream.origin + "/"}],
    )
    dead_port = free_port()
    down = make_settings(
        f"127.0.0.1:{dead_port}",
        sites=[{"host": f"127.0.0.1:{dead_port}", "start_url": f"http://127.0.0.1:{dead_port}/"}],
    )
    async with proxy_client(up) as client:
        ok = await client.get("/readyz")
        live = await client.get("/healthz")
    async with proxy_client(down) as client:
        bad = await client.get("/readyz")
        still_live = await client.get("/healthz")
    assert ok.status_code == 200 and ok.json()["sites"] == {upstream.origin + "/": "ok"}
    assert bad.status_code == 503 and bad.json()["status"] == "upstream unreachable"
    assert live.status_code == still_live.status_code == 200


async def test_access_lines_are_json_without_reader_data(
    upstream: UpstreamServer, caplog: pytest.LogCaptureFixture
) -> None:
    url = upstream.add("/obs/search.html", "<p>结果</p>")
    settings = make_settings(f"127.0.0.1:{upstream.port}")
    caplog.set_level(logging.INFO, logger="a11y_proxy.access")
    async with proxy_client(settings) as client:
        await client.get(f"/text/{url}?q=我的身份证号码", headers={"cookie": "a11y_prefs=x; session=secret"})
    records = [r for r in caplog.records if r.name == "a11y_proxy.access"]
    assert records
    line = records[-1].getMessage()
    data = json.loads(line)
    assert data["event"] == "request" and data["ts"].endswith("Z")
    assert data["mode"] == "text" and data["status"] == 200 and data["upstream_host"] == "127.0.0.1"
    assert data["upstream_path"] == "/obs/search.html"
    assert "身份证" not in line and "secret" not in line and "q=" not in line
    assert "client" not in line and "127.0.0.1:" not in line.replace(f"127.0.0.1:{upstream.port}", "")


def test_other_log_lines_are_json_with_their_fields() -> None:
    record = logging.makeLogRecord(
        {
            "name": "a11y_proxy.web",
            "levelname": "INFO",
            "msg": "upstream error",
            "kind": "UpstreamTimeout",
            "upstream_host": "www.x.gov.cn",
        }
    )
    data = json.loads(JsonFormatter().format(record))
    assert data["kind"] == "UpstreamTimeout" and data["upstream_host"] == "www.x.gov.cn"
    assert data["msg"] == "upstream error" and data["level"] == "info"
