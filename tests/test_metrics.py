"""The Prometheus text the metrics render: counters, histograms, gauges."""

from __future__ import annotations

import threading

from a11y_proxy.metrics import Counter, Gauge, Histogram


def lines(metric: Counter | Histogram | Gauge) -> list[str]:
    return [line for line in metric.render() if not line.startswith("#")]


def test_histogram_buckets_are_cumulative_and_a_value_on_a_bound_counts_in_that_bucket() -> None:
    h = Histogram("t_seconds", "test", buckets=(0.1, 1.0, 10.0))
    for value in (0.05, 0.1, 0.5, 1.0, 3.0, 99.0):
        h.observe(value, mode="a11y")
    assert lines(h) == [
        't_seconds_bucket{mode="a11y",le="0.1"} 2',
        't_seconds_bucket{mode="a11y",le="1"} 4',
        't_seconds_bucket{mode="a11y",le="10"} 5',
        't_seconds_bucket{mode="a11y",le="+Inf"} 6',
        't_seconds_sum{mode="a11y"} 103.65',
        't_seconds_count{mode="a11y"} 6',
    ]


def test_label_order_does_not_make_two_series() -> None:
    c = Counter("t_total", "test")
    c.inc(mode="elder", status="200")
    c.add((("mode", "elder"), ("status", "200")), 2)
    c.inc(status="200", mode="elder")
    assert lines(c) == ['t_total{mode="elder",status="200"} 4']


def test_label_values_are_escaped() -> None:
    c = Counter("t_total", "test")
    c.inc(kind='a"b\\c\nd')
    assert lines(c) == ['t_total{kind="a\\"b\\\\c\\nd"} 1']


def test_counts_from_several_threads_are_not_lost() -> None:
    h = Histogram("t_seconds", "test", buckets=(1.0,))

    def work() -> None:
        for _ in range(20_000):
            h.observe(0.5)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert "t_seconds_count 80000" in lines(h)


def test_a_gauge_that_cannot_be_read_is_left_out() -> None:
    def broken() -> float:
        raise OSError("gone")

    assert lines(Gauge("t_open", "test", broken)) == []
    assert lines(Gauge("t_open", "test", lambda: 3.0)) == ["t_open 3"]
