// The journal's vocabulary, rendered into the shell by Django from journal/vocabulary.py.
const data = JSON.parse(document.getElementById("vocabulary").textContent);

export const VOCAB = data;
export const REGIONS = new Map(data.regions.map((r) => [r.code, r]));
export const SIGNS = new Map(data.signs.map((s) => [s.code, s]));
export const FOOTWEAR = data.footwear;
export const PARTS_OF_DAY = data.parts_of_day;
export const QUALITIES = data.qualities;

const SHORT_LABELS = { saddle: "Saddle area", foot_outer: "Outer edge of foot" };

export function regionLabel(code, { short = false } = {}) {
  if (short && SHORT_LABELS[code]) return SHORT_LABELS[code];
  return REGIONS.get(code)?.label ?? code;
}

export function sideLabel(side) {
  return { left: "Left", right: "Right", center: "Middle" }[side] ?? side;
}

/** "Left knee", "Lower back, middle", "Saddle area". */
export function placeLabel(region, side, options) {
  const label = regionLabel(region, options);
  if (region === "saddle") return label;
  if (side === "center") return `${label}, middle`;
  return `${sideLabel(side)} ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}

export function partLabel(part) {
  if (!part) return "All day";
  return PARTS_OF_DAY.find((p) => p.code === part)?.label ?? part;
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
