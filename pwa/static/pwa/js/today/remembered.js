// The medications the patient used before, for one-tap chips: read from the patient's own
// entries (the ones this phone holds, then the server's through the entries API), so
// they follow the patient to a new phone and never mix with another person's.
import { api } from "../api.js";
import { entryStore } from "../db.js";
import { outboxItems } from "../sync.js";
import { addDays } from "../ui.js";
import { medicationsFromEntries } from "./state.js";

const LOOK_BACK_DAYS = 90;

async function queuedEntries() {
  return (await outboxItems()).filter((item) => item.op === "upsert").map((item) => item.entry);
}

/** What the phone holds: the outbox's days and the server's copies. */
export async function medicationsOnPhone() {
  return medicationsFromEntries([...(await queuedEntries()), ...(await entryStore.all())]);
}

/** The same, with the server's entries of the last LOOK_BACK_DAYS before `date`. */
export async function medicationsWithServer(date) {
  const page = await api(
    `/api/v1/entries/?from=${addDays(date, -LOOK_BACK_DAYS)}&to=${date}&page_size=100`,
  );
  return medicationsFromEntries([
    ...(await queuedEntries()),
    ...page.results,
    ...(await entryStore.all()),
  ]);
}
