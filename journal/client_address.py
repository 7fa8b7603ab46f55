"""The client's address, read the same way everywhere.

X-Forwarded-For is believed only from a proxy we run: when NUM_PROXIES (REST_FRAMEWORK
setting) is above 0 *and* the connection comes from an address in FORWARDED_ALLOW_IPS
(the variable gunicorn reads for the same purpose), the address is the one the nearest
proxy appended to X-Forwarded-For. Otherwise it is REMOTE_ADDR: a production server
reached without its proxy, or a client that sends its own header, cannot pick its
address. Throttles, sign-in lockouts and the share access log all read it here.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle


def _from_trusted_proxy(remote_addr: str) -> bool:
    allowed = settings.FORWARDED_ALLOW_IPS
    return "*" in allowed or remote_addr in allowed


def client_address(request: HttpRequest | Request) -> str:
    remote_addr = str(request.META.get("REMOTE_ADDR", ""))
    if not _from_trusted_proxy(remote_addr):
        return remote_addr
    # get_ident reads only request.META, which Django's and DRF's requests both carry.
    return str(BaseThrottle().get_ident(request))  # type: ignore[arg-type]
