"""A real Celery worker on Redis, in this process, for the task tests.

The embedded default runs tasks eagerly; these tests switch the app to a Redis broker (a
database of its own, emptied first) and start `celery.contrib.testing`'s worker in a
thread, so tasks travel through a real broker and run in another thread with their own
database connection.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun

from config.celery import app
from tests.support.services import missing, port_open

REDIS_TEST_URL = "redis://127.0.0.1:6379/14"
# A queue of this run's own: two runs on one machine never take or drop each other's tasks.
TEST_QUEUE = f"footnote-test-{os.getpid()}"


def queued_messages() -> int:
    return int(redis.Redis.from_url(REDIS_TEST_URL).llen(TEST_QUEUE))


def drop_queued_messages() -> None:
    """Lose every message waiting in this run's queue, as a broker restart might."""
    redis.Redis.from_url(REDIS_TEST_URL).delete(TEST_QUEUE)


def require_redis() -> None:
    if not port_open("127.0.0.1", 6379):
        missing("Redis at 127.0.0.1:6379")


class TaskLog:
    """Names, arguments and results of the tasks the worker finished, in order."""

    def __init__(self) -> None:
        self.runs: list[tuple[str, tuple[Any, ...], Any]] = []
        self._lock = threading.Lock()

    def record(self, sender: Any = None, args: Any = None, retval: Any = None, **_: Any) -> None:
        with self._lock:
            self.runs.append((sender.name, tuple(args or ()), retval))

    def named(self, name: str) -> list[tuple[Any, ...]]:
        with self._lock:
            return [args for task, args, _ in self.runs if task.endswith(name)]

    def results(self, name: str) -> list[Any]:
        with self._lock:
            return [retval for task, _, retval in self.runs if task.endswith(name)]


def wait_for(condition: Callable[[], bool], *, timeout: float = 20, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout}s waiting for {what or condition}")


@contextmanager
def redis_broker() -> Iterator[None]:
    """Point the Celery app at an empty Redis database, and back again afterwards."""
    require_redis()
    drop_queued_messages()
    saved = {
        key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")
    }
    app.conf.update(
        broker_url=REDIS_TEST_URL, task_always_eager=False, task_default_queue=TEST_QUEUE
    )
    _drop_connections()
    try:
        yield
    finally:
        drop_queued_messages()
        app.conf.update(saved)
        _drop_connections()


def _drop_connections() -> None:
    """Forget pooled connections and producers made for the previous broker setting."""
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def running_worker() -> Iterator[TaskLog]:
    log = TaskLog()
    task_postrun.connect(log.record, weak=False)
    try:
        with (
            redis_broker(),
            start_worker(
                app, pool="solo", perform_ping_check=False, shutdown_timeout=30, loglevel="WARNING"
            ),
        ):
            yield log
    finally:
        task_postrun.disconnect(log.record)
