// Sign in and create an account. After an expired session the outbox is kept, and the
// person comes back to where they were. Another person signing in gets a clean phone:
// the last person's data goes, all but their unsent days (local_data.js).
import { api, ApiError, OfflineError, errorText, getUsername, setSession } from "../api.js";
import { handOverTo } from "../local_data.js";
import { deviceTimeZone, refreshProfile, setProfile } from "../profile.js";
import { outboxItems } from "../sync.js";
import { fill, h } from "../ui.js";

export async function render(main, { mode = "signin", expired = false, afterSignIn }) {
  const waiting = (await outboxItems()).length;
  const error = h("div", { class: "form-error", role: "alert" });
  const isNew = mode === "register";
  const username = h("input", {
    id: "username",
    name: "username",
    autocomplete: "username",
    autocapitalize: "none",
    spellcheck: "false",
    required: true,
    maxlength: 150,
    value: expired ? (getUsername() ?? "") : "",
  });
  const password = h("input", {
    id: "password",
    name: "password",
    type: "password",
    required: true,
    autocomplete: isNew ? "new-password" : "current-password",
  });
  const submit = h(
    "button",
    { type: "submit", class: "primary" },
    isNew ? "Create account" : "Sign in",
  );
  const form = h(
    "form",
    { class: "card", "aria-labelledby": "form-h", novalidate: true },
    h("h2", { id: "form-h" }, isNew ? "Create an account" : "Sign in"),
    error,
    h("div", { class: "field" }, h("label", { for: "username" }, "Username"), username),
    h("div", { class: "field" }, h("label", { for: "password" }, "Password"), password),
    isNew
      ? h(
          "p",
          { class: "small" },
          `At least 8 characters, not a common password. Time zone: ${deviceTimeZone()} (you can change it later).`,
        )
      : null,
    submit,
  );

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    if (!username.value.trim() || !password.value) {
      error.textContent = "Enter a username and a password.";
      (username.value.trim() ? password : username).focus();
      return;
    }
    submit.disabled = true;
    try {
      let token;
      const name = username.value.trim();
      if (isNew) {
        const made = await api("/api/v1/auth/register/", {
          method: "POST",
          auth: false,
          body: { username: name, password: password.value, timezone: deviceTimeZone() },
        });
        token = made.token;
      } else {
        token = (
          await api("/api/v1/auth/token/", {
            method: "POST",
            auth: false,
            body: { username: name, password: password.value },
          })
        ).token;
      }
      // Before the token is stored: no page may show the last person's data to this one.
      // Not where the last person was either (app.js's return address): Today.
      if (await handOverTo(name)) sessionStorage.removeItem("footnote.return");
      setSession(token, name);
      if (isNew) setProfile({ timezone: deviceTimeZone() });
      refreshProfile().catch(() => {});
      await afterSignIn();
    } catch (err) {
      submit.disabled = false;
      if (err instanceof OfflineError)
        error.textContent =
          "No connection. Signing in needs the internet; what you saved is kept on this phone.";
      else if (err instanceof ApiError && err.status === 429)
        error.textContent = "Too many tries. Wait a minute and try again.";
      else if (err instanceof ApiError && err.status === 400 && !isNew)
        error.textContent = errorText(err.data) || "That username and password do not match.";
      else error.textContent = err.message;
    }
  });

  fill(
    main,
    h("h1", { tabindex: "-1" }, "Footnote"),
    h(
      "p",
      { class: "subtitle" },
      "A daily journal of foot, leg and back symptoms, to show your specialist.",
    ),
    expired
      ? h(
          "p",
          { class: "notice warning" },
          `Your session has ended. Sign in again${waiting ? ` and the ${waiting} ${waiting === 1 ? "day" : "days"} saved on this phone will be sent` : ""}.`,
        )
      : null,
    form,
    h(
      "p",
      { class: "switch" },
      isNew ? "Already have an account? " : "New here? ",
      h("a", { href: isNew ? "#/signin" : "#/register" }, isNew ? "Sign in" : "Create an account"),
    ),
  );
  return { title: isNew ? "Create an account" : "Sign in" };
}
