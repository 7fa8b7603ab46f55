// The weekly check's trend in History (reports.md, "The weekly check"): each answer's
// scores, and how far each score has moved since the first answer. The scores are the
// server's (it scores by the questionnaire's declared scoring); offline, the phone shows
// what it last heard, and an answer still waiting to be sent is named as such.
import { api, ApiError } from "../api.js";
import { cacheAnswers, cachedAnswers, cachedOffered, outboxResponses } from "../sync.js";
import { fill, formatDate, h, s } from "../ui.js";

const SCORE = "urn:footnote:fhir:score";

/** Score name -> method ("sum", "mean", "percent") from a Questionnaire's extensions. */
export function scoreMethods(questionnaire) {
  const methods = new Map();
  for (const extension of questionnaire?.extension ?? []) {
    if (extension.url !== SCORE) continue;
    const part = (url) => extension.extension?.find((p) => p.url === url);
    methods.set(part("name")?.valueString, part("method")?.valueCode);
  }
  return methods;
}

export function formatScore(value, method) {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return method === "percent" ? `${shown}%` : shown;
}

/** "Leg pain (past 7 days, 0-10)" -> "Leg pain": the scale is said once, in the trend. */
export function shortTitle(title) {
  return title.replace(/\s*\([^)]*\)\s*$/, "");
}

function change(value, first, method) {
  const delta = Math.round((value - first) * 10) / 10;
  if (delta === 0) return "no change";
  return `${delta > 0 ? "+" : "−"}${formatScore(Math.abs(delta), method)}`;
}

/** A small line of one score over the answers, oldest on the left. */
function sparkline(values, highest) {
  const width = 96;
  const height = 36;
  const top = Math.max(highest, ...values, 1);
  const x = (i) => (values.length === 1 ? width / 2 : 3 + (i * (width - 6)) / (values.length - 1));
  const y = (v) => height - 3 - (v / top) * (height - 6);
  const svg = s("svg", {
    class: "sparkline",
    viewBox: `0 0 ${width} ${height}`,
    "aria-hidden": "true",
  });
  svg.append(
    s("polyline", { points: values.map((v, i) => `${x(i)},${y(v)}`).join(" "), class: "spark" }),
    ...values.map((v, i) => s("circle", { cx: x(i), cy: y(v), r: 2.5, class: "spark-dot" })),
  );
  return svg;
}

function trendFor(answers, questionnaire) {
  const methods = scoreMethods(questionnaire);
  const oldestFirst = [...answers].reverse();
  const first = oldestFirst[0];
  const latest = answers[0];
  const firstByName = new Map(first.scores.map((score) => [score.name, score.value]));
  const since = formatDate(first.authored);
  const scores = h(
    "ul",
    { class: "trend-scores" },
    latest.scores.map((score) => {
      const method = methods.get(score.name);
      const values = oldestFirst
        .map((a) => a.scores.find((x) => x.name === score.name)?.value)
        .filter((v) => v !== undefined);
      const moved =
        answers.length > 1 && firstByName.has(score.name)
          ? `${change(score.value, firstByName.get(score.name), method)} since ${since}`
          : "first answer";
      return h(
        "li",
        { class: "trend-score", dataset: { score: score.name } },
        h("span", { class: "trend-title" }, score.title),
        h(
          "span",
          { class: "trend-now" },
          h("strong", { class: "trend-value" }, formatScore(score.value, method)),
          score.band ? ` ${score.band}` : "",
        ),
        h("span", { class: "trend-change" }, moved),
        sparkline(values, method === "percent" ? 100 : 10),
      );
    }),
  );
  const list = h(
    "ol",
    { class: "weekly-answers", "aria-label": "Each answer, newest first" },
    answers.map((answer) =>
      h(
        "li",
        { class: "weekly-answer", dataset: { id: answer.id } },
        h("time", { datetime: answer.authored }, formatDate(answer.authored)),
        h(
          "span",
          { class: "weekly-answer-scores" },
          answer.scores.map((score) => {
            const method = methods.get(score.name);
            const base = `${shortTitle(score.title)} ${formatScore(score.value, method)}`;
            return h(
              "span",
              {},
              answer === first || !firstByName.has(score.name)
                ? base
                : `${base} (${change(score.value, firstByName.get(score.name), method)})`,
            );
          }),
        ),
      ),
    ),
  );
  // Folded: the days are what History is mostly for, and the rows above say the change.
  return [
    scores,
    h(
      "details",
      { class: "weekly-each" },
      h("summary", {}, `Each answer (${answers.length})`),
      list,
    ),
  ];
}

/** The "Weekly check" card for History; it fills itself once it has the answers. */
export function weeklyTrendSection() {
  const body = h("div", { class: "weekly-trend-body" }, h("p", {}, "Loading…"));
  const section = h(
    "section",
    { class: "card weekly-trend", "aria-labelledby": "weekly-trend-h" },
    h("h2", { id: "weekly-trend-h" }, "Weekly check"),
    body,
  );

  function draw(answers, waiting, offered, note, state) {
    section.dataset.state = state;
    const byId = new Map((offered ?? []).map((o) => [o.questionnaire.id, o.questionnaire]));
    const groups = new Map();
    for (const answer of answers) {
      if (!groups.has(answer.questionnaire)) groups.set(answer.questionnaire, []);
      groups.get(answer.questionnaire).push(answer);
    }
    fill(
      body,
      [...groups].map(([id, group]) => [
        groups.size > 1 ? h("h3", {}, byId.get(id)?.title ?? id) : null,
        trendFor(group, byId.get(id)),
      ]),
      waiting.length
        ? h(
            "p",
            { class: "weekly-waiting" },
            `${waiting.length === 1 ? "One answer is" : `${waiting.length} answers are`} ` +
              "waiting to be sent; the scores come when the server has it.",
          )
        : null,
      answers.length || waiting.length
        ? null
        : h(
            "p",
            {},
            "No weekly check answered yet. When one is due, a card on Today offers it.",
          ),
      note ? h("p", { class: "legend" }, note) : null,
    );
  }

  (async () => {
    const waiting = (await outboxResponses()).filter((item) => item.state !== "invalid");
    const offered = await cachedOffered();
    const cached = await cachedAnswers();
    if (cached) draw(cached, waiting, offered, "", "cached");
    try {
      const fresh = (await api("/api/v1/questionnaires/responses/")).results;
      await cacheAnswers(fresh);
      draw(fresh, waiting, offered, "", "fresh");
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      const note = "Offline: showing what this phone last heard.";
      draw(cached ?? [], waiting, offered, note, "offline");
    }
  })().catch(() => {
    // Never a "Loading…" that stays (pwa.md, version 2).
    fill(body, h("p", {}, "The weekly check's scores could not be shown. Open History again."));
  });
  return section;
}
