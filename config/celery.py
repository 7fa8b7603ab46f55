"""The Celery application. Settings come from Django's, under the CELERY_ prefix.

Also the one door through which the web process queues work (`publish`): a message the
broker could not take is owed, and the first message that goes through afterwards (or
the first journal write, `owed_work_send`) sends the sweeps for everything pending, so
work held back by a broker outage runs as soon as the broker is back, not a sweep later.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

from celery import Celery
from django.db import InterfaceError, OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

logger = logging.getLogger(__name__)

app = Celery("footnote")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every task's retries: a database that hiccups (a failover, a dropped connection) is
# retried with backoff. Tasks are idempotent, so a retry leaves the state of one run.
RETRY_ON_DATABASE_ERRORS = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 8,
}

# The sweeps that queue again what is pending in the database, given everything=True.
OWED_WORK_SWEEPS = ("journal.tasks.sweep_pending_analyses", "reports.tasks.sweep_stale_reports")

# Set when this process could not send a message: the work it stood for waits in the
# database (a mark, a pending report) with nothing in the queue. A flag in memory, so the
# write path pays nothing for it: no query, no round trip.
_work_owed = threading.Event()


def publish(send: Callable[[], object], *, what: str) -> bool:
    """Send a message (`send` calls .delay or .apply_async). With the broker down, log it
    and owe it: the work stays pending in the database. Returns whether it went."""
    from kombu.exceptions import OperationalError as BrokerError

    try:
        send()
    except (BrokerError, ConnectionError) as error:
        logger.warning("Could not queue %s, it waits in the database: %s", what, error)
        _work_owed.set()
        return False
    owed_work_send()
    return True


def work_owed() -> bool:
    return _work_owed.is_set()


def owed_work_send() -> None:
    """If this process owes messages, send the sweeps for everything pending: the broker
    takes messages again. A pending analysis or report queued twice runs once (the second
    delivery finds nothing to claim)."""
    from kombu.exceptions import OperationalError as BrokerError

    if not _work_owed.is_set():
        return
    _work_owed.clear()
    try:
        for name in OWED_WORK_SWEEPS:
            # By name: a web process need not have imported every app's tasks. (Never in
            # eager mode: without a broker, nothing can be owed.)
            app.send_task(name, kwargs={"everything": True})
    except (BrokerError, ConnectionError) as error:
        logger.warning("The broker is still down: %s", error)
        _work_owed.set()
    else:
        logger.info("The broker is back: queued again what was pending")
