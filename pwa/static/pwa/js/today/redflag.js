// The cauda equina screen on the phone (rules.md, "The red-flag check on the phone"):
// `cauda_equina_red_flag` (urgent) and `cauda_equina_warning` (prompt), so that the advice
// shows as soon as the marked signs meet the rule, before Save and offline too.
//
// One definition, not two: every sign set, threshold, look-back, region group and text
// comes from the server's rules as `vocabulary.red_flag_screen`
// (journal/rules/red_flags.py: screen_definition). What is written here is only the logic
// that reads them, function for function the Python's:
//   mergeDay               journal/rules/days.py      merge_day (the facts the screen reads)
//   radicular              journal/rules/days.py      _radicular
//   progressiveWeakness    journal/rules/motor.py     progressive_weakness_days
//   progressivePossible    journal/rules/red_flags.py _progressive_possible
//   redFlagCriteria        journal/rules/red_flags.py _red_flag_criteria
//   warningCriteria        journal/rules/red_flags.py _warning_criteria
//   screen                 journal/rules/__init__.py  urgent_findings + cauda_equina_findings
//   advice                 journal/rules/texts.py     _cauda_equina(_warning) with listed()
// The shared case table (tests/red_flag_cases.json) runs against both in the test suite.
//
// Plain data in, plain data out: no DOM, no storage, no imports. Dates are ISO strings
// ("2026-11-20"), which compare in date order.

const LEFT = "left";
const RIGHT = "right";
const LEG_SIDES = [LEFT, RIGHT];
const UPPER_LEG = "upper";
const LOWER_LEG = "lower";
const FOOT = "foot";
const LOWER_BACK = "lower_back";
const SADDLE = "saddle";

/** The ISO date `days` days after (before, when negative) `iso`. */
export function shiftDate(iso, days) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The dates the phone must hold to screen a day: the look-back before it. */
export function lookBack(date, screen) {
  return { from: shiftDate(date, -screen.lookback_days), to: shiftDate(date, -1) };
}

function regionKinds(screen) {
  const kinds = new Map();
  for (const region of screen.regions.knee_and_above) kinds.set(region, UPPER_LEG);
  for (const region of screen.regions.lower_leg) kinds.set(region, LOWER_LEG);
  for (const region of screen.regions.foot) kinds.set(region, FOOT);
  kinds.set(screen.regions.lower_back, LOWER_BACK);
  kinds.set(screen.regions.saddle, SADDLE);
  return kinds;
}

/** Radicular leg symptoms on one side, from that side's symptomatic and numb regions. */
function radicular(symptomatic, numbTingling, kinds) {
  let upper = false;
  let lower = false;
  let foot = false;
  for (const region of symptomatic) {
    const kind = kinds.get(region);
    if (kind === UPPER_LEG) upper = true;
    else if (kind === LOWER_LEG) lower = true;
    else foot = true;
  }
  if (upper && (lower || foot)) return true;
  if (!(lower && foot)) return false;
  return [...numbTingling].some((region) => kinds.get(region) !== UPPER_LEG);
}

/**
 * Fold every entry (check-ins and signs) of one date into what the screen asks of a day.
 * Saddle readings count whatever side they carry; a leg reading without a leg side
 * cannot be placed on a leg.
 */
function mergeDay(date, entries, screen, kinds) {
  const symptomatic = { [LEFT]: new Set(), [RIGHT]: new Set() };
  const numbTingling = { [LEFT]: new Set(), [RIGHT]: new Set() };
  const weakness = { [LEFT]: 0, [RIGHT]: 0 };
  const signs = new Set();
  const bladderBowelSigns = new Set(screen.signs.bladder_bowel);
  const sexualSigns = new Set(screen.signs.sexual);
  const weaknessSigns = new Set(screen.signs.weakness);
  let saddle = false;
  let backOrLeg = false;
  let bladderBowel = false;
  let sexual = false;

  for (const entry of entries) {
    for (const reading of entry.symptoms ?? []) {
      const kind = kinds.get(reading.region);
      if (kind === undefined) continue;
      const numbOrTingling = !!(reading.numbness || reading.tingling);
      if (kind === SADDLE) {
        saddle = saddle || numbOrTingling;
        continue;
      }
      if (numbOrTingling || reading.pain >= screen.back_or_leg_min_pain) backOrLeg = true;
      if (kind === LOWER_BACK) continue;
      if (!(reading.side in symptomatic)) continue;
      if (numbOrTingling) numbTingling[reading.side].add(reading.region);
      if (numbOrTingling || reading.pain >= screen.symptomatic_min_pain)
        symptomatic[reading.side].add(reading.region);
    }
    for (const sign of entry.signs ?? []) {
      const side = sign.side || null;
      const key = `${sign.code}|${side}`;
      if (signs.has(key)) continue;
      signs.add(key);
      if (bladderBowelSigns.has(sign.code)) bladderBowel = true;
      else if (sexualSigns.has(sign.code)) sexual = true;
      else if (side in weakness && weaknessSigns.has(sign.code)) weakness[side] += 1;
    }
  }
  return {
    date,
    saddle,
    backOrLeg,
    radicular: new Set(
      LEG_SIDES.filter((side) => radicular(symptomatic[side], numbTingling[side], kinds)),
    ),
    signs,
    weakness,
    bladderBowel,
    sexual,
  };
}

const hasSign = (day, code, side) => day.signs.has(`${code}|${side}`);
const weakOn = (day, side) => day.weakness[side] > 0;
/** The logged days from `first` to `last` inclusive, ascending. */
const daysBetween = (days, first, last) => days.filter((d) => first <= d.date && d.date <= last);

/**
 * The dates with a weakness sign on `side` when the weakness is getting worse over `days`
 * (logged days, ascending), else null.
 */
function progressiveWeakness(days, side, rule) {
  if (days.length < rule.min_logged_days) return null;
  const weakDays = days.filter((day) => day.weakness[side]).map((day) => day.date);
  if (weakDays.length < rule.min_sign_days) return null;
  const last = days.slice(-rule.edge_days);
  const first = days.slice(0, rule.edge_days);
  if (last.filter((day) => day.weakness[side]).length < rule.min_last_sign_days) return null;
  const pairs = (some) => some.reduce((sum, day) => sum + day.weakness[side], 0);
  if (pairs(last) <= pairs(first)) return null;
  return weakDays;
}

/** Cheap gate for (e): each side needs weakness signs on enough logged days somewhere. */
function progressivePossible(days, screen) {
  return LEG_SIDES.every(
    (side) => days.filter((day) => weakOn(day, side)).length >= screen.progressive.min_sign_days,
  );
}

function withDaysBefore(days, day, screen) {
  return daysBetween(days, shiftDate(day.date, -screen.lookback_days), day.date);
}

/** (a)–(f) of the red flag that `day` meets, in rules.md's order. */
function redFlagCriteria(days, day, screen, possible) {
  const hits = [];
  if (day.saddle) hits.push("saddle");
  if (day.bladderBowel || day.sexual) {
    const before = withDaysBefore(days, day, screen);
    if (day.bladderBowel && before.some((d) => d.backOrLeg)) hits.push("bladder_bowel");
    if (day.sexual && before.some((d) => d.radicular.size > 0)) hits.push("sexual");
  }
  const distal = (side) => screen.signs.distal_weakness.some((code) => hasSign(day, code, side));
  if (LEG_SIDES.every(distal)) hits.push("distal_weakness");
  if (possible && (weakOn(day, LEFT) || weakOn(day, RIGHT))) {
    const recent = daysBetween(days, shiftDate(day.date, -(screen.window_days - 1)), day.date);
    if (LEG_SIDES.every((side) => progressiveWeakness(recent, side, screen.progressive)))
      hits.push("progressive_weakness");
  }
  if (day.radicular.size === 2 && weakOn(day, LEFT) && weakOn(day, RIGHT))
    hits.push("bilateral_sciatica_weakness");
  return hits;
}

/** The warning's criteria that `day` meets (read only on a day without a red flag). */
function warningCriteria(days, day, screen) {
  const hits = [];
  if (day.bladderBowel || day.sexual) {
    const before = withDaysBefore(days, day, screen);
    if (day.bladderBowel && !before.some((d) => d.backOrLeg)) hits.push("bladder_bowel");
    if (day.sexual && !before.some((d) => d.radicular.size > 0)) hits.push("sexual");
  }
  if (weakOn(day, LEFT) && weakOn(day, RIGHT)) hits.push("weakness_both_sides");
  return hits;
}

function finding(rule, hits) {
  const criteria = rule.criteria.filter((criterion) => hits.has(criterion));
  const dates = [...new Set(criteria.flatMap((criterion) => hits.get(criterion)))].sort();
  return { code: rule.code, dates, criteria };
}

/**
 * The screen over the `written` dates, each read with the days given before it (API
 * entries; several of one date are check-ins of that day): `{code, dates, criteria}` for
 * the red flag, or else the warning, or null.
 */
export function screen(entries, written, definition) {
  const kinds = regionKinds(definition);
  const byDate = new Map();
  for (const entry of entries) {
    if (!byDate.has(entry.date)) byDate.set(entry.date, []);
    byDate.get(entry.date).push(entry);
  }
  const days = [...byDate.keys()]
    .sort()
    .map((date) => mergeDay(date, byDate.get(date), definition, kinds));
  const wanted = new Set(written);
  const possible = progressivePossible(days, definition);
  const red = new Map();
  const warning = new Map();
  const add = (hits, criterion, date) => {
    if (!hits.has(criterion)) hits.set(criterion, []);
    hits.get(criterion).push(date);
  };
  for (const day of days.filter((d) => wanted.has(d.date))) {
    const hits = redFlagCriteria(days, day, definition, possible);
    for (const criterion of hits) add(red, criterion, day.date);
    if (!hits.length)
      for (const criterion of warningCriteria(days, day, definition))
        add(warning, criterion, day.date);
  }
  if (red.size) return finding(definition.red_flag, red);
  if (warning.size) return finding(definition.warning, warning);
  return null;
}

/** The screen of one day being edited, with the days the phone holds before it. */
export function screenDay(entry, held, definition) {
  const { from, to } = lookBack(entry.date, definition);
  const before = held.filter((e) => e.date >= from && e.date <= to);
  return screen([...before, entry], [entry.date], definition);
}

/** "a, b and c" (texts.listed). */
function listed(criteria, words) {
  const parts = criteria.filter((c) => c in words).map((c) => words[c]);
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

const FALLBACK_LOGGED = {
  red_flag: "signs that need emergency care",
  warning: "a change worth checking",
};

/**
 * The advice for a screen's result, worded as the server words the flag:
 * `{code, severity, title, explanation, criteria}`, or null.
 */
export function advice(result, definition) {
  if (!result) return null;
  const key = result.code === definition.red_flag.code ? "red_flag" : "warning";
  const rule = definition[key];
  const logged = listed(result.criteria, rule.words) || FALLBACK_LOGGED[key];
  return {
    code: rule.code,
    severity: rule.severity,
    title: rule.title,
    explanation: rule.explanation.replace("{logged}", logged),
    criteria: result.criteria,
    dates: result.dates,
  };
}
