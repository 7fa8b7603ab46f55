// Events: injuries, operations and injections, with their dates; added, changed (Edit
// puts one in the form) and deleted. The pattern rules use them (pain that began after a
// fall; sciatic nerve trouble after hip surgery or an injection at the hip or buttock).
// They need a connection: there is no outbox for them, and what the person typed stays
// in the form until the server has it.
import { api, ApiError, apiAll, errorText, getUsername, OfflineError } from "../api.js";
import { timeZone } from "../profile.js";
import {
  announce,
  confirmDialog,
  dateFieldAttrs,
  fill,
  h,
  toast,
  todayIn,
} from "../ui.js";
import { EVENT_KINDS, EVENT_SIDES, EVENT_SITES, eventPlaceLabel, VOCAB } from "../vocab.js";
import { choiceChips, eventInWords, eventRow } from "./event_parts.js";

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
  // The same form adds an event or, after Edit on one in the list, changes it.
  function choices(name, label, options, onChoose) {
    return choiceChips({
      name,
      label,
      options,
      error: errors[name],
      selected: () => draft[name],
      onChoose: (code, { byPerson }) => {
        draft[name] = code;
        if (byPerson) onChoose?.(code);
      },
    });
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
  const cancelButton = h(
    "button",
    { type: "button", class: "secondary", onclick: () => resetForm(todayIn(timeZone())) },
    "Cancel",
  );
  const formHeading = h("h2", { id: "event-form-h", tabindex: "-1" }, "Add one");
  // While editing: which event, as it is stored (the chips below show the new values).
  const editingWhat = h("p", { class: "editing-what", id: "event-editing-what" });
  const form = h(
    "form",
    { class: "card event-form", "aria-labelledby": "event-form-h", novalidate: true },
    formHeading,
    editingWhat,
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
    h("div", { class: "actions event-actions" }, addButton, cancelButton),
  );

  /** Adding, or changing the event `draft.editing` names: the form says which. */
  function showMode() {
    const editing = Boolean(draft.editing);
    formHeading.textContent = editing ? "Change this one" : "Add one";
    addButton.textContent = editing ? "Save changes" : "Add";
    cancelButton.hidden = !editing;
    const stored = editing && events.find((e) => e.id === draft.editing);
    editingWhat.hidden = !stored;
    editingWhat.textContent = stored ? eventInWords(stored) : "";
    form.classList.toggle("editing", editing);
    for (const row of list.querySelectorAll(".event"))
      row.classList.toggle("editing", row.dataset.id === draft.editing);
  }

  function showDraft() {
    for (const name of ["kind", "site", "side"]) controls[name].choose(draft[name]);
    date.value = draft.date;
    notes.value = draft.notes;
    showMode();
  }

  function resetForm(now) {
    draft = emptyDraft(now);
    date.max = now;
    clearErrors();
    showDraft();
  }

  /** Edit on a row: its values in the form, which changes it on Save changes. */
  function startEdit(ev) {
    draft = {
      owner: getUsername(),
      editing: ev.id,
      kind: ev.kind,
      site: ev.site,
      side: ev.side ?? "",
      date: ev.date,
      notes: ev.notes ?? "",
    };
    clearErrors();
    showDraft();
    form.scrollIntoView({ block: "start" });
    formHeading.focus({ preventScroll: true });
  }

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
      const not = draft.editing ? "Not changed." : "Not added.";
      if (!general.length) announce(`${not} ${errors[first].textContent}`);
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
    const editing = draft.editing;
    addButton.disabled = true;
    addButton.textContent = editing ? "Saving…" : "Adding…";
    try {
      const body = {
        kind: draft.kind,
        site: draft.site,
        side: draft.side,
        date: draft.date,
        notes: draft.notes.trim(),
      };
      const made = editing
        ? await api(`/api/v1/events/${editing}/`, { method: "PATCH", body })
        : await api("/api/v1/events/", { method: "POST", body });
      events = [made, ...events.filter((e) => e.id !== made.id)].sort(byDateDesc);
      if (loaded) {
        drawList();
        // The form is above the list: show the person what they have just added or changed.
        const row = list.querySelector(`[data-id="${made.id}"]`);
        row?.classList.add("new");
        row?.scrollIntoView({ block: "center" });
      } else load();
      resetForm(now);
      // Seen in the list (highlighted), heard here: a toast would cover the new row.
      announce(`${editing ? "Changed" : "Added"}: ${eventInWords(made)}.`);
    } catch (error) {
      if (error instanceof OfflineError && error.timedOut) {
        // The server may have it even so: show the list before the person tries again.
        formError.textContent = `${error.message} It may not have arrived: check the list below before you tap Add again. What you typed is kept.`;
        load();
      } else if (error instanceof OfflineError) {
        const [doing, button] = editing ? ["Changing", "Save changes"] : ["Adding", "Add"];
        formError.textContent = `${error.message} ${doing} needs a connection. What you typed is kept: tap ${button} again when you are back online.`;
      } else if (editing && error instanceof ApiError && error.status === 404) {
        // Deleted meanwhile (another device): nothing to change, but nothing typed is lost.
        draft.editing = null;
        formError.textContent =
          "This one was deleted, perhaps on another device. " +
          "What you typed is kept: tap Add to add it again.";
        load();
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
      showMode();
    }
  });

  // ---- the list, newest first ----------------------------------------------------------
  const listHeading = h("h2", { id: "events-h", tabindex: "-1" }, "Already recorded");
  const list = h("ul", { class: "events", "aria-labelledby": "events-h" });

  function drawList() {
    if (!loaded) return;
    fill(
      list,
      events.length
        ? events.map((ev) => eventRow(ev, { onEdit: startEdit, onDelete: remove }))
        : h("li", { class: "empty" }, "Nothing recorded yet."),
    );
    showMode();
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
    if (draft.editing === ev.id) resetForm(todayIn(timeZone()));
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
  showMode();
  // Not awaited: the page (and the form) is there at once, the list follows.
  load();
  return {
    title: "Injuries, operations, injections",
    leave: () => window.removeEventListener("online", onOnline),
  };
}
