"""Properties of the whole rule set over generated journals (hypothesis).

What is claimed, and why it is true:
- analysis is deterministic, idempotent and blind to the order of entries and events;
- a date sent in several pieces is the same day as the date sent whole;
- the red-flag check on the write path agrees with the full analysis over the window;
- a symptom-free check-in (no symptoms, or only pain-free / mild readings; no signs, no
  footwear, no walking or sitting answers) added on an unlogged date inside the window
  never raises a new (code, side), except `worsening`. Every other rule counts days that
  have something, or (footwear) compares days whose footwear was recorded. `worsening` is
  the honest exception: a pain-free day is a data point, and one logged before a run of
  painful days is evidence that the pain is rising (see test_rules_worsening.py).
"""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.rules import (
    FLAG_SEVERITIES,
    FLAG_TITLES,
    NOT_A_DIAGNOSIS,
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
# (which of the journal's regions, which of its sides, pain, numbness, tingling, part)
reading_parts = st.tuples(
    st.integers(0, 3),
    st.integers(0, 1),
    st.integers(0, 10),
    st.booleans(),
    st.booleans(),
    st.sampled_from(PARTS),
)
entry_parts = st.tuples(
    st.integers(0, SPAN_DAYS),
    st.lists(reading_parts, max_size=3),
    st.lists(st.sampled_from(ALL_SIGNS), max_size=1),
    st.lists(st.sampled_from(FOOTWEAR_CODES), max_size=2, unique=True),
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
    for days_back, readings, signs, footwear, walking, sitting in draw(
        st.lists(entry_parts, min_size=1, max_size=16)
    ):
        symptoms = tuple(
            SymptomReading(
                *_place(regions[r % len(regions)], sides[s % len(sides)]),
                pain,
                numbness,
                tingling,
                part,
            )
            for r, s, pain, numbness, tingling, part in readings
        )
        entries.append(
            DayEntry(
                END - datetime.timedelta(days=days_back),
                symptoms,
                tuple(signs),
                tuple(footwear),
                walking,
                sitting,
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


def pairs(findings: tuple[Finding, ...]) -> set[tuple[str, str | None]]:
    return {(finding.code, finding.side) for finding in findings}


@PROPERTY_SETTINGS
@given(journals(), event_lists)
def test_analysis_is_deterministic_and_idempotent(
    entries: list[DayEntry], events: list[PatientEvent]
) -> None:
    first = analyse(entries, events)
    assert analyse(entries, events) == first
    assert analyse(iter(entries), iter(events)) == first  # any iterable, read once


@PROPERTY_SETTINGS
@given(st.data(), journals(), event_lists)
def test_the_order_of_entries_and_events_does_not_matter(
    data: st.DataObject, entries: list[DayEntry], events: list[PatientEvent]
) -> None:
    shuffled_entries = data.draw(st.permutations(entries))
    shuffled_events = data.draw(st.permutations(events))
    assert analyse(shuffled_entries, shuffled_events) == analyse(entries, events)


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
            DayEntry(whole.date, sitting_relieves_leg_pain=whole.sitting_relieves_leg_pain)
        )
    assert analyse(pieces, events) == analyse(entries, events)


@PROPERTY_SETTINGS
@given(journals(), event_lists)
def test_findings_are_well_formed_and_in_order(
    entries: list[DayEntry], events: list[PatientEvent]
) -> None:
    findings = analyse(entries, events)
    end = max(entry.date for entry in entries)
    logged = {entry.date for entry in entries}
    keys = [(SEVERITIES.index(f.severity), f.code, f.side or "") for f in findings]
    assert keys == sorted(keys)
    assert len(pairs(findings)) == len(findings)  # one finding per (code, side)
    for finding in findings:
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


@PROPERTY_SETTINGS
@given(journals())
def test_the_write_path_red_flag_check_agrees_with_the_analysis(entries: list[DayEntry]) -> None:
    end = max(entry.date for entry in entries)
    in_window = [entry for entry in entries if (end - entry.date).days < 14]
    from_analysis = tuple(f for f in analyse(entries, []) if f.code == "cauda_equina_red_flag")
    assert urgent_findings(in_window) == from_analysis
    for entry in in_window:
        assert {f.code for f in urgent_findings([entry])} <= {"cauda_equina_red_flag"}


# Readings a symptom-free check-in may still carry: pain 0 to 2, no numbness or tingling.
quiet_days = st.lists(st.tuples(st.sampled_from(REGION_CODES), st.integers(0, 2)), max_size=4).map(
    lambda readings: tuple(
        SymptomReading(*_place(region, "left"), pain, False, False) for region, pain in readings
    )
)


@PROPERTY_SETTINGS
@given(st.data(), journals(), event_lists, quiet_days)
def test_a_symptom_free_day_never_raises_a_new_flag_except_worsening(
    data: st.DataObject,
    entries: list[DayEntry],
    events: list[PatientEvent],
    readings: tuple[SymptomReading, ...],
) -> None:
    end = max(entry.date for entry in entries)
    logged = {entry.date for entry in entries}
    free = [end - datetime.timedelta(days=n) for n in range(14)]
    free = [date for date in free if date not in logged]
    if not free:
        return
    date = data.draw(st.sampled_from(free))
    before = pairs(analyse(entries, events))
    after = pairs(analyse([*entries, DayEntry(date, symptoms=readings)], events))
    assert {code for code, _ in after - before} <= {"worsening"}
