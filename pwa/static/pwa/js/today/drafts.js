// Unsaved changes to a day, kept on the phone until saved or discarded, so nothing typed
// or marked is lost to a reload, a closed tab or a walk to another page. They belong to
// the person signed in (they are forgotten with the rest of the person's data, and a
// draft written under another name is never read).
import { getUsername } from "../api.js";
import { DRAFTS_KEY } from "../profile.js";

function read() {
  try {
    const stored = JSON.parse(localStorage.getItem(DRAFTS_KEY));
    return stored && stored.owner === getUsername() ? (stored.days ?? {}) : {};
  } catch {
    return {};
  }
}

function write(days) {
  if (Object.keys(days).length)
    localStorage.setItem(DRAFTS_KEY, JSON.stringify({ owner: getUsername(), days }));
  else localStorage.removeItem(DRAFTS_KEY);
}

/** The draft of `date`, or undefined. */
export function draftOf(date) {
  return read()[date]?.state;
}

export function keepDraft(state) {
  const days = read();
  days[state.date] = { state, at: Date.now() };
  write(days);
}

export function dropDraft(date) {
  const days = read();
  delete days[date];
  write(days);
}

/** The dates with a draft, newest first. */
export function draftDates() {
  return Object.keys(read()).sort().reverse();
}
