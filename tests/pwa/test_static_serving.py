"""Static files as `make serve` sends them: fingerprinted, compressed, imports rewritten.

collectstatic runs once with the production storage (config/static_storage.py) into a
temporary STATIC_ROOT; the checks read what it wrote and ask whitenoise for it, as a
phone would after a deploy.
"""

from __future__ import annotations

import datetime
import gzip
import json
import os
import posixpath
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import brotli
import pytest
from django.test import Client, override_settings

from pwa import views
from tests.factories import EntryFactory

if TYPE_CHECKING:
    from rest_framework.test import APIClient

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "pwa" / "static"
# Django's and the API docs' own files are collected the same way; only their number
# makes collectstatic slower, so the test leaves them out.
VENDOR = ("admin", "rest_framework", "drf_spectacular_sidecar")
HASHED = re.compile(r"\.[0-9a-f]{12}\.")
YEAR = 365 * 24 * 3600
# Every relative import of a module: static (`from "./x.js"`, `import "./x.js"`) and
# dynamic (`import("./pages/x.js")`).
IMPORT = re.compile(
    r"""(?:\bfrom\s*["'](?P<from>\.{1,2}/[^"']+)["'])"""
    r"""|(?:\bimport\s*["'](?P<bare>\.{1,2}/[^"']+)["'])"""
    r"""|(?:\bimport\(\s*["'](?P<dynamic>[^"']+)["']\s*\))"""
)


def imports_of(source: str) -> list[str]:
    return [
        m.group("from") or m.group("bare") or m.group("dynamic") for m in IMPORT.finditer(source)
    ]


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("static")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "FOOTNOTE_QUIET": "1",
        "FOOTNOTE_STATIC_MANIFEST": "1",
        "DEBUG": "0",
        "STATIC_ROOT": str(root),
    }
    ignore = [arg for name in VENDOR for arg in ("-i", name)]
    done = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0", *ignore],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture(scope="module")
def manifest(collected: Path) -> dict[str, str]:
    paths: dict[str, str] = json.loads((collected / "staticfiles.json").read_text())["paths"]
    return paths


@pytest.fixture
def served(collected: Path) -> Iterator[Client]:
    """A client of the app with production's static storage and no DEBUG."""
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "config.static_storage.AppStaticFilesStorage"},
    }
    with override_settings(
        DEBUG=False, STATIC_ROOT=collected, STORAGES=storages, WHITENOISE_USE_FINDERS=False
    ):
        views._cached_build.cache_clear()
        views._cached_module_preloads.cache_clear()
        try:
            yield Client()
        finally:
            views._cached_build.cache_clear()
            views._cached_module_preloads.cache_clear()


def test_every_module_imports_the_fingerprinted_files(
    collected: Path, manifest: dict[str, str]
) -> None:
    modules = sorted(p.relative_to(SOURCE).as_posix() for p in SOURCE.rglob("*.js"))
    checked = 0
    dynamic = 0
    for name in modules:
        source_imports = imports_of((SOURCE / name).read_text())
        hashed_name = manifest[name]
        assert HASHED.search(hashed_name), hashed_name
        served_imports = imports_of((collected / hashed_name).read_text())
        assert len(served_imports) == len(source_imports), name
        directory = posixpath.dirname(name)
        for plain, rewritten in zip(source_imports, served_imports, strict=True):
            target = posixpath.normpath(posixpath.join(directory, plain))
            expected = posixpath.relpath(manifest[target], directory)
            assert posixpath.normpath(posixpath.join(directory, rewritten)) == manifest[target], (
                f"{name} imports {plain} as {rewritten}, not {expected}"
            )
            assert (collected / manifest[target]).is_file()
            checked += 1
        dynamic += len(re.findall(r"\bimport\(", (SOURCE / name).read_text()))
    # The app's modules import each other many times; the router loads each page with
    # import(), and those are rewritten too.
    assert checked > 100
    assert dynamic >= 8


def test_fingerprinted_files_are_sent_compressed_and_cached_for_a_year(
    served: Client, collected: Path, manifest: dict[str, str]
) -> None:
    url = f"/static/{manifest['pwa/js/app.js']}"
    plain = (collected / manifest["pwa/js/app.js"]).read_bytes()

    as_brotli = served.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert as_brotli.status_code == 200
    assert as_brotli["Content-Encoding"] == "br"
    assert brotli.decompress(b"".join(as_brotli.streaming_content)) == plain  # type: ignore[attr-defined]
    cache = as_brotli["Cache-Control"]
    assert "immutable" in cache
    assert int(re.search(r"max-age=(\d+)", cache).group(1)) >= YEAR  # type: ignore[union-attr]
    assert "Accept-Encoding" in as_brotli["Vary"]

    as_gzip = served.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert as_gzip["Content-Encoding"] == "gzip"
    body = gzip.decompress(b"".join(as_gzip.streaming_content))  # type: ignore[attr-defined]
    assert body == plain
    assert len(b"".join(served.get(url, HTTP_ACCEPT_ENCODING="br").streaming_content)) < len(  # type: ignore[attr-defined]
        plain
    )

    css = served.get(f"/static/{manifest['pwa/css/app.css']}", HTTP_ACCEPT_ENCODING="br")
    assert css["Content-Encoding"] == "br"


def test_the_shell_and_the_worker_name_the_served_files(
    served: Client, manifest: dict[str, str]
) -> None:
    shell = served.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert shell["Content-Encoding"] == "gzip"
    html = gzip.decompress(shell.content).decode()
    assert f'<script type="module" src="/static/{manifest["pwa/js/app.js"]}">' in html
    assert f'href="/static/{manifest["pwa/css/app.css"]}"' in html
    # What app.js imports is preloaded by its hashed name.
    preloads = re.findall(r'<link rel="modulepreload" href="([^"]+)">', html)
    assert f"/static/{manifest['pwa/js/ui.js']}" in preloads
    assert all(HASHED.search(url) for url in preloads)

    worker = served.get("/sw.js").content.decode()
    precache = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", worker, re.S).group(1))  # type: ignore[union-attr]
    app_files = sorted(
        p.relative_to(SOURCE).as_posix() for p in (SOURCE / "pwa").rglob("*") if p.is_file()
    )
    assert [u for u in precache if u.startswith("/static/")] == [
        f"/static/{manifest[name]}" for name in app_files
    ]
    for url in precache:
        if url.startswith("/static/"):
            response = served.get(url)
            assert response.status_code == 200, url


def test_api_answers_are_compressed_and_downloads_are_not(
    served: Client, patient_client: tuple[Any, APIClient]
) -> None:
    patient, client = patient_client
    today = datetime.date(2026, 11, 2)
    for offset in range(10):
        EntryFactory(patient=patient, date=today - datetime.timedelta(days=offset))
    plain = client.get("/api/v1/entries/")
    assert plain.status_code == 200
    assert plain.get("Content-Encoding") is None
    packed = client.get("/api/v1/entries/", HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(packed.content)) == plain.json()
    assert len(packed.content) < len(plain.content)
    # A file the patient downloads goes as it is (it is saved, not read, by the app).
    export = client.get("/api/v1/export/?format=json", HTTP_ACCEPT_ENCODING="gzip")
    assert export.status_code == 200
    assert "attachment" in export["Content-Disposition"]
    assert export.get("Content-Encoding") is None
