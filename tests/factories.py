"""factory_boy factories for the journal's models."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import factory
from django.contrib.auth.models import User

from journal.models import Entry, Event, Patient, Sign, Symptom

PASSWORD = "a long and private passphrase"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"patient{n}")
    password = factory.django.Password(PASSWORD)


class PatientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patient

    user = factory.SubFactory(UserFactory)
    display_name = factory.Faker("first_name")
    timezone = "Europe/Athens"


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    id = factory.LazyFunction(uuid.uuid4)
    patient = factory.SubFactory(PatientFactory)
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))


class SymptomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Symptom

    entry = factory.SubFactory(EntryFactory)
    region = "sole"
    side = "left"
    pain = 5


class SignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sign

    entry = factory.SubFactory(EntryFactory)
    code = "tripping"
    side = "left"
    count = 1


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    patient = factory.SubFactory(PatientFactory)
    kind = "trauma"
    site = "ankle"
    side = "left"
    date = datetime.date(2026, 1, 1)


def entry_body(date: datetime.date | str, **overrides: Any) -> dict[str, Any]:
    """A valid entry as a client sends it."""
    body: dict[str, Any] = {
        "date": str(date),
        "symptoms": [
            {
                "region": "sole",
                "side": "left",
                "pain": 6,
                "numbness": True,
                "tingling": False,
                "qualities": ["burning"],
            },
            {"region": "calf", "side": "left", "pain": 4},
        ],
        "signs": [{"code": "tripping", "side": "left", "count": 2}],
        "footwear": ["high_heels"],
        "sitting_hours": 7.5,
        "walking_minutes": 20,
        "walking_brings_leg_pain": False,
        "sitting_relieves_leg_pain": False,
        "medications": [{"name": "ibuprofen", "dose": "400 mg", "times": 2}],
        "sleep_quality": 6,
        "notes": "Worse after the wedding",
    }
    body.update(overrides)
    return body
