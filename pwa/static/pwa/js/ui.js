// DOM helpers, announcements and dialogs (the emergency screen is in emergency.js).

/** h("button", {class: "x", onclick}, "text", child) — a tiny element builder. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function")
      el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key === "text") el.textContent = value;
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/** Replace an element's children, skipping null/false ones (replaceChildren prints "null"). */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const SVG_NS = "http://www.w3.org/2000/svg";
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function")
      el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/** A toggle button with aria-pressed. */
export function toggle(label, pressed, onchange, attrs = {}) {
  const button = h(
    "button",
    { type: "button", class: "chip", "aria-pressed": String(!!pressed), ...attrs },
    label,
  );
  button.addEventListener("click", () => {
    const next = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", String(next));
    onchange(next, button);
  });
  return button;
}

export function setPressed(button, pressed) {
  button.setAttribute("aria-pressed", String(!!pressed));
}

/** Say something to screen readers without showing it. */
export function announce(text) {
  const live = document.getElementById("live");
  live.textContent = "";
  // A fresh text node each time so repeated messages are read again.
  setTimeout(() => {
    live.textContent = text;
  }, 30);
}

let toastTimer;
let toastShownAt = 0;
/** A short visible message, read out once (the toast is a polite live region). */
export function toast(text, { error = false, ms = 4000 } = {}) {
  const el = document.getElementById("toast");
  el.textContent = text;
  el.classList.toggle("error", error);
  el.hidden = false;
  toastShownAt = Date.now();
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    el.hidden = true;
  }, ms);
}

/** On a page change: an old message would only cover the new page. */
export function hideStaleToast(ageMs = 1500) {
  if (Date.now() - toastShownAt > ageMs) document.getElementById("toast").hidden = true;
}

function setInert(on) {
  for (const id of ["main", "tabbar"]) {
    const el = document.getElementById(id);
    if (el) el.inert = on;
  }
  document.querySelector(".topbar").inert = on;
}

/**
 * A modal sheet. `build(close)` returns its content; resolves with what close() was given.
 * Escape closes with `undefined`.
 */
export function modal(title, build, { className = "" } = {}) {
  return new Promise((resolve) => {
    const previous = document.activeElement;
    const heading = h("h2", { id: "modal-title", tabindex: "-1" }, title);
    const overlay = h("div", { class: `overlay ${className}` });
    const close = (value) => {
      overlay.remove();
      if (!document.querySelector(".overlay")) setInert(false);
      previous?.focus?.();
      resolve(value);
    };
    const box = h(
      "div",
      { class: "sheet", role: "dialog", "aria-modal": "true", "aria-labelledby": "modal-title" },
      heading,
      build(close),
    );
    overlay.append(box);
    overlay.addEventListener("keydown", (event) => {
      if (event.key === "Escape") close(undefined);
    });
    document.body.append(overlay);
    setInert(true);
    document.getElementById("toast").hidden = true;
    heading.focus();
  });
}

export function confirmDialog(
  title,
  text,
  { confirm = "Yes", cancel = "Cancel", danger = false } = {},
) {
  return modal(title, (close) =>
    h(
      "div",
      {},
      h("p", {}, text),
      h(
        "div",
        { class: "actions" },
        h(
          "button",
          { type: "button", class: danger ? "danger" : "primary", onclick: () => close(true) },
          confirm,
        ),
        h("button", { type: "button", class: "secondary", onclick: () => close(false) }, cancel),
      ),
    ),
  );
}

// ---- dates ----------------------------------------------------------------------------

// Formatters are slow to make and quick to use: one of each kind per time zone.
const formatters = new Map();
function formatter(locale, options) {
  const key = `${locale} ${JSON.stringify(options)}`;
  if (!formatters.has(key)) formatters.set(key, new Intl.DateTimeFormat(locale, options));
  return formatters.get(key);
}
const ISO_DAY = { year: "numeric", month: "2-digit", day: "2-digit" };

/** Today's date (YYYY-MM-DD) in the patient's time zone. */
export function todayIn(timeZone) {
  try {
    return formatter("en-CA", { ...ISO_DAY, timeZone: timeZone || undefined }).format(new Date());
  } catch {
    return formatter("en-CA", ISO_DAY).format(new Date());
  }
}

export function addDays(iso, days) {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// One date format on every page, as the report and the server's texts write it too
// (journal.rules.findings.date_words): "2 Nov 2026"; with a weekday, "Mon 2 Nov 2026".
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** "2 Nov 2026" for "2026-11-02"; `weekday: "short"` or `"long"` puts "Mon" or "Monday" first. */
export function formatDate(iso, { weekday } = {}) {
  const d = new Date(`${iso}T12:00:00Z`);
  const text = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  if (!weekday) return text;
  const day = WEEKDAYS[d.getUTCDay()];
  return `${weekday === "long" ? day : day.slice(0, 3)} ${text}`;
}

/** A moment on this phone's clock: "2 Nov 2026, 14:05" (the time as the locale writes it). */
export function formatDateTime(isoTimestamp) {
  if (!isoTimestamp) return "";
  const moment = new Date(isoTimestamp);
  const localDate = formatter("en-CA", ISO_DAY).format(moment);
  const time = formatter(undefined, { timeStyle: "short" }).format(moment);
  return `${formatDate(localDate)}, ${time}`;
}

/**
 * The attributes of a date field: the page is in English, but a date picker shows dates
 * the way the patient's own language does (day first or month first).
 */
export function dateFieldAttrs(attrs = {}) {
  return { type: "date", lang: navigator.language || undefined, ...attrs };
}

export function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // Not a secure context (a phone on http://192.168…): the same v4 layout by hand.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Save a Blob as a file. */
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: filename || "footnote" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Field errors from the API as readable lines ("symptoms › 1 › pain: …"). */
export function errorLines(errors) {
  const lines = [];
  const walk = (value, path) => {
    if (value === null || value === undefined) return;
    if (typeof value === "string") lines.push(path ? `${path}: ${value}` : value);
    else if (Array.isArray(value))
      value.forEach((v, i) =>
        walk(v, typeof v === "object" && v !== null ? `${path} ${i + 1}` : path),
      );
    else if (typeof value === "object") {
      for (const [key, v] of Object.entries(value))
        walk(
          v,
          key === "detail" || key === "non_field_errors"
            ? path
            : `${path ? `${path} › ` : ""}${key.replaceAll("_", " ")}`,
        );
    }
  };
  walk(errors, "");
  return lines.length ? lines : ["The server could not accept this entry."];
}
