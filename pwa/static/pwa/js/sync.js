// The outbox: every entry the person saves waits here, in the app's own IndexedDB store,
// until POST /api/v1/sync/ accepts it. Online that is immediate; offline it waits.
//
// An item leaves only when the server's result says created, updated, unchanged or
// deleted. A 401 (expired session) keeps everything and asks for a sign-in; a conflict
// waits for the person to choose; an invalid item waits to be edited. Nothing is dropped
// behind the person's back, which is why this is not a background-sync library.
//
// Each item carries its owner: only the signed-in person's items are shown and sent; the
// unsent days of another account wait for it (local_data.js).
import { api, ApiError, OfflineError, getToken, getUsername } from "./api.js";
import { entryStore, metaStore, outboxStore } from "./db.js";
import { showAlerts } from "./emergency.js";
import { forgetAccountData, isMine, recordOwner } from "./local_data.js";
import { addDays } from "./ui.js";
import { VOCAB } from "./vocab.js";

const BATCH = VOCAB.sync_max_changes;
const ACCEPTED = new Set(["created", "updated", "unchanged", "deleted"]);
const listeners = new Set();
let running = null;
let again = false;
export let lastSync = { state: "idle", at: null, message: "" };

export function onOutboxChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function changed(extra = {}) {
  const items = await outboxItems();
  lastSync = { ...lastSync, ...extra };
  for (const listener of listeners) listener(items, lastSync);
}

/**
 * The signed-in person's days waiting, oldest first (the weekly check's answers wait too:
 * see outboxResponses).
 */
export async function outboxItems() {
  return (await outboxStore.all())
    .filter((item) => isMine(item) && !isResponse(item))
    .sort((a, b) => a.queuedAt - b.queuedAt);
}

export async function outboxItemForDate(date) {
  return (await outboxItems()).find((item) => item.entry?.date === date) ?? null;
}

/** Queue an entry (a new one or a new state of one already queued). */
export async function queueEntry(entry) {
  const existing = await outboxStore.get(entry.id);
  await outboxStore.put({
    id: entry.id,
    op: "upsert",
    owner: getUsername(),
    entry,
    state: "waiting",
    errors: null,
    server: null,
    // A fresh stamp per save: a sync answer for an older state must not remove a newer one.
    stamp: `${Date.now()}-${Math.random()}`,
    queuedAt: existing?.queuedAt ?? Date.now(),
  });
  await changed();
}

export async function queueDelete(entry) {
  await outboxStore.put({
    id: entry.id,
    op: "delete",
    owner: getUsername(),
    entry: { id: entry.id, date: entry.date, version: entry.version },
    version: entry.version,
    state: "waiting",
    errors: null,
    server: null,
    stamp: `${Date.now()}-${Math.random()}`,
    queuedAt: Date.now(),
  });
  await changed();
}

export async function discardItem(id) {
  await outboxStore.delete(id);
  await changed();
}

/** Conflict, "keep mine": send my copy again on top of the server's version. */
export async function keepMine(id) {
  const item = await outboxStore.get(id);
  if (!item?.server) return;
  const entry = {
    ...item.entry,
    id: item.server.id ?? item.entry.id,
    version: item.server.version,
  };
  if (entry.id !== item.id) await outboxStore.delete(item.id);
  await queueEntry(entry);
}

/** Conflict, "keep theirs": drop my copy, keep the server's. */
export async function keepTheirs(id) {
  const item = await outboxStore.get(id);
  if (item?.server) await storeServerEntries([item.server]);
  await discardItem(id);
}

function isTombstone(entry) {
  return Boolean(entry.deleted);
}

export async function storeServerEntries(entries) {
  const live = [];
  for (const entry of entries) {
    if (!entry?.id) continue;
    if (isTombstone(entry)) await entryStore.delete(entry.id);
    else live.push(entry);
  }
  // One entry per date: a copy with a new id replaces the old one of that date.
  for (const entry of live) {
    for (const old of await entryStore.byDate(entry.date)) {
      if (old.id !== entry.id) await entryStore.delete(old.id);
    }
  }
  if (live.length) await entryStore.putMany(live);
}

// An ended session is a sign-out for everything but the outbox and the drafts: the next
// person to sign in on this phone must not see this one's days, profile or flags, and
// the same person signing in again finds what they were typing (drafts are read under
// their owner's name only, and another person's sign-in forgets them).
window.addEventListener("footnote:auth-required", () => {
  if (getToken()) forgetAccountData({ keepDrafts: true }).catch(() => {});
});

export function syncNow() {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    // Results and alerts add up over the rounds: whoever awaits this sees them all.
    const total = { state: "idle", alerts: [], results: [], conflicts: [], invalid: [] };
    total.answered = [];
    do {
      again = false;
      total.answered.push(...(await sendResponses()));
      const outcome = await syncOnce();
      total.state = outcome.state;
      total.message = outcome.message;
      total.alerts.push(...(outcome.alerts ?? []));
      total.results.push(...(outcome.results ?? []));
      total.conflicts.push(...(outcome.conflicts ?? []));
      total.invalid.push(...(outcome.invalid ?? []));
    } while (again && total.state === "done");
    return total;
  })().finally(() => {
    running = null;
  });
  return running;
}

/**
 * Show the advice for the alerts in a sync's answer (the emergency advice for an urgent
 * one, else the warning's), once, however many callers wait on the same sync.
 */
export async function showSyncAlerts(outcome) {
  if (!outcome?.alerts?.length || outcome.warned) return false;
  outcome.warned = true;
  return showAlerts(outcome.alerts);
}

async function syncOnce() {
  if (!getToken()) {
    await changed({ state: "signed-out" });
    return { state: "signed-out", alerts: [], results: [] };
  }
  await recordOwner();
  const all = await outboxItems();
  const ready = all.filter((item) => item.state === "waiting" || item.state === "auth");
  const sendable = ready.slice(0, BATCH);
  const sent = new Map(sendable.map((item) => [item.id, item.stamp]));
  const since = (await metaStore.get("cursor")) ?? null;
  const changes = sendable.map((item) =>
    item.op === "delete"
      ? { op: "delete", id: item.id, version: item.version }
      : { op: "upsert", entry: item.entry },
  );

  await changed({ state: "sending" });
  let answer;
  try {
    answer = await api("/api/v1/sync/", { method: "POST", body: { since, changes } });
  } catch (error) {
    if (error instanceof OfflineError) {
      await changed({ state: "offline", message: error.message });
      return { state: "offline", alerts: [], results: [] };
    }
    if (error instanceof ApiError && error.status === 401) {
      for (const item of sendable) await outboxStore.put({ ...item, state: "auth" });
      await changed({ state: "auth" });
      return { state: "auth", alerts: [], results: [] };
    }
    // Anything else (413, 429, a server error): keep every item and try again later.
    await changed({ state: "error", message: error.message });
    return { state: "error", alerts: [], results: [], message: error.message };
  }

  const conflicts = [];
  const invalid = [];
  const byId = new Map(sendable.map((item) => [item.id, item]));
  for (const result of answer.results) {
    const item = byId.get(result.id);
    if (!item) continue;
    const current = await outboxStore.get(result.id);
    const untouched = current && current.stamp === sent.get(result.id);
    if (ACCEPTED.has(result.status)) {
      if (result.status === "deleted") await entryStore.delete(result.id);
      else
        await storeServerEntries([
          { ...item.entry, version: result.version ?? item.entry.version },
        ]);
      if (untouched) await outboxStore.delete(result.id);
      else if (current) {
        // Edited again while this was in flight: send the newer state on the new version.
        await outboxStore.put({
          ...current,
          entry: { ...current.entry, version: result.version ?? current.entry.version },
        });
        again = true;
      }
    } else if (result.status === "conflict") {
      if (untouched) {
        await outboxStore.put({
          ...current,
          state: "conflict",
          server: result.server ?? null,
          errors: result.errors ?? null,
        });
        conflicts.push(result.id);
      }
    } else if (result.status === "invalid") {
      if (untouched) {
        await outboxStore.put({
          ...current,
          state: "invalid",
          errors: result.errors ?? { detail: "The server could not accept this entry." },
        });
        invalid.push(result.id);
      }
    }
  }
  // Items the server did not mention stay queued as they are.

  if (answer.changes.length) {
    const pending = new Set((await outboxStore.all()).map((item) => item.id));
    await storeServerEntries(
      answer.changes.filter((entry) => !pending.has(entry.id) || isTombstone(entry)),
    );
  }
  await metaStore.put(answer.cursor, "cursor");
  // More server changes than one answer holds, or more waiting than one batch: go again.
  if (ready.length > sendable.length || answer.more) again = true;

  await changed({ state: "done", at: Date.now(), message: "" });
  return {
    state: "done",
    alerts: answer.alerts,
    results: answer.results,
    conflicts,
    invalid,
  };
}

// ---- the weekly check's answers -------------------------------------------------------
// A QuestionnaireResponse waits in the same outbox as the days (op "response", keyed by
// the id the phone chose), and goes whenever the days go, so an answer given offline is
// sent when the phone is back. The server stores an id once: sending it again after a
// lost answer gives the stored scores, never a second response.

const RESPONSE = "response";
const OFFERED_KEY = "questionnaires";
const ANSWERS_KEY = "questionnaire-answers";
function isResponse(item) {
  return item.op === RESPONSE;
}

/** Queue a FHIR QuestionnaireResponse (with its id) for questionnaire `questionnaireId`. */
export async function queueResponse(questionnaireId, response) {
  await outboxStore.put({
    id: response.id,
    op: RESPONSE,
    owner: getUsername(),
    questionnaire: questionnaireId,
    response,
    state: "waiting",
    errors: null,
    queuedAt: Date.now(),
  });
  await changed();
}

export async function outboxResponses() {
  return (await outboxStore.all())
    .filter((item) => isMine(item) && isResponse(item))
    .sort((a, b) => a.queuedAt - b.queuedAt);
}

/** The questionnaires offered as last seen (GET /api/v1/questionnaires/'s results). */
export const cachedOffered = async () => (await metaStore.get(OFFERED_KEY)) ?? null;
export const cacheOffered = (results) => metaStore.put(results, OFFERED_KEY);
/** The patient's answers with their scores, newest first, as last seen. */
export const cachedAnswers = async () => (await metaStore.get(ANSWERS_KEY)) ?? null;
export const cacheAnswers = (results) => metaStore.put(results, ANSWERS_KEY);

/** How often a questionnaire is offered (its interval-days extension; a week if none). */
function intervalDays(questionnaire) {
  const found = (questionnaire.extension ?? []).find(
    (e) => e.url === "urn:footnote:fhir:interval-days",
  );
  return found?.valueInteger ?? 7;
}

/** What the phone knows once the server has scored an answer: it is no longer due. */
async function rememberAnswer(answer) {
  // Added to a list the server gave, never started with it: one answer alone would
  // pass for the first.
  const answers = await cachedAnswers();
  if (answers)
    await cacheAnswers(
      [answer, ...answers.filter((a) => a.id !== answer.id)].sort((a, b) =>
        b.authored.localeCompare(a.authored),
      ),
    );
  const offered = await cachedOffered();
  if (!offered) return;
  await cacheOffered(
    offered.map((o) =>
      o.questionnaire.id === answer.questionnaire &&
      (!o.last_answered_on || o.last_answered_on <= answer.authored)
        ? {
            ...o,
            due: false,
            last_answered_on: answer.authored,
            due_on: addDays(answer.authored, intervalDays(o.questionnaire)),
          }
        : o,
    ),
  );
}

/** Send the answers waiting; the server's scored answers for those it took. */
async function sendResponses() {
  const answered = [];
  if (!getToken()) return answered;
  for (const item of await outboxResponses()) {
    if (item.state !== "waiting" && item.state !== "auth") continue;
    try {
      const answer = await api(
        `/api/v1/questionnaires/${encodeURIComponent(item.questionnaire)}/responses/`,
        { method: "POST", body: item.response },
      );
      await rememberAnswer(answer);
      await outboxStore.delete(item.id);
      answered.push(answer);
    } catch (error) {
      if (error instanceof ApiError && [400, 404, 409].includes(error.status)) {
        // Refused for good (a changed questionnaire, an id holding other answers): kept,
        // with the reason, for the person to see; never resent as it is.
        await outboxStore.put({ ...item, state: "invalid", errors: error.data });
        continue;
      }
      if (error instanceof ApiError && error.status === 401)
        await outboxStore.put({ ...item, state: "auth" });
      // Offline, a 401, a server error: everything waits for the next sync.
      break;
    }
  }
  if (answered.length) await changed();
  return answered;
}
