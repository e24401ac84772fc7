"""Layout or data: the classifier measured on every table of the corpus (73 tables, 18 pages).

The labels are a reader's judgement, written by hand per page: the indices
(in document order) of the tables that hold data; every other table is
layout. ccgp #7 is a one-cell "货物" heading box; nfra #0 is a question and
answer box; the stats index #4 is a grid of province links: all layout.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.charset import decode_html
from a11y_proxy.table_grid import build_grid
from a11y_proxy.table_headers import is_layout
from tests.conftest import CORPUS

DATA_TABLES = {
    "ccgp-hebei-zbgg-chrome-saved.html": {6, 8},
    "gd-gov-article-mirror.html": set(),
    "gz-gov-article-mirror.html": set(),
    "macau-caa-passenger-stats-saved.html": set(range(18, 26)),
    "nfra-xzcf-merged-cells-rendered.html": {2, 3},
    "npc-2007-resolution-gne.html": set(),
    "people-declared-gb2312-utf8-bytes-gne.html": set(),
    "pingtan-2015-zfxxgk-annual-report-msonormal.html": {0},
    "pingtan-2019-zfxxgk-annual-report-wordstyle.html": {0, 1, 2},
    "pingtan-2023-zfxxgk-annual-report.html": {0, 1, 2},
    "pingtan-2024-zfxxgk-annual-report.html": {0, 1, 2},
    "pingtan-2025-zfxxgk-annual-report.html": {0, 1, 2},
    "sec-10q-computer-sales-multilevel-header.html": {0},
    "shanxi-gov-article-gne.html": set(),
    "stats-qhdm-2018-110101-gb2312.html": {4},
    "stats-qhdm-2018-index-gb2312.html": set(),
    "stats-qhdm-column-page-trs.htm": set(),
    "xiangtan-gov-utf16le-bom-declares-gb2312.html": set(),
    "zjfgw-hanweb-article-gne.html": set(),
}


def _classify(path: Path) -> list[bool]:
    tree = LexborHTMLParser(decode_html(path.read_bytes()).text)
    return [not is_layout(build_grid(t)) for t in tree.css("table")]


def test_every_corpus_page_is_labelled() -> None:
    assert {p.name for p in CORPUS.glob("*.htm*")} == set(DATA_TABLES)


@pytest.mark.parametrize("name", sorted(DATA_TABLES))
def test_classifier_agrees_with_the_labels(name: str) -> None:
    got = _classify(CORPUS / name)
    expected = [i in DATA_TABLES[name] for i in range(len(got))]
    assert got == expected


def test_accuracy_over_the_corpus_is_recorded() -> None:
    total = right = 0
    for name, data in DATA_TABLES.items():
        for i, is_data in enumerate(_classify(CORPUS / name)):
            total += 1
            right += is_data == (i in data)
    assert total == 75 and right == total
