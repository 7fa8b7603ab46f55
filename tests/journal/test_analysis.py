"""Flags from the journal: storage, resolution, recurrence, the urgent write path, the
requests that coalesce, and the flags API."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.utils import timezone

from journal import analysis, analysis_requests, services
from journal.models import Flag, FlagChange, Patient
from journal.tasks import nightly_analysis, sweep_pending_analyses
from tests.factories import EntryFactory, EventFactory, PatientFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

TODAY = datetime.date(2026, 11, 20)


def sciatica_day(date: datetime.date, **overrides: Any) -> dict[str, Any]:
    day: dict[str, Any] = {
        "date": date,
        "symptoms": [
            {
                "region": "thigh_back",
                "side": "left",
                "pain": 6,
                "numbness": False,
                "tingling": True,
                "qualities": [],
                "part_of_day": "",
            },
            {
                "region": "calf",
                "side": "left",
                "pain": 5,
                "numbness": True,
                "tingling": False,
                "qualities": [],
                "part_of_day": "",
            },
            {
                "region": "sole",
                "side": "left",
                "pain": 4,
                "numbness": True,
                "tingling": False,
                "qualities": [],
                "part_of_day": "",
            },
        ],
        "signs": [],
        "footwear": [],
        "sitting_hours": None,
        "walking_minutes": None,
        "walking_brings_leg_pain": False,
        "sitting_relieves_leg_pain": False,
        "standing_still_relieves_leg_pain": False,
        "medications": [],
        "sleep_quality": None,
        "notes": "",
    }
    day.update(overrides)
    return day


def quiet_day(date: datetime.date) -> dict[str, Any]:
    return sciatica_day(date, symptoms=[])


def write_days(patient: Patient, days: list[dict[str, Any]]) -> services.ApplyOutcome:
    """Write as a request would, running what the commit triggers (the eager analysis)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.entries_apply_changes(
            patient=patient,
            changes=[services.Upsert(uuid.uuid4(), day, None) for day in days],
        )


def flags_of(patient: Patient) -> dict[tuple[str, str], Flag]:
    return {(f.code, f.side): f for f in Flag.objects.filter(patient=patient)}


@pytest.fixture
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC), tick=False):
        yield TODAY


def test_a_left_sciatica_journal_raises_sciatica_and_s1_flags_with_evidence(frozen_today):
    patient = PatientFactory()
    write_days(patient, [sciatica_day(TODAY - datetime.timedelta(days=n)) for n in range(5)])

    flags = flags_of(patient)

    assert {("sciatica", "left"), ("s1_pattern", "left")} <= set(flags)
    sciatica = flags[("sciatica", "left")]
    assert sciatica.status == "active"
    assert sciatica.evidence_dates == [
        (TODAY - datetime.timedelta(days=n)).isoformat() for n in range(4, -1, -1)
    ]
    assert sciatica.last_evidence_on == TODAY
    assert sciatica.rule_version
    assert patient.__class__.objects.get(pk=patient.pk).analysis_requested_at is None


def test_reanalysis_updates_evidence_without_duplicating_or_adding_history(frozen_today):
    patient = PatientFactory()
    write_days(patient, [sciatica_day(TODAY - datetime.timedelta(days=n)) for n in range(4)])
    before = {key: (f.pk, f.evidence_dates) for key, f in flags_of(patient).items()}
    history = FlagChange.objects.count()

    analysis.flags_recompute_for_patients(patient_ids=[patient.pk])
    analysis.flags_recompute_for_patients(patient_ids=[patient.pk])

    after = {key: (f.pk, f.evidence_dates) for key, f in flags_of(patient).items()}
    assert after == before
    assert FlagChange.objects.count() == history


def test_the_database_refuses_a_second_flag_for_the_same_code_and_side(frozen_today):
    patient = PatientFactory()
    write_days(patient, [sciatica_day(TODAY - datetime.timedelta(days=n)) for n in range(4)])
    flag = Flag.objects.get(patient=patient, code="sciatica")
    flag.pk = None
    flag.id = uuid.uuid4()
    with pytest.raises(IntegrityError), transaction.atomic():
        flag.save(force_insert=True)


def test_a_pattern_that_no_longer_holds_resolves_and_a_recurrence_reactivates_it():
    patient = PatientFactory()
    start = datetime.date(2026, 10, 1)
    with time_machine.travel(datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC), tick=False):
        write_days(patient, [sciatica_day(start + datetime.timedelta(days=n)) for n in range(4)])
        assert flags_of(patient)[("sciatica", "left")].status == "active"

        # Two quiet weeks later the window holds no sciatica days.
        write_days(patient, [quiet_day(start + datetime.timedelta(days=20 + n)) for n in range(5)])
        flag = flags_of(patient)[("sciatica", "left")]
        assert flag.status == "resolved"

        write_days(
            patient, [sciatica_day(start + datetime.timedelta(days=30 + n)) for n in range(4)]
        )
        flag = flags_of(patient)[("sciatica", "left")]
        assert flag.status == "active"
        assert flag.first_detected_on == start + datetime.timedelta(days=30)
    statuses = list(
        FlagChange.objects.filter(flag=flag).order_by("at", "id").values_list("status", flat=True)
    )
    assert statuses == ["active", "resolved", "active"]


def test_saddle_numbness_is_flagged_inside_the_write_and_returned_as_an_alert(frozen_today):
    patient = PatientFactory()
    day = sciatica_day(
        TODAY,
        symptoms=[
            {
                "region": "saddle",
                "side": "center",
                "pain": 1,
                "numbness": True,
                "tingling": False,
                "qualities": [],
                "part_of_day": "",
            }
        ],
    )
    outcome = write_days(patient, [day])

    (alert,) = outcome.alerts
    flag = Flag.objects.get(patient=patient, code="cauda_equina_red_flag")
    assert alert["id"] == str(flag.pk)
    assert alert["severity"] == "urgent"
    assert "emergency" in alert["explanation"].lower()


def test_a_red_flag_day_older_than_the_window_raises_no_alert_now(frozen_today):
    saddle = [
        {
            "region": "saddle",
            "side": "center",
            "pain": 1,
            "numbness": True,
            "tingling": False,
            "qualities": [],
            "part_of_day": "",
        }
    ]
    patient = PatientFactory()
    old = write_days(patient, [sciatica_day(TODAY - datetime.timedelta(days=14), symptoms=saddle)])
    recent = write_days(
        patient, [sciatica_day(TODAY - datetime.timedelta(days=13), symptoms=saddle)]
    )
    assert old.alerts == []
    assert [alert["code"] for alert in recent.alerts] == ["cauda_equina_red_flag"]


def test_an_ordinary_day_raises_no_alert(frozen_today):
    outcome = write_days(PatientFactory(), [sciatica_day(TODAY)])
    assert outcome.alerts == []


def test_a_rolled_back_write_leaves_no_mark_and_no_flag(
    frozen_today, django_capture_on_commit_callbacks
):
    patient = PatientFactory()

    def write_then_fail() -> None:
        with transaction.atomic():
            services.entries_apply_changes(
                patient=patient,
                changes=[services.Upsert(uuid.uuid4(), sciatica_day(TODAY), None)],
            )
            raise RuntimeError("the request failed after the write")

    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError):
        write_then_fail()
    assert callbacks == []
    patient.refresh_from_db()
    assert patient.analysis_requested_at is None
    assert not Flag.objects.filter(patient=patient).exists()


def test_a_burst_of_writes_enqueues_one_analysis(
    frozen_today, django_capture_on_commit_callbacks, monkeypatch
):
    enqueued: list[uuid.UUID] = []
    monkeypatch.setattr(
        analysis_requests, "analysis_enqueue", lambda *, patient_id: enqueued.append(patient_id)
    )
    patient = PatientFactory()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for n in range(20):
            services.entries_apply_changes(
                patient=patient,
                changes=[
                    services.Upsert(
                        uuid.uuid4(), sciatica_day(TODAY - datetime.timedelta(days=n)), None
                    )
                ],
            )
    assert enqueued == [patient.pk]


def test_a_write_during_an_analysis_keeps_the_patient_marked(frozen_today, monkeypatch):
    patient = PatientFactory()
    write_days(patient, [sciatica_day(TODAY)])
    Patient.objects.filter(pk=patient.pk).update(analysis_requested_at=timezone.now())
    real_load = analysis.analysis_inputs_load

    def load_then_write(**kwargs: Any) -> Any:
        inputs = real_load(**kwargs)
        Patient.objects.filter(pk=patient.pk).update(analysis_generation=999)
        return inputs

    monkeypatch.setattr(analysis, "analysis_inputs_load", load_then_write)
    analysis.flags_recompute_for_patients(patient_ids=[patient.pk])
    assert analysis.patients_still_pending(patient_ids=[patient.pk]) == [patient.pk]


def test_analysis_input_loads_in_a_constant_number_of_queries(django_assert_num_queries):
    patients = [PatientFactory() for _ in range(3)]
    for patient in patients:
        for n in range(10):
            EntryFactory(patient=patient, date=TODAY - datetime.timedelta(days=n))
        EventFactory(patient=patient, date=TODAY - datetime.timedelta(days=3))
    with django_assert_num_queries(5):
        inputs = analysis.analysis_inputs_load(patient_ids=[p.pk for p in patients])
    assert all(len(inputs[p.pk].entries) == 10 and len(inputs[p.pk].events) == 1 for p in patients)


def test_the_sweep_takes_only_marks_that_waited_too_long(frozen_today):
    stale, fresh = PatientFactory(), PatientFactory()
    for patient in (stale, fresh):
        EntryFactory(patient=patient, date=TODAY)
    Patient.objects.filter(pk=stale.pk).update(
        analysis_requested_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    Patient.objects.filter(pk=fresh.pk).update(analysis_requested_at=timezone.now())

    assert sweep_pending_analyses() == 1
    assert analysis.patients_still_pending(patient_ids=[stale.pk, fresh.pk]) == [fresh.pk]


def test_the_nightly_run_covers_patients_with_recent_entries_only(frozen_today):
    recent, dormant = PatientFactory(), PatientFactory()
    EntryFactory(patient=recent, date=TODAY - datetime.timedelta(days=2))
    EntryFactory(patient=dormant, date=TODAY - datetime.timedelta(days=90))
    assert nightly_analysis() == 1


# --- The flags API --------------------------------------------------------------------


def test_flags_list_puts_urgent_first_and_filters_by_status(frozen_today, patient_client):
    patient, client = patient_client
    days = [sciatica_day(TODAY - datetime.timedelta(days=n)) for n in range(1, 5)]
    days.append(sciatica_day(TODAY, signs=[{"code": "bladder_change", "side": "", "count": None}]))
    write_days(patient, days)

    answer = client.get("/api/v1/flags/")
    assert answer.status_code == 200
    codes = [flag["code"] for flag in answer.json()["results"]]
    assert codes[0] == "cauda_equina_red_flag"
    assert "sciatica" in codes
    first = answer.json()["results"][0]
    assert first["side"] is None and first["evidence"]["dates"] == [TODAY.isoformat()]

    assert client.get("/api/v1/flags/?status=resolved").json()["results"] == []
    assert client.get("/api/v1/flags/?status=nonsense").status_code == 400


def test_acknowledging_a_flag_keeps_it_and_records_history(frozen_today, patient_client):
    patient, client = patient_client
    write_days(patient, [sciatica_day(TODAY - datetime.timedelta(days=n)) for n in range(4)])
    flag = Flag.objects.get(patient=patient, code="sciatica")

    answer = client.post(f"/api/v1/flags/{flag.pk}/acknowledge/")

    assert answer.status_code == 200
    assert answer.json()["status"] == "acknowledged"
    analysis.flags_recompute_for_patients(patient_ids=[patient.pk])
    flag.refresh_from_db()
    assert flag.status == "acknowledged"
    assert FlagChange.objects.filter(flag=flag, status="acknowledged").count() == 1


def test_another_patients_flag_is_a_404(frozen_today, make_patient):
    owner, _ = make_patient()
    _, intruder = make_patient()
    write_days(owner, [sciatica_day(TODAY - datetime.timedelta(days=n)) for n in range(4)])
    flag = Flag.objects.get(patient=owner, code="sciatica")

    assert intruder.post(f"/api/v1/flags/{flag.pk}/acknowledge/").status_code == 404
    assert intruder.get("/api/v1/flags/").json()["results"] == []
    flag.refresh_from_db()
    assert flag.status == "active"


def test_recompute_is_accepted_and_runs_the_analysis(frozen_today, patient_client):
    patient, client = patient_client
    for n in range(4):
        EntryFactory(patient=patient, date=TODAY - datetime.timedelta(days=n))
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = client.post("/api/v1/flags/recompute/")
    assert answer.status_code == 202
    patient.refresh_from_db()
    assert patient.analysis_requested_at is None  # eager mode: it already ran
