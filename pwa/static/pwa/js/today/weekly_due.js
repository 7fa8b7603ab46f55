// The weekly check's card on Today (reports.md, "The weekly check"): shown only when a
// questionnaire is due, never in the way of logging the day, and offline too (from what
// the phone last heard). An answer waiting in the outbox says it will be sent.
import { api, ApiError, errorText } from "../api.js";
import { timeZone } from "../profile.js";
import { cacheOffered, cachedOffered, onOutboxChange, outboxResponses } from "../sync.js";
import { fill, h, todayIn } from "../ui.js";

/** Due today: as the server said, or its due date has come since the phone last heard. */
export function isDue(offered, today) {
  return Boolean(offered.due || (offered.due_on && offered.due_on <= today));
}

/** The questionnaires offered: from the server when it answers, else the phone's copy. */
export async function offeredQuestionnaires() {
  try {
    const answer = await api("/api/v1/questionnaires/");
    await cacheOffered(answer.results);
    return { offered: answer.results, fresh: true };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) throw error;
    return { offered: (await cachedOffered()) ?? [], fresh: false };
  }
}

function card(...children) {
  return h("section", { class: "card weekly-due", "aria-labelledby": "weekly-due-h" }, children);
}

/** The card's slot for Today; it fills itself (or stays empty) when it knows. */
export function weeklyDueCard() {
  const slot = h("div", { class: "weekly-due-slot" });

  // The server is asked once a visit; after that (an answer sent, a day saved) the
  // phone's copy knows, as sending an answer updates it.
  async function refresh({ ask = false } = {}) {
    const waiting = await outboxResponses();
    const refused = waiting.find((item) => item.state === "invalid");
    if (refused) {
      fill(
        slot,
        card(
          h("h2", { id: "weekly-due-h" }, "Weekly check not sent"),
          h(
            "p",
            {},
            `The server did not accept it: ${errorText(refused.errors) || "no reason given"}.`,
          ),
          h("a", { class: "button secondary", href: "#/weekly" }, "Look at it"),
        ),
      );
      return;
    }
    if (waiting.length) {
      fill(
        slot,
        card(
          h("h2", { id: "weekly-due-h" }, "Weekly check answered"),
          h(
            "p",
            { class: "weekly-due-text" },
            navigator.onLine
              ? "Waiting to be sent."
              : "Kept on this phone: it will be sent when you are back online.",
          ),
        ),
      );
      return;
    }
    let offered = [];
    try {
      offered = ask ? (await offeredQuestionnaires()).offered : ((await cachedOffered()) ?? []);
    } catch {
      offered = [];
    }
    const today = todayIn(timeZone());
    const due = offered.find((o) => isDue(o, today));
    fill(
      slot,
      due
        ? card(
            h(
              "div",
              { class: "weekly-due-words" },
              h("h2", { id: "weekly-due-h" }, due.questionnaire.title),
              h(
                "p",
                { class: "weekly-due-text" },
                `Due: ${due.questionnaire.item.length} questions, under a minute`,
              ),
            ),
            h(
              "a",
              {
                class: "button primary",
                href: `#/weekly/${encodeURIComponent(due.questionnaire.id)}`,
                "aria-describedby": "weekly-due-h",
              },
              "Answer",
            ),
          )
        : null,
    );
  }

  let shown = false;
  const unsubscribe = onOutboxChange(() => {
    if (slot.isConnected) shown = true;
    else if (shown) {
      unsubscribe(); // Today was left
      return;
    }
    refresh().catch(() => {});
  });
  refresh({ ask: true }).catch(() => {});
  return slot;
}
