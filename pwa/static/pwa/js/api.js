// Calls to the Footnote API with the patient's token. A 401 anywhere announces that the
// session is over; the caller keeps its data and the app asks the person to sign in.
const TOKEN_KEY = "footnote.token";
const USER_KEY = "footnote.username";
const TIMEOUT_MS = 20000;

export class ApiError extends Error {
  constructor(status, data) {
    super(errorText(data) || `The server answered ${status}.`);
    this.status = status;
    this.data = data;
  }
}

export class OfflineError extends Error {
  constructor(message = "No connection.", { timedOut = false } = {}) {
    super(message);
    // A request that timed out may still have reached the server.
    this.timedOut = timedOut;
  }
}

export function getToken() {
  return localStorage.getItem(TOKEN_KEY);
}
export function getUsername() {
  return localStorage.getItem(USER_KEY);
}
export function setSession(token, username) {
  localStorage.setItem(TOKEN_KEY, token);
  if (username) localStorage.setItem(USER_KEY, username);
}
export function clearToken() {
  localStorage.removeItem(TOKEN_KEY);
}

/** Turn DRF errors ({"field": ["msg"]}, {"detail": "msg"}) into one readable string. */
export function errorText(data) {
  if (!data) return "";
  if (typeof data === "string") return data;
  if (Array.isArray(data)) return data.map(errorText).filter(Boolean).join(" ");
  if (typeof data === "object") {
    if (data.detail) return errorText(data.detail);
    return Object.entries(data)
      .map(([field, value]) => {
        const text = errorText(value);
        return field === "non_field_errors" ? text : `${field.replaceAll("_", " ")}: ${text}`;
      })
      .join(" ");
  }
  return String(data);
}

export async function api(path, { method = "GET", body, as = "json", auth = true } = {}) {
  const headers = { Accept: as === "json" ? "application/json" : "*/*" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const token = getToken();
  if (auth && token) headers.Authorization = `Token ${token}`;
  if (typeof navigator !== "undefined" && navigator.onLine === false) throw new OfflineError();

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // Token only: no cookies, so no CSRF token can go stale under a queued write.
      credentials: "omit",
      cache: "no-store",
      signal: controller.signal,
    });
  } catch (error) {
    throw error.name === "AbortError"
      ? new OfflineError("The connection is too slow.", { timedOut: true })
      : new OfflineError("No connection.");
  } finally {
    clearTimeout(timer);
  }

  if (response.status === 401 && auth) {
    window.dispatchEvent(new CustomEvent("footnote:auth-required"));
  }
  if (!response.ok) {
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    throw new ApiError(response.status, data);
  }
  if (as === "blob") {
    const disposition = response.headers.get("Content-Disposition") || "";
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    return { blob: await response.blob(), filename: match ? decodeURIComponent(match[1]) : null };
  }
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Every page of a paginated list ({results, next}). */
export async function apiAll(path) {
  const rows = [];
  let next = path;
  for (let guard = 0; next && guard < 50; guard += 1) {
    const page = await api(next);
    if (Array.isArray(page)) return page;
    rows.push(...(page.results ?? []));
    next = page.next ? sameOriginPath(page.next) : null;
  }
  return rows;
}

function sameOriginPath(url) {
  const parsed = new URL(url, location.origin);
  return parsed.pathname + parsed.search;
}
