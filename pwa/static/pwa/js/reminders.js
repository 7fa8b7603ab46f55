// Reminders on this phone by Web Push (api.md, "Reminders (Web Push)"): the Account
// page's card, and forgetting the phone's subscription on sign-out.
//
// The browser asks for permission only when the person turns reminders on. Where push
// cannot work (no PushManager; iPhone and iPad outside the Home Screen; notifications
// blocked) the card says so and shows no switch that does nothing.
import { api, OfflineError } from "./api.js";
import { fill, h, setPressed, toast, toggle } from "./ui.js";

const SUBSCRIPTIONS = "/api/v1/push/subscriptions/";

function isAppleMobile() {
  return (
    /iPad|iPhone|iPod/.test(navigator.userAgent) ||
    (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1)
  );
}

function isInstalled() {
  return matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
}

/** Why this browser cannot take reminders, in words; "" when it can. */
export function pushUnavailable() {
  const capable =
    "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  if (!capable && isAppleMobile() && !isInstalled())
    return "On iPhone and iPad, reminders work once Footnote is on your Home Screen: tap Share, then “Add to Home Screen”, and open Footnote from there.";
  if (!capable) return "This browser cannot show reminders. Another browser on this phone may.";
  if (Notification.permission === "denied")
    return "Notifications from Footnote are blocked in this browser's settings. Allow them there to get reminders.";
  return "";
}

function keyBytes(base64url) {
  const base64 = base64url.replaceAll("-", "+").replaceAll("_", "/");
  const text = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function sameKey(buffer, base64url) {
  if (!buffer) return true; // the browser does not say: assume it is ours
  const a = new Uint8Array(buffer);
  const b = keyBytes(base64url);
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

async function registration() {
  // getRegistration, not `ready`: `ready` never settles where no worker registered.
  return (await navigator.serviceWorker.getRegistration("/")) ?? navigator.serviceWorker.ready;
}

async function phoneSubscription() {
  const found = await navigator.serviceWorker.getRegistration("/");
  return found ? found.pushManager.getSubscription() : null;
}

async function turnOn() {
  const permission = await Notification.requestPermission();
  if (permission !== "granted")
    throw new Error(
      permission === "denied"
        ? "Notifications are blocked for Footnote. Allow them in the browser's settings."
        : "Reminders need your permission to show a notification.",
    );
  const { public_key: key } = await api("/api/v1/push/key/");
  const worker = await registration();
  let subscription = await worker.pushManager.getSubscription();
  if (subscription && !sameKey(subscription.options?.applicationServerKey, key)) {
    // Made for another server key (a new key on the server): it cannot be used.
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await worker.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(key),
  });
  await api(SUBSCRIPTIONS, { method: "POST", body: subscription.toJSON() });
}

async function turnOff() {
  const subscription = await phoneSubscription();
  if (!subscription) return;
  await api(SUBSCRIPTIONS, { method: "DELETE", body: { endpoint: subscription.endpoint } });
  await subscription.unsubscribe();
}

/** On sign-out: the next person on this phone starts without the last one's reminders
 * (the server ended them with the device's token). */
export async function forgetReminders() {
  try {
    await (await phoneSubscription())?.unsubscribe();
  } catch {
    /* nothing to forget */
  }
}

/** The Account page's card. `hasReminderTime()` says whether a time is set. */
export function remindersCard(hasReminderTime) {
  const element = h("section", { class: "card", "aria-labelledby": "reminders-h" });
  const heading = h("h2", { id: "reminders-h" }, "Reminders on this phone");
  const unavailable = pushUnavailable();
  if (unavailable) {
    fill(element, heading, h("p", { class: "reminders-unavailable" }, unavailable));
    return { element, refresh() {} };
  }
  const state = h("p", { class: "small", role: "status", id: "reminders-state" });
  let busy = false;
  const show = (on) => {
    setPressed(button, on);
    state.textContent = !on
      ? "Off. Turn on to get one notification a day at your reminder time, only if the day is not logged yet."
      : hasReminderTime()
        ? "On: one notification at your reminder time, only on days not yet logged."
        : "On, but no reminder time is set: choose one in Settings above.";
  };
  const button = toggle("Remind me", false, async (on) => {
    if (busy) return;
    busy = true;
    button.disabled = true;
    state.textContent = on ? "Turning reminders on…" : "Turning reminders off…";
    try {
      await (on ? turnOn() : turnOff());
      show(on);
      toast(on ? "Reminders on" : "Reminders off");
    } catch (error) {
      show(!on);
      toast(
        error instanceof OfflineError ? "You are offline. Try again with a connection." : error.message,
        { error: true },
      );
      const why = pushUnavailable();
      if (why) state.textContent = why;
    } finally {
      busy = false;
      button.disabled = false;
    }
  }, { id: "reminders-toggle", "aria-describedby": "reminders-state" });
  fill(element, heading, button, state);
  const refresh = async () => {
    try {
      show(Boolean(await phoneSubscription()) && Notification.permission === "granted");
    } catch {
      show(false);
    }
  };
  refresh();
  return { element, refresh };
}
