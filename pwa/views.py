"""The phone app: one HTML shell, its manifest and its service worker.

Everything else is static files under /static/pwa/ and the JSON API; the shell carries the
journal's vocabulary (journal.vocabulary) so the app can never use a code the API lacks.
"""

from __future__ import annotations

import functools
import hashlib
import json
import posixpath
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from journal import rules
from journal import vocabulary as v

APP_DIR = Path(__file__).resolve().parent
STATIC_DIR = APP_DIR / "static"
ASSET_ROOT = STATIC_DIR / "pwa"
TEMPLATE_DIR = APP_DIR / "templates" / "pwa"

THEME_COLOR = "#0b5c66"
BACKGROUND_COLOR = "#f4f7f7"

# Labels the vocabulary leaves to the presentation layer.
PART_OF_DAY_LABELS = {
    "morning": "Morning",
    "afternoon": "Afternoon",
    "evening": "Evening",
    "night": "Night",
}
# An event's side as the person thinks of it: "center" covers both sides and the middle
# (the spine), and an empty side is the honest "not sure".
EVENT_SIDE_LABELS = {
    v.LEFT: "Left",
    v.RIGHT: "Right",
    v.CENTER: "Both or middle",
    "": "Not sure",
}
SEVERITY_LABELS = {
    "urgent": "Seek emergency care now",
    "prompt": "Contact a doctor today",
    "see_specialist": "Discuss with a specialist",
    "monitor": "Keep logging and mention it",
}


def vocabulary_for_app() -> dict[str, Any]:
    return {
        "regions": [
            {"code": code, "label": label, "sides": list(sides)}
            for code, (label, sides, _territory) in v.REGIONS.items()
        ],
        "signs": [
            {"code": code, "label": label, "sided": sided}
            for code, (label, sided) in v.SIGNS.items()
        ],
        "footwear": [{"code": code, "label": label} for code, label in v.FOOTWEAR.items()],
        "qualities": list(v.QUALITIES),
        "event_kinds": [{"code": code, "label": label} for code, label in v.EVENT_KINDS.items()],
        "event_sites": [{"code": code, "label": label} for code, label in v.EVENT_SITES.items()],
        "event_sides": [
            {"code": code, "label": EVENT_SIDE_LABELS.get(code, code.title())}
            for code in (*v.SIDES, "")
        ],
        "parts_of_day": [
            {"code": code, "label": PART_OF_DAY_LABELS.get(code, code.title())}
            for code in v.PARTS_OF_DAY
        ],
        "severities": [
            {"code": code, "label": SEVERITY_LABELS.get(code, code)} for code in v.SEVERITIES
        ],
        "cauda_equina_signs": sorted(v.CAUDA_EQUINA_SIGNS),
        "saddle_description": v.SADDLE_DESCRIPTION,
        # The profile's health history: the four conditions, then the two other answers.
        "health_history": [
            {"code": code, "label": label} for code, label in v.HEALTH_HISTORY.items()
        ],
        "health_history_prefer_not_to_say": v.PREFER_NOT_TO_SAY,
        # The phone's offline red-flag screen reads its definition from the rules.
        "red_flag_screen": rules.screen_definition(),
        "pain_max": v.PAIN_MAX,
        "sitting_hours_max": v.SITTING_HOURS_MAX,
        "walking_minutes_max": v.WALKING_MINUTES_MAX,
        "sleep_quality_max": v.SLEEP_QUALITY_MAX,
        "notes_max_length": v.NOTES_MAX_LENGTH,
        # The outbox sends at most this many changes a request: the server's own limit.
        "sync_max_changes": settings.FOOTNOTE_SYNC_MAX_CHANGES,
    }


def _asset_paths() -> list[str]:
    """Every file of the app under static/, as the names `{% static %}` takes."""
    return sorted(
        path.relative_to(STATIC_DIR).as_posix()
        for path in ASSET_ROOT.rglob("*")
        if path.is_file() and not path.name.startswith(".")
    )


def _compute_build() -> tuple[str, tuple[str, ...]]:
    """The cache version and the URLs the service worker precaches.

    The version hashes every asset and template, so any change to the app gives the
    worker new bytes, which is what makes browsers install the new version.
    """
    digest = hashlib.sha256()
    for name in _asset_paths():
        digest.update(name.encode())
        digest.update((STATIC_DIR / name).read_bytes())
    for template in sorted(TEMPLATE_DIR.glob("*")):
        digest.update(template.read_bytes())
    digest.update(json.dumps(vocabulary_for_app(), sort_keys=True).encode())
    # The URLs the pages ask for: with the manifest storage (production) the hashed
    # names, which the modules' imports name too (config/static_storage.py).
    urls = list(dict.fromkeys(static(name) for name in _asset_paths()))
    return digest.hexdigest()[:16], tuple(urls)


_cached_build = functools.cache(_compute_build)

JS_DIR = "pwa/js"
ENTRY_MODULE = f"{JS_DIR}/app.js"
# The static imports of a module (`import { h } from "./ui.js";`), not import() of pages.
STATIC_IMPORT = re.compile(
    r"""^\s*(?:import|export)\b[^;]*?\bfrom\s*["'](\.{1,2}/[^"']+)["']""", re.M
)


def _static_imports(name: str) -> list[str]:
    source = (STATIC_DIR / name).read_text()
    directory = posixpath.dirname(name)
    return [
        posixpath.normpath(posixpath.join(directory, url)) for url in STATIC_IMPORT.findall(source)
    ]


def _module_closure(name: str) -> list[str]:
    """The module and everything it imports statically, each once, depth first."""
    seen: dict[str, None] = {}
    stack = [name]
    while stack:
        module = stack.pop()
        if module in seen:
            continue
        seen[module] = None
        stack.extend(reversed(_static_imports(module)))
    return list(seen)


def _compute_module_preloads() -> tuple[tuple[str, ...], dict[str, list[str]]]:
    """What to fetch at once instead of one import level after another.

    The shell preloads the modules app.js imports; app.js preloads a page's whole module
    tree as it opens the page (`pages` is keyed by the page's file under pwa/js/).
    Without this a phone discovers each level of imports only when the one above has
    arrived: a round trip per level.
    """
    entry = _module_closure(ENTRY_MODULE)
    pages = {}
    for path in sorted((ASSET_ROOT / "js" / "pages").glob("*.js")):
        name = path.relative_to(STATIC_DIR).as_posix()
        closure = [module for module in _module_closure(name) if module not in entry]
        pages[name.removeprefix(f"{JS_DIR}/")] = [static(module) for module in closure]
    return tuple(static(module) for module in entry[1:]), pages


_cached_module_preloads = functools.cache(_compute_module_preloads)


def module_preloads() -> tuple[tuple[str, ...], dict[str, list[str]]]:
    return _compute_module_preloads() if settings.DEBUG else _cached_module_preloads()


def app_build() -> tuple[str, tuple[str, ...]]:
    # In development the files change under a running server; recompute each time.
    return _compute_build() if settings.DEBUG else _cached_build()


def _no_cache(response: HttpResponse) -> HttpResponse:
    # Always revalidated, so a deploy reaches phones on their next start.
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def shell(request: HttpRequest) -> HttpResponse:
    version, _ = app_build()
    entry_preloads, page_preloads = module_preloads()
    context = {
        "vocabulary": vocabulary_for_app(),
        "entry_preloads": entry_preloads,
        "page_preloads": page_preloads,
        "version": version,
        "theme_color": THEME_COLOR,
    }
    return _no_cache(HttpResponse(render_to_string("pwa/shell.html", context, request=request)))


@require_safe
def manifest(request: HttpRequest) -> HttpResponse:
    data = {
        "id": "/",
        "name": "Footnote: foot and leg symptom journal",
        "short_name": "Footnote",
        "description": (
            "A daily journal of foot, leg and back symptoms, to show a spine specialist."
        ),
        "start_url": "/#/today",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "lang": "en",
        "categories": ["health", "medical"],
        "icons": [
            {
                "src": static("pwa/icons/icon-192.png"),
                "sizes": "192x192",
                "type": "image/png",
                "purpose": "any",
            },
            {
                "src": static("pwa/icons/icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "any",
            },
            {
                "src": static("pwa/icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = HttpResponse(json.dumps(data, indent=2), content_type="application/manifest+json")
    return _no_cache(response)


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    version, urls = app_build()
    body = render_to_string(
        "pwa/sw.js",
        {
            "version": version,
            "precache": json.dumps(["/", "/manifest.webmanifest", *urls], indent=2),
            "icon": json.dumps(static("pwa/icons/icon-192.png")),
        },
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache, no-store, must-revalidate"
    return response
