// Controls the sections of Today share.
import { h } from "../ui.js";

/** A card with its heading, labelled by it. */
export function card(id, title, ...children) {
  return h(
    "section",
    { class: "card", "aria-labelledby": id },
    h("h2", { id }, title),
    ...children,
  );
}

/**
 * − value + : `onStep` gets -1 or +1. `fewer` and `more` name the buttons for a screen
 * reader; `live` announces the new value (when nothing else on screen says it).
 */
export function stepper({ label, caption, value, fewer, more, onStep, live = false }) {
  const step = (delta, name, text) =>
    h(
      "button",
      {
        type: "button",
        class: "secondary compact",
        "aria-label": name,
        onclick: () => onStep(delta),
      },
      text,
    );
  return h(
    "div",
    { class: "stepper", role: "group", "aria-label": label },
    caption ? h("span", { class: "stepper-label" }, caption) : null,
    step(-1, fewer, "−"),
    h("output", { "aria-live": live ? "polite" : undefined }, value),
    step(1, more, "+"),
  );
}
