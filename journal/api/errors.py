"""One place where domain errors become HTTP answers (DRF's exception handler)."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request is too large."
    default_code = "too_large"


_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def encodable_errors(errors: Any) -> Any:
    """Error messages may quote the input ('"x" is not a valid choice.'), and JSON may carry
    a lone surrogate (\\ud800) that no UTF-8 answer can hold: replace it, or the answer
    to a bad request would be a 500."""
    if isinstance(errors, str):
        if not _LONE_SURROGATE.search(errors):
            return errors
        text = _LONE_SURROGATE.sub("\ufffd", errors)
        if isinstance(errors, exceptions.ErrorDetail):
            return exceptions.ErrorDetail(text, code=errors.code)
        return text
    if isinstance(errors, dict):
        return {encodable_errors(key): encodable_errors(value) for key, value in errors.items()}
    if isinstance(errors, list):
        return [encodable_errors(value) for value in errors]
    return errors


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge("The request body is too large.")
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("Not found.")
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        response.data = encodable_errors(response.data)
    return response
