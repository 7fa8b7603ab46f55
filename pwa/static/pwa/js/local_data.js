// What the phone keeps belongs to one signed-in patient (pwa.md, version 2): the cached
// entries, the sync cursor, the profile, the flags, the drafts. The outbox is the one
// exception: each item carries its owner, and days another account left unsent stay on
// the phone, held for that account to send when it signs in again.
//
// The owner is the username the phone was signed in with ("footnote.username", kept
// after a session ends so the sign-in form can offer it), written down in the meta store
// too, where it survives a sign-out's forgetting of the username.
import { getUsername } from "./api.js";
import { entryStore, metaStore, outboxStore } from "./db.js";
import { forgetLocalProfile } from "./profile.js";

/** Whether an outbox item belongs to the person signed in (items from before owners did). */
export function isMine(item) {
  return !item.owner || item.owner === getUsername();
}

/**
 * Forget the person's data on this phone, except the outbox (and, when the session only
 * ended, their drafts: those are read under their name alone, and a different person's
 * sign-in forgets them). The meta store goes whole but for the owner's name: the sync
 * cursor, the weekly check's offers and answers are all the person's.
 */
export async function forgetAccountData({ keepDrafts = false } = {}) {
  forgetLocalProfile({ keepDrafts });
  const owner = await metaStore.get("owner");
  await Promise.all([entryStore.clear(), metaStore.clear()]);
  if (owner !== undefined) await metaStore.put(owner, "owner");
}

/**
 * `name` has just signed in (before the token is stored and any page shows):
 * 1. Items queued before owners were written down belong to the previous person.
 * 2. Another person than before: their data goes, all but their unsent days.
 * 3. `name` owns what the phone keeps from now on.
 * Returns whether the phone passed from another person.
 */
export async function handOverTo(name) {
  const previous = (await metaStore.get("owner")) ?? getUsername();
  for (const item of await outboxStore.all())
    if (!item.owner) await outboxStore.put({ ...item, owner: previous ?? name });
  const another = Boolean(previous && previous !== name);
  if (another) await forgetAccountData();
  await metaStore.put(name, "owner");
  return another;
}

/**
 * Write the owner down for a session that began without the sign-in form (a phone signed
 * in before owners were written down), so a sign-out knows whose days are whose.
 */
export async function recordOwner() {
  const name = getUsername();
  if (name && !(await metaStore.get("owner"))) await metaStore.put(name, "owner");
}

/** The unsent days of other accounts this phone holds (never sent with this session). */
export async function heldForOthers() {
  return (await outboxStore.all()).filter((item) => item.entry && !isMine(item));
}
