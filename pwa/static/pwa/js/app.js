// Footnote's phone app: the router, the sync status and the service worker.
import { clearToken, getToken } from "./api.js";
import * as account from "./pages/account.js";
import * as events from "./pages/events.js";
import * as history from "./pages/history.js";
import * as patterns from "./pages/patterns.js";
import * as reports from "./pages/reports.js";
import * as signin from "./pages/signin.js";
import * as today from "./pages/today.js";
import * as waiting from "./pages/waiting.js";
import * as weekly from "./pages/weekly.js";
import { lastSync, onOutboxChange, outboxItems, syncNow, showSyncAlerts } from "./sync.js";
import { h, hideStaleToast, toast } from "./ui.js";

const main = document.getElementById("main");
const tabbar = document.getElementById("tabbar");
const PUBLIC = new Set(["signin", "register"]);
// Pages without a tab of their own, and the tab they belong under.
const TAB_OF = { events: "history", weekly: "today" };
const RETURN_KEY = "footnote.return";
let current = null;
let navigation = 0;
let sessionExpired = false;

function parseHash() {
  const [, name = "today", arg] = (location.hash || "#/today").split("/");
  return { name: name || "today", arg };
}

async function route() {
  const { name, arg } = parseHash();
  const signedIn = Boolean(getToken());
  if (!signedIn && !PUBLIC.has(name)) {
    sessionStorage.setItem(RETURN_KEY, location.hash || "#/today");
    location.replace("#/signin");
    return;
  }
  if (signedIn && PUBLIC.has(name)) {
    location.replace("#/today");
    return;
  }
  const mine = ++navigation;
  current?.leave?.();
  current = null;
  const view = h("div", { class: `view view-${name}` });
  let page;
  switch (name) {
    case "signin":
    case "register":
      page = await signin.render(view, { mode: name, expired: sessionExpired, afterSignIn });
      break;
    case "history":
      page = await history.render(view);
      break;
    case "events":
      page = await events.render(view);
      break;
    case "patterns":
      page = await patterns.render(view);
      break;
    case "reports":
      page = await reports.render(view);
      break;
    case "account":
      page = await account.render(view);
      break;
    case "waiting":
      page = await waiting.render(view);
      break;
    case "weekly":
      page = await weekly.render(view, { id: arg && decodeURIComponent(arg) });
      break;
    default:
      page = await today.render(view, {
        date: /^\d{4}-\d{2}-\d{2}$/.test(arg ?? "") ? arg : undefined,
      });
  }
  if (mine !== navigation) {
    page?.leave?.();
    return;
  }
  current = page;
  hideStaleToast();
  main.replaceChildren(view);
  document.title = `${page?.title ?? "Footnote"} · Footnote`;
  tabbar.hidden = PUBLIC.has(name);
  for (const link of tabbar.querySelectorAll("a")) {
    if (link.dataset.route === name) link.setAttribute("aria-current", "page");
    else if (link.dataset.route === TAB_OF[name]) link.setAttribute("aria-current", "true");
    else link.removeAttribute("aria-current");
  }
  // Move focus to the new page's heading, so a screen reader starts there.
  const heading = view.querySelector("h1");
  heading?.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

async function afterSignIn() {
  sessionExpired = false;
  const back = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  location.hash = back && !back.includes("signin") && !back.includes("register") ? back : "#/today";
  await background();
}

// ---- the session ----------------------------------------------------------------------

window.addEventListener("footnote:auth-required", () => {
  if (!getToken()) return;
  // The token is no good; everything else (the outbox, the cache) stays for after.
  clearToken();
  sessionExpired = true;
  const { name } = parseHash();
  if (!PUBLIC.has(name)) sessionStorage.setItem(RETURN_KEY, location.hash || "#/today");
  location.hash = "#/signin";
});

// ---- sync -----------------------------------------------------------------------------

const statusLink = document.getElementById("sync-status");
const statusText = document.getElementById("sync-status-text");

function showStatus(items, sync) {
  const needYou = items.filter((i) => i.state === "conflict" || i.state === "invalid").length;
  const queued = items.length - needYou;
  const offline = !navigator.onLine || sync.state === "offline";
  let text = "";
  let tone = "";
  if (needYou) {
    text = `${needYou} ${needYou === 1 ? "day needs" : "days need"} you`;
    tone = "alert";
  } else if (queued && (sync.state === "auth" || !getToken())) {
    text = `Sign in to send ${queued}`;
    tone = "alert";
  } else if (queued && offline) {
    text = `Offline · ${queued} waiting`;
    tone = "offline";
  } else if (queued && sync.state === "sending") text = `Sending ${queued}…`;
  else if (queued) text = `${queued} waiting`;
  else if (offline) {
    text = "Offline";
    tone = "offline";
  }
  statusText.textContent = text;
  statusLink.hidden = !text;
  statusLink.dataset.tone = tone;
  statusLink.setAttribute("aria-label", text ? `${text}. Show what is waiting.` : "");
}

onOutboxChange(showStatus);
async function refreshStatus() {
  showStatus(await outboxItems(), lastSync);
}

let backgroundRunning = false;
async function background() {
  if (!getToken() || backgroundRunning) return;
  backgroundRunning = true;
  try {
    const before = (await outboxItems()).length;
    const outcome = await syncNow();
    await showSyncAlerts(outcome);
    const after = await outboxItems();
    const sent = outcome.results.filter((r) =>
      ["created", "updated", "unchanged", "deleted"].includes(r.status),
    ).length;
    if (outcome.state === "done" && before && sent)
      toast(`${sent} saved ${sent === 1 ? "day" : "days"} sent`);
    if (outcome.conflicts.length && !document.querySelector(".overlay")) {
      for (const id of outcome.conflicts) await waiting.showConflict(id);
    } else if (outcome.invalid.length) {
      toast("A saved day was not accepted. Tap the status at the top to fix it.", {
        error: true,
        ms: 8000,
      });
    }
    if (after.length !== before && parseHash().name === "history") route();
  } finally {
    backgroundRunning = false;
  }
}

window.addEventListener("online", () => {
  refreshStatus();
  background();
});
window.addEventListener("offline", refreshStatus);
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") background();
});
setInterval(async () => {
  if (navigator.onLine && (await outboxItems()).some((i) => i.state === "waiting")) background();
}, 30000);

// ---- the service worker ---------------------------------------------------------------

if ("serviceWorker" in navigator) {
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!hadController) return; // the first install, not an update
    const banner = document.getElementById("banner");
    banner.replaceChildren(
      "A new version of Footnote is ready. ",
      h(
        "button",
        { type: "button", class: "secondary compact", onclick: () => location.reload() },
        "Reload",
      ),
    );
    banner.hidden = false;
  });
}

// ---- start ----------------------------------------------------------------------------

window.addEventListener("hashchange", route);
route().then(refreshStatus).then(background);
