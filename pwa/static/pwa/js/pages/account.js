// Account: profile (time zone, reminder), export, import, password and devices, sign
// out, delete the account.
import { api, ApiError, OfflineError, clearToken, getUsername } from "../api.js";
import { clearAll } from "../db.js";
import {
  deviceTimeZone,
  forgetLocalProfile,
  getProfile,
  refreshProfile,
  setProfile,
} from "../profile.js";
import { forgetReminders, remindersCard } from "../reminders.js";
import { outboxItems } from "../sync.js";
import { confirmDialog, download, fill, h, toast, toggle } from "../ui.js";
import { VOCAB } from "../vocab.js";
import { devicesCard, passwordCard } from "./account_devices.js";
import { importCard } from "./account_import.js";

function timeZones(current) {
  let zones = [];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = [];
  }
  for (const zone of [current, deviceTimeZone(), "UTC"])
    if (zone && !zones.includes(zone)) zones.unshift(zone);
  return zones;
}

const NONE = "none";
const PREFER_NOT = VOCAB.health_history_prefer_not_to_say;
const CONDITIONS = VOCAB.health_history;

/** The profile's answer in words: "Diabetes and osteoporosis (thin bones)". */
function answerInWords(answer) {
  if (answer.includes(PREFER_NOT)) return "You preferred not to say.";
  if (!answer.length) return "None of these.";
  const labels = CONDITIONS.filter((c) => answer.includes(c.code)).map((c) => c.label);
  return `${labels.join("; ")}.`;
}

/**
 * "Have you had any of these?", asked in plain words (domain.md, "Health history"):
 * the four conditions, "None of these" and "Prefer not to say", the last two each an
 * answer of its own. Once answered it shows the answer, with a button to change it.
 */
function healthHistoryCard(getAnswer, onSaved) {
  const element = h("section", { class: "card", "aria-labelledby": "history-h" });
  let changing = false;

  function showAnswer(answer) {
    fill(
      element,
      h("h2", { id: "history-h", tabindex: "-1" }, "Your health history"),
      h("p", { class: "answered" }, h("strong", {}, "Your answer: "), answerInWords(answer)),
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          onclick: () => {
            changing = true;
            render();
            element.querySelector("button.check")?.focus();
          },
        },
        "Change answer",
      ),
    );
  }

  function ask(answer) {
    // The choice on screen: condition codes, or NONE, or PREFER_NOT.
    let chosen = new Set(answer === null ? [] : answer.length ? answer : [NONE]);
    const buttons = new Map();
    const choose = (code, on) => {
      if (!on) chosen.delete(code);
      else if (code === NONE || code === PREFER_NOT) chosen = new Set([code]);
      else {
        chosen.delete(NONE);
        chosen.delete(PREFER_NOT);
        chosen.add(code);
      }
      for (const [key, button] of buttons)
        button.setAttribute("aria-pressed", String(chosen.has(key)));
    };
    const option = (code, label) => {
      const button = toggle(label, chosen.has(code), (on) => choose(code, on), {
        class: "check",
      });
      buttons.set(code, button);
      return button;
    };
    const save = h("button", { type: "submit", class: "primary" }, "Save answer");
    const form = h(
      "form",
      {},
      h(
        "div",
        { class: "stack", role: "group", "aria-labelledby": "history-q" },
        CONDITIONS.map((c) => option(c.code, c.label)),
        option(NONE, "None of these"),
        option(PREFER_NOT, "Prefer not to say"),
      ),
      save,
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!chosen.size) {
        toast("Choose an answer, or “Prefer not to say”.", { error: true });
        return;
      }
      const body = chosen.has(NONE)
        ? []
        : chosen.has(PREFER_NOT)
          ? [PREFER_NOT]
          : CONDITIONS.map((c) => c.code).filter((code) => chosen.has(code));
      save.disabled = true;
      try {
        const profile = await api("/api/v1/profile/", {
          method: "PATCH",
          body: { health_history: body },
        });
        changing = false;
        onSaved(profile);
        toast("Answer saved");
        render();
        element.querySelector("h2")?.focus?.();
      } catch (error) {
        toast(
          error instanceof OfflineError
            ? "You are offline. Try again with a connection."
            : error.message,
          { error: true },
        );
      } finally {
        save.disabled = false;
      }
    });
    fill(
      element,
      h("h2", { id: "history-h", tabindex: "-1" }, "Your health history"),
      h(
        "p",
        { id: "history-q" },
        "Have you ever had any of these? Tick all that apply. Your answer changes what some patterns say, and your report shows it.",
      ),
      form,
    );
  }

  function render() {
    const answer = getAnswer();
    if (Array.isArray(answer) && !changing) showAnswer(answer);
    else ask(Array.isArray(answer) ? answer : null);
  }
  render();
  return { element, render };
}

/** Forget everything this phone holds for the person. */
export async function forgetEverything() {
  await forgetReminders();
  clearToken();
  forgetLocalProfile();
  localStorage.removeItem("footnote.username");
  localStorage.removeItem("footnote.flags");
  await clearAll();
}

export async function render(main) {
  let profile = getProfile();
  const status = h("p", { class: "subtitle", role: "status" });
  const name = h("input", { id: "display-name", autocomplete: "nickname", maxlength: 100 });
  const zone = h("select", { id: "timezone" });
  const reminder = h("input", { id: "reminder", type: "time" });
  const fillForm = () => {
    name.value = profile.display_name ?? "";
    const current = profile.timezone || deviceTimeZone();
    fill(
      zone,
      ...timeZones(current).map((z) =>
        h("option", { value: z, selected: z === current }, z.replaceAll("_", " ")),
      ),
    );
    reminder.value = (profile.reminder_time ?? "").slice(0, 5);
  };
  fillForm();

  const saveButton = h("button", { type: "submit", class: "primary" }, "Save settings");
  const profileForm = h(
    "form",
    { class: "card", "aria-labelledby": "profile-h" },
    h("h2", { id: "profile-h" }, "Settings"),
    h("p", { class: "small" }, `Signed in as ${getUsername() ?? "you"}.`),
    h("div", { class: "field" }, h("label", { for: "display-name" }, "Your name (optional)"), name),
    h("div", { class: "field" }, h("label", { for: "timezone" }, "Time zone"), zone),
    h(
      "div",
      { class: "field" },
      h("label", { for: "reminder" }, "Daily reminder time (optional)"),
      reminder,
    ),
    saveButton,
  );
  profileForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    saveButton.disabled = true;
    try {
      profile = await api("/api/v1/profile/", {
        method: "PATCH",
        body: {
          display_name: name.value.trim(),
          timezone: zone.value,
          reminder_time: reminder.value || null,
        },
      });
      setProfile(profile);
      reminders.refresh();
      toast("Settings saved");
    } catch (error) {
      toast(
        error instanceof OfflineError
          ? "You are offline. Try again with a connection."
          : error.message,
        { error: true },
      );
    } finally {
      saveButton.disabled = false;
    }
  });

  const reminders = remindersCard(() => Boolean(profile.reminder_time));
  const history = healthHistoryCard(
    () => profile.health_history ?? null,
    (fresh) => {
      profile = fresh;
      setProfile(fresh);
    },
  );

  const exportButtons = [
    ["json", "JSON"],
    ["csv", "CSV (spreadsheet)"],
    ["fhir", "FHIR (for health systems)"],
  ].map(([format, label]) =>
    h(
      "button",
      {
        type: "button",
        class: "secondary",
        onclick: async () => {
          try {
            const { blob, filename } = await api(`/api/v1/export/?format=${format}`, {
              as: "blob",
            });
            download(blob, filename || `footnote-export.${format === "csv" ? "csv" : "json"}`);
          } catch (error) {
            toast(
              error instanceof OfflineError
                ? "You are offline. Exports need a connection."
                : error.message,
              { error: true },
            );
          }
        },
      },
      label,
    ),
  );

  const signOut = h(
    "button",
    {
      type: "button",
      class: "secondary",
      onclick: async () => {
        const waiting = (await outboxItems()).length;
        if (
          waiting &&
          !(await confirmDialog(
            "Sign out?",
            `${waiting} ${waiting === 1 ? "day has" : "days have"} not been sent yet and will be lost if you sign out now.`,
            { confirm: "Sign out anyway", danger: true },
          ))
        )
          return;
        try {
          await api("/api/v1/auth/token/", { method: "DELETE" });
        } catch {
          /* signing out anyway */
        }
        await forgetEverything();
        // A full reload, not only a new route: whatever the page still holds in memory
        // (an unsaved day, drafts) must not be there for the next person on this phone.
        location.hash = "#/signin";
        location.reload();
      },
    },
    "Sign out",
  );

  const password = h("input", {
    id: "delete-password",
    type: "password",
    autocomplete: "current-password",
  });
  const deleteForm = h(
    "form",
    { class: "card danger-zone", "aria-labelledby": "delete-h" },
    h("h2", { id: "delete-h" }, "Delete your account"),
    h(
      "p",
      {},
      "This removes your journal, reports and share links from the server for good. Export first if you want a copy.",
    ),
    // For password managers: which account this password belongs to.
    h("input", {
      type: "text",
      name: "username",
      autocomplete: "username",
      value: getUsername() ?? "",
      readonly: true,
      hidden: true,
    }),
    h("div", { class: "field" }, h("label", { for: "delete-password" }, "Your password"), password),
    h("button", { type: "submit", class: "danger" }, "Delete my account"),
  );
  deleteForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!password.value) {
      password.focus();
      toast("Enter your password to delete the account.", { error: true });
      return;
    }
    if (
      !(await confirmDialog(
        "Delete everything?",
        "Your account and all its data will be deleted. This cannot be undone.",
        { confirm: "Delete", danger: true },
      ))
    )
      return;
    try {
      await api("/api/v1/account/", { method: "DELETE", body: { password: password.value } });
      await forgetEverything();
      toast("Your account has been deleted");
      location.hash = "#/signin";
    } catch (error) {
      const text =
        error instanceof ApiError && error.status === 400
          ? "That password is not right."
          : error.message;
      toast(error instanceof OfflineError ? "You are offline." : text, { error: true });
    }
  });

  const devices = devicesCard();
  const passwordForm = passwordCard(() => devices.refresh());

  fill(
    main,
    h("h1", { tabindex: "-1" }, "Account"),
    status,
    profileForm,
    reminders.element,
    history.element,
    h(
      "section",
      { class: "card", "aria-labelledby": "export-h" },
      h("h2", { id: "export-h" }, "Export your data"),
      h("div", { class: "stack" }, exportButtons),
    ),
    importCard(),
    h(
      "section",
      { class: "card", "aria-labelledby": "session-h" },
      h("h2", { id: "session-h" }, "This phone"),
      signOut,
    ),
    passwordForm,
    devices.element,
    deleteForm,
  );

  refreshProfile()
    .then((fresh) => {
      profile = fresh;
      if (document.activeElement?.closest?.("form") !== profileForm) fillForm();
      if (!history.element.contains(document.activeElement)) history.render();
    })
    .catch((error) => {
      if (error instanceof OfflineError)
        status.textContent = "Offline: settings can be changed with a connection.";
    });
  return { title: "Account" };
}
