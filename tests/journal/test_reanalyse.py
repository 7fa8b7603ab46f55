"""Bringing every patient to a new rule version (rules.md, "Lifecycle"): at once with
`manage.py reanalyse`, and by the nightly sweep for anyone whose flags an older version
wrote, even without a recent entry."""

from __future__ import annotations

import datetime
import io
import uuid

import pytest
from django.core.management import call_command

from journal import rules, services
from journal.models import Flag, Patient
from journal.tasks import nightly_analysis
from tests.factories import PatientFactory
from tests.journal.test_analysis import sciatica_day

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def journal_of_old_days(patient: Patient, last: datetime.date) -> None:
    """Four days of left sciatica ending long ago, analysed under an 'older' version."""
    services.entries_apply_changes(
        patient=patient,
        changes=[
            services.Upsert(uuid.uuid4(), sciatica_day(last - datetime.timedelta(days=n)), None)
            for n in range(4)
        ],
    )
    call_command("reanalyse", stdout=io.StringIO())
    Flag.objects.filter(patient=patient).update(rule_version="2026.11.1")


def test_reanalyse_brings_every_patient_to_the_current_rules() -> None:
    patients = [PatientFactory() for _ in range(3)]
    for patient in patients:
        journal_of_old_days(patient, datetime.date(2026, 1, 10))
    out = io.StringIO()

    call_command("reanalyse", stdout=out)

    assert "Re-analysed 3 patients" in out.getvalue()
    versions = set(Flag.objects.values_list("rule_version", flat=True))
    assert versions == {rules.RULE_VERSION}
    assert Flag.objects.filter(code="sciatica", status="active").count() == 3


def test_the_nightly_sweep_takes_patients_whose_flags_an_older_version_wrote() -> None:
    outdated, current, quiet = PatientFactory(), PatientFactory(), PatientFactory()
    journal_of_old_days(current, datetime.date(2026, 1, 10))
    journal_of_old_days(outdated, datetime.date(2026, 1, 10))  # re-analyses `current` too
    assert Flag.objects.get(patient=current, code="sciatica").rule_version == rules.RULE_VERSION
    services.entries_apply_changes(
        patient=quiet,
        changes=[services.Upsert(uuid.uuid4(), sciatica_day(datetime.date(2026, 1, 3)), None)],
    )

    queued = nightly_analysis()  # eager Celery: the chunks run here

    # Nobody has a recent entry: only the patient with outdated flags is taken.
    assert queued == 1
    assert set(Flag.objects.values_list("rule_version", flat=True)) == {rules.RULE_VERSION}


def test_reanalyse_can_fan_out_to_the_workers() -> None:
    patient = PatientFactory()
    journal_of_old_days(patient, datetime.date(2026, 1, 10))
    out = io.StringIO()

    call_command("reanalyse", "--fan-out", stdout=out)

    assert out.getvalue().startswith("Queued 1 patients")
    assert Flag.objects.get(patient=patient, code="sciatica").rule_version == rules.RULE_VERSION
