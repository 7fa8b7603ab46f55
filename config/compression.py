"""gzip for the answers that are text: the app's shell, its manifest and the API's JSON.

Static files are compressed once, at collectstatic, and whitenoise sends the .br or .gz
beside each file; this middleware leaves anything already encoded alone, and also PDFs,
images and downloads, which gain nothing and would cost the worker CPU. Django's gzip
pads each answer with random bytes (its BREACH mitigation), and the API's token travels
in a header that another site cannot make a browser send.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = (
    "text/html",
    "text/javascript",
    "text/css",
    "application/json",
    "application/manifest+json",
    "application/problem+json",
)


class TextGZipMiddleware(GZipMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        if content_type not in TEXT_TYPES or response.has_header("Content-Disposition"):
            return response
        return super().process_response(request, response)
