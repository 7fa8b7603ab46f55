// The rest of the day: shoes, walking and sitting, sleep and notes. Each control writes
// straight into the day's state.
import { h, toggle } from "../ui.js";
import { FOOTWEAR, VOCAB } from "../vocab.js";
import { card } from "./controls.js";
import { withOrWithout } from "./state.js";

export function footwearSection(day) {
  const { state } = day;
  return card(
    "footwear-h",
    "Shoes today",
    h(
      "div",
      { class: "chips", role: "group", "aria-labelledby": "footwear-h" },
      FOOTWEAR.map((shoe) =>
        toggle(shoe.label, state.footwear.includes(shoe.code), (on) => {
          state.footwear = withOrWithout(state.footwear, shoe.code, on);
          day.changed();
        }),
      ),
    ),
  );
}

/** A labelled number input for `state[key]`; empty is null. */
function numberField(day, id, label, key, attrs) {
  const input = h("input", { id, type: "number", value: day.state[key] ?? "", ...attrs });
  input.addEventListener("input", () => {
    day.state[key] = input.value === "" ? null : Number(input.value);
    day.changed();
  });
  return h("div", { class: "field" }, h("label", { for: id }, label), input);
}

/** A checkbox for the boolean `state[key]`. */
function checkbox(day, label, key) {
  return toggle(
    label,
    day.state[key],
    (on) => {
      day.state[key] = on;
      day.changed();
    },
    { class: "check" },
  );
}

export function activitySection(day) {
  return card(
    "activity-h",
    "Walking and sitting",
    h(
      "div",
      {},
      h(
        "div",
        { class: "two-col" },
        numberField(day, "walking", "Walking (minutes)", "walking_minutes", {
          inputmode: "numeric",
          min: 0,
          max: VOCAB.walking_minutes_max,
          step: 5,
        }),
        numberField(day, "sitting", "Sitting (hours)", "sitting_hours", {
          inputmode: "decimal",
          min: 0,
          max: VOCAB.sitting_hours_max,
          step: 0.5,
        }),
      ),
      h(
        "div",
        { class: "stack" },
        checkbox(day, "Walking brings on leg pain", "walking_brings_leg_pain"),
        checkbox(day, "Sitting or bending forward eases it", "sitting_relieves_leg_pain"),
        checkbox(
          day,
          "Standing still, without sitting, eases it",
          "standing_still_relieves_leg_pain",
        ),
      ),
    ),
  );
}

function sleepLabel(n) {
  if (n === 0) return "0 (very bad)";
  return n === VOCAB.sleep_quality_max ? `${n} (very good)` : String(n);
}

export function sleepAndNotesSection(day) {
  const { state } = day;
  const sleep = h(
    "select",
    { id: "sleep" },
    h("option", { value: "" }, "Not recorded"),
    Array.from({ length: VOCAB.sleep_quality_max + 1 }, (_, n) =>
      h("option", { value: n, selected: state.sleep_quality === n }, sleepLabel(n)),
    ),
  );
  sleep.addEventListener("change", () => {
    state.sleep_quality = sleep.value === "" ? null : Number(sleep.value);
    day.changed();
  });
  const notes = h(
    "textarea",
    { id: "notes", rows: 3, maxlength: VOCAB.notes_max_length },
    state.notes,
  );
  notes.addEventListener("input", () => {
    state.notes = notes.value;
    day.changed();
  });
  return card(
    "more-h",
    "Sleep and notes",
    h("div", { class: "field" }, h("label", { for: "sleep" }, "Sleep last night, 0 to 10"), sleep),
    h("div", { class: "field" }, h("label", { for: "notes" }, "Notes"), notes),
  );
}
