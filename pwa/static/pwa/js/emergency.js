// The emergency advice (urgent) and the advice for today (the cauda equina warning):
// full screen or a sheet, before anything else, with a button that calls the emergency
// number (pwa.md, "Emergency first").
import { timeZone } from "./profile.js";
import { h, modal } from "./ui.js";

// The emergency number, guessed from the patient's time zone: the zone is all the app
// knows of the country. Where it does not tell (UTC, a zone shared by several
// countries), the common numbers are listed instead of guessing wrong.
const NUMBERS = [
  [/^Europe\/(London|Belfast|Guernsey|Isle_of_Man|Jersey|Gibraltar)$/, "999"],
  [/^Europe\//, "112"],
  [/^Atlantic\/(Canary|Madeira|Azores|Faroe|Reykjavik)$/, "112"],
  [
    /^(US|Canada)\/|^America\/(New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Juneau|Boise|Detroit|Indiana\/|Kentucky\/|North_Dakota\/|Toronto|Vancouver|Edmonton|Winnipeg|Halifax|St_Johns|Regina|Moncton|Whitehorse|Yellowknife|Mexico_City|Monterrey|Merida|Cancun|Tijuana)|^Pacific\/Honolulu$/,
    "911",
  ],
  [/^Australia\//, "000"],
  [/^Pacific\/(Auckland|Chatham)$/, "111"],
  [/^Asia\/(Kolkata|Calcutta)$/, "112"],
];
const COMMON_NUMBERS = [
  ["112", "Europe and many countries"],
  ["999", "UK"],
  ["911", "USA, Canada, Mexico"],
];

/** [[number, where], …]: one when the time zone tells the country, else the common ones. */
export function emergencyNumbers(zone = timeZone()) {
  const found = NUMBERS.find(([pattern]) => pattern.test(zone ?? ""));
  return found ? [[found[1], ""]] : COMMON_NUMBERS;
}

/**
 * Links that call the emergency number (`tel:`), as large buttons. `inBar`: the one
 * number for a narrow bar, or null when there is a list to choose from.
 */
export function callLinks({ inBar = false } = {}) {
  const numbers = emergencyNumbers();
  if (inBar && numbers.length > 1) return null;
  return h(
    "div",
    { class: `call-links${inBar ? " in-bar" : ""}` },
    numbers.map(([number, where]) =>
      h(
        "a",
        {
          class: "button call-link",
          href: `tel:${number}`,
          "aria-label": `Call ${number}${where ? `, ${where}` : ""}`,
        },
        `Call ${number}`,
        where && !inBar ? h("span", { class: "call-where" }, ` (${where})`) : null,
      ),
    ),
  );
}

function setInert(on) {
  for (const el of [
    document.getElementById("main"),
    document.getElementById("tabbar"),
    document.querySelector(".topbar"),
  ])
    if (el) el.inert = on;
}

/**
 * The emergency advice, full screen, before anything else. `alerts` are urgent flags
 * ({title, explanation, summary}) from the server's answer or the phone's own screen;
 * with none (an answer that never came) the app's own words.
 */
export function showEmergency(alerts, { note = "" } = {}) {
  document.querySelector(".emergency")?.remove();
  const heading = h("h1", { id: "emergency-title", tabindex: "-1" }, "Seek emergency care now");
  const items = (alerts ?? []).map((alert) =>
    h(
      "section",
      { class: "emergency-alert" },
      alert.title ? h("h2", {}, alert.title) : null,
      alert.explanation ? h("p", {}, alert.explanation) : null,
      alert.summary ? h("p", { class: "small" }, alert.summary) : null,
    ),
  );
  return new Promise((resolve) => {
    const overlay = h(
      "div",
      {
        class: "overlay emergency",
        role: "alertdialog",
        "aria-modal": "true",
        "aria-labelledby": "emergency-title",
        "aria-describedby": "emergency-advice",
      },
      h(
        "div",
        { class: "emergency-body" },
        h("p", { class: "emergency-icon", "aria-hidden": "true" }, "!"),
        heading,
        h(
          "p",
          { id: "emergency-advice", class: "emergency-advice" },
          "Call your local emergency number now, or go to the nearest emergency department. Do not wait to see whether it passes.",
        ),
        callLinks(),
        note ? h("p", { class: "emergency-note" }, note) : null,
        items.length
          ? items
          : h(
              "p",
              {},
              "What you logged can be a sign of pressure on the nerves at the bottom of the spine (cauda equina syndrome), which needs treatment within hours.",
            ),
        h(
          "p",
          { class: "small" },
          "Footnote does not diagnose. This warning is based on what you logged.",
        ),
        h(
          "button",
          {
            type: "button",
            class: "emergency-close",
            onclick: () => {
              overlay.remove();
              if (!document.querySelector(".overlay")) setInert(false);
              resolve();
            },
          },
          "I understand",
        ),
      ),
    );
    document.body.append(overlay);
    setInert(true);
    document.getElementById("toast").hidden = true;
    heading.focus();
  });
}

/** The warning's advice (contact a doctor today), as a sheet over the page. */
export function showAdviceForToday(alerts, { note = "" } = {}) {
  return modal(
    "Contact a doctor today",
    (close) =>
      h(
        "div",
        { class: "advice-sheet-body" },
        note ? h("p", {}, note) : null,
        (alerts ?? []).map((alert) =>
          h(
            "section",
            {},
            alert.title ? h("h3", {}, alert.title) : null,
            alert.explanation ? h("p", {}, alert.explanation) : null,
          ),
        ),
        h(
          "div",
          { class: "actions" },
          h("button", { type: "button", class: "primary", onclick: () => close() }, "I understand"),
        ),
      ),
    { className: "advice-sheet" },
  );
}

/**
 * The advice for a write's `alerts` (or the phone's own): urgent ones full screen,
 * otherwise the warning's sheet. Whether anything was shown.
 */
export async function showAlerts(alerts, options) {
  const urgent = (alerts ?? []).filter((alert) => alert.severity === "urgent");
  if (urgent.length) await showEmergency(urgent, options);
  else if (alerts?.length) await showAdviceForToday(alerts, options);
  return Boolean(alerts?.length);
}
