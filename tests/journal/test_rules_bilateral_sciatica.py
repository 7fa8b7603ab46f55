"""bilateral_sciatica (prompt, version 2): radicular leg symptoms on both sides on 2 or more
days, with numbness, tingling or a weakness sign on both sides on at least one of them;
stenosis days (walking brings the pain, sitting eases it) do not count."""

from __future__ import annotations

from journal.rules import DayEntry, SymptomReading
from tests.journal.rules_builders import anchor, back, entry, flags, found, numb, pain, sides, sign

CODE = "bilateral_sciatica"


def route(side: str, *, numbness: bool) -> list[SymptomReading]:
    thigh = numb("thigh_back", side) if numbness else pain("thigh_back", side, 4)
    return [pain("calf", side, 6), thigh]


def both(
    days_back: int,
    *,
    left_numb: bool = True,
    right_numb: bool = True,
    walking: bool = False,
    sitting: bool = False,
) -> DayEntry:
    """Calf pain below the back of the thigh on both sides, the thigh numb where asked."""
    return entry(
        days_back,
        *route("left", numbness=left_numb),
        *route("right", numbness=right_numb),
        walking=walking,
        sitting=sitting,
    )


def test_sciatica_in_both_legs_on_two_days_is_prompt() -> None:
    # The case: sciatica in both legs is worth a doctor today.
    days = [both(3), both(0, left_numb=False, right_numb=False)]
    (finding,) = found(CODE, days)
    assert finding.severity == "prompt"
    assert finding.side is None
    assert finding.evidence_dates == (back(3), back(0))
    assert finding.summary == (
        "Symptoms along a nerve in both legs, reaching below the knee, on 2 of 2 logged "
        "days; numbness, tingling or weakness in both on 1"
    )
    assert finding.clinician_summary == (
        "Bilateral radicular leg symptoms on 2 of 2 logged days; bilateral sensory or motor "
        "signs on 1"
    )
    assert "both legs" in finding.explanation
    assert "contact a doctor or an urgent care service today" in finding.explanation.lower()
    assert "Seek emergency care at once if you notice" in finding.explanation
    assert found("cauda_equina_red_flag", days) == []


def test_one_day_is_not_enough() -> None:
    assert sides(CODE, [both(3), anchor()]) == set()


def test_without_numbness_tingling_or_weakness_in_both_on_one_day_it_is_not_raised() -> None:
    days = [both(3, right_numb=False), both(0, left_numb=False)]
    assert sides(CODE, days) == set()


def test_numbness_on_one_side_and_weakness_on_the_other_is_both_sides() -> None:
    days = [
        entry(3, *both(3, right_numb=False).symptoms, signs=[sign("leg_weakness", "right")]),
        both(0, left_numb=False, right_numb=False),
    ]
    assert sides(CODE, days) == {None}
    assert sides("cauda_equina_red_flag", days) == set()  # weakness on one side only


def test_weakness_on_both_sides_with_it_is_also_the_red_flag() -> None:
    weak = [sign("leg_weakness", "left"), sign("leg_weakness", "right")]
    days = [entry(3, *both(3, left_numb=False, right_numb=False).symptoms, signs=weak), both(0)]
    assert {("bilateral_sciatica", None), ("cauda_equina_red_flag", None)} <= flags(days)


def test_stenosis_days_do_not_count() -> None:
    days = [both(n, walking=True, sitting=True) for n in (3, 0)]
    assert sides(CODE, days) == set()
    days = [both(3, walking=True, sitting=True), both(1), both(0)]
    (finding,) = found(CODE, days)
    assert finding.evidence_dates == (back(1), back(0))


def test_walking_pain_alone_does_not_make_a_stenosis_day() -> None:
    assert sides(CODE, [both(n, walking=True) for n in (3, 0)]) == {None}


def test_radicular_on_each_side_on_different_days_is_not_both() -> None:
    days = [entry(n, *route("left", numbness=True)) for n in (5, 4)]
    days += [entry(n, *route("right", numbness=True)) for n in (1, 0)]
    assert sides(CODE, days) == set()


def test_a_calf_alone_on_the_other_side_is_not_radicular() -> None:
    days = [entry(n, *route("left", numbness=True), numb("calf", "right", 6)) for n in (3, 0)]
    assert sides(CODE, days) == set()


def test_a_day_fourteen_days_back_has_left_the_window() -> None:
    assert sides(CODE, [both(14), both(2), anchor()]) == set()
    assert sides(CODE, [both(13), both(2), anchor()]) == {None}
