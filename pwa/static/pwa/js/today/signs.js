// "Did any of this happen?": the signs, each a checkbox, in three groups; a sided sign
// asks which leg (guessed from where the day's leg symptoms are), tripping asks how many
// times.
import { fill, h, toggle } from "../ui.js";
import { SIGNS, VOCAB, isLegRegion } from "../vocab.js";
import { card, stepper } from "./controls.js";
import {
  COUNTED_SIGN,
  addSign,
  inferredSide,
  removeSign,
  setSignCount,
  setSignSide,
} from "./state.js";

// Each sign goes in the first group that takes it; the sign sets come from the rules.
const CAUDA_EQUINA = new Set([
  ...VOCAB.red_flag_screen.signs.bladder_bowel,
  ...VOCAB.red_flag_screen.signs.sexual,
]);
const GROUPS = [
  ["legs", "Legs and feet", (sign) => sign.sided],
  ["cauda", "Bladder, bowel and sex", (sign) => CAUDA_EQUINA.has(sign.code)],
  ["other", "Other warning signs", () => true],
];

const SIDE_CHOICES = [
  ["left", "Left"],
  ["right", "Right"],
  ["both", "Both"],
];

export function signsSection(day) {
  const { state } = day;
  const box = h("div", { class: "signs" });
  const changed = () => {
    day.changed();
    refresh();
  };

  function sidesRow(sign, chosen) {
    const both = chosen.includes("left") && chosen.includes("right");
    return h(
      "div",
      { class: "seg-row sides", role: "group", "aria-label": `Side: ${sign.label}` },
      SIDE_CHOICES.map(([value, label]) => {
        const pressed = value === "both" ? both : !both && chosen.includes(value);
        return h(
          "button",
          {
            type: "button",
            class: "seg",
            "aria-pressed": String(pressed),
            onclick: () => {
              setSignSide(state, sign.code, value);
              changed();
            },
          },
          label,
        );
      }),
    );
  }

  function countRow(code, count) {
    return stepper({
      label: "How many times",
      caption: "Times",
      value: String(count),
      fewer: "One fewer time",
      more: "One more time",
      live: true,
      onStep: (delta) => {
        setSignCount(state, code, count + delta);
        changed();
      },
    });
  }

  function signRow(sign) {
    const rows = state.signs.filter((x) => x.code === sign.code);
    const on = rows.length > 0;
    const button = toggle(
      sign.label,
      on,
      (pressed) => {
        if (pressed) addSign(state, sign.code, sign.sided ? inferredSide(state, isLegRegion) : "");
        else removeSign(state, sign.code);
        changed();
        box.querySelector(`[data-sign="${sign.code}"] > button`)?.focus();
      },
      { class: "check" },
    );
    const row = h("div", { class: "sign", dataset: { sign: sign.code } }, button);
    if (on && sign.sided) {
      const chosen = rows.map((x) => x.side);
      row.append(sidesRow(sign, chosen));
      if (chosen.includes(null)) row.append(h("p", { class: "field-error" }, "Which side?"));
      if (sign.code === COUNTED_SIGN) row.append(countRow(sign.code, rows[0]?.count ?? 1));
    }
    return row;
  }

  function refresh() {
    const placed = new Set();
    fill(
      box,
      GROUPS.map(([key, title, takes]) => {
        const signs = [...SIGNS.values()].filter((sign) => !placed.has(sign) && takes(sign));
        signs.forEach((sign) => placed.add(sign));
        if (!signs.length) return null;
        return h(
          "div",
          { class: "sign-group", role: "group", "aria-labelledby": `signs-${key}-h` },
          h("h3", { id: `signs-${key}-h` }, title),
          signs.map(signRow),
        );
      }),
    );
  }

  /** Take the person to a sign's side buttons (Save found it without a side). */
  function focusSides(code) {
    box.querySelector(`[data-sign="${code}"] .sides button`)?.focus();
  }

  const element = card("signs-h", "Did any of this happen?", box);
  return { element, refresh, focusSides };
}
