"""Bench rounds that measure nothing are reported with their cause, retried a bounded
number of times and left out of the figures; never a crash. No server is started: the wrk
outputs below were captured from a server that answered, one that accepted connections
and never answered, and a port where nothing listened."""

from __future__ import annotations

from typing import Any

import pytest

from bench.__main__ import _table
from bench.rounds import (
    RoundFailed,
    Rounds,
    median_round,
    paired_ratio,
    rate_figure,
    wrk_figures,
)

ANSWERED = """Running 1s test @ http://127.0.0.1:18932/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.11ms    1.94ms  15.80ms   73.66%
    Req/Sec   488.95     64.81   606.00     60.00%
  Latency Distribution
     50%    3.99ms
     75%    5.05ms
     90%    6.23ms
     99%   11.39ms
  975 requests in 1.00s, 1.18MB read
  Non-2xx or 3xx responses: 3
Requests/sec:    971.81
Transfer/sec:      1.18MB
"""
SILENT = """Running 2s test @ http://127.0.0.1:18931/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     0.00      0.00     0.00      -nan%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  0 requests in 2.03s, 0.00B read
Requests/sec:      0.00
Transfer/sec:       0.00B
"""
REFUSED = "unable to connect to 127.0.0.1:9 Connection refused\n"


def run_of(rps: int) -> dict[str, Any]:
    return {"rps": rps, "errors": 0, "p50": "1ms", "p99": "9ms"}


def rounds_of(*rates: int | None) -> Rounds:
    return Rounds(runs=[None if rps is None else run_of(rps) for rps in rates])


def test_a_wrk_run_gives_its_rate_non_2xx_answers_and_latencies() -> None:
    assert wrk_figures(ANSWERED) == {"rps": 972, "errors": 3, "p50": "3.99ms", "p99": "11.39ms"}


def test_zero_requests_a_second_is_a_failed_round_that_says_so() -> None:
    with pytest.raises(RoundFailed) as failed:
        wrk_figures(SILENT)
    assert str(failed.value) == "0 requests a second (0 requests in 2.03s)"


def test_a_failed_round_names_the_socket_errors_wrk_counted() -> None:
    errors = "  Socket errors: connect 16, read 0, write 0, timeout 0\n"
    with pytest.raises(RoundFailed) as failed:
        wrk_figures(SILENT.replace("Requests/sec", errors + "Requests/sec"))
    assert str(failed.value).endswith("; socket errors: connect 16, read 0, write 0, timeout 0")


def test_a_server_that_did_not_answer_is_a_failed_round_with_what_wrk_said() -> None:
    with pytest.raises(RoundFailed) as failed:
        wrk_figures("", REFUSED, 1)
    assert "no answer" in str(failed.value)
    assert "exit code 1" in str(failed.value)
    assert "Connection refused" in str(failed.value)


def test_a_round_that_measured_nothing_is_reported_and_tried_again() -> None:
    outputs = iter([SILENT, ANSWERED])
    said: list[str] = []
    rounds = Rounds()
    rounds.measure("floor", lambda: wrk_figures(next(outputs)), say=said.append)
    assert rounds.runs == [wrk_figures(ANSWERED)]
    assert len(said) == 1
    assert "floor round 1, attempt 1 of 3: 0 requests a second" in said[0]
    assert said[0].endswith("trying again")


def test_retries_are_bounded_and_a_round_that_never_measures_is_left_out() -> None:
    attempts = 0

    def silent() -> dict[str, Any]:
        nonlocal attempts
        attempts += 1
        return wrk_figures(SILENT)

    said: list[str] = []
    rounds = Rounds()
    rounds.measure("floor", silent, attempts=3, say=said.append)
    assert attempts == 3
    assert rounds.runs == [None]
    assert len(rounds.failures) == 3
    assert said[-1].endswith("left out")


def test_a_floor_round_that_measured_nothing_leaves_its_pair_out_of_the_ratio() -> None:
    floors = rounds_of(100, None, 200)
    listing = rounds_of(50, 40, 100)
    assert paired_ratio(listing, floors) == {"ratio": 0.5, "rounds_ratio": [0.5, None, 0.5]}
    assert median_round(floors)["rounds_rps"] == [100, None, 200]


def test_when_no_round_measured_anything_the_figures_say_so_instead_of_crashing() -> None:
    floors = Rounds()
    floors.measure("floor", lambda: wrk_figures(SILENT), say=lambda _: None)
    listing = rounds_of(50)
    floor = median_round(floors)
    assert floor["rps"] is None
    assert len(floor["failed_rounds"]) == 3
    assert rate_figure(floor) == "measured nothing (3 attempts, see failed_rounds)"
    assert paired_ratio(listing, floors)["ratio"] is None
    table = _table(
        {
            "api": {
                "entry_list_50": {
                    "figure": rate_figure(median_round(listing)),
                    "floor": "profile: nothing",
                    "ratio": None,
                    "budget": ">= 0.40x",
                }
            }
        }
    )
    assert "entry_list_50" in table
    assert "—" in table
