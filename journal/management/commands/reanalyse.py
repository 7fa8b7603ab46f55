"""`manage.py reanalyse`: bring every patient's flags to the current rules at once.

Run it on deploy of a new `RULE_VERSION` (rules.md): each flag then carries the version
that wrote it. By default it analyses here, chunk by chunk, with the same bulk loads as
the nightly sweep; `--fan-out` queues the chunks on Celery instead, for the workers.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from journal import analysis, rules, tasks


class Command(BaseCommand):
    help = "Re-analyse every patient with entries under the current rules."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fan-out",
            action="store_true",
            help="Queue the chunks on Celery instead of analysing in this process.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["fan_out"]:
            queued = tasks.reanalysis_fan_out()
            self.stdout.write(f"Queued {queued} patients for rules {rules.RULE_VERSION}.")
            return
        started = time.perf_counter()
        done = 0
        patient_ids = analysis.patients_with_entries()
        while chunk := list(itertools.islice(patient_ids, analysis.CHUNK_SIZE)):
            done += analysis.flags_recompute_for_patients(patient_ids=chunk)
            if options["verbosity"] > 1:
                self.stdout.write(f"  {done} patients analysed")
        seconds = time.perf_counter() - started
        rate = f", {done / seconds:,.0f} patients a second" if done and seconds > 0 else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Re-analysed {done} patients under rules {rules.RULE_VERSION} in "
                f"{seconds:.1f} s{rate}."
            )
        )
