"""`manage.py load_questionnaires [FILE ...]`: offer FHIR R4 Questionnaires to patients.

Without files it (re)loads the instruments Footnote ships (`journal/instruments/`). A
clinic that holds a licence for a validated instrument (Roland-Morris, Oswestry) writes
it as a Questionnaire JSON file with Footnote's scoring extension and loads it here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from journal.questionnaire_engine import InstrumentError
from journal.questionnaire_services import SHIPPED, instruments_load


class Command(BaseCommand):
    help = "Load FHIR R4 Questionnaire files (default: the instruments Footnote ships)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        files = options["files"] or sorted(SHIPPED.glob("*.json"))
        try:
            loaded = instruments_load(files)
        except InstrumentError as error:
            raise CommandError(str(error)) from error
        for instrument in loaded:
            self.stdout.write(
                f"Loaded {instrument.title} (v{instrument.version}), offered every "
                f"{instrument.interval_days} days as '{instrument.fhir_id}'."
            )
