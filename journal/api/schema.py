"""What drf-spectacular leaves out of the OpenAPI schema, put back.

- `maxItems` of nested `many=True` serializers (an extension, registered by importing
  this module: the app's `ready()` does).
- The 406 of DRF's content negotiation, and the two routes that are plain Django views,
  not DRF ones, yet part of the contract (api.md): `GET /healthz` and `GET /share/{token}`
  (a postprocessing hook, named in SPECTACULAR_SETTINGS).
"""

from __future__ import annotations

import copy
from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension


# The ignore: drf-spectacular's __init_subclass__ (which registers the class) is untyped.
class BoundedListSerializerExtension(OpenApiSerializerFieldExtension):  # type: ignore[no-untyped-call]
    """A nested `many=True` serializer with `max_length` (symptoms, signs, medications, a
    sync's changes) documents it as `maxItems`; drf-spectacular drops it."""

    target_class = "rest_framework.serializers.ListSerializer"
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> Any:
        schema = auto_schema._unwrap_list_serializer(self.target, direction)
        if schema is None:
            return None
        if self.target.max_length is not None:
            schema["maxItems"] = self.target.max_length
        if self.target.min_length is not None:
            schema["minItems"] = self.target.min_length
        return schema


_STATUS = {"type": "string", "enum": ["ok", "unavailable"]}
HEALTH = {
    "type": "object",
    "properties": {
        "status": _STATUS,
        "database": _STATUS,
        "cache": {**_STATUS, "description": "The cache holds the sign-in throttle."},
        "queue": {
            "type": "string",
            "enum": ["ok", "eager", "unavailable"],
            "description": "eager: no broker, tasks run in the web process (development).",
        },
    },
    "required": ["status", "database", "cache", "queue"],
}


def _header(description: str) -> dict[str, Any]:
    return {"schema": {"type": "string"}, "required": True, "description": description}


# journal.health.healthz and reports.api.views.share_open (and their PRIVATE_HEADERS).
_PRIVATE_HEADERS = {
    "Cache-Control": _header("no-store"),
    "Referrer-Policy": _header("no-referrer"),
    "X-Robots-Tag": _header("noindex"),
}
PLAIN_VIEW_PATHS: dict[str, Any] = {
    "/healthz": {
        "get": {
            "operationId": "healthz",
            "description": (
                "Are the database and the cache answering, and can work be queued? No sign-in."
            ),
            "tags": ["health"],
            "responses": {
                "200": {
                    "description": "All are.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Health"}}
                    },
                },
                "503": {
                    "description": "One of them is not.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Health"}}
                    },
                },
            },
        }
    },
    "/share/{token}": {
        "get": {
            "operationId": "share_open",
            "description": (
                "A shared report, opened with no account while the link is live. Every "
                "access is recorded and listed to the patient in the share's `accesses`."
            ),
            "tags": ["share"],
            "parameters": [
                {
                    "name": "token",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "minLength": 1},
                    "description": "The token in the share's `url`.",
                }
            ],
            "responses": {
                "200": {
                    "description": "The report.",
                    "headers": _PRIVATE_HEADERS,
                    "content": {
                        "application/pdf": {"schema": {"type": "string", "format": "binary"}}
                    },
                },
                "404": {
                    "description": "No such link, or it expired or was withdrawn.",
                    "headers": _PRIVATE_HEADERS,
                    "content": {"text/plain": {"schema": {"type": "string"}}},
                },
            },
        }
    },
}


NOT_ACCEPTABLE = {
    "description": "The Accept header allows none of the types this answers in.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Detail"}}},
}


def complete_the_schema(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: DRF's content negotiation answers 406 on every
    API operation, before the view runs; and the plain Django views' operations."""
    for path, operations in result["paths"].items():
        if path.startswith("/api/"):
            for operation in operations.values():
                operation["responses"].setdefault("406", copy.deepcopy(NOT_ACCEPTABLE))
    result["paths"].update(copy.deepcopy(PLAIN_VIEW_PATHS))
    result.setdefault("components", {}).setdefault("schemas", {})["Health"] = copy.deepcopy(HEALTH)
    return result
