"""Real Celery worker processes for the fault tests, and the broker they share.

The test process publishes to a Redis database of its own (not the in-process worker
tests' one) on a queue of this run's own, so that two test runs on one machine never
take or drop each other's messages; the workers and celery beat, separate processes
started with `celery -A tests.faults.slow_app worker|beat`, consume that queue and use
the test database and media folder.

The processes run the production code and settings, with the claim lease, its heartbeat
and beat's sweep interval scaled from seconds to fractions of them (TIMINGS): the same
mechanism as production, so a dead worker's work comes back in seconds, not a minute.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import redis
from django.conf import settings
from django.db import connection

from config.celery import app
from tests.support.celery_worker import wait_for
from tests.support.services import port_open

ROOT = Path(__file__).resolve().parents[2]
FAULT_BROKER_URL = "redis://127.0.0.1:6379/12"
QUEUE = f"footnote-faults-{os.getpid()}"
# Redis keys of the transport: messages delivered and not yet acknowledged, by tag.
UNACKED, UNACKED_INDEX = "unacked", "unacked_index"


# Production: a 30 s lease renewed every 5 s, swept every 15 s, marks never claimed
# swept after 3 minutes (config/settings.py). Here, scaled down, the same ratios.
TIMINGS = {
    "FOOTNOTE_CLAIM_LEASE_SECONDS": "3",
    "FOOTNOTE_CLAIM_HEARTBEAT_SECONDS": "0.5",
    "FOOTNOTE_SWEEP_SECONDS": "1",
    "FOOTNOTE_UNCLAIMED_STALE_SECONDS": "4",
}
LEASE_SECONDS = float(TIMINGS["FOOTNOTE_CLAIM_LEASE_SECONDS"])


# The broker the test publishes to now (publishing_to_the_fault_broker).
_broker_url = FAULT_BROKER_URL


def broker() -> redis.Redis:
    return redis.Redis.from_url(_broker_url)


def _queue_keys(server: redis.Redis) -> list[bytes]:
    """The queue's list, and its priority lists should any message carry a priority."""
    return [QUEUE.encode(), *server.scan_iter(match=f"{QUEUE}\x06\x16*")]


def unacked_tags(server: redis.Redis | None = None) -> set[bytes]:
    """Our messages delivered to a worker and not yet acknowledged."""
    tags = set()
    for tag, payload in (server or broker()).hscan_iter(UNACKED):
        _, _, routing_key = json.loads(payload)
        if routing_key == QUEUE:
            tags.add(tag)
    return tags


def queued() -> int:
    server = broker()
    return sum(server.llen(key) for key in _queue_keys(server))


def broker_idle(*, dead: set[bytes] = frozenset()) -> bool:  # type: ignore[assignment]
    """None of our messages waiting, reserved by a worker, or unacknowledged, apart from
    `dead`: those a killed worker held, which Redis gives back only after the production
    visibility timeout (and which then find nothing to claim)."""
    return queued() == 0 and not (unacked_tags() - dead)


def broker_lose_messages() -> None:
    """What a broker that loses its data does to us (a flushdb, for this run only)."""
    server = broker()
    tags = list(unacked_tags(server))
    if tags:
        server.hdel(UNACKED, *tags)
        server.zrem(UNACKED_INDEX, *tags)
    server.delete(*_queue_keys(server))


def _use_broker(**conf: object) -> None:
    app.conf.update(conf)
    # Forget connections, producers and routes made for the previous setting.
    app._pool = None
    for name in ("_producer_pool", "queues", "default_queue", "router"):
        app.amqp.__dict__.pop(name, None)


@contextmanager
def publishing_to_the_fault_broker(url: str = FAULT_BROKER_URL) -> Iterator[None]:
    """This process's Celery app sends to the fault queue (not eager) for the duration."""
    saved = {
        key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")
    }
    global _broker_url
    _broker_url = url
    _use_broker(broker_url=url, task_always_eager=False, task_default_queue=QUEUE)
    broker_lose_messages()
    try:
        yield
    finally:
        _use_broker(**saved)
        with contextlib.suppress(redis.ConnectionError):  # a stopped broker of the test's own
            broker_lose_messages()
            broker().delete(f"_kombu.binding.{QUEUE}", f"_kombu.binding_permanent.{QUEUE}")
        _broker_url = FAULT_BROKER_URL


def database_url_of_this_test() -> str:
    """The database this test runs on (the test database, not the configured one)."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class WorkerProcess:
    """A `celery worker` (or, with `beat=True`, a `celery beat`) of the fault app."""

    def __init__(
        self,
        directory: Path,
        *,
        pool: str = "solo",
        stall: str = "",
        visibility_timeout: int | None = None,
        broker_url: str = FAULT_BROKER_URL,
        beat: bool = False,
    ):
        self.name = f"{'beat' if beat else 'fault'}-{uuid.uuid4().hex[:8]}"
        self.marker = directory / "stalled.pid"  # shared by the workers of one test
        self.log_path = directory / f"{self.name}.log"
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "FAULT_"))},
            **TIMINGS,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": database_url_of_this_test(),
            "CELERY_BROKER_URL": broker_url,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "FOOTNOTE_QUIET": "1",
            "FOOTNOTE_REMINDERS": "off",
            "FAULT_STALL": stall,
            "FAULT_MARKER": str(self.marker),
            "FAULT_QUEUE": QUEUE,
        }
        if visibility_timeout is not None:
            env["FAULT_VISIBILITY_TIMEOUT"] = str(visibility_timeout)
        if beat:
            command = [
                sys.executable, "-m", "celery", "-A", "tests.faults.slow_app", "beat",
                "--schedule", str(directory / f"{self.name}.schedule"),
                "--max-interval", "1", "--loglevel", "INFO",
            ]  # fmt: skip
        else:
            command = [
                sys.executable, "-m", "celery", "-A", "tests.faults.slow_app", "worker",
                "--pool", pool, "--concurrency", "1", "--loglevel", "INFO",
                "--without-gossip", "--without-mingle", "--without-heartbeat",
                "--hostname", f"{self.name}@%h",
            ]  # fmt: skip
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_ready(self, timeout: float = 30) -> None:
        ready = "beat: Starting..." if self.name.startswith("beat") else " ready."
        wait_for(
            lambda: ready in self.log() or self.process.poll() is not None,
            timeout=timeout,
            what=f"worker {self.name} to start",
        )
        assert self.process.poll() is None, f"worker {self.name} died:\n{self.log()}"

    def wait_stalled(self, timeout: float = 30) -> int:
        """The process id of the pool process stalled in the middle of the work."""

        def stalled() -> bool:
            return self.marker.exists() and self.marker.read_text().strip().isdigit()

        wait_for(stalled, timeout=timeout, what=f"the work to start in {self.name}:\n{self.log()}")
        return int(self.marker.read_text())

    def kill_hard(self, pid: int | None = None) -> None:
        """SIGKILL: no clean-up, no acknowledgement, no message returned to the broker."""
        os.kill(pid or self.pid, signal.SIGKILL)
        if pid in (None, self.pid):
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()


class Workers:
    """Starts worker processes for one test and stops whatever is left at its end."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.started: list[WorkerProcess] = []

    def start(self, **options: Any) -> WorkerProcess:
        """A worker (`WorkerProcess`'s options); `beat=True` for celery beat."""
        worker = WorkerProcess(self.directory, **options)
        self.started.append(worker)
        return worker

    def logs(self) -> str:
        return "\n".join(f"--- {w.name}\n{w.log()}" for w in self.started)

    def stop_all(self) -> None:
        for worker in self.started:  # all at once: each takes a moment to shut down
            if worker.process.poll() is None:
                worker.process.terminate()
        for worker in self.started:
            worker.stop()


def wait_until(condition: object, *, timeout: float, what: str, workers: Workers) -> None:
    """`wait_for`, with the workers' logs in the failure message."""
    try:
        wait_for(condition, timeout=timeout, what=what)  # type: ignore[arg-type]
    except AssertionError as error:
        raise AssertionError(f"{error}\n{workers.logs()}") from None


class OwnRedis:
    """A Redis of the test's own on a port of its own, to stop and start again: a broker
    outage that touches nobody else's Redis. No persistence: it comes back empty, as a
    broker that lost its messages would."""

    PORTS = range(6391, 6400)

    def __init__(self, directory: Path):
        self.port = next(p for p in self.PORTS if not port_open("127.0.0.1", p))
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._log_path = directory / f"redis-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=self._log_path.open("a"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for(lambda: port_open("127.0.0.1", self.port), timeout=10, what="Redis to start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None
