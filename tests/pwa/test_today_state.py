"""Today's pure modules: the day's state and the phone's own red-flag check.

They import nothing and touch no DOM, so a new sign or region is tested here, in the
page's JavaScript engine but without driving the page.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.pwa.conftest import App
from tests.pwa.test_views import STATIC

TODAY = STATIC / "pwa" / "js" / "today"
PURE_MODULES = ("state.js", "redflag.js")


@pytest.mark.parametrize("name", PURE_MODULES)
def test_the_pure_modules_import_nothing_and_touch_no_page(name: str) -> None:
    source = (TODAY / name).read_text()
    assert not re.search(r"^\s*import\b", source, re.M)
    assert not re.search(r"\b(document|window|localStorage|indexedDB|fetch)\b", source)


def run(app: App, module: str, body: str, arg: Any = None) -> Any:
    """Evaluate `body`, an expression over `m` (the module) and `arg`, in the page."""
    return app.page.evaluate(
        f"""async (arg) => {{
              const m = await import("/static/pwa/js/today/{module}");
              return {body};
            }}""",
        arg,
    )


@pytest.fixture
def page_app(app: App) -> App:
    app.open("#/signin")
    return app


SERVER_ENTRY: dict[str, Any] = {
    "id": "6f1c1a52-3c1e-4a5e-9a57-0b8a3f6f9d10",
    "date": "2026-11-20",
    "symptoms": [
        {
            "region": "sole",
            "side": "left",
            "part_of_day": None,
            "pain": 6,
            "numbness": True,
            "tingling": False,
            "qualities": ["burning"],
        }
    ],
    "signs": [
        {"code": "tripping", "side": "left", "count": 2},
        {"code": "bladder_change", "side": "", "count": None},
    ],
    "footwear": ["high_heels"],
    "sitting_hours": 7.5,
    "walking_minutes": 20,
    "walking_brings_leg_pain": False,
    "sitting_relieves_leg_pain": True,
    "standing_still_relieves_leg_pain": False,
    "medications": [{"name": "ibuprofen", "dose": "400 mg", "times": 2}],
    "sleep_quality": 6,
    "notes": "Worse after the wedding",
    "version": 3,
    "updated_at": "2026-11-20T21:04:11Z",
    "deleted": False,
}


@pytest.mark.browser
def test_an_entry_read_into_the_form_goes_back_to_the_api_unchanged(page_app: App) -> None:
    sent = run(page_app, "state.js", "m.entryFromState(m.stateFromEntry(arg))", SERVER_ENTRY)
    expected = {k: v for k, v in SERVER_ENTRY.items() if k not in ("updated_at", "deleted")}
    expected["symptoms"] = [{**SERVER_ENTRY["symptoms"][0], "part_of_day": ""}]
    expected["signs"] = [
        {"code": "tripping", "side": "left", "count": 2},
        {"code": "bladder_change", "side": ""},
    ]
    assert sent == expected


@pytest.mark.browser
def test_a_sign_still_without_a_side_is_not_sent_and_tripping_keeps_its_count(
    page_app: App,
) -> None:
    signs = run(
        page_app,
        "state.js",
        """(() => {
             const state = m.emptyState("2026-11-20", "id-1");
             m.addSign(state, "tripping", "left");
             m.setSignCount(state, "tripping", 3);
             m.setSignSide(state, "tripping", "both");
             m.addSign(state, "leg_weakness", null);
             return [m.entryFromState(state).signs, m.signMissingSide(state).code];
           })()""",
    )
    assert signs == [
        [
            {"code": "tripping", "side": "left", "count": 3},
            {"code": "tripping", "side": "right", "count": 3},
        ],
        "leg_weakness",
    ]


def symptom(region: str, side: str, **reading: Any) -> dict[str, Any]:
    return {
        "region": region,
        "side": side,
        "pain": 0,
        "numbness": False,
        "tingling": False,
        **reading,
    }


BLADDER_TODAY = {
    "date": "2026-11-20",
    "symptoms": [],
    "signs": [{"code": "bladder_change", "side": ""}],
}


@pytest.mark.browser
@pytest.mark.parametrize(
    ("held", "code"),
    [
        ([], "cauda_equina_warning"),
        # Back pain on a day the phone holds, within the 14 days before: the red flag.
        (
            [{"date": "2026-11-06", "symptoms": [symptom("lower_back", "center", pain=2)]}],
            "cauda_equina_red_flag",
        ),
        # Older than the look-back, or after the day: not read.
        (
            [{"date": "2026-11-05", "symptoms": [symptom("lower_back", "center", pain=2)]}],
            "cauda_equina_warning",
        ),
        (
            [{"date": "2026-11-21", "symptoms": [symptom("calf", "left", pain=6)]}],
            "cauda_equina_warning",
        ),
    ],
)
def test_the_day_being_edited_is_screened_with_the_days_the_phone_holds_before_it(
    page_app: App, held: list[dict[str, Any]], code: str
) -> None:
    found = run(
        page_app,
        "redflag.js",
        """(() => {
             const screen = JSON.parse(document.getElementById("vocabulary").textContent)
               .red_flag_screen;
             const held = arg[1].map((day) => ({ signs: [], ...day }));
             const result = m.advice(m.screenDay(arg[0], held, screen), screen);
             return [result.code, result.dates, result.explanation];
           })()""",
        [BLADDER_TODAY, held],
    )
    assert found[0] == code
    assert found[1] == ["2026-11-20"]
    assert "You logged a new change in passing or holding urine or stool" in found[2]


@pytest.mark.browser
def test_a_typed_medication_joins_the_day_and_a_dose_alone_is_asked_about(page_app: App) -> None:
    taken = run(
        page_app,
        "state.js",
        """(() => {
             const state = m.emptyState("2026-11-20", "id-1");
             state.typedMedication = { name: "", dose: "400 mg" };
             const doseAlone = m.takeTypedMedication(state);
             state.typedMedication = { name: " Ibuprofen ", dose: "400 mg " };
             const named = m.takeTypedMedication(state);
             return [doseAlone, named, m.takeTypedMedication(state),
                     m.entryFromState(state).medications];
           })()""",
    )
    assert taken == [
        "no-name",
        "added",
        "none",
        [{"name": "Ibuprofen", "dose": "400 mg", "times": 1}],
    ]


@pytest.mark.browser
def test_a_draft_opens_only_when_it_differs_and_the_check_in_is_never_the_clocks(
    page_app: App,
) -> None:
    opened = run(
        page_app,
        "state.js",
        """(() => {
             const stored = arg;
             const same = m.stateFromEntry(stored);
             const changed = m.stateFromEntry(stored);
             changed.notes = "Worse in the evening";
             const open = (draft) => m.dayState({
               date: stored.date, draft, stored, newId: () => "new" }).fromDraft;
             const parts = (...p) => m.defaultPart({ symptoms: p.map((part_of_day) =>
               ({ part_of_day })) });
             return [open(undefined), open(same), open(changed),
                     parts(), parts("", "evening"), parts("morning", "evening")];
           })()""",
        SERVER_ENTRY,
    )
    assert opened == [False, False, True, "", "", "evening"]


@pytest.mark.browser
def test_remembered_medications_are_the_entries_newest_first_once_each(page_app: App) -> None:
    meds = run(
        page_app,
        "state.js",
        "m.medicationsFromEntries(arg)",
        [
            {"date": "2026-11-01", "medications": [{"name": "Naproxen", "dose": "250 mg"}]},
            {
                "date": "2026-11-19",
                "medications": [{"name": "ibuprofen", "dose": "400 mg"}, {"name": "Gabapentin"}],
            },
            {"date": "2026-11-10", "medications": [{"name": "Ibuprofen", "dose": "400 MG"}]},
        ],
    )
    assert meds == [
        {"name": "ibuprofen", "dose": "400 mg"},
        {"name": "Gabapentin", "dose": ""},
        {"name": "Naproxen", "dose": "250 mg"},
    ]


@pytest.mark.browser
def test_a_sign_the_server_sends_without_a_side_is_not_one_to_choose_a_side_for(
    page_app: App,
) -> None:
    entry = {**SERVER_ENTRY, "signs": [{"code": "night_pain", "side": None, "count": None}]}
    found = run(
        page_app,
        "state.js",
        "(() => { const s = m.stateFromEntry(arg); "
        "return [m.signMissingSide(s) ?? null, m.entryFromState(s).signs]; })()",
        entry,
    )
    assert found == [None, [{"code": "night_pain", "side": ""}]]
