from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from journal.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_patient_create


class Command(BaseCommand):
    help = "Create (or recreate) the demo patient with six weeks of entries."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--address",
            default="http://127.0.0.1:8000",
            help="Where the app is served, for the instructions (make run passes HOST and PORT).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        patient = demo_patient_create()
        count = patient.entries.filter(deleted_at__isnull=True).count()
        address = options["address"].rstrip("/")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo patient ready: {count} days logged.\n"
                f"  App:      {address}/  (sign in as {DEMO_USERNAME!r}, "
                f"password {DEMO_PASSWORD!r})\n"
                f"  API docs: {address}/api/docs/\n"
                f"  Token:    curl -s -X POST {address}/api/v1/auth/token/ "
                f"-H 'Content-Type: application/json' "
                f'-d \'{{"username": "{DEMO_USERNAME}", "password": "{DEMO_PASSWORD}"}}\''
            )
        )
