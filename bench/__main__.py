"""`make bench`: every figure beside its floor, measured in the same run (budgets.md).

Runs against PostgreSQL (BENCH_DATABASE_URL, default a `footnote_bench` database on
127.0.0.1:5432, created when missing) and prints a table; the same figures are written to
bench/results/latest.json.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

BENCH_DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/footnote_bench"
)
RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"


def _database_ensure(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _setup() -> None:
    os.environ["DATABASE_URL"] = BENCH_DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("FOOTNOTE_QUIET", "1")
    _database_ensure(BENCH_DATABASE_URL)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _section(name: str, function: Any, results: dict[str, Any]) -> None:
    print(f"… {name}", file=sys.stderr, flush=True)
    started = time.perf_counter()
    results[name] = function()
    results[name]["bench_seconds"] = round(time.perf_counter() - started, 1)


def _table(results: dict[str, Any]) -> str:
    lines = [f"{'benchmark':<28} {'figure':<44} {'floor':<36} {'ratio':>8}  budget"]
    sweep = results.get("sweep")
    if sweep:
        lines.append(
            f"{'nightly sweep (per core)':<28} "
            f"{str(sweep['steady_sweep_patients_per_s']) + ' patients/s (steady)':<44} "
            f"{str(sweep['floor_patients_per_s']) + ' patients/s raw read':<36} "
            f"{sweep['ratio_steady_vs_raw_read']:>7}x  <= 10x"
        )
        lines.append(
            f"{'  first sweep (all new)':<28} "
            f"{str(sweep['first_sweep_patients_per_s']) + ' patients/s':<44} "
            f"{'':<36} {sweep['ratio_first_vs_raw_read']:>7}x"
        )
        lines.append(
            f"{'  one patient, one analysis':<28} "
            f"{str(sweep['single_patient_analysis_ms_median']) + ' ms (median of 50)':<44}"
        )
    report = results.get("report")
    if report:
        lines.append(
            f"{'365-day PDF report':<28} {str(report['report_ms']) + ' ms':<44} "
            f"{str(report['floor_ms']) + ' ms raw canvas':<36} {report['ratio']:>7}x  <= 5x"
        )
        lines.append(
            f"{'  report size':<28} {str(round(report['size_bytes'] / 1024)) + ' KB':<44} "
            f"{'':<36} {'':>8}  <= 400 KB"
        )
    task = results.get("report_task")
    if task:
        lines.append(
            f"{'  as the task (PG, stored)':<28} {str(task['task_ms']) + ' ms':<44} "
            f"{str(task['floor_ms']) + ' ms raw canvas':<36} {task['ratio']:>7}x  <= 5x"
        )
        lines.append(
            f"{'  peak memory, 366 days':<28} "
            f"{str(task['peak_rss_mb_366_day_render']) + ' MB':<44} "
            f"{'':<36} {'':>8}  < 200 MB"
        )
    for name, figures in (
        results.get("api", {}).items() if isinstance(results.get("api"), dict) else []
    ):
        if isinstance(figures, dict) and "ratio" in figures:
            # No ratio when every round of the figure or of its floor measured nothing.
            ratio = "—" if figures["ratio"] is None else f"{figures['ratio']}x"
            lines.append(
                f"{name:<28} {figures['figure']:<44} {figures['floor']:<36} "
                f"{ratio:>8}  {figures['budget']}"
            )
    return "\n".join(lines)


def main() -> None:
    _setup()
    from bench import report_bench, report_task_bench, sweep_bench

    wanted = set(sys.argv[1:]) or {"sweep", "report", "api", "lighthouse"}
    results: dict[str, Any] = {}
    if "report" in wanted:
        _section("report", report_bench.run, results)
        _section("report_task", report_task_bench.run, results)
    if "sweep" in wanted:
        patients = int(os.environ.get("BENCH_PATIENTS", "10000"))
        _section("sweep", lambda: sweep_bench.run(patients=patients), results)
    if "api" in wanted:
        try:
            from bench import api_bench
        except ImportError:
            pass
        else:
            _section("api", api_bench.run, results)
    if "lighthouse" in wanted:
        from bench import lighthouse_bench

        _section("lighthouse", lighthouse_bench.run, results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, default=str))
    print(_table(results))
    if "lighthouse" in results:
        print("\nLighthouse, mobile, against make serve:")
        print(lighthouse_bench.table(results["lighthouse"]))
    shown = RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS
    print(f"\n(written to {shown})")


if __name__ == "__main__":
    main()
