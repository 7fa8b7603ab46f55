"""Mixed traffic from fifty phones against the production shape: `python -m bench.load`.

What runs, all started and stopped here:

- PostgreSQL database `footnote_load` (LOAD_DATABASE_URL; created when missing, migrated),
  with LOAD_PHONES patients (50), each with its own token and 30 logged days;
- gunicorn with the production settings (FOOTNOTE_ENV=production: Redis cache, no DEBUG),
  2 processes x 8 threads (gthread: idle keep-alive connections hold no thread), on a
  free local port;
- a real Celery worker process on Redis (redis://127.0.0.1:6379/5), doing the analyses
  that every write requests;
- wrk from a second process, one thread and one connection per phone, driving
  bench/load.lua for LOAD_SECONDS (60): list, create, read-then-PUT with the version
  (plus intended stale-version 409s and identical retries), sync of 20 changes, flags.

It prints p50, p99 and throughput per operation and overall, counts errors (any answer
other than the one intended: a non-2xx except the intended 409s, a 5xx, a wrong version,
a sync change not created, a socket error), checks that the database holds exactly the
entries the answers confirmed (allowing for the requests in flight when time ran out),
and writes everything to bench/results/load.json. Exit status 1 when there were errors.
"""

from __future__ import annotations

import datetime
import json
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LUA_SCRIPT = Path(__file__).resolve().parent / "load.lua"
RESULTS = Path(__file__).resolve().parent / "results" / "load.json"

LOAD_SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
PHONES = int(os.environ.get("LOAD_PHONES", "50"))
DATABASE_URL = os.environ.get(
    "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/footnote_load"
)
BROKER_URL = os.environ.get("LOAD_BROKER_URL", "redis://127.0.0.1:6379/5")
CACHE_URL = os.environ.get("LOAD_CACHE_URL", "redis://127.0.0.1:6379/6")
WEB_WORKERS = int(os.environ.get("LOAD_WEB_WORKERS", "2"))
WEB_THREADS = int(os.environ.get("LOAD_WEB_THREADS", "8"))
SEED_DAYS = 30
USERNAME_PREFIX = "load-phone-"
# The answer each operation should get; anything else is an error.
OPERATIONS = ("list", "create", "read", "put", "put_retry", "put_stale", "sync", "flags")


# --- Set-up ---------------------------------------------------------------------------


def _database_ensure(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _django_setup() -> None:
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["FOOTNOTE_QUIET"] = "1"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # This process only seeds: its Celery runs eagerly (the seed analyses run here).
    os.environ.pop("CELERY_BROKER_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _seed_day(date: datetime.date) -> dict[str, Any]:
    """A day as the API's serializer gives it to the services (the shape of load.lua's)."""
    symptoms = [
        ("sole", "left", 5, True, False, ["burning"]),
        ("calf", "left", 4, False, True, []),
        ("thigh_back", "left", 3, False, False, []),
        ("lower_back", "center", 3, False, False, []),
    ]
    return {
        "date": date,
        "symptoms": [
            {"region": r, "side": s, "pain": p, "numbness": n, "tingling": t, "qualities": q,
             "part_of_day": ""}
            for r, s, p, n, t, q in symptoms
        ],
        "signs": [{"code": "toe_stand_difficulty", "side": "left", "count": None}],
        "footwear": ["regular"],
        "sitting_hours": 6.5,
        "walking_minutes": 30,
        "walking_brings_leg_pain": False,
        "sitting_relieves_leg_pain": False,
        "standing_still_relieves_leg_pain": False,
        "medications": [{"name": "ibuprofen", "dose": "400 mg", "times": 2}],
        "sleep_quality": 6,
        "notes": "load test",
    }  # fmt: skip


def _load_patients_delete() -> int:
    from django.contrib.auth.models import User

    deleted, _ = User.objects.filter(username__startswith=USERNAME_PREFIX).delete()
    return deleted


def _phones_create(path: Path) -> int:
    """LOAD_PHONES patients with a token and SEED_DAYS days each; write load.lua's file."""
    from journal import account_services, services

    _load_patients_delete()
    today = datetime.datetime.now(datetime.UTC).date()
    lines = []
    for index in range(PHONES):
        patient, token = account_services.patient_register(
            username=f"{USERNAME_PREFIX}{index}",
            password=secrets.token_urlsafe(16),
            timezone_name="UTC",
        )
        days = [(uuid.uuid4(), today - datetime.timedelta(days=n)) for n in range(1, SEED_DAYS + 1)]
        services.entries_apply_changes(
            patient=patient,
            changes=[services.Upsert(entry_id, _seed_day(date), None) for entry_id, date in days],
        )
        lines.append(f"phone {index} {token}")
        lines.extend(f"entry {index} {entry_id} {date}" for entry_id, date in days)
    path.write_text("\n".join(lines) + "\n")
    return PHONES * SEED_DAYS


def _redis_flush(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wrk() -> str:
    path = shutil.which("wrk")
    if path is None and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], capture_output=True)
        path = shutil.which("wrk")
    if path is None:
        raise SystemExit("The load test needs wrk (Debian package 'wrk').")
    return path


def _production_env(workdir: Path) -> dict[str, str]:
    alphabet = string.ascii_letters + string.digits
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "DEBUG"))},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "FOOTNOTE_ENV": "production",
        "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(60)),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "FOOTNOTE_REMINDERS": "off",  # the load sends no reminders: no VAPID key needed
        "DATABASE_URL": DATABASE_URL,
        "CACHE_URL": CACHE_URL,
        "CELERY_BROKER_URL": BROKER_URL,
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": "WARNING",
    }


@contextmanager
def _process(
    command: list[str], env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """Start a process of ours; stop it (SIGTERM, then SIGKILL) whatever happens."""
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


def _wait_healthy(base: str, web: subprocess.Popen[bytes], log: Path) -> None:
    request = urllib.request.Request(  # noqa: S310 (our own http://127.0.0.1 address)
        base + "/healthz", headers={"X-Forwarded-Proto": "https"}
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if web.poll() is not None:
            raise SystemExit(f"gunicorn exited:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(request, timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(
        f"gunicorn did not answer /healthz:\n{log.read_text(errors='replace')[-3000:]}"
    )


# --- Figures --------------------------------------------------------------------------


def _percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def _figures(
    latencies_us: list[float], seconds: float, errors: int, statuses: Counter[int]
) -> dict[str, Any]:
    ordered = sorted(latencies_us)
    return {
        "requests": len(ordered),
        "per_second": round(len(ordered) / seconds, 1),
        "p50_ms": round(_percentile(ordered, 0.50) / 1000, 1),
        "p99_ms": round(_percentile(ordered, 0.99) / 1000, 1),
        "max_ms": round((ordered[-1] if ordered else 0) / 1000, 1),
        "errors": errors,
        "statuses": {str(code): count for code, count in sorted(statuses.items())},
    }


def _read_records(path: Path) -> dict[str, Any]:
    latencies: dict[str, list[float]] = defaultdict(list)
    statuses: dict[str, Counter[int]] = defaultdict(Counter)
    errors: Counter[str] = Counter()
    pending: Counter[str] = Counter()
    socket_errors = {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    duration_s = float(LOAD_SECONDS)
    for line in path.read_text().splitlines():
        fields = line.split()
        if fields[0] == "pending":
            pending[fields[1]] += 1
        elif fields[0] == "socket_errors":
            socket_errors = dict(zip(socket_errors, map(int, fields[1:]), strict=True))
        elif fields[0] == "duration_us":
            duration_s = int(fields[1]) / 1e6
        else:
            op, status, micros, ok = fields[0], int(fields[1]), float(fields[2]), fields[3] == "1"
            latencies[op].append(micros)
            statuses[op][status] += 1
            if not ok:
                errors[op] += 1
    return {
        "latencies": latencies,
        "statuses": statuses,
        "errors": errors,
        "pending": pending,
        "socket_errors": socket_errors,
        "duration_s": duration_s,
    }


def _entries_check(seeded: int, records: dict[str, Any]) -> dict[str, Any]:
    """The database holds the seeded entries plus every confirmed create, nothing else
    (a create or sync still in flight when wrk stopped may or may not have landed)."""
    from journal.models import Entry

    confirmed = records["statuses"]["create"][201] + 20 * (
        len(records["latencies"]["sync"]) - records["errors"]["sync"]
    )
    maybe = records["pending"]["create"] + 20 * records["pending"]["sync"]
    stored = Entry.objects.filter(
        patient__user__username__startswith=USERNAME_PREFIX, deleted_at__isnull=True
    ).count()
    expected_min = seeded + confirmed
    return {
        "stored": stored,
        "expected_min": expected_min,
        "expected_max": expected_min + maybe,
        "ok": expected_min <= stored <= expected_min + maybe,
    }


def _analysis_drain(timeout: float = 120) -> float | None:
    """Seconds until the worker has caught up with every analysis the writes asked for."""
    from journal.models import Patient

    pending = Patient.objects.filter(
        user__username__startswith=USERNAME_PREFIX, analysis_requested_at__isnull=False
    )
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if not pending.exists():
            return round(time.monotonic() - started, 1)
        time.sleep(0.5)
    return None


def _table(results: dict[str, Any]) -> str:
    lines = [
        f"{'operation':<11} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'max ms':>8} {'errors':>7}  statuses"
    ]
    for name, f in [*results["operations"].items(), ("all", results["overall"])]:
        statuses = " ".join(f"{code}x{count}" for code, count in f["statuses"].items())
        lines.append(
            f"{name:<11} {f['requests']:>9} {f['per_second']:>8} {f['p50_ms']:>8} "
            f"{f['p99_ms']:>8} {f['max_ms']:>8} {f['errors']:>7}  {statuses}"
        )
    check = results["entries_check"]
    lines.append("")
    lines.append(
        f"{results['phones']} phones, {results['seconds']} s, gunicorn {results['web']}, "
        f"1 Celery worker; errors: {results['errors_total']} "
        f"(answers {results['overall']['errors']}, 5xx {results['server_errors_5xx']}, "
        f"sockets {sum(results['socket_errors'].values())}, "
        f"entries {'ok' if check['ok'] else 'MISMATCH'}: {check['stored']} stored, "
        f"{check['expected_min']}..{check['expected_max']} expected)"
    )
    drain = results["analysis_drained_after_s"]
    lines.append(
        "analyses caught up "
        + (f"{drain} s after the load stopped" if drain is not None else "NOT within 120 s")
        + f"; worker errors logged: {results['worker_errors_logged']}"
    )
    return "\n".join(lines)


# --- Run ------------------------------------------------------------------------------


def main() -> int:
    wrk = _wrk()
    _database_ensure(DATABASE_URL)
    _django_setup()
    workdir = Path(tempfile.mkdtemp(prefix="footnote-load-"))
    phones_file, records_file = workdir / "phones.txt", workdir / "records.txt"
    print(f"… seeding {PHONES} phones in {DATABASE_URL.rsplit('/', 1)[1]}", file=sys.stderr)
    seeded = _phones_create(phones_file)
    for url in (BROKER_URL, CACHE_URL):
        _redis_flush(url)
    env = _production_env(workdir)
    # LOAD_PORT: a port of your own on a shared machine; else any free one.
    port = int(os.environ.get("LOAD_PORT") or 0) or _free_port()
    base = f"http://127.0.0.1:{port}"
    web_log, worker_log = workdir / "gunicorn.log", workdir / "worker.log"
    try:
        with ExitStack() as stack:
            stack.enter_context(
                _process(
                    [sys.executable, "-m", "celery", "-A", "config", "worker",
                     "--concurrency", "1", "--loglevel", "WARNING",
                     "--without-gossip", "--without-mingle", "--without-heartbeat"],
                    env, worker_log,
                )
            )  # fmt: skip
            web = stack.enter_context(
                _process(
                    [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
                     "--worker-class", "gthread", "--workers", str(WEB_WORKERS),
                     "--threads", str(WEB_THREADS), "--keep-alive", "10", "--log-level", "warning"],
                    env, web_log,
                )
            )  # fmt: skip
            _wait_healthy(base, web, web_log)
            print(f"… {LOAD_SECONDS} s of traffic from {PHONES} phones", file=sys.stderr)
            wrk_run = subprocess.run(
                [wrk, f"-t{PHONES}", f"-c{PHONES}", f"-d{LOAD_SECONDS}s", "--timeout", "10s",
                 "-s", str(LUA_SCRIPT), base],
                cwd=ROOT, capture_output=True, text=True,
                env={**os.environ, "LOAD_PHONES_FILE": str(phones_file),
                     "LOAD_RECORDS_FILE": str(records_file)},
            )  # fmt: skip
            if wrk_run.returncode != 0 or not records_file.exists():
                raise SystemExit(f"wrk failed:\n{wrk_run.stdout}\n{wrk_run.stderr}")
            print("… waiting for the worker to catch up", file=sys.stderr)
            drained = _analysis_drain()
        records = _read_records(records_file)
        results = _results(records, seeded, drained, web_log, worker_log)
    finally:
        if os.environ.get("LOAD_KEEP") != "1":
            _load_patients_delete()
            for url in (BROKER_URL, CACHE_URL):
                _redis_flush(url)
            shutil.rmtree(workdir, ignore_errors=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2))
    print(_table(results))
    print(f"\n(written to {RESULTS})")
    if results["errors_total"] and results.get("server_log_tail"):
        print("\ngunicorn log (tail):\n" + results["server_log_tail"], file=sys.stderr)
    return 1 if results["errors_total"] else 0


def _results(
    records: dict[str, Any], seeded: int, drained: float | None, web_log: Path, worker_log: Path
) -> dict[str, Any]:
    seconds = records["duration_s"]
    operations = {
        op: _figures(
            records["latencies"][op], seconds, records["errors"][op], records["statuses"][op]
        )
        for op in OPERATIONS
        if records["latencies"][op]
    }
    all_statuses: Counter[int] = Counter()
    for counter in records["statuses"].values():
        all_statuses.update(counter)
    overall = _figures(
        [value for values in records["latencies"].values() for value in values],
        seconds,
        sum(records["errors"].values()),
        all_statuses,
    )
    server_log = web_log.read_text(errors="replace")
    worker_text = worker_log.read_text(errors="replace")
    server_errors = sum(count for code, count in all_statuses.items() if code >= 500)
    check = _entries_check(seeded, records)
    errors_total = (
        overall["errors"] + sum(records["socket_errors"].values()) + (0 if check["ok"] else 1)
    )
    return {
        "phones": PHONES,
        "seconds": round(seconds, 1),
        "web": f"{WEB_WORKERS} gthread processes x {WEB_THREADS} threads",
        "operations": operations,
        "overall": overall,
        "server_errors_5xx": server_errors,
        "socket_errors": records["socket_errors"],
        "entries_check": check,
        "analysis_drained_after_s": drained,
        "worker_errors_logged": worker_text.count("ERROR"),
        "errors_total": errors_total,
        "server_log_tail": server_log[-3000:] if "Error" in server_log else "",
    }


if __name__ == "__main__":
    sys.exit(main())
