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
  const items = (await outboxStore.all()).filter(isMine);
  lastSync = { ...lastSync, ...extra };
  for (const listener of listeners) listener(items, lastSync);
}

/** The signed-in person's items, oldest first. */
export async function outboxItems() {
  return (await outboxStore.all()).filter(isMine).sort((a, b) => a.queuedAt - b.queuedAt);
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

// An ended session is a sign-out for everything but the outbox: the next person to sign
// in on this phone must not see this one's days, profile, flags or drafts.
window.addEventListener("footnote:auth-required", () => {
  if (getToken()) forgetAccountData().catch(() => {});
});

export function syncNow() {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    // Results and alerts add up over the rounds: whoever awaits this sees them all.
    const total = { state: "idle", alerts: [], results: [], conflicts: [], invalid: [] };
    do {
      again = false;
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
