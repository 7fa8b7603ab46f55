// The notices above the form: what the outbox holds for this day (refused by the server
// with its reasons, in conflict with another device, or waiting to be sent), unsaved
// drafts, and the days another account left unsent on this phone.
import { discardItem } from "../sync.js";
import { confirmDialog, errorLines, formatDate, h, toast } from "../ui.js";
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

/** The day opened on a draft: say so, with a way to discard it. */
export function draftNotice(day) {
  return h(
    "div",
    { class: "notice warning draft-notice" },
    h(
      "p",
      {},
      h("strong", {}, "Not saved yet. "),
      "These are changes you made to this day earlier on this phone. Save them, or discard them.",
    ),
    h(
      "button",
      {
        type: "button",
        class: "secondary",
        onclick: async () => {
          const discard = await confirmDialog(
            "Discard these changes?",
            "The day goes back to what was last saved.",
            { confirm: "Discard changes", danger: true },
          );
          if (!discard) return;
          day.forgetDraft();
          // The message comes with the day as it now is, not before it is drawn again.
          await day.reopen();
          toast("Changes discarded");
        },
      },
      "Discard changes",
    ),
  );
}

/** Drafts of other days: each named, to open or discard (never brought back unseen). */
export function otherDraftsNotice(dates, { today, onDiscard }) {
  if (!dates.length) return null;
  return h(
    "div",
    { class: "notice other-drafts" },
    h("p", {}, dates.length === 1 ? "A day with changes not saved:" : "Days with changes not saved:"),
    h(
      "ul",
      {},
      dates.map((date) =>
        h(
          "li",
          {},
          h("span", {}, date === today ? "Today" : formatDate(date)),
          h(
            "a",
            { class: "button secondary compact", href: date === today ? "#/today" : `#/today/${date}` },
            "Open",
          ),
          h(
            "button",
            {
              type: "button",
              class: "secondary compact",
              "aria-label": `Discard the changes to ${formatDate(date, { weekday: "long" })}`,
              onclick: () => onDiscard(date),
            },
            "Discard",
          ),
        ),
      ),
    ),
  );
}

/** Days another account left unsent: named, never shown, kept for that account. */
export function heldNotice(count) {
  if (!count) return null;
  return h(
    "p",
    { class: "notice held-notice" },
    `${count} ${count === 1 ? "day" : "days"} of another account ${count === 1 ? "was" : "were"} not sent. ` +
      "They wait here, unseen, until that account signs in again.",
  );
}
