// Patterns: the flags the analysis found, with their explanations, and acknowledge.
import { api, ApiError, OfflineError } from "../api.js";
import { fill, formatDate, h, toast } from "../ui.js";
import { severityLabel, sideLabel } from "../vocab.js";

const CACHE_KEY = "footnote.flags";

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
    h(
      "p",
      { class: "small" },
      `Seen first ${formatDate(flag.first_detected_on)}, last ${formatDate(flag.last_evidence_on)}.`,
    ),
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
      : h("p", { class: "small" }, "Read. It stays in your reports."),
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
    fill(
      list,
      ...(flags.length
        ? flags.map((flag) => flagCard(flag, acknowledge))
        : [
            h(
              "p",
              { class: "card" },
              "No patterns right now. Keep logging: patterns need a couple of weeks of days.",
            ),
          ]),
    );
  };

  async function acknowledge(flag, button) {
    button.disabled = true;
    try {
      await api(`/api/v1/flags/${flag.id}/acknowledge/`, { method: "POST" });
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
      const page = await api("/api/v1/flags/?status=active");
      const flags = page.results;
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
