// Patterns: the flags the analysis found, with their explanations, and acknowledge.
//
// An urgent flag is acknowledged only with a confirmation (the API wants
// {"confirm": true}), and stays listed afterwards under "Past alerts" (rules.md,
// "Lifecycle rules that version 2 adds"); other flags leave the page once read.
import { api, ApiError, OfflineError } from "../api.js";
import { callLinks } from "../emergency.js";
import { confirmDialog, fill, formatDate, formatDateTime, h, toast } from "../ui.js";
import { severityLabel, sideLabel } from "../vocab.js";

const CACHE_KEY = "footnote.flags";

/** "Since 3 Nov; latest 12 Nov": the span of the flag's current evidence. */
function evidenceSpan(flag) {
  const since = flag.first_evidence_on ?? flag.first_detected_on;
  if (!since) return "";
  return since === flag.last_evidence_on
    ? `On ${formatDate(since)}.`
    : `Since ${formatDate(since)}; latest ${formatDate(flag.last_evidence_on)}.`;
}

const isPastAlert = (flag) => flag.severity === "urgent" && flag.status !== "active";

function flagCard(flag, onAcknowledge) {
  const dates = flag.evidence.dates;
  return h(
    "article",
    { class: `card flag ${flag.severity}`, "aria-labelledby": `flag-${flag.id}` },
    h("p", { class: `severity ${flag.severity}` }, severityLabel(flag.severity)),
    h(
      "h2",
      { id: `flag-${flag.id}` },
      flag.title,
      flag.side ? ` (${sideLabel(flag.side).toLowerCase()})` : "",
    ),
    flag.severity === "urgent" && flag.status === "active" ? callLinks() : null,
    flag.evidence.summary ? h("p", { class: "evidence" }, flag.evidence.summary) : null,
    flag.explanation ? h("p", {}, flag.explanation) : null,
    dates.length
      ? h(
          "details",
          {},
          h("summary", {}, `Days (${dates.length})`),
          h("p", { class: "small" }, dates.map((d) => formatDate(d)).join(", ")),
        )
      : null,
    h("p", { class: "small" }, evidenceSpan(flag)),
    flag.status === "active" && onAcknowledge
      ? h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: (event) => onAcknowledge(flag, event.currentTarget),
          },
          "I have read this",
        )
      : h(
          "p",
          { class: "small" },
          flag.status_changed_at && flag.status === "acknowledged"
            ? `Read ${formatDateTime(flag.status_changed_at)}. It stays in your reports.`
            : "Read. It stays in your reports.",
        ),
  );
}

export async function render(main) {
  const status = h("p", { class: "subtitle", role: "status" }, "Loading…");
  const list = h("div", { class: "flags" });
  fill(
    main,
    h("h1", { tabindex: "-1" }, "Patterns"),
    h(
      "p",
      {},
      "Patterns in your journal that are worth discussing with a specialist. Footnote does not diagnose.",
    ),
    status,
    list,
  );

  const show = (flags, note) => {
    status.textContent = note;
    const active = flags.filter((flag) => flag.status === "active");
    const past = flags.filter(isPastAlert);
    fill(
      list,
      active.length
        ? active.map((flag) => flagCard(flag, acknowledge))
        : h(
            "p",
            { class: "card" },
            "No patterns right now. Keep logging: patterns need a couple of weeks of days.",
          ),
      past.length
        ? h(
            "section",
            { class: "past-alerts", "aria-labelledby": "past-alerts-h" },
            h("h2", { id: "past-alerts-h" }, "Past alerts"),
            h(
              "p",
              { class: "small" },
              "Emergency advice you have read. It stays here and in your reports.",
            ),
            past.map((flag) => flagCard(flag, null)),
          )
        : null,
    );
  };

  async function acknowledge(flag, button) {
    const urgent = flag.severity === "urgent";
    if (
      urgent &&
      !(await confirmDialog(
        "Have you read the emergency advice?",
        "I have read this and will seek care: an emergency department, or the emergency number, now. The alert will stay under Past alerts.",
        { confirm: "I have read this and will seek care", cancel: "Not yet" },
      ))
    )
      return;
    button.disabled = true;
    try {
      await api(`/api/v1/flags/${flag.id}/acknowledge/`, {
        method: "POST",
        body: urgent ? { confirm: true } : {},
      });
      flag.status = "acknowledged";
      toast("Marked as read");
      await load();
    } catch (error) {
      button.disabled = false;
      toast(
        error instanceof OfflineError
          ? "You are offline. Try again with a connection."
          : error.message,
        { error: true },
      );
    }
  }

  async function load() {
    try {
      // Every flag: the active ones, and the urgent ones already read (Past alerts).
      const page = await api("/api/v1/flags/");
      const flags = page.results.filter((flag) => flag.status === "active" || isPastAlert(flag));
      localStorage.setItem(CACHE_KEY, JSON.stringify(flags));
      show(flags, "");
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        status.textContent = "";
        fill(list, h("p", { class: "card" }, "Patterns are not available yet."));
        return;
      }
      let cached = [];
      try {
        cached = JSON.parse(localStorage.getItem(CACHE_KEY)) ?? [];
      } catch {
        cached = [];
      }
      const why =
        error instanceof OfflineError
          ? "Offline: showing the patterns from your last visit."
          : `Could not load: ${error.message}`;
      show(cached, why);
    }
  }
  await load();
  return { title: "Patterns" };
}
