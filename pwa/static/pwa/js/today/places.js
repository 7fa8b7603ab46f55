// "Where do you feel it?": the check-in, the body map (front and back), a list picker
// for a screen reader or a keyboard, and the places marked for this check-in.
import { bodyMap } from "../bodymap.js";
import { announce, fill, h, setPressed } from "../ui.js";
import { PARTS_OF_DAY, REGIONS, partLabel, placeLabel } from "../vocab.js";
import { card } from "./controls.js";
import { DEFAULT_PAIN, findSymptom, newSymptom, otherPartCounts } from "./state.js";

const VIEWS = ["front", "back"];

const detail = (sym) =>
  [`pain ${sym.pain}`, sym.numbness && "numb", sym.tingling && "tingling", ...sym.qualities]
    .filter(Boolean)
    .join(" · ");
const describe = (sym) => `${placeLabel(sym.region, sym.side)}, ${detail(sym)}`;

/**
 * `editor` is the place editor (open, close, editing); `onChange()` runs after a place is
 * added or removed. Tapping a marked place opens it in the editor; removing it is the
 * editor's Remove button (a slip of the finger must not lose a place and its readings).
 */
export function placesSection(day, { part, editor, onChange }) {
  const { state } = day;
  const ui = { part, view: "front" };
  const find = (region, side) => findSymptom(state, region, side, ui.part);

  // The whole day unless the person chooses a part: a compact select, not five buttons.
  const partSelect = h(
    "select",
    { id: "part-of-day" },
    [{ code: "", label: "Whole day" }, ...PARTS_OF_DAY].map((p) =>
      h("option", { value: p.code, selected: p.code === ui.part }, p.label),
    ),
  );
  function choosePart(chosen) {
    ui.part = chosen;
    partSelect.value = chosen;
    editor.close();
    refresh();
    announce(`${partLabel(ui.part)} check-in`);
  }
  partSelect.addEventListener("change", () => choosePart(partSelect.value));

  const mapHolder = h("div", { class: "map-holder" });
  let map;
  const viewButtons = VIEWS.map((view) => {
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
    viewButtons.forEach((b, i) => setPressed(b, VIEWS[i] === ui.view));
    map = bodyMap(ui.view, {
      isSelected: (region, side) => !!find(region, side),
      painOf: (region, side) => find(region, side)?.pain ?? "",
      onTap: tapPlace,
    });
    fill(mapHolder, map.svg);
  }

  /** Keep the place that was tapped in sight above the dock, which has just grown. */
  function keepInSight(region, side) {
    mapHolder
      .querySelector(`[data-region="${region}"][data-side="${side}"]`)
      ?.scrollIntoView({ block: "nearest" });
  }

  /** Mark a place (at the default pain) or, marked already, open it for editing. */
  function tapPlace(region, side) {
    const existing = find(region, side);
    if (existing) {
      if (editor.editing !== existing) editor.open(existing);
      keepInSight(region, side);
      announce(`${describe(existing)}. Change it at the bottom of the screen.`);
      return;
    }
    const sym = newSymptom(region, side, ui.part);
    state.symptoms.push(sym);
    editor.open(sym);
    keepInSight(region, side);
    announce(
      `${placeLabel(region, side)} added, pain ${DEFAULT_PAIN}. Adjust it at the bottom of the screen.`,
    );
    changed();
  }

  /** The editor's Remove button. */
  function removePlace(sym) {
    const at = state.symptoms.indexOf(sym);
    if (at >= 0) state.symptoms.splice(at, 1);
    if (editor.editing === sym) editor.close();
    announce(`${placeLabel(sym.region, sym.side)} removed`);
    changed();
  }

  function changed() {
    day.changed();
    refresh();
    onChange();
  }

  const picker = h(
    "select",
    { id: "place-picker", class: "picker", "aria-label": "Add a place from a list" },
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
    tapPlace(region, side);
  });

  const placesList = h("ul", { class: "places", "aria-label": "Places you marked" });
  const otherParts = h("div", { class: "other-parts" });
  function refresh() {
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
              // Named by what it shows (a name unlike the visible text misleads voice
              // control): "Edit" is only heard.
              onclick: () => editor.open(sym),
            },
            h("span", { class: "visually-hidden" }, "Edit "),
            h("span", { class: "place-name" }, placeLabel(sym.region, sym.side, { short: true })),
            h("span", { class: "place-detail" }, detail(sym)),
          ),
        ),
      ),
    );
    if (!mine.length)
      fill(placesList, h("li", { class: "empty" }, "Nothing marked for this check-in yet."));
    fill(
      otherParts,
      ...otherPartCounts(state, ui.part).map(([other, count]) =>
        h(
          "button",
          { type: "button", class: "link-button", onclick: () => choosePart(other) },
          `${partLabel(other)} check-in: ${count} ${count === 1 ? "place" : "places"}`,
        ),
      ),
    );
  }

  const element = card(
    "where-h",
    "Where do you feel it?",
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
      "Tap where it hurts, is numb or tingles. Tap a marked place to change it.",
    ),
    mapHolder,
    picker,
    placesList,
    otherParts,
  );
  return { element, drawMap, refresh, tapPlace, removePlace };
}
