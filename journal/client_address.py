"""The client's address, read the same way everywhere.

Behind NUM_PROXIES proxies (REST_FRAMEWORK setting) the address is the one the nearest
proxy appended to X-Forwarded-For; without proxies it is REMOTE_ADDR. DRF's throttles
already read it this way, so sign-in lockouts, throttles and the share access log all
agree, and a client cannot forge its way around them.
"""

from __future__ import annotations

from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle


def client_address(request: HttpRequest | Request) -> str:
    # get_ident reads only request.META, which Django's and DRF's requests both carry.
    return str(BaseThrottle().get_ident(request))  # type: ignore[arg-type]
