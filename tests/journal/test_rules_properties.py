"""Properties of the whole rule set over generated journals (hypothesis).

What is claimed, and why it is true:
- analysis is deterministic, idempotent and blind to the order of entries and events;
- a date sent in several pieces is the same day as the date sent whole;
- the red-flag screen of the write path agrees with the red flag and warning of the full
  analysis: over every given day when the journal spans at most 14 days, and over the
  window's days when it is written whole;
- a symptom-free check-in (no symptoms, or only pain-free readings; no signs, no
  footwear, no walking, sitting or standing answers) added on an unlogged date inside the
  window never raises a new (code, side), except the rules that compare the first and
  last logged days: `worsening`, `progressive_weakness`, and `cauda_equina_red_flag`
  through its criterion (e), progressive weakness on both sides. There a day without
  pain or weakness is a data point, and one logged before a run of bad days is evidence
  that things are getting worse (see test_rules_worsening.py). Every other rule counts
  days that have something, or (footwear) compares days whose footwear was recorded;
- a day with mild pain (1 or 2) may in addition complete the two rules that count any
  pain as a back or leg symptom (version 2, a red-flag reading): the red flag's (b) and
  `serious_pathology_warning`.
"""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.rules import (
    FLAG_SEVERITIES,
    FLAG_TITLES,
    NOT_A_DIAGNOSIS,
    SCREEN_CODES,
    DayEntry,
    Finding,
    PatientEvent,
    SignReading,
    SymptomReading,
    analyse,
    urgent_findings,
)
from journal.vocabulary import (
    EVENT_KINDS,
    EVENT_SITES,
    FOOTWEAR_CODES,
    HEALTH_HISTORY_CODES,
    PARTS_OF_DAY,
    REGION_CODES,
    SEVERITIES,
    SIDED_SIGNS,
    SIGN_CODES,
    region_sides,
)
from tests.journal.rules_builders import END

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)
SPAN_DAYS = 30  # generated dates reach beyond both windows


# Strategies are built once, at import: hypothesis spends most of a property's time
# building values, and strategies made inside a composite are rebuilt on every draw.
PARTS = ("", *PARTS_OF_DAY)
ALL_SIGNS = tuple(
    SignReading(code, side, count)
    for code in SIGN_CODES
    for side in (("left", "right") if code in SIDED_SIGNS else (None,))
    for count in ((None, 0, 1, 3) if code == "tripping" else (None,))
)
SIDE_POOLS = (("left",), ("right",), ("left", "right"))
# Words that make radicular pain (version 2), one that does not, and none.
QUALITY_SETS = ((), ("shooting",), ("aching",), ("burning", "aching"))
# (which of the journal's regions, which of its sides, pain, numbness, tingling, part,
# qualities)
reading_parts = st.tuples(
    st.integers(0, 3),
    st.integers(0, 1),
    st.integers(0, 10),
    st.booleans(),
    st.booleans(),
    st.sampled_from(PARTS),
    st.sampled_from(QUALITY_SETS),
)
entry_parts = st.tuples(
    st.integers(0, SPAN_DAYS),
    st.lists(reading_parts, max_size=3),
    st.lists(st.sampled_from(ALL_SIGNS), max_size=2),
    st.lists(st.sampled_from(FOOTWEAR_CODES), max_size=2, unique=True),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
region_pools = st.lists(st.sampled_from(REGION_CODES), min_size=1, max_size=4)


def _place(region: str, side: str) -> tuple[str, str]:
    allowed = region_sides(region)
    return region, side if side in allowed else allowed[0]


@st.composite
def journals(draw: st.DrawFn) -> list[DayEntry]:
    """Entries over a month. Each journal dwells on a few regions, often on one leg, as a
    real one does, so that patterns (and the edges of their thresholds) come up often."""
    regions = draw(region_pools)
    sides = draw(st.sampled_from(SIDE_POOLS))
    entries = []
    for days_back, readings, signs, footwear, walking, sitting, standing in draw(
        st.lists(entry_parts, min_size=1, max_size=16)
    ):
        symptoms = tuple(
            SymptomReading(
                *_place(regions[r % len(regions)], sides[s % len(sides)]),
                pain,
                numbness,
                tingling,
                part,
                qualities,
            )
            for r, s, pain, numbness, tingling, part, qualities in readings
        )
        entries.append(
            DayEntry(
                END - datetime.timedelta(days=days_back),
                symptoms,
                tuple(signs),
                tuple(footwear),
                walking,
                sitting,
                standing,
            )
        )
    return entries


patient_events = st.builds(
    PatientEvent,
    kind=st.sampled_from(tuple(EVENT_KINDS)),
    site=st.sampled_from(tuple(EVENT_SITES)),
    side=st.sampled_from(("left", "right", "center", None)),
    date=st.integers(-3, 100).map(lambda n: END - datetime.timedelta(days=n)),
)
event_lists = st.lists(patient_events, max_size=3)
histories = st.lists(st.sampled_from(HEALTH_HISTORY_CODES), max_size=2, unique=True)


def pairs(findings: tuple[Finding, ...]) -> set[tuple[str, str | None]]:
    return {(finding.code, finding.side) for finding in findings}


@PROPERTY_SETTINGS
@given(journals(), event_lists, histories)
def test_analysis_is_deterministic_and_idempotent(
    entries: list[DayEntry], events: list[PatientEvent], history: list[str]
) -> None:
    first = analyse(entries, events, health_history=history)
    assert analyse(entries, events, health_history=history) == first
    again = analyse(iter(entries), iter(events), health_history=iter(history))
    assert again == first  # any iterable, read once


@PROPERTY_SETTINGS
@given(st.data(), journals(), event_lists, histories)
def test_the_order_of_entries_events_and_history_does_not_matter(
    data: st.DataObject, entries: list[DayEntry], events: list[PatientEvent], history: list[str]
) -> None:
    shuffled_entries = data.draw(st.permutations(entries))
    shuffled_events = data.draw(st.permutations(events))
    shuffled_history = data.draw(st.permutations(history))
    assert analyse(shuffled_entries, shuffled_events, health_history=shuffled_history) == analyse(
        entries, events, health_history=history
    )


@PROPERTY_SETTINGS
@given(journals(), event_lists)
def test_a_date_sent_in_pieces_is_the_same_day(
    entries: list[DayEntry], events: list[PatientEvent]
) -> None:
    pieces: list[DayEntry] = []
    for whole in entries:
        pieces.extend(DayEntry(whole.date, symptoms=(reading,)) for reading in whole.symptoms)
        pieces.append(
            DayEntry(
                whole.date,
                signs=whole.signs,
                footwear=whole.footwear,
                walking_brings_leg_pain=whole.walking_brings_leg_pain,
            )
        )
        pieces.append(
            DayEntry(
                whole.date,
                sitting_relieves_leg_pain=whole.sitting_relieves_leg_pain,
                standing_still_relieves_leg_pain=whole.standing_still_relieves_leg_pain,
            )
        )
    assert analyse(pieces, events) == analyse(entries, events)


@PROPERTY_SETTINGS
@given(journals(), event_lists, histories)
def test_findings_are_well_formed_and_in_order(
    entries: list[DayEntry], events: list[PatientEvent], history: list[str]
) -> None:
    findings = analyse(entries, events, health_history=history)
    end = max(entry.date for entry in entries)
    logged = {entry.date for entry in entries}
    # Version 2: by severity, then the number of evidence days (most first).
    keys = [
        (SEVERITIES.index(f.severity), -len(f.evidence_dates), f.code, f.side or "")
        for f in findings
    ]
    assert keys == sorted(keys)
    assert len(pairs(findings)) == len(findings)  # one finding per (code, side)
    codes = {finding.code for finding in findings}
    assert not {"cauda_equina_red_flag", "cauda_equina_warning"} <= codes
    assert not {"bilateral_sciatica", "bilateral_leg_symptoms"} <= codes
    for finding in findings:
        assert finding.clinician_summary
        assert "\n" not in finding.clinician_summary
        assert finding.title == FLAG_TITLES[finding.code]
        assert finding.severity == FLAG_SEVERITIES[finding.code]
        assert finding.side in ("left", "right", None)
        assert finding.evidence_dates == tuple(sorted(set(finding.evidence_dates)))
        assert finding.first_evidence_on == finding.evidence_dates[0]
        assert finding.last_evidence_on == finding.evidence_dates[-1]
        assert set(finding.evidence_dates) <= logged
        window = 28 if finding.code == "footwear_nerve_compression" else 14
        assert (end - finding.first_evidence_on).days < window
        assert finding.explanation.endswith(NOT_A_DIAGNOSIS)


def screen_part(entries: list[DayEntry]) -> tuple[Finding, ...]:
    return tuple(f for f in analyse(entries, []) if f.code in SCREEN_CODES)


@PROPERTY_SETTINGS
@given(journals())
def test_the_write_path_screen_over_every_day_agrees_with_the_analysis(
    entries: list[DayEntry],
) -> None:
    # A journal of at most 14 days: the analysis window holds every day, and nothing lies
    # before it to look back on, so screening every given day is the same question.
    end = max(entry.date for entry in entries)
    in_window = [entry for entry in entries if (end - entry.date).days < 14]
    assert urgent_findings(in_window) == screen_part(in_window)
    for entry in in_window:
        assert {f.code for f in urgent_findings([entry])} <= SCREEN_CODES


@PROPERTY_SETTINGS
@given(journals())
def test_writing_the_window_screens_it_as_the_analysis_does(entries: list[DayEntry]) -> None:
    # The written days read the days given before them (up to 14 back), as the analysis
    # reads the 14 days before its window.
    end = max(entry.date for entry in entries)
    window = {entry.date for entry in entries if (end - entry.date).days < 14}
    assert urgent_findings(entries, written=window) == screen_part(entries)


@PROPERTY_SETTINGS
@given(journals())
def test_screening_days_one_by_one_finds_every_red_flag_day(entries: list[DayEntry]) -> None:
    whole = urgent_findings(entries)
    red = [f for f in whole if f.code == "cauda_equina_red_flag"]
    dates = sorted({entry.date for entry in entries})
    one_by_one = {
        date
        for date in dates
        for f in urgent_findings(entries, written=[date])
        if f.code == "cauda_equina_red_flag"
    }
    assert one_by_one == (set(red[0].evidence_dates) if red else set())


def quiet_readings(max_pain: int) -> st.SearchStrategy[tuple[SymptomReading, ...]]:
    """Readings a symptom-free check-in may still carry: no numbness or tingling."""
    return st.lists(
        st.tuples(st.sampled_from(REGION_CODES), st.integers(0, max_pain)), max_size=4
    ).map(
        lambda readings: tuple(
            SymptomReading(*_place(region, "left"), pain, False, False) for region, pain in readings
        )
    )


TRENDS = {"worsening", "progressive_weakness", "cauda_equina_red_flag"}
ANY_PAIN_COUNTS = {"cauda_equina_red_flag", "serious_pathology_warning"}


def new_codes_after_a_quiet_day(
    data: st.DataObject,
    entries: list[DayEntry],
    events: list[PatientEvent],
    readings: tuple[SymptomReading, ...],
) -> set[str]:
    end = max(entry.date for entry in entries)
    logged = {entry.date for entry in entries}
    free = [end - datetime.timedelta(days=n) for n in range(14)]
    free = [date for date in free if date not in logged]
    if not free:
        return set()
    date = data.draw(st.sampled_from(free))
    before = pairs(analyse(entries, events))
    after = pairs(analyse([*entries, DayEntry(date, symptoms=readings)], events))
    return {code for code, _ in after - before}


@PROPERTY_SETTINGS
@given(st.data(), journals(), event_lists, quiet_readings(0))
def test_a_pain_free_day_raises_no_new_flag_except_a_trend(
    data: st.DataObject,
    entries: list[DayEntry],
    events: list[PatientEvent],
    readings: tuple[SymptomReading, ...],
) -> None:
    assert new_codes_after_a_quiet_day(data, entries, events, readings) <= TRENDS


@PROPERTY_SETTINGS
@given(st.data(), journals(), event_lists, quiet_readings(2))
def test_a_day_of_mild_pain_raises_no_new_flag_except_where_any_pain_counts(
    data: st.DataObject,
    entries: list[DayEntry],
    events: list[PatientEvent],
    readings: tuple[SymptomReading, ...],
) -> None:
    new = new_codes_after_a_quiet_day(data, entries, events, readings)
    assert new <= TRENDS | ANY_PAIN_COUNTS
