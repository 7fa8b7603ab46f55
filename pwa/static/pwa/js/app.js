// Footnote's phone app: the router, the sync status and the service worker.
//
// Each page's code is fetched when its route is first opened (import() below), so a phone
// that opens Today downloads Today's code and not the Reports page's. The imports are
// plain string literals: collectstatic rewrites them to the fingerprinted file names.
import { ApiError, OfflineError, clearToken, getToken } from "./api.js";
import {
  lastSync,
  onOutboxChange,
  outboxItems,
  outboxResponses,
  syncNow,
  showSyncAlerts,
} from "./sync.js";
import { h, hideStaleToast, toast } from "./ui.js";

// Each page: its file under js/ (for its preloads), its title, and how to load its code.
const pageEntry = (file, title, load) => ({ file, title, load });
const PAGES = {
  signin: pageEntry("pages/signin.js", "Sign in", () => import("./pages/signin.js")),
  register: pageEntry("pages/signin.js", "Create an account", () => import("./pages/signin.js")),
  today: pageEntry("pages/today.js", "Today", () => import("./pages/today.js")),
  history: pageEntry("pages/history.js", "History", () => import("./pages/history.js")),
  events: pageEntry("pages/events.js", "Events", () => import("./pages/events.js")),
  patterns: pageEntry("pages/patterns.js", "Patterns", () => import("./pages/patterns.js")),
  reports: pageEntry("pages/reports.js", "Reports", () => import("./pages/reports.js")),
  account: pageEntry("pages/account.js", "Account", () => import("./pages/account.js")),
  waiting: pageEntry("pages/waiting.js", "Waiting to send", () => import("./pages/waiting.js")),
  weekly: pageEntry("pages/weekly.js", "Weekly check", () => import("./pages/weekly.js")),
};
const loadWaiting = PAGES.waiting.load;

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

function parseRoute() {
  const { name, arg } = parseHash();
  return { name: name in PAGES ? name : "today", arg };
}

/** What a page's render() is given besides its element. */
function pageOptions(name, arg) {
  if (PUBLIC.has(name)) return { mode: name, expired: sessionExpired, afterSignIn };
  if (name === "today") return { date: /^\d{4}-\d{2}-\d{2}$/.test(arg ?? "") ? arg : undefined };
  if (name === "weekly") return { id: arg && decodeURIComponent(arg) };
  return undefined;
}

async function route() {
  const { name, arg } = parseRoute();
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
  try {
    const module = await loadPage(name);
    if (mine !== navigation) return;
    page = await module.render(view, pageOptions(name, arg));
  } catch (error) {
    if (mine !== navigation) return;
    showPage(name, failedPage(name, error), { title: "Not loaded" });
    return;
  }
  if (mine !== navigation) {
    page?.leave?.();
    return;
  }
  current = page;
  showPage(name, view, page);
}

// The page's whole module tree at once (pwa/views.py lists it), not level after level.
const PAGE_PRELOADS = JSON.parse(document.getElementById("page-preloads")?.textContent || "{}");
const preloaded = new Set();
function preloadPage(name) {
  const links = (PAGE_PRELOADS[PAGES[name].file] ?? [])
    .filter((href) => !preloaded.has(href))
    .map((href) => {
      preloaded.add(href);
      return h("link", { rel: "modulepreload", href });
    });
  document.head.append(...links); // at once: one change to the document, not one each
}

async function loadPage(name) {
  preloadPage(name);
  try {
    const module = await PAGES[name].load();
    codeFailures.delete(name);
    return module;
  } catch (error) {
    throw new PageCodeError(name, error);
  }
}

function showPage(name, view, page) {
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

// ---- a page that did not load ---------------------------------------------------------

const codeFailures = new Set();

class PageCodeError extends Error {
  constructor(name, cause) {
    super(`The code of the ${PAGES[name].title} page did not load.`);
    this.cause = cause;
  }
}

/** In words: what failed, and why as far as the app can tell. */
function failureText(name, error) {
  const pageName = PAGES[name].title;
  if (error instanceof PageCodeError)
    return navigator.onLine
      ? `The ${pageName} page's code could not be downloaded from the server.`
      : `The ${pageName} page's code is not on this phone yet, and there is no connection.`;
  if (error instanceof OfflineError)
    return `The ${pageName} page needs the server, and there is no connection.`;
  if (error instanceof ApiError)
    return (
      `The server answered an error while the ${pageName} page loaded ` +
      `(${error.status}): ${error.message}`
    );
  return `The ${pageName} page failed while loading: ${error?.message || error}`;
}

function failedPage(name, error) {
  const codeFailedBefore = error instanceof PageCodeError && codeFailures.has(name);
  if (error instanceof PageCodeError) codeFailures.add(name);
  const retry = () => {
    // import() asks the server again for a module that failed; but should one of the
    // modules it imports be remembered as failed by the browser, only a reload helps:
    // the second time the same page's code fails, Try again reloads the app.
    if (codeFailedBefore) location.reload();
    else route();
  };
  return h(
    "div",
    { class: "view view-failed" },
    h("h1", { tabindex: "-1" }, `${PAGES[name].title} did not load`),
    h(
      "div",
      { class: "card", role: "alert" },
      h("p", { class: "failure" }, failureText(name, error)),
      h("p", {}, "Nothing you saved is lost. Try again when the connection is back."),
      h("button", { type: "button", class: "primary", onclick: retry }, "Try again"),
    ),
  );
}

// Anything else that goes wrong outside a page load: say so, instead of failing silently.
window.addEventListener("unhandledrejection", (event) => {
  const reason = event.reason;
  if (reason instanceof OfflineError) return; // the sync status already says "Offline"
  toast(`Something went wrong: ${reason?.message || reason}`, { error: true, ms: 8000 });
});

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
  const { name } = parseRoute();
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
      const waiting = await loadWaiting();
      for (const id of outcome.conflicts) await waiting.showConflict(id);
    } else if (outcome.invalid.length) {
      toast("A saved day was not accepted. Tap the status at the top to fix it.", {
        error: true,
        ms: 8000,
      });
    }
    if (after.length !== before && parseRoute().name === "history") route();
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
// Anything still waiting (a day, or a weekly check's answer the server failed to take)
// is tried again every half minute while online.
setInterval(async () => {
  if (!navigator.onLine) return;
  const waiting = [...(await outboxItems()), ...(await outboxResponses())];
  if (waiting.some((item) => item.state === "waiting")) background();
}, 30000);

// ---- the service worker ---------------------------------------------------------------

function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
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

document.documentElement.dataset.app = "started"; // for start.js: the code did load
window.addEventListener("hashchange", route);
const firstPage = route();
firstPage.then(refreshStatus).then(background);
// The worker's first install downloads every file of the app: only once the first page
// is on screen, so that it does not compete with the page for a slow connection.
const windowLoaded =
  document.readyState === "complete"
    ? Promise.resolve()
    : new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
Promise.all([firstPage, windowLoaded]).then(registerServiceWorker);
