"""What every export reads: the patient's live entries and events, in the API's shape."""

from __future__ import annotations

from typing import Any

from journal import selectors
from journal.models import Patient


def all_entries(patient: Patient) -> list[dict[str, Any]]:
    rows = (
        selectors.patient_live_entries(patient=patient)
        .order_by("date")
        .values_list(*selectors.ENTRY_COLUMNS)
    )
    return selectors.entry_rows_as_dicts(rows)


def all_events(patient: Patient) -> list[dict[str, Any]]:
    return [
        {
            **event,
            "id": str(event["id"]),
            "date": event["date"].isoformat(),
            "side": event["side"] or None,
        }
        for event in selectors.patient_events(patient=patient)
        .order_by("date", "created_at")
        .values("id", "kind", "site", "side", "date", "notes")
    ]
