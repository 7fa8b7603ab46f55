"""The Celery app's limits, as a worker reads them."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_every_task_has_a_soft_and_a_hard_time_limit_under_the_visibility_timeout() -> None:
    from config.celery import app

    soft, hard = app.conf.task_soft_time_limit, app.conf.task_time_limit

    assert 0 < soft < hard
    assert hard < app.conf.broker_transport_options["visibility_timeout"]
