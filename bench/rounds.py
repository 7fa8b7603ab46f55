"""Bench rounds that may measure nothing, and the figures made of the rest (no servers here).

On a loaded machine a wrk round can come back with 0 requests a second, or none at all
when the server did not answer; dividing by it once ended `make bench` in a
ZeroDivisionError. Such a round is reported with its cause and run again, a bounded
number of times; a round that never measures anything is left out of the figures, which
say so.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ATTEMPTS = 3


class RoundFailed(Exception):
    """A round that measured nothing; the message says why."""


def wrk_figures(stdout: str, stderr: str = "", returncode: int = 0) -> dict[str, Any]:
    """Requests a second, non-2xx answers and latencies of one wrk run. RoundFailed when
    wrk printed no rate (it could not connect, or failed) or the rate is 0 a second."""
    rate = re.search(r"Requests/sec:\s+([\d.]+)", stdout)
    if rate is None:
        said = _last_line(stderr) or _last_line(stdout) or "no output"
        raise RoundFailed(f"no answer: wrk printed no rate (exit code {returncode}): {said}")
    rps = round(float(rate.group(1)))
    if rps == 0:
        done = re.search(r"(\d+) requests in ([\d.]+\w+)", stdout)
        sockets = re.search(r"Socket errors: (.+)", stdout)
        cause = "0 requests a second"
        if done:
            cause += f" ({done.group(1)} requests in {done.group(2)})"
        if sockets:
            cause += f"; socket errors: {sockets.group(1).strip()}"
        raise RoundFailed(cause)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", stdout)
    latency = dict(re.findall(r"\s+(50|99)%\s+([\d.]+\w+)", stdout))
    return {
        "rps": rps,
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
        "p50": latency.get("50", "?"),
        "p99": latency.get("99", "?"),
    }


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Rounds:
    """One figure's rounds: the runs that measured something (None for a round that never
    did, so that pairs with the floor stay aligned) and why the others did not."""

    runs: list[dict[str, Any] | None] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def measure(
        self,
        name: str,
        run: Callable[[], dict[str, Any]],
        *,
        attempts: int = ATTEMPTS,
        say: Callable[[str], None] = _say,
    ) -> None:
        """Run one round: again after a round that measured nothing, at most `attempts`
        times in all, each failure reported with its cause."""
        number = len(self.runs) + 1
        for attempt in range(1, attempts + 1):
            try:
                self.runs.append(run())
                return
            except RoundFailed as failure:
                cause = f"{name} round {number}, attempt {attempt} of {attempts}: {failure}"
                self.failures.append(cause)
                say(f"  … {cause}; " + ("trying again" if attempt < attempts else "left out"))
        self.runs.append(None)

    def measured(self) -> list[dict[str, Any]]:
        return [run for run in self.runs if run is not None]


def median_round(rounds: Rounds) -> dict[str, Any]:
    """The median round by rate, with every round's rate and the non-2xx answers of all;
    `rps` is None when no round measured anything."""
    measured = sorted(rounds.measured(), key=lambda run: run["rps"])
    middle = dict(measured[len(measured) // 2]) if measured else {"rps": None}
    middle["rounds_rps"] = [None if run is None else run["rps"] for run in rounds.runs]
    middle["errors"] = sum(run["errors"] for run in measured)
    if rounds.failures:
        middle["failed_rounds"] = list(rounds.failures)
    return middle


def paired_ratio(rounds: Rounds, floors: Rounds) -> dict[str, Any]:
    """The ratio to the floor round by round (each pair ran back to back, under the same
    neighbours), and its median: the figure the budget is read against. A pair with a
    round that measured nothing has no ratio; with no pair left the ratio is None."""
    ratios = [
        None if run is None or floor is None else run["rps"] / floor["rps"]
        for run, floor in zip(rounds.runs, floors.runs, strict=True)
    ]
    known = sorted(ratio for ratio in ratios if ratio is not None)
    return {
        "ratio": round(known[len(known) // 2], 2) if known else None,
        "rounds_ratio": [None if ratio is None else round(ratio, 2) for ratio in ratios],
    }


def rate_figure(run: dict[str, Any]) -> str:
    """Requests a second and p99; answers that were not 2xx are named, as they make a
    rate meaningless (a 409 costs less than a create)."""
    failed = len(run.get("failed_rounds", ()))
    if run["rps"] is None:
        return f"measured nothing ({failed} attempts, see failed_rounds)"
    errors = f", {run['errors']} NOT 2xx" if run["errors"] else ""
    retried = f", {failed} attempts retried" if failed else ""
    return f"{run['rps']} req/s (p99 {run['p99']}{errors}{retried})"
