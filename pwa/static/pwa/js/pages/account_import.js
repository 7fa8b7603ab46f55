// Account's "Import a journal" card: a Footnote JSON export, from this server or another,
// applied through the server's import (api.md, "Import").
import { api, OfflineError } from "../api.js";
import { syncNow } from "../sync.js";
import { fill, h, toast } from "../ui.js";

// The server takes at most 366 days of entries a request (api.md, "Import").
const IMPORT_PER_REQUEST = 366;

/** "3 new, 2 already here, 1 not valid. Not imported: 2026-11-20: symptoms." */
function importInWords(totals, problems) {
  const parts = [`${totals.created} new`, `${totals.unchanged} already here`];
  if (totals.conflicts)
    parts.push(`${totals.conflicts} kept as they are here (another entry on that day)`);
  if (totals.invalid) parts.push(`${totals.invalid} not valid`);
  const named = problems.map(
    (p) => `${p.date ?? p.id ?? "?"}: ${Object.keys(p.errors).join(", ")}`,
  );
  const notImported = named.length ? ` Not imported: ${named.join("; ")}.` : "";
  return `Imported: ${parts.join(", ")}.${notImported}`;
}

/** A Footnote JSON export, from this server or another, sent in parts of 366 days. */
async function importFile(file) {
  const document = JSON.parse(await file.text());
  const entries = Array.isArray(document.entries) ? document.entries : [];
  const totals = { created: 0, unchanged: 0, conflicts: 0, invalid: 0 };
  const problems = [];
  for (let start = 0; start === 0 || start < entries.length; start += IMPORT_PER_REQUEST) {
    const part = { ...document, entries: entries.slice(start, start + IMPORT_PER_REQUEST) };
    // Events and the weekly check's answers go with the first part only.
    if (start) Object.assign(part, { events: [], questionnaire_responses: [] });
    const answer = await api("/api/v1/import/", { method: "POST", body: part });
    for (const key of Object.keys(totals)) totals[key] += answer[key];
    problems.push(...answer.problems);
  }
  return importInWords(totals, problems);
}

export function importCard() {
  const result = h("p", { role: "status", class: "import-result" });
  const input = h("input", { type: "file", id: "import-file", accept: ".json", hidden: true });
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    try {
      fill(result, await importFile(file));
      syncNow();
    } catch (error) {
      const message =
        error instanceof OfflineError
          ? "You are offline. Importing needs a connection."
          : error instanceof SyntaxError
            ? "This file is not a Footnote JSON export."
            : error.message;
      toast(message, { error: true });
    }
  });
  return h(
    "section",
    { class: "card", "aria-labelledby": "import-h" },
    h("h2", { id: "import-h" }, "Import a journal"),
    h(
      "p",
      {},
      "A JSON export from Footnote, here or elsewhere. Days already here stay as they are.",
    ),
    input,
    h(
      "div",
      { class: "stack" },
      h("button", { type: "button", class: "secondary", onclick: () => input.click() }, "Import"),
    ),
    result,
  );
}
