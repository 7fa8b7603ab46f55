// Today: log a day (or edit one from History) with as few taps as possible.
//
// A typical day is: tap the places that hurt on the body map (each comes in at pain 5
// with its controls in the dock at the bottom), tick a sign, tap the shoes, Save.
import { api } from "../api.js";
import { bodyMap } from "../bodymap.js";
import { entryStore } from "../db.js";
import { rememberMedications, rememberedMedications, timeZone } from "../profile.js";
import { discardItem, outboxItemForDate, queueEntry, syncNow, warnIfUrgent } from "../sync.js";
import {
  announce,
  confirmDialog,
  errorLines,
  fill,
  formatDate,
  h,
  hourIn,
  newId,
  setPressed,
  showEmergency,
  toast,
  todayIn,
  toggle,
} from "../ui.js";
import {
  FOOTWEAR,
  PARTS_OF_DAY,
  QUALITIES,
  REGIONS,
  SIGNS,
  VOCAB,
  capitalise,
  isLegRegion,
  partLabel,
  placeLabel,
} from "../vocab.js";
import { eventsLink } from "./events.js";
import { showConflict } from "./waiting.js";

const DEFAULT_PAIN = 5;
// Drafts survive moving to another page and back (not a reload: Save is one tap).
const drafts = new Map();

function clockPart(hour) {
  if (hour >= 5 && hour < 12) return "morning";
  if (hour >= 12 && hour < 17) return "afternoon";
  if (hour >= 17 && hour < 22) return "evening";
  return "night";
}

function emptyState(date) {
  return {
    id: newId(),
    date,
    version: undefined,
    symptoms: [],
    signs: [],
    footwear: [],
    sitting_hours: null,
    walking_minutes: null,
    walking_brings_leg_pain: false,
    sitting_relieves_leg_pain: false,
    medications: [],
    sleep_quality: null,
    notes: "",
  };
}

function stateFromEntry(entry) {
  const state = emptyState(entry.date);
  return {
    ...state,
    ...entry,
    symptoms: (entry.symptoms ?? []).map((sym) => ({
      region: sym.region,
      side: sym.side,
      pain: sym.pain ?? 0,
      numbness: !!sym.numbness,
      tingling: !!sym.tingling,
      qualities: [...(sym.qualities ?? [])],
      part_of_day: sym.part_of_day ?? "",
    })),
    signs: (entry.signs ?? []).map((sign) => ({ ...sign })),
    footwear: [...(entry.footwear ?? [])],
    medications: (entry.medications ?? []).map((med) => ({ ...med })),
    notes: entry.notes ?? "",
  };
}

/** The entry as the API wants it. */
export function entryFromState(state) {
  const entry = {
    id: state.id,
    date: state.date,
    symptoms: state.symptoms.map((sym) => ({
      region: sym.region,
      side: sym.side,
      pain: sym.pain,
      numbness: sym.numbness,
      tingling: sym.tingling,
      qualities: sym.qualities,
      part_of_day: sym.part_of_day,
    })),
    signs: state.signs
      .filter((sign) => sign.side !== null)
      .map((sign) => {
        const out = { code: sign.code, side: sign.side ?? "" };
        if (sign.code === "tripping") out.count = sign.count ?? 1;
        return out;
      }),
    footwear: state.footwear,
    sitting_hours: state.sitting_hours,
    walking_minutes: state.walking_minutes,
    walking_brings_leg_pain: state.walking_brings_leg_pain,
    sitting_relieves_leg_pain: state.sitting_relieves_leg_pain,
    medications: state.medications.filter((med) => med.name.trim()),
    sleep_quality: state.sleep_quality,
    notes: state.notes,
  };
  if (Number.isInteger(state.version)) entry.version = state.version;
  return entry;
}

/**
 * The urgent red flags (rules.md, cauda_equina_red_flag), checked on the phone only when
 * the server cannot answer: nobody logging saddle numbness offline should wait for signal.
 */
export function localUrgent(entry) {
  const symptomatic = (sym) => sym.pain >= 3 || sym.numbness || sym.tingling;
  if (entry.symptoms.some((sym) => sym.region === "saddle" && (sym.numbness || sym.tingling)))
    return true;
  const ce = new Set(VOCAB.cauda_equina_signs);
  if (entry.signs.some((sign) => ce.has(sign.code)) && entry.symptoms.some(symptomatic))
    return true;
  const weakSides = new Set(
    entry.signs
      .filter((sign) => sign.code === "foot_lift_difficulty" || sign.code === "leg_weakness")
      .map((sign) => sign.side),
  );
  return weakSides.has("left") && weakSides.has("right");
}

export async function render(main, { date: requestedDate } = {}) {
  const today = todayIn(timeZone());
  const date = requestedDate && requestedDate <= today ? requestedDate : today;
  const isToday = date === today;

  let state = drafts.get(date);
  let item = await outboxItemForDate(date);
  if (!state) {
    const stored = item?.entry ?? (await entryStore.byDate(date))[0];
    state = stored ? stateFromEntry(stored) : emptyState(date);
  }
  if (!rememberedMedications().length) {
    // A new phone: offer the medications of the latest day that had some.
    const latest = (await entryStore.all())
      .filter((entry) => entry.medications?.length)
      .sort((a, b) => b.date.localeCompare(a.date))[0];
    if (latest) rememberMedications(latest.medications);
  }
  const ui = {
    part: defaultPart(state, isToday),
    view: "front",
    editing: null,
    dirty: drafts.has(date),
  };

  function defaultPart(st, forToday) {
    const parts = new Set(st.symptoms.map((sym) => sym.part_of_day));
    if (forToday) return parts.has("") && parts.size === 1 ? "" : clockPart(hourIn(timeZone()));
    return st.symptoms.length ? st.symptoms[st.symptoms.length - 1].part_of_day : "";
  }

  const touch = () => {
    ui.dirty = true;
    drafts.set(date, state);
  };
  const find = (region, side, part = ui.part) =>
    state.symptoms.find(
      (sym) => sym.region === region && sym.side === side && sym.part_of_day === part,
    );

  // ---- heading ------------------------------------------------------------------------
  const heading = h(
    "h1",
    { tabindex: "-1" },
    isToday ? "Today" : formatDate(date, { weekday: "long", month: "long" }),
  );
  const sub = h(
    "p",
    { class: "subtitle" },
    isToday
      ? formatDate(date, { weekday: "long", month: "long" })
      : h("a", { href: "#/today" }, "Back to today"),
  );
  const notice = h("div", { class: "notice-slot" });

  // ---- check-in part ------------------------------------------------------------------
  // Usually right by itself (from the clock), so a compact select rather than five buttons.
  const partSelect = h(
    "select",
    { id: "part-of-day" },
    [{ code: "", label: "Whole day" }, ...PARTS_OF_DAY].map((part) =>
      h("option", { value: part.code, selected: part.code === ui.part }, part.label),
    ),
  );
  const choosePart = (part) => {
    ui.part = part;
    partSelect.value = part;
    closeEditor();
    refreshPlaces();
    announce(`${partLabel(ui.part)} check-in`);
  };
  partSelect.addEventListener("change", () => choosePart(partSelect.value));

  // ---- body map -----------------------------------------------------------------------
  const mapHolder = h("div", { class: "map-holder" });
  let map;
  const viewButtons = ["front", "back"].map((view) => {
    const button = h(
      "button",
      { type: "button", class: "seg", "aria-pressed": String(view === ui.view) },
      view === "front" ? "Front" : "Back",
    );
    button.addEventListener("click", () => {
      ui.view = view;
      drawMap();
    });
    return button;
  });
  function drawMap() {
    viewButtons.forEach((b, i) => setPressed(b, ["front", "back"][i] === ui.view));
    map = bodyMap(ui.view, {
      isSelected: (region, side) => !!find(region, side),
      painOf: (region, side) => find(region, side)?.pain ?? "",
      onTap: tapPlace,
    });
    fill(mapHolder, map.svg);
  }

  function tapPlace(region, side) {
    const existing = find(region, side);
    if (existing) {
      state.symptoms.splice(state.symptoms.indexOf(existing), 1);
      if (ui.editing === existing) closeEditor();
      announce(`${placeLabel(region, side)} removed`);
    } else {
      const sym = {
        region,
        side,
        pain: DEFAULT_PAIN,
        numbness: false,
        tingling: false,
        qualities: [],
        part_of_day: ui.part,
      };
      state.symptoms.push(sym);
      openEditor(sym);
      // The dock has just grown: keep the place that was tapped in sight above it.
      mapHolder
        .querySelector(`[data-region="${region}"][data-side="${side}"]`)
        ?.scrollIntoView({ block: "nearest" });
      announce(
        `${placeLabel(region, side)} added, pain ${DEFAULT_PAIN}. Adjust it at the bottom of the screen.`,
      );
    }
    touch();
    refreshPlaces();
    refreshSigns();
  }

  // A list picker: the same places, for a screen reader or a keyboard.
  const picker = h(
    "select",
    { id: "place-picker", class: "picker" },
    h("option", { value: "" }, "Add a place from a list…"),
    [...REGIONS.values()].flatMap((region) =>
      region.sides.map((side) =>
        h("option", { value: `${region.code}|${side}` }, placeLabel(region.code, side)),
      ),
    ),
  );
  picker.addEventListener("change", () => {
    if (!picker.value) return;
    const [region, side] = picker.value.split("|");
    picker.value = "";
    if (!find(region, side)) tapPlace(region, side);
    else openEditor(find(region, side));
  });

  // ---- selected places ----------------------------------------------------------------
  const placesList = h("ul", { class: "places", "aria-label": "Places you marked" });
  const otherParts = h("div", { class: "other-parts" });
  function refreshPlaces() {
    map?.refresh();
    const mine = state.symptoms.filter((sym) => sym.part_of_day === ui.part);
    fill(
      placesList,
      ...mine.map((sym) =>
        h(
          "li",
          {},
          h(
            "button",
            {
              type: "button",
              class: "place-row",
              "aria-label": `Edit ${describe(sym)}`,
              onclick: () => openEditor(sym),
            },
            h("span", { class: "place-name" }, placeLabel(sym.region, sym.side, { short: true })),
            h("span", { class: "place-detail" }, detail(sym)),
          ),
        ),
      ),
    );
    if (!mine.length)
      fill(placesList, h("li", { class: "empty" }, "Nothing marked for this check-in yet."));
    const others = new Map();
    for (const sym of state.symptoms) {
      if (sym.part_of_day !== ui.part)
        others.set(sym.part_of_day, (others.get(sym.part_of_day) ?? 0) + 1);
    }
    fill(
      otherParts,
      ...[...others].map(([part, count]) =>
        h(
          "button",
          {
            type: "button",
            class: "link-button",
            onclick: () => choosePart(part),
          },
          `${partLabel(part)} check-in: ${count} ${count === 1 ? "place" : "places"}`,
        ),
      ),
    );
  }
  const detail = (sym) =>
    [`pain ${sym.pain}`, sym.numbness && "numb", sym.tingling && "tingling", ...sym.qualities]
      .filter(Boolean)
      .join(" · ");
  const describe = (sym) => `${placeLabel(sym.region, sym.side)}, ${detail(sym)}`;

  // ---- the dock: controls of the place being edited, and Save -------------------------
  const editor = h("section", { class: "editor", "aria-label": "Selected place", hidden: true });
  function closeEditor() {
    ui.editing = null;
    editor.hidden = true;
    editor.replaceChildren();
    dockResized();
  }
  function openEditor(sym) {
    ui.editing = sym;
    const name = placeLabel(sym.region, sym.side);
    const painButtons = [];
    for (let value = 0; value <= VOCAB.pain_max; value += 1) {
      const button = h(
        "button",
        {
          type: "button",
          class: "pain",
          "aria-pressed": String(sym.pain === value),
          "aria-label": `Pain ${value}`,
        },
        String(value),
      );
      button.addEventListener("click", () => {
        sym.pain = value;
        painButtons.forEach((b, i) => setPressed(b, i === value));
        touch();
        refreshPlaces();
      });
      painButtons.push(button);
    }
    const qualities = h(
      "div",
      {
        class: "chips qualities",
        role: "group",
        "aria-label": `What the ${name.toLowerCase()} feels like`,
        hidden: true,
      },
      QUALITIES.map((quality) =>
        toggle(capitalise(quality), sym.qualities.includes(quality), (on) => {
          sym.qualities = on
            ? [...sym.qualities, quality]
            : sym.qualities.filter((q) => q !== quality);
          touch();
          refreshPlaces();
        }),
      ),
    );
    const more = toggle(
      "Feels like…",
      false,
      (on) => {
        qualities.hidden = !on;
        dockResized();
      },
      { class: "chip small" },
    );
    editor.setAttribute("aria-label", name);
    fill(
      editor,
      h(
        "div",
        { class: "editor-head" },
        h("h2", { class: "editor-title" }, name),
        h(
          "button",
          {
            type: "button",
            class: "secondary compact",
            onclick: () => tapPlace(sym.region, sym.side),
          },
          "Remove",
        ),
        h(
          "button",
          { type: "button", class: "icon-button", "aria-label": "Close", onclick: closeEditor },
          "✕",
        ),
      ),
      h(
        "div",
        {
          class: "pain-row",
          role: "group",
          "aria-label": `Pain in the ${name.toLowerCase()}, 0 none to 10 worst`,
        },
        painButtons,
      ),
      h(
        "p",
        { class: "scale-hint", "aria-hidden": "true" },
        h("span", {}, "0 none"),
        h("span", {}, "10 worst"),
      ),
      h(
        "div",
        { class: "toggle-row" },
        toggle("Numb", sym.numbness, (on) => {
          sym.numbness = on;
          touch();
          refreshPlaces();
        }),
        toggle("Tingling", sym.tingling, (on) => {
          sym.tingling = on;
          touch();
          refreshPlaces();
        }),
        more,
      ),
      qualities,
    );
    editor.hidden = false;
    dockResized();
  }

  // ---- signs --------------------------------------------------------------------------
  const signsBox = h("div", { class: "signs" });
  function inferredSide() {
    const sides = new Set(
      state.symptoms.filter((sym) => isLegRegion(sym.region)).map((sym) => sym.side),
    );
    return sides.size === 1 ? [...sides][0] : null;
  }
  function signRows() {
    return [...SIGNS.values()].map((sign) => {
      const rows = state.signs.filter((x) => x.code === sign.code);
      const on = rows.length > 0;
      const button = toggle(
        sign.label,
        on,
        (pressed) => {
          if (pressed) {
            const side = sign.sided ? inferredSide() : "";
            state.signs.push({
              code: sign.code,
              side,
              count: sign.code === "tripping" ? 1 : undefined,
            });
          } else {
            state.signs = state.signs.filter((x) => x.code !== sign.code);
          }
          touch();
          refreshSigns();
          signsBox.querySelector(`[data-sign="${sign.code}"] > button`)?.focus();
        },
        { class: "check" },
      );
      const row = h("div", { class: "sign", dataset: { sign: sign.code } }, button);
      if (on && sign.sided) {
        const chosen = rows.map((x) => x.side);
        const both = chosen.includes("left") && chosen.includes("right");
        const choices = [
          ["left", "Left"],
          ["right", "Right"],
          ["both", "Both"],
        ];
        row.append(
          h(
            "div",
            { class: "seg-row sides", role: "group", "aria-label": `Side: ${sign.label}` },
            choices.map(([value, label]) => {
              const pressed = value === "both" ? both : !both && chosen.includes(value);
              return h(
                "button",
                {
                  type: "button",
                  class: "seg",
                  "aria-pressed": String(pressed),
                  onclick: () => {
                    const count = rows[0]?.count;
                    state.signs = state.signs.filter((x) => x.code !== sign.code);
                    const sides = value === "both" ? ["left", "right"] : [value];
                    for (const side of sides)
                      state.signs.push({
                        code: sign.code,
                        side,
                        count: sign.code === "tripping" ? (count ?? 1) : undefined,
                      });
                    touch();
                    refreshSigns();
                  },
                },
                label,
              );
            }),
          ),
        );
        if (chosen.includes(null)) row.append(h("p", { class: "field-error" }, "Which side?"));
        if (sign.code === "tripping") {
          const count = rows[0]?.count ?? 1;
          const setCount = (n) => {
            for (const x of state.signs)
              if (x.code === "tripping") x.count = Math.max(1, Math.min(99, n));
            touch();
            refreshSigns();
          };
          row.append(
            h(
              "div",
              { class: "stepper", role: "group", "aria-label": "How many times" },
              h("span", { class: "stepper-label" }, "Times"),
              h(
                "button",
                {
                  type: "button",
                  class: "secondary compact",
                  "aria-label": "One fewer time",
                  onclick: () => setCount(count - 1),
                },
                "−",
              ),
              h("output", { "aria-live": "polite" }, String(count)),
              h(
                "button",
                {
                  type: "button",
                  class: "secondary compact",
                  "aria-label": "One more time",
                  onclick: () => setCount(count + 1),
                },
                "+",
              ),
            ),
          );
        }
      }
      return row;
    });
  }
  function refreshSigns() {
    fill(signsBox, ...signRows());
  }

  // ---- footwear -----------------------------------------------------------------------
  const footwear = h(
    "div",
    { class: "chips", role: "group", "aria-labelledby": "footwear-h" },
    FOOTWEAR.map((shoe) =>
      toggle(shoe.label, state.footwear.includes(shoe.code), (on) => {
        state.footwear = on
          ? [...state.footwear, shoe.code]
          : state.footwear.filter((c) => c !== shoe.code);
        touch();
      }),
    ),
  );

  // ---- walking and sitting ------------------------------------------------------------
  const numberField = (id, label, key, attrs) => {
    const input = h("input", { id, type: "number", value: state[key] ?? "", ...attrs });
    input.addEventListener("input", () => {
      state[key] = input.value === "" ? null : Number(input.value);
      touch();
    });
    return h("div", { class: "field" }, h("label", { for: id }, label), input);
  };
  const activity = h(
    "div",
    {},
    h(
      "div",
      { class: "two-col" },
      numberField("walking", "Walking (minutes)", "walking_minutes", {
        inputmode: "numeric",
        min: 0,
        max: VOCAB.walking_minutes_max,
        step: 5,
      }),
      numberField("sitting", "Sitting (hours)", "sitting_hours", {
        inputmode: "decimal",
        min: 0,
        max: VOCAB.sitting_hours_max,
        step: 0.5,
      }),
    ),
    h(
      "div",
      { class: "stack" },
      toggle(
        "Walking brings on leg pain",
        state.walking_brings_leg_pain,
        (on) => {
          state.walking_brings_leg_pain = on;
          touch();
        },
        { class: "check" },
      ),
      toggle(
        "Sitting or bending forward eases it",
        state.sitting_relieves_leg_pain,
        (on) => {
          state.sitting_relieves_leg_pain = on;
          touch();
        },
        { class: "check" },
      ),
    ),
  );

  // ---- medications --------------------------------------------------------------------
  const medsBox = h("div", {});
  function refreshMeds() {
    const taken = state.medications;
    const remembered = rememberedMedications().filter(
      (med) =>
        !taken.some(
          (t) =>
            t.name.toLowerCase() === med.name.toLowerCase() && (t.dose || "") === (med.dose || ""),
        ),
    );
    const nameInput = h("input", { id: "med-name", autocomplete: "off", maxlength: 100 });
    const doseInput = h("input", {
      id: "med-dose",
      autocomplete: "off",
      maxlength: 50,
      placeholder: "e.g. 400 mg",
    });
    const addTyped = () => {
      if (!nameInput.value.trim()) {
        nameInput.focus();
        return;
      }
      state.medications.push({
        name: nameInput.value.trim(),
        dose: doseInput.value.trim(),
        times: 1,
      });
      touch();
      refreshMeds();
      medsBox.querySelector("#med-name")?.focus();
    };
    fill(
      medsBox,
      remembered.length
        ? h(
            "div",
            { class: "chips", role: "group", "aria-label": "Medications you used before" },
            remembered.map((med) =>
              h(
                "button",
                {
                  type: "button",
                  class: "chip",
                  onclick: () => {
                    state.medications.push({ name: med.name, dose: med.dose, times: 1 });
                    touch();
                    refreshMeds();
                  },
                },
                `+ ${med.name}${med.dose ? ` ${med.dose}` : ""}`,
              ),
            ),
          )
        : null,
      h(
        "ul",
        { class: "meds", "aria-label": "Medications taken" },
        taken.map((med, index) =>
          h(
            "li",
            { class: "med" },
            h("span", { class: "med-name" }, `${med.name}${med.dose ? ` ${med.dose}` : ""}`),
            h(
              "div",
              { class: "stepper", role: "group", "aria-label": `Times taken: ${med.name}` },
              h(
                "button",
                {
                  type: "button",
                  class: "secondary compact",
                  "aria-label": `${med.name}: one fewer`,
                  onclick: () => {
                    med.times = (med.times ?? 1) - 1;
                    if (med.times < 1) taken.splice(index, 1);
                    touch();
                    refreshMeds();
                  },
                },
                "−",
              ),
              h("output", {}, `× ${med.times ?? 1}`),
              h(
                "button",
                {
                  type: "button",
                  class: "secondary compact",
                  "aria-label": `${med.name}: one more`,
                  onclick: () => {
                    med.times = (med.times ?? 1) + 1;
                    touch();
                    refreshMeds();
                  },
                },
                "+",
              ),
            ),
          ),
        ),
      ),
      h(
        "div",
        { class: "two-col" },
        h("div", { class: "field" }, h("label", { for: "med-name" }, "Medication"), nameInput),
        h("div", { class: "field" }, h("label", { for: "med-dose" }, "Dose"), doseInput),
      ),
      h("button", { type: "button", class: "secondary", onclick: addTyped }, "Add medication"),
    );
    doseInput.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        addTyped();
      }
    });
  }

  // ---- sleep and notes ----------------------------------------------------------------
  const sleep = h(
    "select",
    { id: "sleep" },
    h("option", { value: "" }, "Not recorded"),
    Array.from({ length: VOCAB.sleep_quality_max + 1 }, (_, n) =>
      h(
        "option",
        { value: n, selected: state.sleep_quality === n },
        n === 0 ? "0 (very bad)" : n === VOCAB.sleep_quality_max ? `${n} (very good)` : String(n),
      ),
    ),
  );
  sleep.addEventListener("change", () => {
    state.sleep_quality = sleep.value === "" ? null : Number(sleep.value);
    touch();
  });
  const notes = h(
    "textarea",
    { id: "notes", rows: 3, maxlength: VOCAB.notes_max_length },
    state.notes,
  );
  notes.addEventListener("input", () => {
    state.notes = notes.value;
    touch();
  });

  // ---- save ---------------------------------------------------------------------------
  const saveButton = h("button", { type: "button", class: "primary save" }, "Save");
  const dock = h("div", { class: "dock" }, editor, h("div", { class: "save-row" }, saveButton));
  function dockResized() {
    // On the root, so the toast can sit above the dock too.
    document.documentElement.style.setProperty(
      "--dock-height",
      `${dock.isConnected ? dock.offsetHeight : 0}px`,
    );
  }

  // On a poor connection the answer may take long; the day is safe in the outbox by then,
  // so after this long the page stops waiting (and warns from its own check if urgent).
  const PATIENCE_MS = 2500;

  async function save() {
    const missingSide = state.signs.find((sign) => sign.side === null);
    if (missingSide) {
      toast(`Which side? ${SIGNS.get(missingSide.code).label}`, { error: true });
      signsBox.querySelector(`[data-sign="${missingSide.code}"] .sides button`)?.focus();
      return;
    }
    const entry = entryFromState(state);
    saveButton.disabled = true;
    saveButton.textContent = "Saving…";
    let waitingForAnswer = false;
    try {
      await queueEntry(entry);
      rememberMedications(entry.medications);
      ui.dirty = false;
      drafts.delete(date);
      const syncing = syncNow();
      const outcome = await Promise.race([
        syncing,
        new Promise((resolve) => {
          setTimeout(() => resolve(null), PATIENCE_MS);
        }),
      ]);
      if (outcome) {
        await afterSync(entry, outcome, { warned: false });
      } else {
        waitingForAnswer = true;
        const warned = localUrgent(entry);
        if (warned)
          await showEmergency([], { note: "Your entry is saved on this phone and is being sent." });
        toast("Saved on this phone. Sending…");
        syncing.then((late) => afterSync(entry, late, { warned }));
      }
    } finally {
      saveButton.disabled = false;
      saveButton.textContent = "Save";
    }
    if (!waitingForAnswer) await refreshNotice();
  }

  async function afterSync(entry, outcome, { warned }) {
    // Before anything else: the emergency advice.
    if (warned) outcome.warned = true;
    await warnIfUrgent(outcome);
    const onPage = heading.isConnected;
    const result = outcome.results?.findLast((r) => r.id === entry.id);
    if (
      outcome.state === "done" &&
      result &&
      ["created", "updated", "unchanged"].includes(result.status)
    ) {
      if (state.id === result.id) state.version = result.version ?? state.version;
      if (onPage) closeEditor();
      toast("Saved");
    } else if (result?.status === "conflict") {
      await showConflict(entry.id);
      if (onPage) await render(main, { date });
      return;
    } else if (result?.status === "invalid") {
      if (!onPage) {
        toast("A saved day was not accepted. Tap the status at the top to fix it.", {
          error: true,
          ms: 8000,
        });
        return;
      }
      await render(main, { date });
      const problem = main.querySelector(".notice.error");
      problem?.scrollIntoView({ block: "start" });
      problem?.focus({ preventScroll: true });
      return;
    } else if (outcome.state === "auth") {
      // The app takes the person to sign in; the entry waits in the outbox.
      return;
    } else {
      if (!warned && localUrgent(entry)) {
        await showEmergency([], {
          note: "Your entry is saved on this phone and will be sent when you are back online.",
        });
      }
      toast("Saved on this phone. It will be sent when you are back online.");
    }
    if (onPage) await refreshNotice();
  }

  async function refreshNotice() {
    item = await outboxItemForDate(date);
    showItemNotice();
  }
  saveButton.addEventListener("click", save);

  function showItemNotice() {
    notice.replaceChildren();
    if (!item) return;
    if (item.state === "invalid") {
      notice.append(
        h(
          "div",
          { class: "notice error", role: "alert", tabindex: "-1" },
          h("strong", {}, "The server could not accept this day."),
          h(
            "ul",
            {},
            errorLines(item.errors).map((line) => h("li", {}, line)),
          ),
          h(
            "p",
            {},
            "Change what is wrong and save again, or discard what this phone holds for this day.",
          ),
          h(
            "button",
            {
              type: "button",
              class: "secondary",
              onclick: async () => {
                if (
                  !(await confirmDialog(
                    "Discard this day?",
                    "What you saved for this day on this phone will be lost.",
                    { confirm: "Discard", danger: true },
                  ))
                )
                  return;
                await discardItem(item.id);
                drafts.delete(date);
                await render(main, { date });
              },
            },
            "Discard",
          ),
        ),
      );
    } else if (item.state === "conflict") {
      notice.append(
        h(
          "div",
          { class: "notice warning" },
          h("p", {}, "This day was also changed on another device."),
          h(
            "button",
            {
              type: "button",
              class: "secondary",
              onclick: async () => {
                await showConflict(item.id);
                await render(main, { date });
              },
            },
            "Choose which to keep",
          ),
        ),
      );
    } else {
      notice.append(
        h(
          "p",
          { class: "notice" },
          item.state === "auth"
            ? "Saved on this phone; sign in again to send it."
            : "Saved on this phone, waiting to be sent.",
        ),
      );
    }
  }

  // ---- assemble -----------------------------------------------------------------------
  fill(
    main,
    heading,
    sub,
    notice,
    h(
      "section",
      { class: "card", "aria-labelledby": "where-h" },
      h("h2", { id: "where-h" }, "Where do you feel it?"),
      h(
        "div",
        { class: "map-controls" },
        h("div", { class: "field" }, h("label", { for: "part-of-day" }, "Check-in"), partSelect),
        h(
          "div",
          { class: "field" },
          h("span", { class: "label", id: "view-label" }, "View"),
          h(
            "div",
            { class: "seg-row views", role: "group", "aria-labelledby": "view-label" },
            viewButtons,
          ),
        ),
      ),
      h(
        "p",
        { class: "hint" },
        "Tap where you feel pain, numbness or tingling. Tap again to remove.",
      ),
      mapHolder,
      picker,
      placesList,
      otherParts,
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "signs-h" },
      h("h2", { id: "signs-h" }, "Did any of this happen?"),
      signsBox,
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "footwear-h" },
      h("h2", { id: "footwear-h" }, "Shoes today"),
      footwear,
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "activity-h" },
      h("h2", { id: "activity-h" }, "Walking and sitting"),
      activity,
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "meds-h" },
      h("h2", { id: "meds-h" }, "Medications"),
      medsBox,
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "more-h" },
      h("h2", { id: "more-h" }, "Sleep and notes"),
      h(
        "div",
        { class: "field" },
        h("label", { for: "sleep" }, "Sleep last night, 0 to 10"),
        sleep,
      ),
      h("div", { class: "field" }, h("label", { for: "notes" }, "Notes"), notes),
    ),
    eventsLink(),
    dock,
  );
  main.classList.add("has-dock");
  // Moving on to the rest of the day puts the place controls away: the room is needed.
  for (const section of main.querySelectorAll("section.card:not(:first-of-type)")) {
    // "click", not pointerdown or focus: the dock must not change size under a finger.
    section.addEventListener("click", () => {
      if (ui.editing) closeEditor();
    });
  }
  drawMap();
  refreshPlaces();
  refreshSigns();
  refreshMeds();
  showItemNotice();
  requestAnimationFrame(dockResized);

  // Learn about an entry made on another device for this day, so an edit keeps its id.
  if (!item && state.version === undefined && navigator.onLine) {
    api(`/api/v1/entries/?from=${date}&to=${date}`)
      .then(async (page) => {
        const found = (page?.results ?? page ?? []).find((e) => e.date === date);
        if (!found || !main.isConnected) return;
        await entryStore.putMany([found]);
        if (!ui.dirty && heading.isConnected) await render(main, { date });
        else {
          state.id = found.id;
          state.version = found.version;
        }
      })
      .catch(() => {});
  }

  return {
    title: isToday ? "Today" : `Edit ${formatDate(date)}`,
    leave: () => {
      main.classList.remove("has-dock");
      document.documentElement.style.setProperty("--dock-height", "0px");
    },
  };
}
