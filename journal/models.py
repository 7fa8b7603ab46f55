"""The journal's data: patients, daily entries with their symptoms and signs, events.

Every invariant that a database can state is a constraint here too, so that no code path
(admin, shell, a future bulk import) can store what the API would refuse.
"""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.utils import timezone

from journal import vocabulary as v

models.TextField.register_lookup(Length)
models.CharField.register_lookup(Length)


def _choices(codes: object) -> list[tuple[str, str]]:
    return [(code, code.replace("_", " ")) for code in codes]  # type: ignore[attr-defined]


class Patient(models.Model):
    """The journal's owner: a profile beside Django's user."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="patient"
    )
    display_name = models.CharField(max_length=100, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    timezone = models.CharField(max_length=64, default="UTC")
    reminder_time = models.TimeField(null=True, blank=True)
    # The patient's own answer (domain.md): null until asked, [] for none of them, a list
    # of vocabulary.HEALTH_HISTORY codes, or ["prefer_not_to_say"], a real answer too.
    health_history = models.JSONField(null=True, blank=True, default=None)
    # The sync cursor: every entry write takes the next number under a row lock on the
    # patient, so a cursor never skips a change that commits late.
    change_seq = models.BigIntegerField(default=0)
    # Set when the journal changed and the patterns need recomputing (issue: analysis);
    # kept in the database so a lost broker message only delays the work.
    analysis_requested_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Bumped by every journal write, so an analysis that ran while a write came in knows
    # it must run again instead of clearing the mark.
    analysis_generation = models.BigIntegerField(default=0)
    # The lease of the analysis running now: set when a worker claims the mark, renewed
    # by its heartbeat every few seconds, cleared when it is done. A lease not renewed
    # for settings.FOOTNOTE_CLAIM_LEASE_SECONDS belongs to a dead worker (journal/
    # analysis_claims.py); the sweep queues that analysis again.
    analysis_claimed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # The id of the task message holding that lease: the same message redelivered after
    # its pool process died takes its own claim back at once (only one copy of a message
    # is ever out: the visibility timeout outlasts whatever a live worker holds).
    analysis_claimed_by = models.CharField(max_length=64, blank=True, default="")
    # The patient's local date of the last reminder sent: at most one a day (journal/
    # reminders.py claims the day with this column before anything is sent).
    reminded_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True)
                | Q(birth_year__gte=1900, birth_year__lte=2100),
                name="patient_birth_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or f"patient {self.pk}"


class Entry(models.Model):
    """One patient's day. The id may be chosen by the client so offline retries never
    duplicate; a delete leaves a tombstone (deleted_at set, content cleared) for sync."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    # No index of its own: (patient, change_seq) starts with the patient and serves it.
    patient = models.ForeignKey(
        Patient, on_delete=models.CASCADE, related_name="entries", db_index=False
    )
    date = models.DateField()
    footwear = models.JSONField(default=list, blank=True)
    sitting_hours = models.FloatField(null=True, blank=True)
    walking_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    walking_brings_leg_pain = models.BooleanField(default=False)
    sitting_relieves_leg_pain = models.BooleanField(default=False)
    # A database default too: bulk loaders that predate the column still insert rows.
    standing_still_relieves_leg_pain = models.BooleanField(default=False, db_default=False)
    medications = models.JSONField(default=list, blank=True)
    sleep_quality = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True, default="")
    version = models.PositiveIntegerField(default=1)
    change_seq = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by the write service (not auto_now), so the answer to a write carries exactly
    # the time that was stored.
    updated_at = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # The entry as the API shows it, rendered by the write service whenever the entry is
    # written: the entry list (the most frequent read) sends these as they are instead of
    # reading and serialising the symptoms and signs again. "" for tombstones and for rows
    # written before this column existed (those are rendered from the tables on read).
    payload = models.TextField(blank=True, default="", db_default="")

    class Meta:
        verbose_name_plural = "entries"
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "date"],
                condition=Q(deleted_at__isnull=True),
                name="entry_one_per_patient_per_date",
            ),
            models.CheckConstraint(
                condition=Q(sitting_hours__isnull=True)
                | Q(sitting_hours__gte=0, sitting_hours__lte=v.SITTING_HOURS_MAX),
                name="entry_sitting_hours_in_range",
            ),
            models.CheckConstraint(
                condition=Q(walking_minutes__isnull=True)
                | Q(walking_minutes__lte=v.WALKING_MINUTES_MAX),
                name="entry_walking_minutes_in_range",
            ),
            models.CheckConstraint(
                condition=Q(sleep_quality__isnull=True) | Q(sleep_quality__lte=v.SLEEP_QUALITY_MAX),
                name="entry_sleep_quality_in_range",
            ),
            models.CheckConstraint(
                condition=Q(notes__length__lte=v.NOTES_MAX_LENGTH),
                name="entry_notes_length",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="entry_version_positive"),
        ]
        # Reads of live entries by date (the list, the analysis, reports) use the partial
        # unique index of entry_one_per_patient_per_date; another (patient, date) index
        # would only slow every write (a sync inserts hundreds of rows at once).
        indexes = [
            models.Index(fields=["patient", "change_seq"], name="entry_patient_change_seq"),
        ]

    def __str__(self) -> str:
        return f"{self.date} ({self.pk})"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class Symptom(models.Model):
    """One region, one side, optionally one part of the day, within an entry."""

    # No index of its own: the unique (entry, region, side, part_of_day) starts with the
    # entry and serves its lookups; one index fewer to maintain on every write.
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="symptoms", db_index=False
    )
    region = models.CharField(max_length=16, choices=_choices(v.REGION_CODES))
    side = models.CharField(max_length=8, choices=_choices(v.SIDES))
    part_of_day = models.CharField(
        max_length=12, blank=True, default="", choices=_choices(v.PARTS_OF_DAY)
    )
    pain = models.PositiveSmallIntegerField()
    numbness = models.BooleanField(default=False)
    tingling = models.BooleanField(default=False)
    qualities = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "region", "side", "part_of_day"],
                name="symptom_unique_region_side_part_of_day",
            ),
            models.CheckConstraint(
                condition=Q(pain__gte=v.PAIN_MIN, pain__lte=v.PAIN_MAX),
                name="symptom_pain_0_to_10",
            ),
            models.CheckConstraint(
                condition=Q(region__in=v.REGION_CODES), name="symptom_region_known"
            ),
            models.CheckConstraint(
                condition=Q(part_of_day__in=("", *v.PARTS_OF_DAY)),
                name="symptom_part_of_day_known",
            ),
            models.CheckConstraint(
                condition=(
                    # The saddle takes a side too (rules version 2): numbness on one side
                    # of it is as much a red flag as numbness of the whole.
                    Q(side__in=v.LEG_SIDES) | Q(side=v.CENTER, region__in=("lower_back", "saddle"))
                ),
                name="symptom_side_fits_region",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.side} {self.region} {self.pain}"


class Sign(models.Model):
    """A sign of the day (domain.md): sided ones carry left/right, the others none."""

    # No index of its own: the unique (entry, code, side) starts with the entry.
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="signs", db_index=False)
    code = models.CharField(max_length=32, choices=_choices(v.SIGN_CODES))
    side = models.CharField(max_length=8, blank=True, default="")
    count = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "code", "side"], name="sign_unique_per_side"),
            models.CheckConstraint(
                condition=(
                    Q(code__in=tuple(sorted(v.SIDED_SIGNS)), side__in=v.LEG_SIDES)
                    | Q(code__in=tuple(sorted(set(v.SIGN_CODES) - v.SIDED_SIGNS)), side="")
                ),
                name="sign_code_known_and_sided_as_defined",
            ),
            models.CheckConstraint(
                condition=Q(count__isnull=True) | Q(code="tripping", count__gte=1),
                name="sign_count_only_for_tripping",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.side}".strip()


class Event(models.Model):
    """A dated event of the patient's history: an injury, surgery, an injection."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=_choices(v.EVENT_KINDS))
    site = models.CharField(max_length=16, choices=_choices(v.EVENT_SITES))
    side = models.CharField(max_length=8, blank=True, default="")
    date = models.DateField()
    notes = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=tuple(v.EVENT_KINDS)), name="event_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(site__in=tuple(v.EVENT_SITES)), name="event_site_known"
            ),
            models.CheckConstraint(condition=Q(side__in=("", *v.SIDES)), name="event_side_known"),
            models.CheckConstraint(
                condition=Q(notes__length__lte=v.NOTES_MAX_LENGTH), name="event_notes_length"
            ),
        ]
        indexes = [models.Index(fields=["patient", "-date"], name="event_patient_date")]

    def __str__(self) -> str:
        return f"{self.kind} {self.date}"


def token_digest(token: str) -> str:
    """What is stored of a secret token (an API token, a report's share link): its
    SHA-256, so a leaked database gives no live token."""
    return hashlib.sha256(token.encode()).hexdigest()


class AccessToken(models.Model):
    """An API token. Only its SHA-256 is stored: a leaked database gives no live token.
    A person may hold several (one per device); signing out on one ends only that one."""

    digest = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # What the person called the device when signing in ("Phone"), shown in its list.
    label = models.CharField(max_length=100, blank=True, default="")
    # Moved forward at most once an hour (journal.authentication), not on every request;
    # a token unused for TOKEN_IDLE_DAYS no longer works.
    last_used_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"token {self.digest[:8]}… of {self.user_id}"


class UsernameKey(models.Model):
    """A username's canonical form (journal.usernames), unique: the database itself
    refuses `Alice` beside `alice` or a full-width `ａlice`, whichever path made the
    user. Kept in step with the user by journal.signals."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="username_key",
    )
    # Case folding can lengthen a name ("ß" -> "ss"): room beyond the username's 150.
    key = models.CharField(max_length=600, unique=True)

    def __str__(self) -> str:
        return self.key


FLAG_STATUSES = ("active", "acknowledged", "resolved")


class Flag(models.Model):
    """A pattern found in a patient's journal: one per (patient, code, side), kept as the
    evidence changes, resolved when the pattern no longer holds, re-activated if it
    returns. `side` is "" for flags without a side."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="flags")
    code = models.CharField(max_length=40)
    side = models.CharField(max_length=8, blank=True, default="")
    severity = models.CharField(max_length=16, choices=_choices(v.SEVERITIES))
    title = models.CharField(max_length=120)
    status = models.CharField(max_length=16, choices=_choices(FLAG_STATUSES), default="active")
    # The earliest evidence date when the flag was first raised; it never moves.
    first_detected_on = models.DateField()
    # The earliest date of the current evidence: a late-synced earlier day moves it back.
    first_evidence_on = models.DateField()
    last_evidence_on = models.DateField()
    evidence_dates = models.JSONField(default=list)
    summary = models.CharField(max_length=600)
    clinician_summary = models.CharField(max_length=600, blank=True, default="")
    explanation = models.TextField()
    rule_version = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "code", "side"], name="flag_one_per_patient_code_side"
            ),
            models.CheckConstraint(condition=Q(status__in=FLAG_STATUSES), name="flag_status_known"),
            models.CheckConstraint(
                condition=Q(severity__in=v.SEVERITIES), name="flag_severity_known"
            ),
            models.CheckConstraint(
                condition=Q(side__in=("", *v.LEG_SIDES)), name="flag_side_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.side} ({self.status})".replace("  ", " ")


class FlagChange(models.Model):
    """The history of a flag: raised, acknowledged, resolved, re-activated."""

    flag = models.ForeignKey(Flag, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=16, choices=_choices(FLAG_STATUSES))
    at = models.DateTimeField()
    summary = models.CharField(max_length=600, blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["flag", "at"], name="flagchange_flag_at")]

    def __str__(self) -> str:
        return f"{self.flag_id} {self.status} {self.at:%Y-%m-%d}"


class LoginSession(models.Model):
    """The session keys of a person's sign-ins, so deleting an account can end them all
    without decoding every session in the store."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_sessions"
    )
    session_key = models.CharField(max_length=40, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"session of {self.user_id}"


class Instrument(models.Model):
    """A questionnaire this server offers: a FHIR R4 Questionnaire with a declared scoring
    (journal.questionnaire_engine), loaded by `manage.py load_questionnaires`."""

    fhir_id = models.CharField(max_length=64)
    url = models.CharField(max_length=200)
    version = models.CharField(max_length=32)
    title = models.CharField(max_length=200)
    interval_days = models.PositiveSmallIntegerField(default=7)
    definition = models.JSONField()
    # Only the newest version of an instrument is offered; older ones keep their answers.
    current = models.BooleanField(default=True)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["url", "version"], name="instrument_url_version"),
            models.UniqueConstraint(
                fields=["fhir_id"], condition=Q(current=True), name="instrument_one_current_id"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class QuestionnaireAnswer(models.Model):
    """A patient's answers to an instrument (a QuestionnaireResponse), with its scores.
    The id is the client's, so a phone can send the same answers again safely."""

    id = models.UUIDField(primary_key=True)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="answers")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="answers")
    authored_on = models.DateField()
    answers = models.JSONField()
    scores = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["patient", "-authored_on"], name="answer_patient_authored"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_id} {self.authored_on}"


class PushSubscription(models.Model):
    """A browser's Web Push subscription (one per device). `access_token` is the device
    token that made it: signing out on that device ends the token and, by cascade, the
    reminders sent to it."""

    patient = models.ForeignKey(
        Patient, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=2048, unique=True)
    # The browser's P-256 public key (65 bytes) and auth secret (16 bytes), base64url.
    p256dh = models.CharField(max_length=128)
    auth = models.CharField(max_length=64)
    access_token = models.ForeignKey(
        AccessToken,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="push_subscriptions",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"push subscription {self.pk} of {self.patient_id}"
