// The red-flag screen on Today (rules.md, "The red-flag check on the phone"): the advice
// shows as soon as the marked signs meet the rule, before Save, offline too.
//
// The day being edited is screened with the days this phone holds of the 14 before it
// (the server's copies, with what waits in the outbox on top). The advice sits at the top
// of the day in full, with a line in the dock that stays in sight; when a mark is what
// made the day urgent, the emergency screen comes up at once, not behind a tap.
import { entryStore } from "../db.js";
import { callLinks, showEmergency } from "../emergency.js";
import { outboxItems } from "../sync.js";
import { fill, h } from "../ui.js";
import { VOCAB } from "../vocab.js";
import { advice, lookBack, screenDay } from "./redflag.js";
import { entryFromState } from "./state.js";

const SCREEN = VOCAB.red_flag_screen;
const NOT_SAVED_YET =
  "This comes from what you have marked; the day is not saved yet. Save it when you can.";

/** The days the phone holds in the look-back before `date`, one entry per date. */
export async function heldBefore(date) {
  const { from, to } = lookBack(date, SCREEN);
  const byDate = new Map((await entryStore.between(from, to)).map((e) => [e.date, e]));
  // The person's own items only: another account's unsent days are never read.
  for (const item of await outboxItems()) {
    const entry = item.entry;
    if (!entry || entry.date < from || entry.date > to) continue;
    // A deletion waiting to be sent: that day is gone; otherwise the outbox copy is newer.
    if (item.op === "delete") byDate.delete(entry.date);
    else byDate.set(entry.date, entry);
  }
  return [...byDate.values()];
}

/** The phone's own advice for an entry, with the days held before it; or null. */
export async function phoneAdvice(entry) {
  let held = [];
  try {
    held = await heldBefore(entry.date);
  } catch {
    // The phone's storage failed: the day alone is still screened.
  }
  return advice(screenDay(entry, held, SCREEN), SCREEN);
}

const keyOf = (found) => (found ? `${found.code}:${found.criteria.join(",")}` : "");

/**
 * `element` goes at the top of the day, `bar` in the dock (`onResize()` when it comes or
 * goes). `refresh({byPerson})` after every change; `load()` reads the days before from the
 * phone's storage.
 */
export function adviceSection(day, { onResize }) {
  let held = [];
  let shown = null;
  const element = h("div", { class: "advice-slot" });
  const bar = h("div", { class: "advice-bar", hidden: true });

  function card(found) {
    const urgent = found.severity === "urgent";
    return h(
      "section",
      {
        id: "day-advice",
        class: `advice ${found.severity}`,
        role: "alert",
        "aria-labelledby": "day-advice-h",
        tabindex: "-1",
      },
      h(
        "h2",
        { id: "day-advice-h" },
        urgent ? "Seek emergency care now" : "Contact a doctor today",
      ),
      // The call first: the explanation is long, and the number must not be below it.
      urgent ? callLinks() : null,
      h("p", { class: "advice-explanation" }, found.explanation),
    );
  }

  function dockLine(found) {
    const urgent = found.severity === "urgent";
    const call = urgent ? callLinks({ inBar: true }) : null;
    // Without one number to call, the line leads to the list in the full advice.
    const more = urgent ? "Numbers ›" : "Why ›";
    return [
      h(
        "button",
        {
          type: "button",
          class: "advice-line",
          onclick: () => {
            const target = element.querySelector(".advice");
            target?.scrollIntoView({ block: "start" });
            target?.focus({ preventScroll: true });
          },
        },
        urgent ? "Seek emergency care now" : "Contact a doctor today",
        call ? null : h("span", { class: "advice-more", "aria-hidden": "true" }, more),
      ),
      call,
    ];
  }

  function render(found) {
    fill(element, found ? card(found) : null);
    if (found) {
      fill(bar, dockLine(found));
      bar.className = `advice-bar ${found.severity}`;
    } else bar.replaceChildren();
    bar.hidden = !found;
    onResize();
  }

  /**
   * Screen the day again. `byPerson`: a mark just made it; if that mark is what made it
   * urgent (a red-flag criterion it did not meet before), the emergency screen comes up.
   */
  function refresh({ byPerson = false } = {}) {
    const found = advice(screenDay(entryFromState(day.state), held, SCREEN), SCREEN);
    const before = shown;
    shown = found;
    if (keyOf(found) === keyOf(before)) return found;
    render(found);
    const urgentBefore = before?.severity === "urgent" ? before.criteria : [];
    if (
      byPerson &&
      found?.severity === "urgent" &&
      found.criteria.some((criterion) => !urgentBefore.includes(criterion)) &&
      !document.querySelector(".emergency") // already on screen (a save's answer)
    )
      showEmergency([found], { note: NOT_SAVED_YET });
    return found;
  }

  async function load() {
    held = await heldBefore(day.date);
    // Days arriving after a mark (a sync) can make it urgent: that is the mark's doing.
    refresh({ byPerson: day.dirty });
  }

  return { element, bar, refresh, load };
}
