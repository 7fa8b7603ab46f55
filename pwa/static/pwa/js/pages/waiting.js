// What is waiting in the outbox, and the choices the person has to make about it.
import { getToken } from "../api.js";
import {
  discardItem,
  keepMine,
  keepTheirs,
  outboxItems,
  showSyncAlerts,
  syncNow,
} from "../sync.js";
import { confirmDialog, errorLines, fill, formatDate, h, modal, toast } from "../ui.js";
import { FOOTWEAR, SIGNS, partLabel, placeLabel } from "../vocab.js";
import { outboxStore } from "../db.js";

const STATE_TEXT = {
  waiting: "Waiting to be sent",
  auth: "Waiting: sign in again to send it",
  conflict: "Changed on another device too: choose which to keep",
  invalid: "Not accepted: needs a change",
};

/** A short, readable summary of an entry (for the conflict choice). */
export function summarise(entry) {
  if (!entry) return h("p", {}, "(nothing)");
  const places = (entry.symptoms ?? []).map((sym) => {
    const bits = [`pain ${sym.pain}`, sym.numbness && "numb", sym.tingling && "tingling"]
      .filter(Boolean)
      .join(", ");
    const part = sym.part_of_day ? ` (${partLabel(sym.part_of_day).toLowerCase()})` : "";
    return `${placeLabel(sym.region, sym.side, { short: true })}${part}: ${bits}`;
  });
  const signs = (entry.signs ?? []).map(
    (sign) => `${SIGNS.get(sign.code)?.label ?? sign.code}${sign.side ? ` (${sign.side})` : ""}`,
  );
  const shoes = (entry.footwear ?? []).map(
    (code) => FOOTWEAR.find((f) => f.code === code)?.label ?? code,
  );
  return h(
    "ul",
    { class: "summary" },
    places.length ? places.map((p) => h("li", {}, p)) : h("li", {}, "No places marked"),
    signs.length ? h("li", {}, `Signs: ${signs.join("; ")}`) : null,
    shoes.length ? h("li", {}, `Shoes: ${shoes.join(", ")}`) : null,
    entry.medications?.length
      ? h(
          "li",
          {},
          `Medications: ${entry.medications.map((m) => `${m.name} ${m.dose ?? ""}`.trim()).join(", ")}`,
        )
      : null,
    entry.notes ? h("li", {}, `Notes: ${entry.notes}`) : null,
  );
}

/** Ask the person which copy of a conflicting day to keep. */
export async function showConflict(id) {
  const item = await outboxStore.get(id);
  if (!item || item.state !== "conflict") return;
  const choice = await modal(`${formatDate(item.entry.date)} was changed elsewhere`, (close) =>
    h(
      "div",
      {},
      h(
        "p",
        {},
        "This day was saved on another device (or earlier) while yours was waiting. Which one should Footnote keep?",
      ),
      h(
        "div",
        { class: "compare" },
        h(
          "section",
          { "aria-labelledby": "mine-h" },
          h("h3", { id: "mine-h" }, "Yours, on this phone"),
          summarise(item.entry),
        ),
        h(
          "section",
          { "aria-labelledby": "theirs-h" },
          h("h3", { id: "theirs-h" }, "The saved one"),
          summarise(item.server),
        ),
      ),
      h(
        "div",
        { class: "actions" },
        h(
          "button",
          { type: "button", class: "primary", onclick: () => close("mine") },
          "Keep mine",
        ),
        h(
          "button",
          { type: "button", class: "secondary", onclick: () => close("theirs") },
          "Keep theirs",
        ),
        h(
          "button",
          { type: "button", class: "link-button", onclick: () => close(undefined) },
          "Decide later",
        ),
      ),
    ),
  );
  if (choice === "mine") {
    await keepMine(id);
    const outcome = await syncNow();
    await showSyncAlerts(outcome);
    toast(
      outcome.state === "done"
        ? "Your version was saved"
        : "Your version will be sent when you are back online",
    );
  } else if (choice === "theirs") {
    await keepTheirs(id);
    toast("Kept the saved version");
  }
}

export async function render(main) {
  const items = await outboxItems();
  const list = h("ul", { class: "waiting-list" });
  for (const item of items) {
    const actions = [];
    if (item.state === "conflict") {
      actions.push(
        h(
          "button",
          {
            type: "button",
            class: "primary",
            onclick: async () => {
              await showConflict(item.id);
              await render(main);
            },
          },
          "Choose",
        ),
      );
    }
    actions.push(h("a", { class: "button secondary", href: `#/today/${item.entry.date}` }, "Edit"));
    if (item.state === "invalid" || item.state === "conflict") {
      actions.push(
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: async () => {
              if (
                await confirmDialog(
                  "Discard this day?",
                  "Your changes to this day on this phone will be lost.",
                  { confirm: "Discard", danger: true },
                )
              ) {
                await discardItem(item.id);
                await render(main);
              }
            },
          },
          "Discard",
        ),
      );
    }
    list.append(
      h(
        "li",
        { class: `card waiting ${item.state}` },
        h("h2", {}, formatDate(item.entry.date, { weekday: "long" })),
        h("p", { class: "state" }, STATE_TEXT[item.state] ?? item.state),
        item.state === "invalid"
          ? h(
              "ul",
              { class: "errors" },
              errorLines(item.errors).map((line) => h("li", {}, line)),
            )
          : null,
        summarise(item.entry),
        h("div", { class: "actions" }, actions),
      ),
    );
  }
  const sendNow = h(
    "button",
    {
      type: "button",
      class: "primary",
      onclick: async () => {
        const outcome = await syncNow();
        await showSyncAlerts(outcome);
        if (outcome.state === "offline")
          toast("Still offline. Footnote will send them when the connection is back.");
        await render(main);
      },
    },
    "Send now",
  );
  fill(
    main,
    h("h1", { tabindex: "-1" }, "Waiting to send"),
    items.length
      ? h(
          "p",
          {},
          `${items.length} ${items.length === 1 ? "day is" : "days are"} saved on this phone and not yet on the server.`,
        )
      : h("p", {}, "Nothing is waiting. Everything you saved is on the server."),
    items.length && getToken() ? sendNow : null,
    list,
  );
  return { title: "Waiting to send" };
}
