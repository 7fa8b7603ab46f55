// Reports: make a PDF of a period, download it, share it with a link, revoke links,
// and see who opened them.
import { api, ApiError, OfflineError } from "../api.js";
import { timeZone } from "../profile.js";
import {
  addDays,
  confirmDialog,
  dateFieldAttrs,
  download,
  fill,
  formatDate,
  formatDateTime,
  h,
  toast,
  todayIn,
} from "../ui.js";

const POLL_MS = 2000;
// The server keeps only a hash of a share link: its address is shown once, when made.
const madeLinks = new Map();
const STATUS_TEXT = { pending: "Being made…", ready: "Ready", failed: "Could not be made" };

function sizeText(bytes) {
  if (!bytes) return "";
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export async function render(main) {
  const today = todayIn(timeZone());
  const status = h("p", { class: "subtitle", role: "status" });
  const list = h("div", { class: "reports" });
  const fromInput = h(
    "input",
    dateFieldAttrs({ id: "report-from", value: addDays(today, -29), max: today }),
  );
  const toInput = h("input", dateFieldAttrs({ id: "report-to", value: today, max: today }));
  const quick = [
    ["Last 30 days", 29],
    ["90 days", 89],
    ["A year", 365],
  ].map(([label, days]) =>
    h(
      "button",
      {
        type: "button",
        class: "chip",
        onclick: () => {
          fromInput.value = addDays(today, -days);
          toInput.value = today;
        },
      },
      label,
    ),
  );
  const makeButton = h("button", { type: "submit", class: "primary" }, "Make PDF");
  const form = h(
    "form",
    { class: "card", "aria-labelledby": "make-h" },
    h("h2", { id: "make-h" }, "A report for your specialist"),
    h("div", { class: "chips", role: "group", "aria-label": "Period" }, quick),
    h(
      "div",
      { class: "two-col" },
      h("div", { class: "field" }, h("label", { for: "report-from" }, "From"), fromInput),
      h("div", { class: "field" }, h("label", { for: "report-to" }, "To"), toInput),
    ),
    makeButton,
  );
  let timer = null;
  let stopped = false;

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!fromInput.value || !toInput.value || fromInput.value > toInput.value) {
      toast("Choose a start date before the end date.", { error: true });
      return;
    }
    makeButton.disabled = true;
    try {
      await api("/api/v1/reports/", {
        method: "POST",
        body: { from: fromInput.value, to: toInput.value },
      });
      toast("Making your report…");
      await load();
    } catch (error) {
      toast(explain(error), { error: true });
    } finally {
      makeButton.disabled = false;
    }
  });

  function explain(error) {
    if (error instanceof OfflineError) return "You are offline. Reports need a connection.";
    if (error instanceof ApiError && error.status === 404) return "Reports are not available yet.";
    return error.message;
  }

  async function getPdf(report) {
    try {
      const { blob, filename } = await api(`/api/v1/reports/${report.id}/pdf/`, { as: "blob" });
      download(blob, filename || `footnote-${report.from}-${report.to}.pdf`);
    } catch (error) {
      toast(explain(error), { error: true });
    }
  }

  async function share(report, days, box) {
    try {
      const link = await api(`/api/v1/reports/${report.id}/shares/`, {
        method: "POST",
        body: { expires_in_days: days },
      });
      const url = new URL(link.url, location.origin).href;
      madeLinks.set(link.id, url);
      if (navigator.share) {
        navigator.share({ title: "Footnote report", url }).catch(() => {});
      } else if (navigator.clipboard) {
        navigator.clipboard.writeText(url).then(
          () => toast("Link copied"),
          () => {},
        );
      }
      await drawShares(report, box);
    } catch (error) {
      toast(explain(error), { error: true });
    }
  }

  async function drawShares(report, box) {
    let shares = [];
    try {
      shares = await api(`/api/v1/reports/${report.id}/shares/`);
    } catch (error) {
      fill(box, h("p", { class: "small" }, explain(error)));
      return;
    }
    const daysSelect = h(
      "select",
      { id: `days-${report.id}` },
      [1, 3, 7, 14, 30].map((d) =>
        h("option", { value: d, selected: d === 7 }, `${d} ${d === 1 ? "day" : "days"}`),
      ),
    );
    fill(
      box,
      h(
        "div",
        { class: "share-make" },
        h(
          "div",
          { class: "field" },
          h("label", { for: `days-${report.id}` }, "Valid for"),
          daysSelect,
        ),
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: () => share(report, Number(daysSelect.value), box),
          },
          "Create share link",
        ),
      ),
      shares.length
        ? h(
            "ul",
            { class: "shares", "aria-label": "Share links" },
            shares.map((link) => {
              // The list never carries the address: only the answer that made it.
              const url = madeLinks.get(link.id);
              const { active, accesses } = link;
              const when = link.revoked_at
                ? `Revoked ${formatDateTime(link.revoked_at)}`
                : active
                  ? `Works until ${formatDateTime(link.expires_at)}`
                  : `Expired ${formatDateTime(link.expires_at)}`;
              return h(
                "li",
                { class: "share" },
                h("p", { class: "share-title" }, `Link made ${formatDateTime(link.created_at)}`),
                h("p", { class: "small" }, when),
                url && active
                  ? h(
                      "div",
                      { class: "field" },
                      h(
                        "label",
                        { for: `url-${link.id}` },
                        "Send this address to your specialist (it is shown only now)",
                      ),
                      h("input", {
                        id: `url-${link.id}`,
                        value: url,
                        readonly: true,
                        onfocus: (e) => e.target.select(),
                      }),
                    )
                  : null,
                h(
                  "p",
                  { class: "small" },
                  accesses.length
                    ? `Opened ${accesses.length} ${accesses.length === 1 ? "time" : "times"}:`
                    : "Not opened yet.",
                ),
                accesses.length
                  ? h(
                      "ul",
                      { class: "accesses" },
                      accesses.map((a) =>
                        h(
                          "li",
                          { class: "small" },
                          `${formatDateTime(a.at)} · ${a.ip ?? "unknown address"} · ${a.user_agent || "unknown browser"}`,
                        ),
                      ),
                    )
                  : null,
                active
                  ? h(
                      "div",
                      { class: "actions" },
                      url && navigator.clipboard
                        ? h(
                            "button",
                            {
                              type: "button",
                              class: "secondary",
                              onclick: () =>
                                navigator.clipboard.writeText(url).then(
                                  () => toast("Link copied"),
                                  () => {},
                                ),
                            },
                            "Copy link",
                          )
                        : null,
                      h(
                        "button",
                        {
                          type: "button",
                          class: "danger",
                          onclick: async () => {
                            if (
                              !(await confirmDialog(
                                "Stop this link?",
                                "Anyone with the link will no longer be able to open the report.",
                                { confirm: "Revoke", danger: true },
                              ))
                            )
                              return;
                            try {
                              await api(`/api/v1/reports/${report.id}/shares/${link.id}/`, {
                                method: "DELETE",
                              });
                              madeLinks.delete(link.id);
                              toast("Link revoked");
                            } catch (error) {
                              toast(explain(error), { error: true });
                            }
                            await drawShares(report, box);
                          },
                        },
                        "Revoke",
                      ),
                    )
                  : null,
              );
            }),
          )
        : null,
    );
  }

  function reportCard(report) {
    const sharesBox = h("div", { class: "shares-box" });
    const ready = report.status === "ready";
    return h(
      "article",
      { class: "card report", "aria-labelledby": `report-${report.id}` },
      h(
        "h3",
        { id: `report-${report.id}` },
        `${formatDate(report.from)} to ${formatDate(report.to)}`,
      ),
      h(
        "p",
        { class: `small status-${report.status}` },
        [
          STATUS_TEXT[report.status] ?? report.status,
          report.pages ? `${report.pages} pages` : "",
          sizeText(report.size_bytes),
          report.status === "failed" ? report.failure_reason : "",
        ]
          .filter(Boolean)
          .join(" · "),
      ),
      ready
        ? h(
            "div",
            { class: "actions" },
            h(
              "button",
              { type: "button", class: "primary", onclick: () => getPdf(report) },
              "Download PDF",
            ),
            h(
              "button",
              {
                type: "button",
                class: "secondary",
                "aria-expanded": "false",
                onclick: async (event) => {
                  const open = event.currentTarget.getAttribute("aria-expanded") !== "true";
                  event.currentTarget.setAttribute("aria-expanded", String(open));
                  if (open) await drawShares(report, sharesBox);
                  else sharesBox.replaceChildren();
                },
              },
              "Share",
            ),
          )
        : null,
      sharesBox,
    );
  }

  async function load() {
    clearTimeout(timer);
    try {
      const page = await api("/api/v1/reports/");
      const reports = page.results;
      status.textContent = "";
      fill(
        list,
        h("h2", {}, "Your reports"),
        ...(reports.length ? reports.map(reportCard) : [h("p", {}, "No reports yet.")]),
      );
      if (!stopped && reports.some((r) => r.status === "pending")) {
        timer = setTimeout(() => {
          if (main.contains(list)) load();
        }, POLL_MS);
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        form.hidden = true;
      }
      status.textContent = explain(error);
    }
  }

  fill(main, h("h1", { tabindex: "-1" }, "Reports"), status, form, list);
  await load();
  return {
    title: "Reports",
    leave: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
