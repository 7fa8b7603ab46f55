// What the outbox holds for this day, above the form: refused by the server (with its
// reasons), in conflict with another device, or waiting to be sent.
import { discardItem } from "../sync.js";
import { confirmDialog, errorLines, h } from "../ui.js";
import { showConflict } from "../pages/waiting.js";

function refusedNotice(day, item) {
  return h(
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
          const discard = await confirmDialog(
            "Discard this day?",
            "What you saved for this day on this phone will be lost.",
            { confirm: "Discard", danger: true },
          );
          if (!discard) return;
          await discardItem(item.id);
          day.forgetDraft();
          await day.reopen();
        },
      },
      "Discard",
    ),
  );
}

function conflictNotice(day, item) {
  return h(
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
          await day.reopen();
        },
      },
      "Choose which to keep",
    ),
  );
}

/** Show in `slot` what the outbox `item` (or null) says about this day. */
export function showOutboxNotice(slot, day, item) {
  slot.replaceChildren();
  if (!item) return;
  if (item.state === "invalid") slot.append(refusedNotice(day, item));
  else if (item.state === "conflict") slot.append(conflictNotice(day, item));
  else
    slot.append(
      h(
        "p",
        { class: "notice" },
        item.state === "auth"
          ? "Saved on this phone; sign in again to send it."
          : "Saved on this phone, waiting to be sent.",
      ),
    );
}
