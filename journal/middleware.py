"""Refuse oversized bodies with 413 before anything reads them."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class BodySizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.FOOTNOTE_MAX_BODY_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return HttpResponse(
                json.dumps(
                    {"detail": f"The request body is larger than {limit // (1024 * 1024)} MB."}
                ),
                status=413,
                content_type="application/json",
            )
        return self.get_response(request)


# The app needs none of these; a page that asks for them has been tampered with.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)
JSON_PREFIXES = ("/api/", "/share/")


class ApiAnswersMiddleware:
    """What every answer carries, and what API answers must never be (api.md v1.1):

    - `Permissions-Policy` on every answer;
    - `Cache-Control: no-store` on everything under /api/ (health data must not sit in
      a shared cache); static files keep their long cache;
    - under /api/ and /share/, an error Django answered with an HTML page (its debug
      404 and 500 pages in development, its CSRF or bad-host pages) becomes JSON. The
      exception has already been logged and signalled by then, so tests still see it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        path = request.path_info
        if not path.startswith(JSON_PREFIXES):
            return response
        if path.startswith("/api/"):
            response["Cache-Control"] = "no-store"
        if response.status_code >= 400 and response.get("Content-Type", "").startswith("text/html"):
            return self._as_json(response)
        return response

    @staticmethod
    def _as_json(html: HttpResponse) -> HttpResponse:
        status = html.status_code
        detail = "Not found." if status == 404 else html.reason_phrase
        if status >= 500:
            detail = "Something went wrong on the server. Try again later."
        response = HttpResponse(
            json.dumps({"detail": detail}), status=status, content_type="application/json"
        )
        for header in ("Allow", "Retry-After", "Permissions-Policy"):
            if header in html:
                response[header] = html[header]
        response["Cache-Control"] = "no-store"
        return response
