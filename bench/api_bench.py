"""The API against an authenticated trivial endpoint on the same server (budgets.md).

gunicorn (sync workers, as many as `make serve` starts) serves the app on the bench
PostgreSQL database; wrk drives it from a second process. The floor is GET
/api/v1/profile/: token authentication (the one query every request pays) and a few
fields, nothing else. Also a 500-change sync against 500 single PUTs of the same entries,
over one keep-alive connection.
"""

from __future__ import annotations

import datetime
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User

from bench.rounds import Rounds, median_round, paired_ratio, rate_figure, wrk_figures
from journal import account_services, services
from journal.authentication import access_token_issue

ROOT = Path(__file__).resolve().parent.parent
DURATION = os.environ.get("BENCH_DURATION", "4s")
# The floor and the measured endpoints take turns, round after round, and each figure is
# the median of its rounds: on a shared 2-core machine a figure measured minutes apart
# from its floor says more about the neighbours than about the code.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
BENCH_BROKER_URL = "redis://127.0.0.1:6379/6"
CONNECTIONS = "16"
# As `make serve` runs it: gunicorn's advice of two sync workers a core plus one, so that
# a core has work while a request waits on PostgreSQL (with two, an entry create left a
# seventh of the machine idle).
WEB_WORKERS = int(os.environ.get("BENCH_WEB_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
SYNC_ROUNDS = 5

# Each wrk thread writes for its own PHONES_PER_THREAD patients in turn, one day after
# another: many people logging their day, as in use. (All sixteen connections writing for
# one patient would measure that patient's row lock, which queues one person's writes; a
# person writes from one phone a few times a day. That figure is printed too.)
PHONES_PER_THREAD = 8
CREATE_SCRIPT = """
local tokens = {%(tokens)s}
local phones_per_thread = %(phones_per_thread)d
local counter = 0
local threads = {}
function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end
function init(args)
  counter = 0
end
request = function()
  counter = counter + 1
  local phone = thread_id * phones_per_thread + counter %% phones_per_thread
  -- a new day for each of a phone's requests (of each request, when all are one patient)
  local days_back = 1 + math.floor(counter / phones_per_thread)
  if %(one_patient)s then days_back = 1 + thread_id + counter * %(threads)d end
  local t = os.time() - days_back * 86400
  local body = string.format([[{"date": "%%s", "symptoms": [
    {"region": "sole", "side": "left", "pain": 6, "numbness": true},
    {"region": "calf", "side": "left", "pain": 5, "tingling": true},
    {"region": "thigh_back", "side": "left", "pain": 4},
    {"region": "lower_back", "side": "center", "pain": 3}],
    "signs": [{"code": "toe_stand_difficulty", "side": "left"}],
    "footwear": ["regular"], "notes": "bench"}]], os.date("!%%Y-%%m-%%d", t))
  local headers = {["Authorization"] = "Token " .. tokens[phone + 1],
                   ["Content-Type"] = "application/json", ["Accept"] = "application/json"}
  return wrk.format("POST", "/api/v1/entries/", headers, body)
end
"""
WRK_THREADS = 2


def _create_script(tokens: list[str]) -> str:
    assert len(tokens) == WRK_THREADS * PHONES_PER_THREAD
    return CREATE_SCRIPT % {
        "tokens": ", ".join(f'"{token}"' for token in tokens),
        "phones_per_thread": PHONES_PER_THREAD,
        "one_patient": "true" if len(set(tokens)) == 1 else "false",
        "threads": WRK_THREADS,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _require_wrk() -> str:
    path = shutil.which("wrk")
    if path is None and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], capture_output=True)
        path = shutil.which("wrk")
    if path is None:
        raise SystemExit("make bench needs wrk (Debian package 'wrk').")
    return path


@contextmanager
def gunicorn_server() -> Iterator[str]:
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": settings.DATABASES["default"]["NAME"] and os.environ["DATABASE_URL"],
        "DEBUG": "0",
        "FOOTNOTE_QUIET": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # As in production the analysis is queued, not run inside the request; no worker
        # runs here (in production they run on other machines), so after a patient's first
        # write the pending mark coalesces the rest and the queue stays small.
        "CELERY_BROKER_URL": BENCH_BROKER_URL,
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            str(WEB_WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            # The rounds run anyway: each reports that it measured nothing, and why.
            state = "running" if process.poll() is None else f"exited with {process.returncode}"
            print(f"  … gunicorn did not answer on port {port} ({state})", file=sys.stderr)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)
        import redis

        redis.Redis.from_url(BENCH_BROKER_URL).flushdb()


def _wrk(url: str, path: str, token: str, script: str | None = None) -> dict[str, Any]:
    """One wrk round; RoundFailed (bench.rounds) when it measured nothing."""
    command = [
        _require_wrk(),
        f"-t{WRK_THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{DURATION}",
        "--latency",
        "-H",
        f"Authorization: Token {token}",
        "-H",
        "Accept: application/json",
        "-H",
        "Content-Type: application/json",
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script or "")
    if script:
        command += ["-s", lua.name]
    completed = subprocess.run([*command, url + path], capture_output=True, text=True)
    os.unlink(lua.name)
    return wrk_figures(completed.stdout, completed.stderr, completed.returncode)


def _bench_patient(username: str, entries: int) -> tuple[Any, str]:
    User.objects.filter(username=username).delete()
    patient, _ = account_services.patient_register(
        username=username, password="unused-" + uuid.uuid4().hex
    )
    today = datetime.date.today()
    changes: list[services.Change] = [
        services.Upsert(uuid.uuid4(), _day(today - datetime.timedelta(days=n)), None)
        for n in range(entries)
    ]
    services.entries_apply_changes(patient=patient, changes=changes)
    return patient, access_token_issue(user=patient.user)


def _day(date: datetime.date) -> dict[str, Any]:
    return {
        "date": date,
        "footwear": ["regular"],
        "sitting_hours": 6.0,
        "walking_minutes": 30,
        "walking_brings_leg_pain": False,
        "sitting_relieves_leg_pain": False,
        "standing_still_relieves_leg_pain": False,
        "medications": [{"name": "ibuprofen", "dose": "400 mg", "times": 2}],
        "sleep_quality": 6,
        "notes": "A day like any other.",
        "symptoms": [
            {
                "region": r,
                "side": s,
                "pain": 5,
                "numbness": r == "sole",
                "tingling": False,
                "qualities": ["burning"],
                "part_of_day": "",
            }
            for r, s in (
                ("sole", "left"),
                ("calf", "left"),
                ("thigh_back", "left"),
                ("lower_back", "center"),
            )
        ],
        "signs": [{"code": "toe_stand_difficulty", "side": "left", "count": None}],
    }


def _json_day(date: datetime.date, entry_id: str) -> dict[str, Any]:
    day = _day(date)
    return {**day, "id": entry_id, "date": date.isoformat()}


def _sync_against_puts(base: str, token: str) -> dict[str, float]:
    host, port = base.removeprefix("http://").split(":")
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    today = datetime.date.today()
    puts = [_json_day(today - datetime.timedelta(days=n), str(uuid.uuid4())) for n in range(500)]
    bodies = [(body["id"], json.dumps(body)) for body in puts]  # the client's work, untimed
    connection = http.client.HTTPConnection(host, int(port))
    started = time.perf_counter()
    for entry_id, body in bodies:
        connection.request("PUT", f"/api/v1/entries/{entry_id}/", body, headers)
        response = connection.getresponse()
        response.read()
        assert response.status == 201, response.status
    puts_seconds = time.perf_counter() - started
    # The same entries again, as one sync, for a second patient of the same shape.
    return {"puts_s": round(puts_seconds, 3)}


def _one_sync(base: str, token: str) -> float:
    host, port = base.removeprefix("http://").split(":")
    today = datetime.date.today()
    changes = [
        {"op": "upsert", "entry": _json_day(today - datetime.timedelta(days=n), str(uuid.uuid4()))}
        for n in range(500)
    ]
    body = json.dumps({"since": None, "changes": changes})  # the client's work, untimed
    connection = http.client.HTTPConnection(host, int(port))
    started = time.perf_counter()
    connection.request(
        "POST",
        "/api/v1/sync/",
        body,
        {"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    answer = json.loads(connection.getresponse().read())
    seconds = time.perf_counter() - started
    assert all(r["status"] == "created" for r in answer["results"])
    return seconds


def run() -> dict[str, Any]:
    _, list_token = _bench_patient("bench-api-list", 60)
    phones = WRK_THREADS * PHONES_PER_THREAD
    create_scripts = [
        _create_script([_bench_patient(f"bench-api-create-{n}-{p}", 0)[1] for p in range(phones)])
        for n in range(ROUNDS)
    ]
    one_patient_scripts = [
        _create_script([_bench_patient(f"bench-api-create-one-{n}", 0)[1]] * phones)
        for n in range(ROUNDS)
    ]
    _, puts_token = _bench_patient("bench-api-puts", 0)
    sync_tokens = [_bench_patient(f"bench-api-sync-{n}", 0)[1] for n in range(SYNC_ROUNDS)]
    results: dict[str, Any] = {}
    names = ("floor", "list", "create", "create_one_patient")
    rounds = {name: Rounds() for name in names}
    with gunicorn_server() as base:
        Rounds().measure("warm-up", partial(_wrk, base, "/api/v1/profile/", list_token))
        for create_script, one_patient_script in zip(
            create_scripts, one_patient_scripts, strict=True
        ):
            # A create round run again finds the days its failed attempt wrote: they show
            # as NOT 2xx in its figure.
            for name, path, script in (
                ("floor", "/api/v1/profile/", None),
                ("list", "/api/v1/entries/?page_size=50", None),
                ("create", "/api/v1/entries/", create_script),
                ("create_one_patient", "/api/v1/entries/", one_patient_script),
            ):
                rounds[name].measure(name, partial(_wrk, base, path, list_token, script))
        floor, listing, create, create_one = (median_round(rounds[name]) for name in names)
        puts = _sync_against_puts(base, puts_token)
        # One sync of the same 500 entries, for a fresh patient each round; the median
        # round counts (a single 300 ms request is at the mercy of the neighbours).
        sync_rounds = sorted(_one_sync(base, token) for token in sync_tokens)
        sync_seconds = sync_rounds[len(sync_rounds) // 2]
    results["floor_profile"] = floor
    for key, name, figures, budget in (
        ("entry_list_50", "list", listing, ">= 0.40x"),
        ("entry_create", "create", create, ">= 0.50x"),
        ("entry_create_one_patient", "create_one_patient", create_one, "(one patient's lock)"),
    ):
        results[key] = {
            **figures,
            "figure": rate_figure(figures),
            "floor": f"{floor['rps']} req/s profile" if floor["rps"] else "profile: nothing",
            **paired_ratio(rounds[name], rounds["floor"]),
            "budget": budget,
        }
    results["sync_500"] = {
        "sync_s": round(sync_seconds, 3),
        **puts,
        "figure": f"one sync of 500: {sync_seconds * 1000:.0f} ms",
        "floor": f"500 PUTs: {puts['puts_s'] * 1000:.0f} ms",
        "ratio": round(puts["puts_s"] / sync_seconds, 1),
        "budget": ">= 10x faster",
    }
    return results
