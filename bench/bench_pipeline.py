"""Per-page cost of each pipeline stage, against the floor of a bare selectolax parse+serialize.

Run by hand (not a test):  .venv/bin/python bench/bench_pipeline.py [--repeat N] [--mode a11y|elder|text] [FILES...]

Defaults to the corpus pages in tests/fixtures/corpus plus the demo portal's
article (GBK). For each page: median milliseconds of decode, parse, each
pass, serialize; the total; the floor (``LexborHTMLParser(text).html``
encoded, on the already-decoded text); and the ratios the budgets are
written in: the core road (parse, the SAFE passes, serialize) and the whole
rewrite against issue #2's 2x, the whole render against issue #7's 3x.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from a11y_proxy.charset import decode_html  # noqa: E402
from a11y_proxy.demo import site  # noqa: E402
from a11y_proxy.hosts import Allowlist, parse_host_pattern  # noqa: E402
from a11y_proxy.modes import MODES  # noqa: E402
from a11y_proxy.pipeline import SAFE, render_html  # noqa: E402

ALLOW = Allowlist((parse_host_pattern("127.0.0.1"), parse_host_pattern("*.gov.cn")))


def pages(files: list[str]) -> list[tuple[str, bytes, str | None]]:
    if files:
        return [(Path(f).name, Path(f).read_bytes(), "text/html") for f in files]
    out = [
        (p.name, p.read_bytes(), "text/html") for p in sorted((ROOT / "tests/fixtures/corpus").glob("*.htm*"))
    ]
    out.append(("demo-article-gbk.html", site.article_page().encode("gbk"), "text/html"))
    return out


def median_ms(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--mode", choices=MODES, default="a11y")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    rows = []
    for name, body, ctype in pages(args.files):
        text = decode_html(body, ctype).text
        floor = median_ms(lambda t=text: LexborHTMLParser(t).html.encode("utf-8"), args.repeat)
        stage_runs: dict[str, list[float]] = {}
        for _ in range(args.repeat):
            page = render_html(
                body,
                ctype,
                url="http://127.0.0.1/zwgk/page.html",
                mode=args.mode,
                allowlist=ALLOW,
                timed=True,
            )
            for k, v in page.timings.items():
                stage_runs.setdefault(k, []).append(v)
        st = {k: statistics.median(v) for k, v in stage_runs.items()}
        total = st["decode"] + st["parse"] + st["passes"] + st["serialize"]
        rewrite = st["parse"] + st["passes"] + st["serialize"]
        # The core road of issue #2: no upstream script, every URL through the
        # proxy, UTF-8 declared; the reading-mode repairs come on top.
        core = st["parse"] + sum(st[f"pass:{p.__module__.rsplit('.', 1)[1]}"] for p in SAFE) + st["serialize"]
        rows.append((name, len(body), st, total, rewrite, core, floor))

    passes = sorted({k for _, _, st, *_ in rows for k in st if k.startswith("pass:")})
    head = [
        "page",
        "KB",
        "decode",
        "parse",
        *[p[5:] for p in passes],
        "serialize",
        "total",
        "floor",
        "core/floor",
        "rewrite/floor",
        "total/floor",
    ]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for name, size, st, total, rewrite, core, floor in rows:
        cells = [
            name,
            f"{size / 1024:.0f}",
            f"{st['decode']:.2f}",
            f"{st['parse']:.2f}",
            *[f"{st.get(p, 0):.2f}" for p in passes],
            f"{st['serialize']:.2f}",
            f"{total:.2f}",
            f"{floor:.2f}",
            f"{core / floor:.2f}x",
            f"{rewrite / floor:.2f}x",
            f"{total / floor:.2f}x",
        ]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
