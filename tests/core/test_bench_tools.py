"""The benchmark's own arithmetic: reading wrk's report, and the tables and chart made from
the JSON reports (the load itself runs outside the test suite)."""

from __future__ import annotations

import pytest

from bench import report, wrk

WRK_OUTPUT = """Running 15s test @ http://127.0.0.1:40123
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    10.31ms   12.01ms 210.00ms   91.12%
    Req/Sec   387.27     52.91   490.00     70.33%
  Latency Distribution
     50%    8.44ms
     75%   11.20ms
     90%   17.81ms
     99%    1.21s
  11518 requests in 15.02s, 30.11MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    766.84
Transfer/sec:      2.00MB
"""


def test_wrk_report_is_read_with_units_and_every_kind_of_error():
    result = wrk.parse(WRK_OUTPUT)
    assert result.requests == 11518
    assert result.seconds == pytest.approx(15.02)
    assert result.throughput == pytest.approx(11518 / 15.02)
    assert result.p50_ms == pytest.approx(8.44)
    assert result.p99_ms == pytest.approx(1210.0)
    assert result.errors == 2 + 1 + 4


def test_a_report_without_a_request_count_is_an_error_not_a_zero():
    with pytest.raises(ValueError, match="no request count"):
        wrk.parse("unable to connect to 127.0.0.1:1 Connection refused")


def test_requests_cannot_smuggle_a_field_separator():
    assert wrk.Request("GET", "/healthz").line() == "GET\t/healthz\t\t"
    with pytest.raises(ValueError, match="tabs or newlines"):
        wrk.Request("POST", "/x", body='{"a":\t1}').line()


def test_load_is_only_sent_to_this_machine():
    with pytest.raises(ValueError, match="this machine"):
        wrk.run("http://example.com", [], seconds=1, connections=1, threads=1)


def _report(database, people, rows):
    results = [
        {
            "name": name,
            "requests": 100,
            "throughput": 10.0,
            "p50_ms": p50,
            "p99_ms": p50 * 3,
            "errors": 0,
            "vs_baseline": None,
        }
        for name, p50 in rows.items()
    ]
    return {
        "database": database,
        "people": people,
        "feedback": people * 4,
        "load": {"connections": 8, "seconds": 15},
        "server": {"workers": 4, "threads": 2},
        "machine": {"cores": 2},
        "at": "2026-11-21T09:00:00+00:00",
        "results": results,
        "_rows": {row["name"]: row for row in results},
    }


def test_growth_is_the_large_p50_over_the_small_one_per_database():
    reports = [
        _report("sqlite", 10_000, {"reputation": 10.0, "job": 20.0}),
        _report("sqlite", 1_000_000, {"reputation": 12.0, "job": 50.0}),
    ]
    table = report.growth(reports)
    assert "| sqlite | reputation | 10.0 ms (10,000) | 12.0 ms (1,000,000) | 1.20 |" in table
    assert "| sqlite | job | 20.0 ms (10,000) | 50.0 ms (1,000,000) | 2.50 |" in table


def test_a_comparison_pairs_the_same_database_size_and_endpoint():
    before = [_report("sqlite", 1_000_000, {"job": 20.0, "search-keyword": 200.0})]
    after = [
        _report("sqlite", 1_000_000, {"job": 8.0}),
        _report("postgresql", 1_000_000, {"job": 9.0}),
    ]
    table = report.compare(before, after)
    assert "| sqlite 1,000,000 | job | 10 → 10 | 20.0 → 8.0 | 60.0 → 24.0 | 0 → 0 |" in table
    assert "search-keyword" not in table  # not measured after
    assert "postgresql" not in table  # not measured before


def test_the_chart_draws_a_line_per_endpoint_and_says_what_it_shows():
    reports = [
        _report("postgresql", 10_000, {"reputation": 10.0, "search-keyword": 40.0}),
        _report("postgresql", 1_000_000, {"reputation": 12.0, "search-keyword": 900.0}),
    ]
    svg = report.chart(reports)
    assert svg.startswith("<svg")
    assert "<title" in svg
    assert "<desc" in svg
    assert svg.count("<polyline") == 2
    assert "10k" in svg
    assert "1M" in svg
