"""Run Python in a fresh interpreter, without Django's settings, to see what it imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORKS = frozenset({"django", "rest_framework", "celery"})


def run_fresh(program: str) -> Any:
    """Run `program` in a new interpreter at the project's root and answer the JSON it
    prints last."""
    result = subprocess.run(
        [sys.executable, "-c", program],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "", "PYTHONPATH": str(ROOT)},
    )
    return json.loads(result.stdout)


def frameworks_in(modules: list[str]) -> list[str]:
    """The framework modules (Django, DRF, Celery) among these module names."""
    return [name for name in modules if name.split(".")[0] in FRAMEWORKS]
