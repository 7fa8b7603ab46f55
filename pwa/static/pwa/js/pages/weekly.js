// The weekly check (reports.md, "The weekly check"): a questionnaire the server offers as
// FHIR R4 Questionnaire JSON, answered in under a minute: 0-10 ratings are rows of big
// numbers, choices are buttons, and each answer brings the next question into view.
// The answers leave as a FHIR QuestionnaireResponse with an id chosen here, through the
// outbox (sync.js), so an answer given offline is sent once the phone is back; the
// server scores it, and the scores are shown as soon as it has.
import { ApiError, errorText } from "../api.js";
import { timeZone } from "../profile.js";
import { cachedAnswers, discardItem, outboxResponses, queueResponse, syncNow } from "../sync.js";
import { isDue, offeredQuestionnaires } from "../today/weekly_due.js";
import { announce, fill, formatDate, h, newId, setPressed, todayIn } from "../ui.js";
import { formatScore, scoreMethods } from "./weekly_trend.js";

const MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue";
const MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue";
// Answers given so far survive a visit to another page (keyed by questionnaire id).
const drafts = new Map();

const extensionValue = (node, url) =>
  (node.extension ?? []).find((e) => e.url === url)?.valueInteger;

/** The answers as a FHIR R4 QuestionnaireResponse, in the questionnaire's order. */
export function responseFor(questionnaire, answers, { id, authored }) {
  return {
    resourceType: "QuestionnaireResponse",
    id,
    questionnaire: `${questionnaire.url}|${questionnaire.version}`,
    status: "completed",
    authored,
    item: questionnaire.item
      .filter((item) => answers[item.linkId] !== undefined)
      .map((item) => ({
        linkId: item.linkId,
        answer: [
          item.type === "choice"
            ? { valueCoding: { code: answers[item.linkId] } }
            : { valueInteger: answers[item.linkId] },
        ],
      })),
  };
}

function scoreList(answer, questionnaire) {
  const methods = scoreMethods(questionnaire);
  return h(
    "ul",
    { class: "weekly-scores" },
    answer.scores.map((score) =>
      h(
        "li",
        { dataset: { score: score.name } },
        h("span", {}, score.title),
        h(
          "strong",
          {},
          formatScore(score.value, methods.get(score.name)),
          score.band ? ` · ${score.band}` : "",
        ),
      ),
    ),
  );
}

const onwards = () =>
  h(
    "p",
    { class: "actions" },
    h("a", { class: "button secondary", href: "#/history" }, "See the trend in History"),
  );

/** One question: a row of numbers or a column of choices, with its error line. */
function question(item, index, answers, onAnswer) {
  const labelId = `q-${index}`;
  const error = h("p", { class: "field-error", id: `${labelId}-error` });
  const options =
    item.type === "choice"
      ? item.answerOption.map((option) => ({
          value: option.valueCoding.code,
          label: option.valueCoding.display ?? option.valueCoding.code,
        }))
      : Array.from(
          { length: extensionValue(item, MAX_VALUE) - extensionValue(item, MIN_VALUE) + 1 },
          (_, i) => {
            const value = extensionValue(item, MIN_VALUE) + i;
            return { value, label: String(value) };
          },
        );
  const buttons = options.map((option) =>
    h(
      "button",
      {
        type: "button",
        class: item.type === "choice" ? "choice" : "rating",
        "aria-pressed": String(answers[item.linkId] === option.value),
        onclick: () => {
          answers[item.linkId] = option.value;
          buttons.forEach((b, i) => setPressed(b, options[i].value === option.value));
          error.textContent = "";
          group.removeAttribute("aria-invalid");
          onAnswer(index);
        },
      },
      option.label,
    ),
  );
  const group = h(
    "div",
    {
      class: item.type === "choice" ? "choices" : "ratings",
      role: "group",
      "aria-labelledby": labelId,
      "aria-describedby": `${labelId}-error`,
    },
    buttons,
  );
  const element = h(
    "div",
    { class: "question", dataset: { link: item.linkId } },
    h(
      "p",
      { class: "question-text", id: labelId },
      h("span", { class: "question-number" }, `${index + 1}.`),
      ` ${item.text}`,
    ),
    group,
    error,
  );
  return {
    element,
    missing() {
      error.textContent = "Choose an answer.";
      group.setAttribute("aria-invalid", "true");
    },
    focus: () => buttons[0].focus(),
  };
}

export async function render(main, { id } = {}) {
  const heading = h("h1", { tabindex: "-1" }, "Weekly check");
  const body = h("div", { class: "weekly-body" }, h("p", { role: "status" }, "Loading…"));
  fill(
    main,
    heading,
    h("p", { class: "subtitle" }, h("a", { class: "back-link", href: "#/today" }, "Back to Today")),
    body,
  );

  let offered = [];
  try {
    ({ offered } = await offeredQuestionnaires());
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { title: "Weekly check" };
  }
  const today = todayIn(timeZone());
  const chosen =
    offered.find((o) => o.questionnaire.id === id) ??
    offered.find((o) => isDue(o, today)) ??
    offered[0];
  if (!chosen) {
    fill(
      body,
      h(
        "p",
        {},
        "The weekly check needs a connection the first time. Try again when you are online.",
      ),
    );
    return { title: "Weekly check" };
  }
  const questionnaire = chosen.questionnaire;
  heading.textContent = questionnaire.title;

  function showAnswered(answer) {
    fill(
      body,
      h("h2", {}, "Thank you"),
      h("p", {}, `Your scores for ${formatDate(answer.authored)}:`),
      scoreList(answer, questionnaire),
      onwards(),
    );
  }

  function showWaiting() {
    fill(
      body,
      h("h2", {}, "Kept on this phone"),
      h(
        "p",
        { class: "weekly-kept" },
        "Your answers will be sent when you are back online, and your scores shown then.",
      ),
      onwards(),
    );
  }

  function showRefused(item) {
    fill(
      body,
      h("h2", {}, "Not sent"),
      h(
        "p",
        {},
        `The server did not accept these answers: ${errorText(item.errors) || "no reason given"}.`,
      ),
      h(
        "button",
        {
          type: "button",
          class: "primary",
          onclick: async () => {
            await discardItem(item.id);
            showForm();
          },
        },
        "Answer again",
      ),
    );
  }

  function showForm() {
    const answers = drafts.get(questionnaire.id) ?? {};
    drafts.set(questionnaire.id, answers);
    const formError = h("p", { class: "form-error", role: "alert" });
    const questions = questionnaire.item.map((item, index) =>
      question(item, index, answers, (answered) => {
        // The next question without an answer comes into view: no hunting for it.
        const next = questions.find(
          (q, i) => i > answered && answers[questionnaire.item[i].linkId] === undefined,
        );
        const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
        next?.element.scrollIntoView({ block: "start", behavior: still ? "auto" : "smooth" });
      }),
    );
    const send = h("button", { type: "submit", class: "primary" }, "Send");
    const form = h(
      "form",
      { class: "weekly-form", novalidate: true, "aria-labelledby": "weekly-intro" },
      h(
        "p",
        { class: "intro", id: "weekly-intro" },
        `${questionnaire.item.length} questions about the past 7 days. Tap an answer for each.`,
      ),
      questions.map((q) => q.element),
      formError,
      send,
      h("p", { class: "legend" }, questionnaire.description ?? ""),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const missing = questionnaire.item
        .map((item, index) => (item.required && answers[item.linkId] === undefined ? index : -1))
        .filter((index) => index >= 0);
      if (missing.length) {
        missing.forEach((index) => questions[index].missing());
        const count =
          missing.length === 1 ? "One question has" : `${missing.length} questions have`;
        formError.textContent = `${count} no answer yet.`;
        questions[missing[0]].element.scrollIntoView({ block: "start" });
        questions[missing[0]].focus();
        return;
      }
      send.disabled = true;
      const response = responseFor(questionnaire, answers, {
        id: newId(),
        authored: todayIn(timeZone()),
      });
      await queueResponse(questionnaire.id, response);
      drafts.delete(questionnaire.id);
      const outcome = await syncNow().catch(() => ({ answered: [] }));
      if (!body.isConnected) return;
      const answer = (outcome.answered ?? []).find((a) => a.id === response.id);
      const item = (await outboxResponses()).find((i) => i.id === response.id);
      if (answer) showAnswered(answer);
      else if (item?.state === "invalid") showRefused(item);
      else if (item) showWaiting();
      else {
        // Sent by a sync already under way: its scores are in the phone's copy.
        const known = ((await cachedAnswers()) ?? []).find((a) => a.id === response.id);
        if (known) showAnswered(known);
        else showWaiting();
      }
      heading.focus();
      announce(answer ? "Sent. Your scores are shown." : "Kept on this phone, to be sent.");
    });
    fill(body, form);
  }

  const queued = (await outboxResponses()).find((item) => item.questionnaire === questionnaire.id);
  if (queued?.state === "invalid") showRefused(queued);
  else if (queued) showWaiting();
  else if (isDue(chosen, today)) showForm();
  else {
    const last = ((await cachedAnswers()) ?? []).find((a) => a.questionnaire === questionnaire.id);
    fill(
      body,
      h(
        "p",
        { class: "weekly-done" },
        `Answered on ${formatDate(chosen.last_answered_on)}. ` +
          `The next one is due on ${formatDate(chosen.due_on)}.`,
      ),
      last ? scoreList(last, questionnaire) : null,
      onwards(),
    );
  }
  return { title: "Weekly check" };
}
