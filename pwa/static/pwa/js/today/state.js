// The day being logged, as plain data: no DOM, no storage, no network.
//
// The form works on a "state" (the entry plus what the form needs while editing: a sign
// without a side yet is `side: null`); the API takes an "entry". These functions build the
// state, change it, and turn it into the entry and back.

export const DEFAULT_PAIN = 5;
// The one sign that takes a count (the API refuses a count on any other).
export const COUNTED_SIGN = "tripping";
const MAX_COUNT = 99;

export function emptyState(date, id) {
  return {
    id,
    date,
    version: undefined,
    symptoms: [],
    signs: [],
    footwear: [],
    sitting_hours: null,
    walking_minutes: null,
    walking_brings_leg_pain: false,
    sitting_relieves_leg_pain: false,
    standing_still_relieves_leg_pain: false,
    medications: [],
    sleep_quality: null,
    notes: "",
  };
}

/**
 * The form's state from an entry (from the server, or one waiting in the outbox). A
 * deletion waiting in the outbox holds only {id, date, version}: that day opens empty.
 */
export function stateFromEntry(entry) {
  return {
    ...emptyState(entry.date, entry.id),
    ...entry,
    symptoms: (entry.symptoms ?? []).map((sym) => ({
      region: sym.region,
      side: sym.side,
      pain: sym.pain,
      numbness: sym.numbness,
      tingling: sym.tingling,
      qualities: [...sym.qualities],
      // The API says null for the whole day; the form says "".
      part_of_day: sym.part_of_day ?? "",
    })),
    // An entry's sign without a side has none (the API says null): in the form, null is
    // a side still to be chosen, which Save would ask for.
    signs: (entry.signs ?? []).map((sign) => ({ ...sign, side: sign.side ?? "" })),
    footwear: [...(entry.footwear ?? [])],
    medications: (entry.medications ?? []).map((med) => ({ ...med })),
  };
}

/**
 * The state to open a day with: the unsaved draft if there is one, else what waits in the
 * outbox, else what the server sent, else a new day with a new id. `fromDraft` says the
 * draft is what opened (the page says so); a draft no different from the day it was made
 * on is no draft.
 */
export function dayState({ date, draft, queued, stored, newId }) {
  const entry = queued ?? stored;
  const base = entry ? stateFromEntry(entry) : emptyState(date, newId());
  if (draft && (hasTyping(draft) || !sameDay(draft, base))) return { state: draft, fromDraft: true };
  return { state: base, fromDraft: false };
}

function sameDay(a, b) {
  const { id: _a, version: _av, ...left } = entryFromState(a);
  const { id: _b, version: _bv, ...right } = entryFromState(b);
  return JSON.stringify(left) === JSON.stringify(right);
}

/** A medication typed but not added yet. */
function hasTyping(state) {
  return Boolean(state.typedMedication?.name.trim() || state.typedMedication?.dose.trim());
}

/** Nothing marked, ticked or taken: a day "Same as yesterday" may fill. */
export function isEmptyDay(state) {
  return !state.symptoms.length && !state.signs.length && !state.medications.length;
}

/** Yesterday's places, signs and medications into the day, for the person to adjust. */
export function copyDay(state, entry) {
  const copy = stateFromEntry(entry);
  state.symptoms = copy.symptoms;
  state.signs = copy.signs;
  state.medications = copy.medications;
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
        if (sign.code === COUNTED_SIGN) out.count = sign.count ?? 1;
        return out;
      }),
    footwear: state.footwear,
    sitting_hours: state.sitting_hours,
    walking_minutes: state.walking_minutes,
    walking_brings_leg_pain: state.walking_brings_leg_pain,
    sitting_relieves_leg_pain: state.sitting_relieves_leg_pain,
    standing_still_relieves_leg_pain: state.standing_still_relieves_leg_pain,
    medications: state.medications.filter((med) => med.name.trim()),
    sleep_quality: state.sleep_quality,
    notes: state.notes,
  };
  if (Number.isInteger(state.version)) entry.version = state.version;
  return entry;
}

/** `list` with `item` in it (on) or not (off), in the order the person chose. */
export function withOrWithout(list, item, on) {
  return on ? [...list, item] : list.filter((x) => x !== item);
}

// ---- check-ins and places -------------------------------------------------------------

/**
 * The check-in a day opens on: the whole day, never a part guessed from the clock (a
 * night's entry at 23:30 is still the day's). A day logged only in parts of the day opens
 * on the last part it has, so its places are in sight.
 */
export function defaultPart(state) {
  const parts = state.symptoms.map((sym) => sym.part_of_day);
  return parts.length && !parts.includes("") ? parts[parts.length - 1] : "";
}

export function findSymptom(state, region, side, part) {
  return state.symptoms.find(
    (sym) => sym.region === region && sym.side === side && sym.part_of_day === part,
  );
}

export function newSymptom(region, side, part) {
  return {
    region,
    side,
    pain: DEFAULT_PAIN,
    numbness: false,
    tingling: false,
    qualities: [],
    part_of_day: part,
  };
}

/** How many places each other check-in of the day has: [[part, count], …]. */
export function otherPartCounts(state, part) {
  const others = new Map();
  for (const sym of state.symptoms) {
    if (sym.part_of_day !== part)
      others.set(sym.part_of_day, (others.get(sym.part_of_day) ?? 0) + 1);
  }
  return [...others];
}

// ---- signs ----------------------------------------------------------------------------

/** The side of the legs the day's leg symptoms are on, or null (none, or both). */
export function inferredSide(state, isLegRegion) {
  const sides = new Set(
    state.symptoms.filter((sym) => isLegRegion(sym.region)).map((sym) => sym.side),
  );
  return sides.size === 1 ? [...sides][0] : null;
}

function signRow(code, side, count) {
  return { code, side, count: code === COUNTED_SIGN ? (count ?? 1) : undefined };
}

/** Mark a sign; `side` is "" for a sign without one, null for one still to be chosen. */
export function addSign(state, code, side) {
  state.signs.push(signRow(code, side));
}

export function removeSign(state, code) {
  state.signs = state.signs.filter((sign) => sign.code !== code);
}

/** Put a sided sign on "left", "right" or "both" legs, keeping its count. */
export function setSignSide(state, code, choice) {
  const count = state.signs.find((sign) => sign.code === code)?.count;
  removeSign(state, code);
  for (const side of choice === "both" ? ["left", "right"] : [choice])
    state.signs.push(signRow(code, side, count));
}

export function setSignCount(state, code, count) {
  for (const sign of state.signs)
    if (sign.code === code) sign.count = Math.max(1, Math.min(MAX_COUNT, count));
}

/** The first marked sign whose side is still to be chosen, if any. */
export function signMissingSide(state) {
  return state.signs.find((sign) => sign.side === null);
}

// ---- medications ----------------------------------------------------------------------

export function medicationLabel(med) {
  return `${med.name}${med.dose ? ` ${med.dose}` : ""}`;
}

function sameMedication(a, b) {
  return a.name.toLowerCase() === b.name.toLowerCase() && (a.dose || "") === (b.dose || "");
}

/** The remembered medications not already taken today, to offer as one-tap chips. */
export function medicationsToOffer(remembered, taken) {
  return remembered.filter((med) => !taken.some((t) => sameMedication(t, med)));
}

/**
 * A medication typed but not "added" joins the day on Save, never dropped. Returns
 * "added", "none" (nothing typed), or "no-name" (a dose alone: Save asks for the name).
 */
export function takeTypedMedication(state) {
  const name = state.typedMedication?.name.trim() ?? "";
  const dose = state.typedMedication?.dose.trim() ?? "";
  if (!name) return dose ? "no-name" : "none";
  addMedication(state, { name, dose });
  state.typedMedication = null;
  return "added";
}

/**
 * The medications of the patient's own entries, newest day first, once each: the chips
 * offered for one-tap re-use, on any phone the patient signs in on.
 */
export function medicationsFromEntries(entries, limit = 8) {
  const seen = new Set();
  const found = [];
  const newestFirst = [...entries].sort((a, b) => b.date.localeCompare(a.date));
  for (const med of newestFirst.flatMap((entry) => entry.medications ?? [])) {
    const name = (med.name || "").trim();
    const dose = (med.dose || "").trim();
    const key = `${name.toLowerCase()}|${dose.toLowerCase()}`;
    if (!name || seen.has(key)) continue;
    seen.add(key);
    found.push({ name, dose });
  }
  return found.slice(0, limit);
}

export function addMedication(state, { name, dose }) {
  state.medications.push({ name, dose, times: 1 });
}

/** One more or one fewer time taken; at none the medication leaves the day. */
export function changeTimes(state, index, delta) {
  const med = state.medications[index];
  med.times = (med.times ?? 1) + delta;
  if (med.times < 1) state.medications.splice(index, 1);
}
