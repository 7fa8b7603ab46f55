// "Same as yesterday": on a day with nothing marked yet, one tap copies yesterday's
// places, signs and medications, for the person to adjust and save.
import { api } from "../api.js";
import { entryStore } from "../db.js";
import { outboxItemForDate } from "../sync.js";
import { addDays, h } from "../ui.js";
import { copyDay, isEmptyDay } from "./state.js";

/** The day before `date` as this phone knows it (the outbox, the cache), else the server's. */
async function dayBefore(date) {
  const before = addDays(date, -1);
  const queued = await outboxItemForDate(before);
  if (queued) return queued.op === "upsert" ? queued.entry : null;
  const stored = (await entryStore.byDate(before))[0];
  if (stored || !navigator.onLine) return stored ?? null;
  try {
    const page = await api(`/api/v1/entries/?from=${before}&to=${before}`);
    return page.results.find((entry) => entry.date === before) ?? null;
  } catch {
    return null;
  }
}

const hasMarks = (entry) =>
  Boolean(entry?.symptoms?.length || entry?.signs?.length || entry?.medications?.length);

const counted = (n, one, many) => (n ? `${n} ${n === 1 ? one : many}` : null);

/** "2 places, 1 sign, 1 medication": what the copy brings. */
function summary(entry) {
  // A sign on both legs is two rows but one sign.
  const signs = new Set((entry.signs ?? []).map((sign) => sign.code)).size;
  return [
    counted(entry.symptoms?.length ?? 0, "place", "places"),
    counted(signs, "sign", "signs"),
    counted(entry.medications?.length ?? 0, "medication", "medications"),
  ]
    .filter(Boolean)
    .join(", ");
}

/** `onCopied()` after the copy (the page shows the day again, filled). */
export function sameAsYesterday(day, { onCopied }) {
  const element = h("div", { class: "yesterday-slot" });

  async function offer() {
    if (!isEmptyDay(day.state)) return;
    const entry = await dayBefore(day.date);
    // The person may have started marking while the day before was looked up.
    if (!hasMarks(entry) || !isEmptyDay(day.state) || !day.isShown()) return;
    element.replaceChildren(
      h(
        "button",
        {
          type: "button",
          class: "secondary same-as-yesterday",
          onclick: () => {
            copyDay(day.state, entry);
            day.changed();
            onCopied();
          },
        },
        "Same as yesterday",
        h("span", { class: "same-as-what" }, summary(entry)),
      ),
    );
  }

  /** After a change: a day with marks is no longer offered the copy. */
  function refresh() {
    if (!isEmptyDay(day.state)) element.replaceChildren();
  }

  return { element, offer, refresh };
}
