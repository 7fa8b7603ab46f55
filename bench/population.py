"""A generated population for the benchmarks, written with PostgreSQL's COPY.

Patients with 30 days each, most with a few everyday aches and a share with a one-sided
radiating pattern, so the rules have real work to do. Kept between runs: regenerated only
when the size or the recipe changes.
"""

from __future__ import annotations

import datetime
import json
import random
import uuid

from django.db import connection

RECIPE = "population/2"
DAYS = 30


def _marker() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_marker (recipe text, patients int)")
        cursor.execute("SELECT recipe || ':' || patients FROM bench_marker")
        row = cursor.fetchone()
    return row[0] if row else None


def population_ensure(*, patients: int, today: datetime.date) -> list[uuid.UUID]:
    """Return the ids of `patients` generated patients, creating them if needed."""
    from journal.models import Patient

    if _marker() != f"{RECIPE}:{patients}":
        _generate(patients=patients, today=today)
    return list(
        Patient.objects.filter(user__username__startswith="bench-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _generate(*, patients: int, today: datetime.date) -> None:
    rng = random.Random(2026)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE journal_sign, journal_symptom, journal_entry, journal_event, "
            "journal_flagchange, journal_flag, journal_accesstoken, journal_loginsession, "
            "reports_shareaccess, reports_share, reports_report, journal_patient, auth_user "
            "RESTART IDENTITY CASCADE"
        )
        cursor.execute("DELETE FROM bench_marker")
    raw = connection.connection  # the psycopg connection behind Django's
    now = datetime.datetime.now(datetime.UTC)
    patient_rows, entry_rows, symptom_rows, sign_rows, event_rows = [], [], [], [], []
    for number in range(1, patients + 1):
        patient_id = uuid.uuid4()
        patient_rows.append((number, patient_id))
        radiating = rng.random() < 0.25
        side = rng.choice(("left", "right"))
        for offset in range(DAYS):
            if rng.random() < 0.1:
                continue
            entry_id = uuid.uuid4()
            date = today - datetime.timedelta(days=offset)
            heels = rng.random() < 0.1
            entry_rows.append(
                (
                    entry_id,
                    patient_id,
                    date,
                    json.dumps(["high_heels"] if heels else ["regular"]),
                    rng.random() < 0.05,
                    rng.random() < 0.05,
                )
            )
            regions = ["lower_back"] if rng.random() < 0.5 else []
            if radiating:
                regions += rng.sample(["buttock", "thigh_back", "calf", "foot_outer", "sole"], 3)
            else:
                regions += rng.sample(
                    ["knee", "heel", "foot_top", "ankle_inner", "calf"], rng.randint(0, 2)
                )
            for region in regions:
                region_side = "center" if region == "lower_back" else side
                symptom_rows.append(
                    (
                        entry_id,
                        region,
                        region_side,
                        rng.randint(1, 8),
                        radiating and rng.random() < 0.5,
                        rng.random() < 0.2,
                    )
                )
            if radiating and rng.random() < 0.1:
                sign_rows.append((entry_id, "toe_stand_difficulty", side))
        if rng.random() < 0.05:
            event_rows.append(
                (
                    uuid.uuid4(),
                    patient_id,
                    "trauma",
                    "ankle",
                    side,
                    today - datetime.timedelta(days=rng.randint(5, 40)),
                )
            )
    with raw.cursor() as cursor:
        with cursor.copy(
            "COPY auth_user (id, password, is_superuser, username, first_name, last_name, "
            "email, is_staff, is_active, date_joined) FROM STDIN"
        ) as copy:
            for number, _ in patient_rows:
                copy.write_row(
                    (number, "!", False, f"bench-{number}", "", "", "", False, True, now)
                )
        with cursor.copy(
            "COPY journal_patient (id, user_id, display_name, timezone, change_seq, "
            "analysis_generation, created_at) FROM STDIN"
        ) as copy:
            for number, patient_id in patient_rows:
                copy.write_row((patient_id, number, f"Bench {number}", "UTC", 0, 0, now))
        with cursor.copy(
            "COPY journal_entry (id, patient_id, date, footwear, walking_brings_leg_pain, "
            "sitting_relieves_leg_pain, medications, notes, version, change_seq, created_at, "
            "updated_at) FROM STDIN"
        ) as copy:
            for row in entry_rows:
                copy.write_row((*row, "[]", "", 1, 1, now, now))
        with cursor.copy(
            "COPY journal_symptom (entry_id, region, side, pain, numbness, tingling, "
            "part_of_day, qualities) FROM STDIN"
        ) as copy:
            for row in symptom_rows:
                copy.write_row((*row, "", "[]"))
        with cursor.copy("COPY journal_sign (entry_id, code, side) FROM STDIN") as copy:
            for row in sign_rows:
                copy.write_row(row)
        with cursor.copy(
            "COPY journal_event (id, patient_id, kind, site, side, date, notes, created_at, "
            "updated_at) FROM STDIN"
        ) as copy:
            for row in event_rows:
                copy.write_row((*row, "", now, now))
        cursor.execute("SELECT setval('auth_user_id_seq', %s)", (patients + 1,))
        cursor.execute("INSERT INTO bench_marker VALUES (%s, %s)", (RECIPE, patients))
    raw.commit()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
