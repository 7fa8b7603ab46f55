// Events: injuries, operations and injections, with their dates. The pattern rules use
// them (pain that began after a fall; sciatic nerve trouble after hip surgery or an
// injection at the hip or buttock). They need a connection: there is no outbox for them,
// and what the person typed stays in the form until the server has it.
import { api, ApiError, apiAll, errorText, getUsername, OfflineError } from "../api.js";
import { timeZone } from "../profile.js";
import {
  announce,
  confirmDialog,
  dateFieldAttrs,
  fill,
  formatDate,
  h,
  setPressed,
  toast,
  todayIn,
} from "../ui.js";
import {
  EVENT_KINDS,
  EVENT_SIDES,
  EVENT_SITES,
  eventKindLabel,
  eventPlaceLabel,
  VOCAB,
} from "../vocab.js";

const FIELDS = ["kind", "site", "side", "date", "notes"];
const EARLIEST = "1900-01-01";
// Choosing an operation chooses where it usually is, when no place was chosen yet.
const USUAL_SITE = { hip_surgery: "hip", back_surgery: "lower_back" };
// What the person typed survives a failed send and a visit to another page (and is
// never shown to another account signed in later on the same tab).
let draft = null;

const emptyDraft = (today) => ({
  owner: getUsername(),
  kind: "",
  site: "",
  side: "",
  date: today,
  notes: "",
});

/** Dated events (injuries, operations, injections) live on their own page. */
export function eventsLink() {
  return h(
    "a",
    { class: "card link-card", href: "#/events" },
    h("span", { class: "link-card-title" }, "Injuries, operations, injections"),
  );
}

/** Newest first; the server's order (newest entered first) breaks ties. */
const byDateDesc = (a, b) => b.date.localeCompare(a.date);

export async function render(main) {
  const today = todayIn(timeZone());
  if (!draft || draft.owner !== getUsername()) draft = emptyDraft(today);
  if (draft.date > today) draft.date = today;
  let events = [];
  let loaded = false;

  const status = h("p", { class: "subtitle", role: "status", "aria-live": "polite" });
  const formError = h("div", { class: "form-error", role: "alert" });
  const errors = Object.fromEntries(
    FIELDS.map((name) => [name, h("p", { class: "field-error", id: `event-${name}-error` })]),
  );

  // ---- the form: three sets of chips, a date and notes ---------------------------------
  function choices(name, label, options, onChoose) {
    const labelId = `event-${name}-label`;
    const buttons = options.map((option) =>
      h(
        "button",
        {
          type: "button",
          class: "chip",
          "aria-pressed": String(draft[name] === option.code),
          "aria-describedby": `event-${name}-error`,
          dataset: { code: option.code },
          onclick: () => {
            choose(option.code);
            onChoose?.(option.code);
          },
        },
        option.label,
      ),
    );
    const group = h(
      "div",
      { class: "chips", role: "group", "aria-labelledby": labelId, id: `event-${name}` },
      buttons,
    );
    function choose(code) {
      draft[name] = code;
      buttons.forEach((b) => setPressed(b, b.dataset.code === code));
      errors[name].textContent = "";
      group.removeAttribute("aria-invalid");
    }
    const element = h(
      "div",
      { class: "field" },
      h("span", { class: "label", id: labelId }, label),
      group,
      errors[name],
    );
    return {
      element,
      choose,
      invalid: () => group.setAttribute("aria-invalid", "true"),
      focus: () => (buttons.find((b) => b.dataset.code === draft[name]) ?? buttons[0]).focus(),
    };
  }

  const kind = choices("kind", "What happened", EVENT_KINDS, (code) => {
    if (!draft.site && USUAL_SITE[code]) {
      site.choose(USUAL_SITE[code]);
      announce(`Where: ${eventPlaceLabel(USUAL_SITE[code], "")}`);
    }
  });
  const site = choices("site", "Where", EVENT_SITES);
  const side = choices("side", "Which side", EVENT_SIDES);
  side.element.querySelector(".chips").classList.add("grid-2");

  const date = h(
    "input",
    dateFieldAttrs({
      id: "event-date",
      value: draft.date,
      min: EARLIEST,
      max: today,
      required: true,
      "aria-describedby": "event-date-error",
    }),
  );
  date.addEventListener("input", () => {
    draft.date = date.value;
    errors.date.textContent = "";
    date.removeAttribute("aria-invalid");
  });
  const notes = h(
    "textarea",
    {
      id: "event-notes",
      rows: 3,
      maxlength: VOCAB.notes_max_length,
      "aria-describedby": "event-notes-error",
    },
    draft.notes,
  );
  notes.addEventListener("input", () => {
    draft.notes = notes.value;
    errors.notes.textContent = "";
    notes.removeAttribute("aria-invalid");
  });
  const controls = {
    kind,
    site,
    side,
    date: { invalid: () => date.setAttribute("aria-invalid", "true"), focus: () => date.focus() },
    notes: {
      invalid: () => notes.setAttribute("aria-invalid", "true"),
      focus: () => notes.focus(),
    },
  };

  const addButton = h("button", { type: "submit", class: "primary" }, "Add");
  const form = h(
    "form",
    { class: "card event-form", "aria-labelledby": "event-form-h", novalidate: true },
    h("h2", { id: "event-form-h" }, "Add one"),
    formError,
    kind.element,
    site.element,
    side.element,
    h("div", { class: "field" }, h("label", { for: "event-date" }, "Date"), date, errors.date),
    h(
      "div",
      { class: "field" },
      h("label", { for: "event-notes" }, "Notes (optional)"),
      notes,
      errors.notes,
    ),
    addButton,
  );

  function clearErrors() {
    formError.textContent = "";
    for (const name of FIELDS) errors[name].textContent = "";
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  }

  /** Errors as the API gives them ({"field": ["message"]}), each next to its field. */
  function showErrors(data) {
    const general = [];
    let first = null;
    for (const [name, value] of Object.entries(data ?? {})) {
      const text = errorText(value);
      if (FIELDS.includes(name)) {
        errors[name].textContent = text;
        controls[name].invalid();
        if (!first || FIELDS.indexOf(name) < FIELDS.indexOf(first)) first = name;
      } else general.push(text);
    }
    if (general.length || !first)
      formError.textContent = general.join(" ") || "The server could not accept this.";
    if (first) {
      controls[first].focus();
      // Read once, whatever is focused: the field errors are not in a live region.
      if (!general.length) announce(`Not added. ${errors[first].textContent}`);
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    const now = todayIn(timeZone());
    const problems = {};
    if (!draft.kind) problems.kind = ["Choose what happened."];
    if (!draft.site) problems.site = ["Choose where."];
    if (!draft.date) problems.date = ["Enter the date."];
    else if (draft.date > now) problems.date = ["The date cannot be in the future."];
    else if (draft.date < EARLIEST) problems.date = ["This date is too far in the past."];
    if (Object.keys(problems).length) {
      showErrors(problems);
      return;
    }
    addButton.disabled = true;
    addButton.textContent = "Adding…";
    try {
      const made = await api("/api/v1/events/", {
        method: "POST",
        body: {
          kind: draft.kind,
          site: draft.site,
          side: draft.side,
          date: draft.date,
          notes: draft.notes.trim(),
        },
      });
      events = [made, ...events.filter((e) => e.id !== made.id)].sort(byDateDesc);
      if (loaded) {
        drawList();
        // The form is above the list: show the person what they have just added.
        const row = list.querySelector(`[data-id="${made.id}"]`);
        row?.classList.add("new");
        row?.scrollIntoView({ block: "center" });
      } else load();
      draft = emptyDraft(now);
      for (const name of ["kind", "site", "side"]) controls[name].choose(draft[name]);
      date.value = draft.date;
      date.max = now;
      notes.value = "";
      // Seen in the list (highlighted), heard here: a toast would cover the new row.
      announce(
        `Added: ${eventKindLabel(made.kind)}, ${eventPlaceLabel(made.site, made.side ?? "").toLowerCase()}, ${formatDate(made.date, { year: "numeric" })}.`,
      );
    } catch (error) {
      if (error instanceof OfflineError && error.timedOut) {
        // The server may have it even so: show the list before the person tries again.
        formError.textContent = `${error.message} It may not have arrived: check the list below before you tap Add again. What you typed is kept.`;
        load();
      } else if (error instanceof OfflineError) {
        formError.textContent = `${error.message} Adding needs a connection. What you typed is kept: tap Add again when you are back online.`;
      } else if (error instanceof ApiError && error.status === 400) {
        showErrors(error.data);
      } else if (error instanceof ApiError && error.status === 429) {
        formError.textContent = "Too many tries. Wait a minute and try again.";
      } else if (!(error instanceof ApiError && error.status === 401)) {
        // (A 401 takes the person to sign in; the draft waits here for them.)
        formError.textContent = error.message;
      }
    } finally {
      addButton.disabled = false;
      addButton.textContent = "Add";
    }
  });

  // ---- the list, newest first ----------------------------------------------------------
  const listHeading = h("h2", { id: "events-h", tabindex: "-1" }, "Already recorded");
  const list = h("ul", { class: "events", "aria-labelledby": "events-h" });

  function eventRow(ev) {
    const kindText = eventKindLabel(ev.kind);
    const when = formatDate(ev.date, { year: "numeric" });
    return h(
      "li",
      { class: "event", dataset: { id: ev.id } },
      h(
        "div",
        { class: "event-text" },
        h("time", { class: "event-date", datetime: ev.date }, when),
        h("h3", { class: "event-kind" }, kindText),
        h("p", { class: "event-place" }, eventPlaceLabel(ev.site, ev.side ?? "")),
        ev.notes ? h("p", { class: "event-notes" }, ev.notes) : null,
      ),
      h(
        "button",
        {
          type: "button",
          class: "secondary compact",
          "aria-label": `Delete ${kindText}, ${when}`,
          onclick: () => remove(ev, kindText, when),
        },
        "Delete",
      ),
    );
  }

  function drawList() {
    if (!loaded) return;
    fill(
      list,
      events.length ? events.map(eventRow) : h("li", { class: "empty" }, "Nothing recorded yet."),
    );
  }

  async function remove(ev, kindText, when) {
    if (
      !(await confirmDialog(
        "Delete this?",
        `${kindText}, ${eventPlaceLabel(ev.site, ev.side ?? "").toLowerCase()}, ${when}. It will be removed from your journal and from new reports.`,
        { confirm: "Delete", danger: true },
      ))
    )
      return;
    try {
      await api(`/api/v1/events/${ev.id}/`, { method: "DELETE" });
    } catch (error) {
      // Already gone (deleted on another device) is what the person wanted.
      if (!(error instanceof ApiError && error.status === 404)) {
        if (!(error instanceof ApiError && error.status === 401))
          toast(
            error instanceof OfflineError
              ? "You are offline. Deleting needs a connection."
              : error.message,
            { error: true },
          );
        return;
      }
    }
    events = events.filter((e) => e.id !== ev.id);
    drawList();
    listHeading.focus();
    toast("Deleted");
  }

  const retry = h(
    "button",
    { type: "button", class: "secondary", hidden: true, onclick: () => load() },
    "Try again",
  );
  async function load() {
    status.textContent = "Loading…";
    retry.hidden = true;
    try {
      events = (await apiAll("/api/v1/events/?page_size=100")).sort(byDateDesc);
      loaded = true;
      status.textContent = "";
      drawList();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      status.textContent =
        error instanceof OfflineError
          ? `${error.message} Your list needs a connection to show.`
          : `Could not load your list: ${error.message}`;
      retry.hidden = false;
    }
  }
  const onOnline = () => {
    if (!loaded && list.isConnected) load();
  };
  window.addEventListener("online", onOnline);

  fill(
    main,
    h("h1", { tabindex: "-1" }, "Injuries, operations, injections"),
    h(
      "p",
      { class: "subtitle" },
      h("a", { class: "back-link", href: "#/history" }, "Back to history"),
    ),
    h(
      "p",
      { class: "intro" },
      "Falls, operations on the hip or back, and injections help explain leg and foot symptoms. Add them with their dates.",
    ),
    form,
    listHeading,
    status,
    retry,
    list,
  );
  // Not awaited: the page (and the form) is there at once, the list follows.
  load();
  return {
    title: "Injuries, operations, injections",
    leave: () => window.removeEventListener("online", onOnline),
  };
}
