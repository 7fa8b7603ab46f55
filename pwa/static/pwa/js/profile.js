// The patient's profile, remembered on the phone so "today" is right offline too, and
// the list of what else of the person localStorage holds, to forget it in one place.
import { api } from "./api.js";

const KEY = "footnote.profile";
export const DRAFTS_KEY = "footnote.drafts";
// Everything of one person this module's callers keep in localStorage (the flags are the
// Patterns page's copy for offline; "footnote.medications" is version 1's list).
const ACCOUNT_KEYS = [KEY, DRAFTS_KEY, "footnote.flags", "footnote.medications"];

// Asked once a minute at most: making a date formatter is slow on a phone (tens of
// milliseconds the first time), and "today" is asked for many times while a page draws.
let deviceZone = null;
let deviceZoneAt = 0;
export function deviceTimeZone() {
  if (deviceZone && Date.now() - deviceZoneAt < 60000) return deviceZone;
  try {
    deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    deviceZone = "UTC";
  }
  deviceZoneAt = Date.now();
  return deviceZone;
}

export function getProfile() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) ?? {};
  } catch {
    return {};
  }
}

export function timeZone() {
  return getProfile().timezone || deviceTimeZone();
}

export function setProfile(profile) {
  localStorage.setItem(KEY, JSON.stringify(profile ?? {}));
}

export async function refreshProfile() {
  const profile = await api("/api/v1/profile/");
  setProfile(profile);
  return profile;
}

/** Forget what localStorage holds of the person (not the token: api.js has that). */
export function forgetLocalProfile({ keepDrafts = false } = {}) {
  for (const key of ACCOUNT_KEYS) {
    if (!(keepDrafts && key === DRAFTS_KEY)) localStorage.removeItem(key);
  }
}
