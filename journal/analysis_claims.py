"""Claims on queued work as leases kept alive by a heartbeat: the analysis's, and the
generic heartbeat that report generation shares.

A worker that takes work (a patient's pending analysis, a report to draw) claims it with a
compare-and-set that stamps the time, and a thread of the task renews that stamp every
`FOOTNOTE_CLAIM_HEARTBEAT_SECONDS` while the work runs. A stamp older than
`FOOTNOTE_CLAIM_LEASE_SECONDS` means the worker died (kill -9, a lost machine: nothing
acknowledges or gives back its message), and the sweeps queue the work again; a second
delivery while the worker lives finds nothing to claim. Every renewal and the final
write compare the stamp with the one this worker wrote last, so a worker that lost its
lease (it stalled past it and another took over) neither renews nor finishes it.

Why a thread: the work itself is a pure function (the rules, the renderer) that cannot
stop to report progress, and a worker process killed with -9 takes its threads with it,
which is exactly when the renewals must stop.
"""

from __future__ import annotations

import datetime
import functools
import logging
import operator
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import TracebackType

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from journal.models import Patient

logger = logging.getLogger(__name__)


def claim_lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.FOOTNOTE_CLAIM_LEASE_SECONDS)


def unclaimed_stale_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.FOOTNOTE_UNCLAIMED_STALE_SECONDS)


class Heartbeat:
    """Renews a claim from a thread of its own while the caller's thread works.

    `renew(last, now)` renews the claim stamped `last` to `now` and says whether it still
    held it. After the `with` block, `renewed_at` is the stamp this worker wrote last
    (for the final compare-and-set) and `lost` says whether another worker took over.
    `enabled=False` (a task run eagerly, inside a request) beats nothing: there is no
    worker to die apart from the request itself.
    """

    def __init__(
        self,
        renew: Callable[[datetime.datetime, datetime.datetime], bool],
        *,
        claimed_at: datetime.datetime,
        enabled: bool = True,
    ):
        self.renewed_at = claimed_at
        self.lost = False
        self._renew = renew
        self._interval = settings.FOOTNOTE_CLAIM_HEARTBEAT_SECONDS
        self._stop = threading.Event()
        self._thread = (
            threading.Thread(target=self._beat, name="claim-heartbeat", daemon=True)
            if enabled
            else None
        )

    def __enter__(self) -> Heartbeat:
        if self._thread is not None:
            self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _beat(self) -> None:
        try:
            while not self._stop.wait(self._interval):
                now = timezone.now()
                try:
                    held = self._renew(self.renewed_at, now)
                except DatabaseError as error:
                    # A database hiccup: the lease has two more beats of margin.
                    logger.warning("Could not renew a claim: %s", error)
                    continue
                if not held:
                    logger.warning("A claim was taken over by another worker")
                    self.lost = True
                    return
                self.renewed_at = now
        finally:
            connection.close()  # this thread's own connection


@dataclass
class AnalysisClaim:
    """What one analysis claimed: the marked patients it holds (with the generation each
    had when claimed) and the unmarked ones it may analyse freely (the nightly run)."""

    claimed_at: datetime.datetime
    generations: dict[uuid.UUID, int] = field(default_factory=dict)
    unmarked: list[uuid.UUID] = field(default_factory=list)

    @property
    def patient_ids(self) -> list[uuid.UUID]:
        return [*self.generations, *self.unmarked]


def analysis_claim(*, patient_ids: Sequence[uuid.UUID], claim_token: str = "") -> AnalysisClaim:
    """Claim the pending analyses of these patients that no live worker holds. A patient
    whose mark another worker holds is left out: that worker runs again if a write came in
    meanwhile (journal.tasks). `claim_token` (the task message's id) takes back a claim
    the same message left when its pool process died."""
    now = timezone.now()
    claimable = Q(analysis_claimed_at__isnull=True) | Q(analysis_claimed_at__lt=now - claim_lease())
    if claim_token:
        claimable |= Q(analysis_claimed_by=claim_token)
    Patient.objects.filter(
        claimable, pk__in=patient_ids, analysis_requested_at__isnull=False
    ).update(analysis_claimed_at=now, analysis_claimed_by=claim_token)
    claim = AnalysisClaim(claimed_at=now)
    rows = Patient.objects.filter(pk__in=patient_ids).values_list(
        "pk", "analysis_generation", "analysis_requested_at", "analysis_claimed_at"
    )
    for pk, generation, requested_at, claimed_at in rows:
        if claimed_at == now:
            claim.generations[pk] = generation
        elif requested_at is None:
            claim.unmarked.append(pk)
    return claim


def analysis_claim_renew(
    claim: AnalysisClaim, last: datetime.datetime, now: datetime.datetime
) -> bool:
    renewed = Patient.objects.filter(
        pk__in=list(claim.generations), analysis_claimed_at=last
    ).update(analysis_claimed_at=now)
    return renewed > 0


def analysis_claim_release(claim: AnalysisClaim, last: datetime.datetime) -> None:
    """One statement ends the claim, and clears each mark that no write has bumped since
    it was claimed (a write during the analysis gets its own analysis)."""
    if not claim.generations:
        return
    unchanged = functools.reduce(
        operator.or_,
        (Q(pk=pk, analysis_generation=gen) for pk, gen in claim.generations.items()),
    )
    Patient.objects.filter(pk__in=list(claim.generations), analysis_claimed_at=last).update(
        analysis_claimed_at=None,
        analysis_claimed_by="",
        analysis_requested_at=Case(
            When(unchanged, then=Value(None)), default=F("analysis_requested_at")
        ),
    )


def analyses_stale(*, everything: bool = False) -> Q:
    """Pending analyses the sweep queues again: a lease its worker stopped renewing, and
    a mark no worker claimed for too long (its message lost, or waiting behind a backlog).
    `everything`: every mark no live worker holds, however fresh (the broker was down, so
    their messages may never have been sent)."""
    now = timezone.now()
    dead_worker = Q(analysis_claimed_at__lt=now - claim_lease())
    never_claimed = Q(analysis_claimed_at__isnull=True, analysis_requested_at__isnull=False)
    if not everything:
        never_claimed &= Q(analysis_requested_at__lt=now - unclaimed_stale_after())
    return dead_worker | never_claimed


def analyses_stale_rearm(*, patient_ids: Sequence[str], everything: bool = False) -> None:
    """Queued again means waited on again: the marks start a new wait, so the next sweep
    (seconds later) does not queue them once more while their message waits its turn."""
    Patient.objects.filter(analyses_stale(everything=everything), pk__in=patient_ids).update(
        analysis_requested_at=timezone.now(), analysis_claimed_at=None, analysis_claimed_by=""
    )
