"""The rules are pure Python: importing and running them loads nothing from Django."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """
import datetime, json, sys
import journal.rules as rules
entry = rules.DayEntry(
    datetime.date(2026, 11, 20),
    symptoms=(rules.SymptomReading("saddle", "center", 0, True, False),),
)
findings = rules.analyse([entry], []) + rules.urgent_findings([entry])
print(json.dumps({"modules": sorted(sys.modules), "codes": [f.code for f in findings]}))
"""


def test_importing_and_running_the_rules_loads_no_django_module() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "", "PYTHONPATH": str(ROOT)},
    )
    report = json.loads(result.stdout)
    assert report["codes"] == ["cauda_equina_red_flag", "cauda_equina_red_flag"]
    frameworks = [
        name
        for name in report["modules"]
        if name.split(".")[0] in {"django", "rest_framework", "celery"}
    ]
    assert frameworks == []
