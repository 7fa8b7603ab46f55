"""The phone app's server side: shell, manifest and service worker (no browser needed)."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import resolve

from journal import rules
from journal import vocabulary as v
from pwa import views

STATIC = Path(views.__file__).resolve().parent / "static"


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_the_shell_is_served_at_the_root_and_always_revalidated(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-cache"
    html = response.content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<script type="module" src="/static/pwa/js/app.js">' in html
    assert 'name="viewport" content="width=device-width, initial-scale=1' in html


def test_the_shell_carries_the_journal_vocabulary(client: Client) -> None:
    html = client.get("/").content.decode()
    match = re.search(r'<script id="vocabulary" type="application/json">(.*?)</script>', html, re.S)
    assert match
    vocabulary: dict[str, Any] = json.loads(match.group(1))
    assert [r["code"] for r in vocabulary["regions"]] == list(v.REGION_CODES)
    assert [s["code"] for s in vocabulary["signs"]] == list(v.SIGN_CODES)
    assert [f["code"] for f in vocabulary["footwear"]] == list(v.FOOTWEAR_CODES)
    assert [p["code"] for p in vocabulary["parts_of_day"]] == list(v.PARTS_OF_DAY)
    # Rules version 2: numbness on one side of the saddle, or of the genitals, is logged
    # on that side; the forefoot is a place of its own.
    saddle = next(r for r in vocabulary["regions"] if r["code"] == "saddle")
    assert saddle["label"] == "Saddle area or genitals"
    assert saddle["sides"] == ["left", "right", "center"]
    assert "forefoot" in [r["code"] for r in vocabulary["regions"]]
    unsided = {s["code"] for s in vocabulary["signs"] if not s["sided"]}
    assert {"fever", "night_pain", "weight_loss"} <= unsided
    assert {h["code"]: h["label"] for h in vocabulary["health_history"]} == v.HEALTH_HISTORY
    assert vocabulary["health_history_prefer_not_to_say"] == v.PREFER_NOT_TO_SAY
    # The phone's red-flag screen is the rules' own definition, not a copy.
    assert vocabulary["red_flag_screen"] == json.loads(json.dumps(rules.screen_definition()))
    # The outbox's batch is the server's sync limit, written once.
    assert vocabulary["sync_max_changes"] == settings.FOOTNOTE_SYNC_MAX_CHANGES
    assert {k["code"]: k["label"] for k in vocabulary["event_kinds"]} == v.EVENT_KINDS
    assert {s["code"]: s["label"] for s in vocabulary["event_sites"]} == v.EVENT_SITES
    # An event's side may be unknown: "" is a choice of its own.
    assert [s["code"] for s in vocabulary["event_sides"]] == [*v.SIDES, ""]


def test_every_region_has_a_place_on_the_body_map() -> None:
    source = (STATIC / "pwa" / "js" / "bodymap.js").read_text()
    drawn = set(re.findall(r'\[\s*"([a-z_]+)"\s*,\s*(?:"(?:left|right|center)"\s*,\s*)?\{', source))
    assert drawn == set(v.REGION_CODES)
    # The places drawn across the middle, each side of them (the legs are mirrored).
    for region in ("lower_back", "saddle"):
        sides = re.findall(rf'\[\s*"{region}"\s*,\s*"(left|right|center)"\s*,\s*\{{', source)
        assert sorted(sides) == sorted(v.region_sides(region)), region


def test_the_manifest_makes_the_app_installable(client: Client) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["display"] == "standalone"
    assert manifest["start_url"].startswith("/")
    assert manifest["name"]
    assert manifest["short_name"]
    assert manifest["theme_color"]
    icons = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in manifest["icons"]}
    assert set(icons) == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for (sizes, _purpose), src in icons.items():
        assert src.startswith("/static/pwa/icons/")
        file = STATIC / src.removeprefix("/static/")
        assert png_size(file) == tuple(int(n) for n in sizes.split("x"))


def test_the_service_worker_is_served_from_the_root_never_from_a_cache(client: Client) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    assert "Service-Worker-Allowed" not in response


def test_the_service_worker_precaches_the_shell_and_every_asset(client: Client) -> None:
    source = client.get("/sw.js").content.decode()
    version = re.search(r'const VERSION = "([0-9a-f]+)"', source)
    assert version
    precache = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", source, re.S).group(1))  # type: ignore[union-attr]
    assert "/" in precache
    assert "/manifest.webmanifest" in precache
    assets = {
        "/static/" + path.relative_to(STATIC).as_posix()
        for path in (STATIC / "pwa").rglob("*")
        if path.is_file()
    }
    assert assets <= set(precache)
    assert "/static/pwa/js/pages/events.js" in precache
    # Modules in folders of their own load offline too (Today's sections).
    assert "/static/pwa/js/today/state.js" in precache
    assert "/static/pwa/js/today/redflag.js" in precache
    # The page keeps its own data: the worker never touches the API.
    assert not any(url.startswith("/api/") for url in precache)
    assert 'url.pathname.startsWith("/api/")' in source


def test_a_changed_asset_changes_the_cache_version(monkeypatch: pytest.MonkeyPatch) -> None:
    before, _ = views._compute_build()
    real_read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        data = real_read(path)
        return data + b"/* changed */" if path.name == "app.css" else data

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    after, _ = views._compute_build()
    assert after != before


def test_the_api_and_admin_are_not_swallowed_by_the_app() -> None:
    assert resolve("/").view_name == "pwa:shell"
    assert resolve("/sw.js").view_name == "pwa:service-worker"
    assert not resolve("/api/v1/sync/").view_name.startswith("pwa:")
    assert not resolve("/healthz").view_name.startswith("pwa:")
