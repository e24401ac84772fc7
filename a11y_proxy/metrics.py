"""Counters, gauges and histograms, exposed at ``/metrics`` in the Prometheus text format.

A few dozen lines instead of prometheus_client: the proxy needs labelled
counters, histograms and gauges read at scrape time, in one process; the
client library's multi-process mode needs a shared folder and its own
clean-up. Each worker process answers for itself, and says which it is
(``a11y_process_pid``), so an operator can tell them apart (see the
deployment guide). No I/O and no web framework here: the pipeline and the
speech workers record into it, the web layer renders it.
"""

from __future__ import annotations

import bisect
import math
import os
import threading
from collections.abc import Callable, Iterable

#: Seconds: from a cache hit (sub-millisecond) to a slow portal (the 30 s deadline).
LATENCY_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

Labels = tuple[tuple[str, str], ...]


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(labels: Labels, extra: Labels = ()) -> str:
    pairs = (*labels, *extra)
    if not pairs:
        return ""
    return "{" + ",".join(f'{k}="{_escape(v)}"' for k, v in pairs) + "}"


def _number(value: float) -> str:
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return repr(float(value)) if not float(value).is_integer() else str(int(value))


class Counter:
    def __init__(self, name: str, help_text: str) -> None:
        self.name, self.help = name, help_text
        self._values: dict[Labels, float] = {}
        self._lock = threading.Lock()

    def inc(self, amount: float = 1.0, **labels: str) -> None:
        self.add(tuple(sorted(labels.items())), amount)

    def add(self, key: Labels, amount: float = 1.0) -> None:
        """:meth:`inc` with the labels already as a sorted tuple (for the hottest callers)."""
        with self._lock:
            self._values[key] = self._values.get(key, 0.0) + amount

    def render(self) -> Iterable[str]:
        yield f"# HELP {self.name} {self.help}"
        yield f"# TYPE {self.name} counter"
        for labels, value in sorted(self._values.items()):
            yield f"{self.name}{_labels(labels)} {_number(value)}"


class Histogram:
    def __init__(self, name: str, help_text: str, buckets: tuple[float, ...] = LATENCY_BUCKETS) -> None:
        self.name, self.help, self.buckets = name, help_text, buckets
        # Per label set: the count in each bucket alone (the last one for
        # values above every bound), then sum and count. Cumulated when rendered.
        self._series: dict[Labels, list[float]] = {}
        self._lock = threading.Lock()

    def observe(self, value: float, **labels: str) -> None:
        self.record(tuple(sorted(labels.items())), value)

    def record(self, key: Labels, value: float) -> None:
        """:meth:`observe` with the labels already as a sorted tuple (for the hottest callers)."""
        # bisect_left: a value equal to a bound counts in that bucket ("le").
        i = bisect.bisect_left(self.buckets, value)
        with self._lock:
            series = self._series.get(key)
            if series is None:
                series = self._series[key] = [0.0] * (len(self.buckets) + 3)
            series[i] += 1
            series[-2] += value
            series[-1] += 1

    def render(self) -> Iterable[str]:
        yield f"# HELP {self.name} {self.help}"
        yield f"# TYPE {self.name} histogram"
        for labels, series in sorted(self._series.items()):
            below = 0.0
            for bound, count in zip(self.buckets, series, strict=False):
                below += count
                yield f"{self.name}_bucket{_labels(labels, (('le', _number(bound)),))} {_number(below)}"
            yield f"{self.name}_bucket{_labels(labels, (('le', '+Inf'),))} {_number(series[-1])}"
            yield f"{self.name}_sum{_labels(labels)} {_number(series[-2])}"
            yield f"{self.name}_count{_labels(labels)} {_number(series[-1])}"


class Gauge:
    """A value read when scraped (cache bytes, open files, speech queue).

    ``kind="counter"`` for a running total some other object keeps (cache hits).
    """

    def __init__(self, name: str, help_text: str, read: Callable[[], float], kind: str = "gauge") -> None:
        self.name, self.help, self.read, self.kind = name, help_text, read, kind

    def render(self) -> Iterable[str]:
        yield f"# HELP {self.name} {self.help}"
        yield f"# TYPE {self.name} {self.kind}"
        try:
            value = float(self.read())
        except Exception:  # a gauge that cannot be read is left out, not a failed scrape
            return
        yield f"{self.name} {_number(value)}"


Metric = Counter | Histogram | Gauge


class Registry:
    def __init__(self) -> None:
        self._metrics: dict[str, Metric] = {}

    def add(self, metric: Metric) -> Metric:
        self._metrics[metric.name] = metric
        return metric

    def render(self) -> str:
        lines: list[str] = []
        for metric in self._metrics.values():
            lines.extend(metric.render())
        return "\n".join(lines) + "\n"


def _open_files() -> float:
    return float(len(os.listdir("/proc/self/fd")))


def _resident_bytes() -> float:
    with open("/proc/self/statm") as f:
        return float(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class ProxyMetrics:
    """Everything the proxy records: one instance per app."""

    def __init__(self) -> None:
        self.registry = Registry()
        r = self.registry
        self.requests = Counter(
            "a11y_requests_total", "Requests answered, by route family (mode) and status."
        )
        self.request_seconds = Histogram("a11y_request_seconds", "Time to answer a request, by route family.")
        self.upstream_seconds = Histogram(
            "a11y_upstream_seconds", "Time from asking the portal to having its answer read, by outcome."
        )
        self.render_seconds = Histogram("a11y_render_seconds", "Time to transform one page, by mode.")
        self.errors = Counter("a11y_errors_total", "Requests that ended in an error page, by kind.")
        self.speech_seconds = Histogram(
            "a11y_speech_synthesis_seconds", "Worker time to synthesise and encode one sentence."
        )
        self.speech_failures = Counter("a11y_speech_failures_total", "Sentences that could not be spoken.")
        self.script_includes = Counter(
            "a11y_script_includes_total",
            "Header and footer scripts read for what they document.write, by outcome"
            " (written, nothing, failed; kept: answered from what was read before).",
        )
        for metric in (
            self.requests,
            self.request_seconds,
            self.upstream_seconds,
            self.render_seconds,
            self.errors,
            self.speech_seconds,
            self.speech_failures,
            self.script_includes,
        ):
            r.add(metric)
        r.add(Gauge("a11y_open_files", "File descriptors open in this process.", _open_files))
        r.add(Gauge("a11y_resident_bytes", "Resident memory of this process.", _resident_bytes))
        r.add(
            Gauge(
                "a11y_process_pid",
                "This worker process's id (one scrape answers for one process).",
                lambda: float(os.getpid()),
            )
        )

    def gauge(self, name: str, help_text: str, read: Callable[[], float], kind: str = "gauge") -> None:
        self.registry.add(Gauge(name, help_text, read, kind))

    def render(self) -> str:
        return self.registry.render()
