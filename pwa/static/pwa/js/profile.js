// The patient's profile, remembered on the phone so "today" is right offline too.
import { api } from "./api.js";

const KEY = "footnote.profile";
const MEDS_KEY = "footnote.medications";

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

/** The medications used last, newest first, for one-tap re-use. */
export function rememberedMedications() {
  try {
    return JSON.parse(localStorage.getItem(MEDS_KEY)) ?? [];
  } catch {
    return [];
  }
}

export function rememberMedications(medications) {
  const seen = new Set();
  const merged = [];
  for (const med of [...medications, ...rememberedMedications()]) {
    const name = (med.name || "").trim();
    if (!name) continue;
    const key = `${name.toLowerCase()}|${(med.dose || "").trim().toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push({ name, dose: (med.dose || "").trim() });
  }
  localStorage.setItem(MEDS_KEY, JSON.stringify(merged.slice(0, 8)));
}

export function forgetLocalProfile() {
  localStorage.removeItem(KEY);
  localStorage.removeItem(MEDS_KEY);
}
