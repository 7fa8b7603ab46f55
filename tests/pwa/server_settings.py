"""Settings of the app server the browser tests start (tests/pwa/conftest.py).

The test settings, plus room for one new patient per test: registration is throttled to
10 an hour per address, and every browser test signs up from 127.0.0.1.
"""

from __future__ import annotations

from config.test_settings import *  # noqa: F403

REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {
        **REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],  # noqa: F405
        "registration": "1000/hour",
    },
}
