// Save: the day goes into the outbox first (so it is safe whatever happens next), then
// to the server. The advice (emergency or for today) comes before any other message, from
// the server's alerts, or from the phone's own screen when the server cannot answer in
// time.
import { showAlerts } from "../emergency.js";
import { queueEntry, syncNow, showSyncAlerts } from "../sync.js";
import { h, toast } from "../ui.js";
import { SIGNS } from "../vocab.js";
import { showConflict } from "../pages/waiting.js";
import { phoneAdvice } from "./advice.js";
import { entryFromState, signMissingSide, takeTypedMedication } from "./state.js";

// On a poor connection the answer may take long; the day is safe in the outbox by then,
// so after this long the page stops waiting (and advises from its own screen).
const PATIENCE_MS = 2500;
const ACCEPTED = ["created", "updated", "unchanged"];

/** The advice from the phone's own screen, if the day meets it; whether it was shown. */
async function adviseFromPhone(entry, note) {
  const found = await phoneAdvice(entry);
  return found ? showAlerts([found], { note }) : false;
}

/**
 * The Save button. `signs`, `medications` and `editor` are the sections Save reaches into
 * (a sign with no side yet, a medication typed but not added, the place editor to put
 * away); `refreshNotice()` shows what the outbox holds for the day.
 */
export function saveButton(day, { signs, medications, editor, refreshNotice }) {
  const { state } = day;
  const button = h("button", { type: "button", class: "primary save" }, "Save");

  /**
   * 1. Refuse a sign without a side, or a dose without a medication's name, and take the
   *    person to it. A medication typed but not added joins the day.
   * 2. Queue the entry in the outbox; the draft is done with.
   * 3. Send it, waiting at most PATIENCE_MS for the answer.
   * 4. With the answer in time, act on it (afterSync). Without, advise from the phone's own
   *    screen, say the day is saved on the phone, and act on the answer later.
   */
  async function save() {
    const missingSide = signMissingSide(state);
    if (missingSide) {
      toast(`Which side? ${SIGNS.get(missingSide.code).label}`, { error: true });
      signs.focusSides(missingSide.code);
      return;
    }
    const typed = takeTypedMedication(state);
    if (typed === "no-name") {
      toast("Which medication is the dose for? Type its name.", { error: true });
      medications.focusName();
      return;
    }
    if (typed === "added") medications.refresh();
    const entry = entryFromState(state);
    button.disabled = true;
    button.textContent = "Saving…";
    let waitingForAnswer = false;
    try {
      await queueEntry(entry);
      day.markSaved();
      const syncing = syncNow();
      const outcome = await Promise.race([
        syncing,
        new Promise((resolve) => {
          setTimeout(() => resolve(null), PATIENCE_MS);
        }),
      ]);
      if (outcome) {
        await afterSync(entry, outcome, { warned: false });
      } else {
        waitingForAnswer = true;
        const warned = await adviseFromPhone(
          entry,
          "Your entry is saved on this phone and is being sent.",
        );
        toast("Saved on this phone. Sending…");
        syncing.then((late) => afterSync(entry, late, { warned }));
      }
    } finally {
      button.disabled = false;
      button.textContent = "Save";
    }
    if (!waitingForAnswer) await refreshNotice();
  }

  /** Act on the sync's answer for this entry; `warned` if the advice was already shown. */
  async function afterSync(entry, outcome, { warned }) {
    // Before anything else: the emergency advice.
    if (warned) outcome.warned = true;
    await showSyncAlerts(outcome);
    const onPage = day.isShown();
    const result = outcome.results.findLast((r) => r.id === entry.id);
    if (outcome.state === "done" && result && ACCEPTED.includes(result.status)) {
      if (state.id === result.id) state.version = result.version ?? state.version;
      if (onPage) editor.close();
      toast("Saved");
    } else if (result?.status === "conflict") {
      await showConflict(entry.id);
      if (onPage) await day.reopen();
      return;
    } else if (result?.status === "invalid") {
      if (!onPage) {
        toast("A saved day was not accepted. Tap the status at the top to fix it.", {
          error: true,
          ms: 8000,
        });
        return;
      }
      await day.reopen();
      const problem = day.main.querySelector(".notice.error");
      problem?.scrollIntoView({ block: "start" });
      problem?.focus({ preventScroll: true });
      return;
    } else if (outcome.state === "auth") {
      // The app takes the person to sign in; the entry waits in the outbox.
      return;
    } else {
      if (!warned)
        await adviseFromPhone(
          entry,
          "Your entry is saved on this phone and will be sent when you are back online.",
        );
      toast("Saved on this phone. It will be sent when you are back online.");
    }
    if (onPage) await refreshNotice();
  }

  button.addEventListener("click", save);
  return button;
}
