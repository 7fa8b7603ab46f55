"""GET /healthz: are the database and the cache answering, and can work be queued?"""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "not answering", whatever the driver raised
        return "unavailable"
    return "ok"


def _cache_status() -> str:
    """The cache holds the sign-in throttle: without it nobody can sign in."""
    from django.core.cache import cache

    try:
        cache.get("healthz")
    except Exception:  # a cache that cannot be reached, whatever the backend raised
        return "unavailable"
    return "ok"


def _queue_status() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    from config.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # a broker that cannot be reached, whatever the transport says
        return "unavailable"
    return "ok"


# Read-only: any other method is a 405, not the CSRF check's 403 page.
@csrf_exempt
@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    database, cache, queue = _database_status(), _cache_status(), _queue_status()
    healthy = database == "ok" and cache == "ok" and queue in ("ok", "eager")
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "database": database,
            "cache": cache,
            "queue": queue,
        },
        status=200 if healthy else 503,
    )
