// Parts of the events page: a set of chips for one field of the form (what happened,
// where, which side), one pressed at a time with its error line, for adding and editing
// alike; and a row of the list.
import { formatDate, h, setPressed } from "../ui.js";
import { eventKindLabel, eventPlaceLabel } from "../vocab.js";

/**
 * `selected()` reads the field's current value; `onChoose(code)` is told of a tap (and of
 * `choose(code)` calls), after the chips show it.
 */
export function choiceChips({ name, label, options, selected, error, onChoose }) {
  const labelId = `event-${name}-label`;
  const buttons = options.map((option) =>
    h(
      "button",
      {
        type: "button",
        class: "chip",
        "aria-pressed": String(selected() === option.code),
        "aria-describedby": `event-${name}-error`,
        dataset: { code: option.code },
        onclick: () => choose(option.code, { byPerson: true }),
      },
      option.label,
    ),
  );
  const group = h(
    "div",
    { class: "chips", role: "group", "aria-labelledby": labelId, id: `event-${name}` },
    buttons,
  );
  function choose(code, { byPerson = false } = {}) {
    buttons.forEach((b) => setPressed(b, b.dataset.code === code));
    error.textContent = "";
    group.removeAttribute("aria-invalid");
    onChoose(code, { byPerson });
  }
  const element = h(
    "div",
    { class: "field" },
    h("span", { class: "label", id: labelId }, label),
    group,
    error,
  );
  return {
    element,
    choose,
    invalid: () => group.setAttribute("aria-invalid", "true"),
    focus: () => (buttons.find((b) => b.dataset.code === selected()) ?? buttons[0]).focus(),
  };
}

/** "Injury or fall, left ankle, 26 Oct 2026". */
export function eventInWords(ev) {
  const place = eventPlaceLabel(ev.site, ev.side ?? "").toLowerCase();
  return `${eventKindLabel(ev.kind)}, ${place}, ${formatDate(ev.date)}`;
}

/** One recorded event, with its Edit and Delete buttons. */
export function eventRow(ev, { onEdit, onDelete }) {
  const kindText = eventKindLabel(ev.kind);
  const when = formatDate(ev.date);
  return h(
    "li",
    { class: "event", dataset: { id: ev.id } },
    h(
      "div",
      { class: "event-text" },
      h("time", { class: "event-date", datetime: ev.date }, when),
      h("h3", { class: "event-kind" }, kindText),
      h("p", { class: "event-place" }, eventPlaceLabel(ev.site, ev.side ?? "")),
      ev.notes ? h("p", { class: "event-notes" }, ev.notes) : null,
    ),
    h(
      "div",
      { class: "event-buttons" },
      h(
        "button",
        {
          type: "button",
          class: "secondary compact",
          "aria-label": `Edit ${kindText}, ${when}`,
          onclick: () => onEdit(ev),
        },
        "Edit",
      ),
      h(
        "button",
        {
          type: "button",
          class: "secondary compact",
          "aria-label": `Delete ${kindText}, ${when}`,
          onclick: () => onDelete(ev, kindText, when),
        },
        "Delete",
      ),
    ),
  );
}
