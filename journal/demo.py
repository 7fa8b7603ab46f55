"""A demo journal: six weeks of a left S1 sciatica that builds up, with a few high-heel days.

Written through the same service as the API, so the demo exercises the real write path.
"""

from __future__ import annotations

import datetime
import random
import uuid
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from journal import account_services, services
from journal.entry_batch import Change, Upsert
from journal.local_dates import today_in_zone
from journal.models import Patient

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "footnote-demo"  # noqa: S105 (a demo account on a laptop, printed by make run)
DEMO_TIMEZONE = "Europe/Athens"
DEMO_DAYS = 42


def _day(date: datetime.date, progress: float, rng: random.Random, heels: bool) -> dict[str, Any]:
    """One day of the story; `progress` goes from 0 (first day) to 1 (today)."""
    base = 2 + round(5 * progress)
    symptoms: list[dict[str, Any]] = [
        {
            "region": "lower_back",
            "side": "center",
            "pain": max(2, base - 1 + rng.randint(-1, 1)),
            "numbness": False,
            "tingling": False,
            "qualities": ["aching"],
            "part_of_day": "",
        },
        {
            "region": "buttock",
            "side": "left",
            "pain": max(1, base - 1 + rng.randint(-1, 1)),
            "numbness": False,
            "tingling": False,
            "qualities": ["aching"],
            "part_of_day": "",
        },
    ]
    if progress > 0.2:
        symptoms.append(
            {
                "region": "thigh_back",
                "side": "left",
                "pain": max(2, base + rng.randint(-1, 1)),
                "numbness": False,
                "tingling": progress > 0.5,
                "qualities": ["shooting"],
                "part_of_day": "",
            }
        )
    if progress > 0.35:
        symptoms.append(
            {
                "region": "calf",
                "side": "left",
                "pain": max(2, base + rng.randint(-1, 0)),
                "numbness": False,
                "tingling": True,
                "qualities": ["electric"],
                "part_of_day": "",
            }
        )
    if progress > 0.45:
        symptoms.append(
            {
                "region": "foot_outer",
                "side": "left",
                "pain": max(2, base - 1 + (2 if heels else 0)),
                "numbness": True,
                "tingling": False,
                "qualities": ["burning"],
                "part_of_day": "",
            }
        )
        symptoms.append(
            {
                "region": "sole",
                "side": "left",
                "pain": max(2, base - 2 + (3 if heels else 0)),
                "numbness": progress > 0.6,
                "tingling": False,
                "qualities": [],
                "part_of_day": "",
            }
        )
    if rng.random() < 0.15:
        symptoms.append(
            {
                "region": "knee",
                "side": "right",
                "pain": 2,
                "numbness": False,
                "tingling": False,
                "qualities": ["aching"],
                "part_of_day": "",
            }
        )
    signs = []
    if progress > 0.7 and rng.random() < 0.5:
        signs.append({"code": "toe_stand_difficulty", "side": "left", "count": None})
    notes = ""
    if heels:
        notes = "Wore heels to work; the outer edge of my left foot burned all evening."
    elif progress > 0.8 and rng.random() < 0.4:
        notes = "Shooting pain down the back of the left leg when I cough or sit long."
    return {
        "date": date,
        "symptoms": symptoms,
        "signs": signs,
        "footwear": ["high_heels"] if heels else ["regular"],
        "sitting_hours": round(rng.uniform(4, 9) * 2) / 2,
        "walking_minutes": rng.choice([10, 15, 20, 30, 45]),
        "walking_brings_leg_pain": False,
        "sitting_relieves_leg_pain": False,
        "standing_still_relieves_leg_pain": False,
        "medications": [{"name": "ibuprofen", "dose": "400 mg", "times": 2}] if base >= 5 else [],
        "sleep_quality": max(2, 8 - base // 2),
        "notes": notes,
    }


def demo_patient_create(*, seed: int = 7) -> Patient:
    """Replace any previous demo patient with a fresh six-week journal ending today."""
    rng = random.Random(seed)
    with transaction.atomic():
        User.objects.filter(username=DEMO_USERNAME).delete()
        patient, _ = account_services.patient_register(
            username=DEMO_USERNAME, password=DEMO_PASSWORD, timezone_name=DEMO_TIMEZONE
        )
        patient.display_name = "Demo Patient"
        patient.birth_year = 1978
        patient.save(update_fields=["display_name", "birth_year"])
        today = today_in_zone(DEMO_TIMEZONE)
        heel_days = {today - datetime.timedelta(days=n) for n in (3, 9, 16, 24, 31)}
        changes: list[Change] = []
        for offset in range(DEMO_DAYS - 1, -1, -1):
            date = today - datetime.timedelta(days=offset)
            if offset not in (0, 1) and rng.random() < 0.1:
                continue  # people miss days; the rules must cope
            progress = (DEMO_DAYS - 1 - offset) / (DEMO_DAYS - 1)
            content = _day(date, progress, rng, heels=date in heel_days)
            changes.append(Upsert(entry_id=uuid.uuid4(), content=content, expected_version=None))
        services.entries_apply_changes(patient=patient, changes=changes)
    return patient
