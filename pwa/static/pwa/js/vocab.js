// The journal's vocabulary, rendered into the shell by Django from journal/vocabulary.py.
const data = JSON.parse(document.getElementById("vocabulary").textContent);

export const VOCAB = data;
export const REGIONS = new Map(data.regions.map((r) => [r.code, r]));
export const SIGNS = new Map(data.signs.map((s) => [s.code, s]));
export const FOOTWEAR = data.footwear;
export const PARTS_OF_DAY = data.parts_of_day;
export const QUALITIES = data.qualities;
export const EVENT_KINDS = data.event_kinds;
export const EVENT_SITES = data.event_sites;
export const EVENT_SIDES = data.event_sides;

const SHORT_LABELS = {
  saddle: "Saddle area",
  foot_outer: "Outer edge of foot",
  forefoot: "Ball of foot",
};

export function regionLabel(code, { short = false } = {}) {
  if (short && SHORT_LABELS[code]) return SHORT_LABELS[code];
  return REGIONS.get(code)?.label ?? code;
}

export function sideLabel(side) {
  return { left: "Left", right: "Right", center: "Middle" }[side] ?? side;
}

/** "Left knee", "Lower back, middle", "Saddle area or genitals, left". */
export function placeLabel(region, side, options) {
  const label = regionLabel(region, options);
  if (region === "saddle") return `${label}, ${sideLabel(side).toLowerCase()}`;
  if (side === "center") return `${label}, middle`;
  return `${sideLabel(side)} ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}

export function partLabel(part) {
  if (!part) return "All day";
  return PARTS_OF_DAY.find((p) => p.code === part)?.label ?? part;
}

const labelOf = (list, code) => list.find((item) => item.code === code)?.label ?? code;
export const eventKindLabel = (code) => labelOf(EVENT_KINDS, code);
export const eventSiteLabel = (code) => labelOf(EVENT_SITES, code);

/** Where an event was: "Left ankle", "Lower back, both sides or middle", "Hip". */
export function eventPlaceLabel(site, side) {
  const place = site === "other" ? "Other place" : eventSiteLabel(site);
  if (side === "left" || side === "right") {
    return site === "other"
      ? `${place}, ${side}`
      : `${sideLabel(side)} ${place.charAt(0).toLowerCase()}${place.slice(1)}`;
  }
  if (side === "center") return `${place}, both sides or middle`;
  return place;
}

export function severityLabel(code) {
  return data.severities.find((s) => s.code === code)?.label ?? code;
}

export function capitalise(text) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1).replaceAll("_", " ") : text;
}

const LEG_REGIONS = new Set(
  data.regions.map((r) => r.code).filter((c) => c !== "lower_back" && c !== "saddle"),
);
export function isLegRegion(code) {
  return LEG_REGIONS.has(code);
}
