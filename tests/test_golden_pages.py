"""Whole real pages through every mode, compared with reviewed output in tests/golden/.

A change to any pass shows here as a diff of real pages. When the change is
intended, regenerate with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest
tests/test_golden_pages.py``, read the diff of tests/golden/ and commit it with
the change; otherwise the test fails.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from a11y_proxy.demo import site
from a11y_proxy.hosts import Allowlist, parse_host_pattern
from a11y_proxy.modes import MODES
from a11y_proxy.pipeline import render_html
from tests.conftest import CORPUS

GOLDEN = Path(__file__).resolve().parent / "golden"
URL = "http://www.example.gov.cn/zwgk/page.html"
ALLOW = Allowlist((parse_host_pattern("www.example.gov.cn"),))
PAGES = {
    "pingtan-2023-zfxxgk-annual-report": lambda: (
        CORPUS / "pingtan-2023-zfxxgk-annual-report.html"
    ).read_bytes(),
    "stats-qhdm-2018-index-gb2312": lambda: (CORPUS / "stats-qhdm-2018-index-gb2312.html").read_bytes(),
    "zjfgw-hanweb-article-gne": lambda: (CORPUS / "zjfgw-hanweb-article-gne.html").read_bytes(),
    "demo-article": lambda: site.article_page().encode("gbk"),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_matches_its_golden_file(name: str, mode: str) -> None:
    out = render_html(PAGES[name](), "text/html", url=URL, mode=mode, allowlist=ALLOW).body.decode("utf-8")
    # One element per line, so a diff shows what changed.
    out = out.replace("><", ">\n<")
    path = GOLDEN / f"{name}.{mode}.html"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(out, "utf-8")
    expected = path.read_text("utf-8")
    if out != expected:
        diff = "".join(
            difflib.unified_diff(expected.splitlines(True), out.splitlines(True), str(path), "now", n=1)
        )
        pytest.fail(f"{path.name} changed:\n{diff[:4000]}")
