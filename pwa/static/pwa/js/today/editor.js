// The controls of the place being edited: pain 0 to 10, numb, tingling, what it feels
// like. They sit in the dock at the bottom of the screen, above Save, one place at a time.
import { fill, h, setPressed, toggle } from "../ui.js";
import { QUALITIES, VOCAB, capitalise, placeLabel } from "../vocab.js";
import { withOrWithout } from "./state.js";

/**
 * `onChange()` after any change to the place, `onRemove(sym)` for its Remove button,
 * `onResize()` whenever the editor opens, closes or grows.
 */
export function placeEditor(day, { onChange, onRemove, onResize }) {
  const element = h("section", { class: "editor", "aria-label": "Selected place", hidden: true });
  let editing = null;

  const changed = () => {
    day.changed();
    onChange();
  };

  function close() {
    editing = null;
    element.hidden = true;
    element.replaceChildren();
    onResize();
  }

  function painRow(sym, name) {
    const buttons = [];
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
        buttons.forEach((b, i) => setPressed(b, i === value));
        changed();
      });
      buttons.push(button);
    }
    return h(
      "div",
      {
        class: "pain-row",
        role: "group",
        "aria-label": `Pain in the ${name.toLowerCase()}, 0 none to 10 worst`,
      },
      buttons,
    );
  }

  function open(sym) {
    editing = sym;
    const name = placeLabel(sym.region, sym.side);
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
          sym.qualities = withOrWithout(sym.qualities, quality, on);
          changed();
        }),
      ),
    );
    const more = toggle(
      "Feels like…",
      false,
      (on) => {
        qualities.hidden = !on;
        onResize();
      },
      { class: "chip small" },
    );
    const flag = (label, key) =>
      toggle(label, sym[key], (on) => {
        sym[key] = on;
        changed();
      });
    element.setAttribute("aria-label", name);
    fill(
      element,
      h(
        "div",
        { class: "editor-head" },
        h("h2", { class: "editor-title" }, name),
        h(
          "button",
          { type: "button", class: "secondary compact", onclick: () => onRemove(sym) },
          "Remove",
        ),
        h(
          "button",
          { type: "button", class: "icon-button", "aria-label": "Close", onclick: close },
          "✕",
        ),
      ),
      sym.region === "saddle"
        ? h("p", { class: "hint saddle-hint" }, `That is ${VOCAB.saddle_description}.`)
        : null,
      painRow(sym, name),
      // One line, not "0" and "10" at the ends: in two rows, 10 is not at the right end.
      h("p", { class: "scale-hint", "aria-hidden": "true" }, "0 none, 10 worst"),
      h(
        "div",
        { class: "toggle-row" },
        flag("Numb", "numbness"),
        flag("Tingling", "tingling"),
        more,
      ),
      qualities,
    );
    element.hidden = false;
    onResize();
  }

  return {
    element,
    open,
    close,
    get editing() {
      return editing;
    },
  };
}
