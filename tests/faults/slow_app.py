"""The Celery app as production runs it, for the fault tests' worker processes
(`celery -A tests.faults.slow_app worker ...`), with two test-only knobs from the
environment and no change to product code:

- FAULT_STALL=analysis|report wraps `journal.rules.analyse` or the report renderer so that
  the first run anywhere writes its process id to FAULT_MARKER and then sleeps: the test
  waits for the marker and kills that process in the middle of the work. Later runs (the
  redelivery, a restarted worker, a fresh pool process) find the marker and run at full
  speed.
- FAULT_QUEUE is the queue of this test run (consumed, and used for every task sent).
- FAULT_VISIBILITY_TIMEOUT shortens the Redis transport's visibility timeout (production:
  an hour) and makes the worker look for expired messages every second, so a message
  whose worker died comes back within seconds instead of an hour.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from config.celery import app  # noqa: E402


def _stall_first_run(function: Callable[..., Any]) -> Callable[..., Any]:
    marker = Path(os.environ["FAULT_MARKER"])
    seconds = float(os.environ.get("FAULT_STALL_SECONDS", "120"))

    @functools.wraps(function)
    def stalled(*args: Any, **kwargs: Any) -> Any:
        try:
            descriptor = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:  # the stall happened once already: do the work
            return function(*args, **kwargs)
        with os.fdopen(descriptor, "w") as file:
            file.write(f"{os.getpid()}\n")
        time.sleep(seconds)
        return function(*args, **kwargs)

    return stalled


_stall = os.environ.get("FAULT_STALL", "")
if _stall == "analysis":
    import journal.rules

    journal.rules.analyse = _stall_first_run(journal.rules.analyse)
elif _stall == "report":
    import reports.services

    reports.services.render_report_pdf = _stall_first_run(reports.services.render_report_pdf)
elif _stall:
    raise ValueError(f"FAULT_STALL must be 'analysis' or 'report', not {_stall!r}")

app.conf.task_default_queue = os.environ["FAULT_QUEUE"]

if os.environ.get("FAULT_VISIBILITY_TIMEOUT"):
    app.conf.broker_transport_options = {
        **app.conf.broker_transport_options,
        "visibility_timeout": int(os.environ["FAULT_VISIBILITY_TIMEOUT"]),
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }

__all__ = ["app"]
