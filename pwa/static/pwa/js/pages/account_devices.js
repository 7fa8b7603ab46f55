// Account: change the password (every other device is signed out) and the list of
// signed-in devices, each of which can be signed out from here.
import { api, ApiError, OfflineError, getUsername, setSession } from "../api.js";
import { confirmDialog, fill, formatDateTime, h, toast } from "../ui.js";

function failure(error, offline) {
  toast(error instanceof OfflineError ? offline : error.message, { error: true });
}

/** The "Change password" card; `onChanged` runs once the new token is stored. */
export function passwordCard(onChanged) {
  const current = h("input", {
    id: "current-password",
    type: "password",
    autocomplete: "current-password",
    required: true,
  });
  const fresh = h("input", {
    id: "new-password",
    type: "password",
    autocomplete: "new-password",
    minlength: 8,
    required: true,
  });
  const save = h("button", { type: "submit", class: "primary" }, "Change password");
  const form = h(
    "form",
    { class: "card", "aria-labelledby": "password-h" },
    h("h2", { id: "password-h" }, "Change password"),
    h("p", { class: "small" }, "Your other signed-in devices will be signed out."),
    // For password managers: which account this password belongs to.
    h("input", {
      type: "text",
      name: "username",
      autocomplete: "username",
      value: getUsername() ?? "",
      readonly: true,
      hidden: true,
    }),
    h(
      "div",
      { class: "field" },
      h("label", { for: "current-password" }, "Current password"),
      current,
    ),
    h("div", { class: "field" }, h("label", { for: "new-password" }, "New password"), fresh),
    save,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    save.disabled = true;
    try {
      const { token } = await api("/api/v1/auth/password/", {
        method: "POST",
        body: { current_password: current.value, new_password: fresh.value },
      });
      setSession(token);
      current.value = "";
      fresh.value = "";
      toast("Password changed. Your other devices are signed out.");
      onChanged?.();
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.data?.current_password)
        toast("Your current password is not right.", { error: true });
      else failure(error, "You are offline. Try again with a connection.");
    } finally {
      save.disabled = false;
    }
  });
  return form;
}

function deviceName(device) {
  return device.label || "A device";
}

/** The "Signed-in devices" card, filled from the server; `.refresh()` asks again. */
export function devicesCard() {
  const list = h("ul", { class: "stack", "aria-labelledby": "devices-h" });
  const status = h("p", { class: "small", role: "status" });
  const element = h(
    "section",
    { class: "card", "aria-labelledby": "devices-h" },
    h("h2", { id: "devices-h" }, "Signed-in devices"),
    status,
    list,
  );

  async function signOut(device) {
    if (
      !(await confirmDialog(
        "Sign out that device?",
        `${deviceName(device)} will need the password to sign in again.`,
        { confirm: "Sign it out" },
      ))
    )
      return;
    try {
      await api(`/api/v1/auth/devices/${device.id}/`, { method: "DELETE" });
      toast("That device is signed out");
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404))
        return failure(error, "You are offline. Try again with a connection.");
    }
    await refresh();
  }

  function row(device) {
    return h(
      "li",
      { class: "device" },
      h("strong", {}, device.current ? `${device.label || "This device"} (this one)` : deviceName(device)),
      h(
        "p",
        { class: "small" },
        `Signed in ${formatDateTime(device.created_at)}; last used ${formatDateTime(device.last_used_at)}.`,
      ),
      device.current
        ? null
        : h(
            "button",
            { type: "button", class: "secondary", onclick: () => signOut(device) },
            `Sign out ${deviceName(device)}`,
          ),
    );
  }

  async function refresh() {
    try {
      const devices = await api("/api/v1/auth/devices/");
      status.textContent =
        devices.length === 1 ? "Only this device is signed in." : `${devices.length} devices.`;
      fill(list, devices.map(row));
    } catch (error) {
      status.textContent =
        error instanceof OfflineError
          ? "Offline: the list of devices needs a connection."
          : error.message;
    }
  }

  refresh();
  return { element, refresh };
}
