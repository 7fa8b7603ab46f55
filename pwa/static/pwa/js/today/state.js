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
    signs: (entry.signs ?? []).map((sign) => ({ ...sign })),
    footwear: [...(entry.footwear ?? [])],
    medications: (entry.medications ?? []).map((med) => ({ ...med })),
  };
}

/**
 * The state to open a day with: the unsaved draft if there is one, else what waits in the
 * outbox, else what the server sent, else a new day with a new id.
 */
export function dayState({ date, draft, queued, stored, newId }) {
  if (draft) return draft;
  const entry = queued ?? stored;
  return entry ? stateFromEntry(entry) : emptyState(date, newId());
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

export function clockPart(hour) {
  if (hour >= 5 && hour < 12) return "morning";
  if (hour >= 12 && hour < 17) return "afternoon";
  if (hour >= 17 && hour < 22) return "evening";
  return "night";
}

/**
 * The check-in a day opens on: today, the part of the day by the clock (unless the day
 * was logged for the whole day); another day, the last check-in it has.
 */
export function defaultPart(state, { isToday, hour }) {
  const parts = new Set(state.symptoms.map((sym) => sym.part_of_day));
  if (isToday) return parts.has("") && parts.size === 1 ? "" : clockPart(hour);
  return state.symptoms.length ? state.symptoms[state.symptoms.length - 1].part_of_day : "";
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

export function addMedication(state, { name, dose }) {
  state.medications.push({ name, dose, times: 1 });
}

/** One more or one fewer time taken; at none the medication leaves the day. */
export function changeTimes(state, index, delta) {
  const med = state.medications[index];
  med.times = (med.times ?? 1) + delta;
  if (med.times < 1) state.medications.splice(index, 1);
}
