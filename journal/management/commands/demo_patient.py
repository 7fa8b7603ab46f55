from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from journal.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_patient_create


class Command(BaseCommand):
    help = "Create (or recreate) the demo patient with six weeks of entries."

    def handle(self, *args: Any, **options: Any) -> None:
        patient = demo_patient_create()
        count = patient.entries.filter(deleted_at__isnull=True).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo patient ready: {count} days logged.\n"
                f"  App:      http://127.0.0.1:8000/  (sign in as {DEMO_USERNAME!r}, "
                f"password {DEMO_PASSWORD!r})\n"
                f"  API docs: http://127.0.0.1:8000/api/docs/\n"
                f"  Token:    curl -s -X POST http://127.0.0.1:8000/api/v1/auth/token/ "
                f"-H 'Content-Type: application/json' "
                f'-d \'{{"username": "{DEMO_USERNAME}", "password": "{DEMO_PASSWORD}"}}\''
            )
        )
