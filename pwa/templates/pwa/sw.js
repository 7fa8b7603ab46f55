{% autoescape off %}/* Footnote's service worker: the app shell, offline.
 *
 * It caches the shell and the static files, and nothing else: API answers are never
 * cached here (the page keeps its own data in IndexedDB, and entries written offline wait
 * in the page's own outbox until the server accepts them).
 */
const VERSION = "{{ version }}";
const CACHE = `footnote-shell-${VERSION}`;
const PRECACHE = {{ precache }};
const ICON = {{ icon }};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      // "reload" skips the HTTP cache, so the new version never precaches stale files.
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith("footnote-shell-") && key !== CACHE)
          .map((key) => caches.delete(key)),
      ))
      .then(() => self.clients.claim()),
  );
});

function isAppPage(url) {
  return url.pathname === "/" || url.pathname === "/index.html";
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The API, shared report links and the admin always go to the network.
  if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/share/")
      || url.pathname.startsWith("/admin")) return;

  if (request.mode === "navigate") {
    if (!isAppPage(url)) return;
    // The shell from the cache at once: on a poor connection waiting for the network
    // is what makes an app feel broken. A new version arrives with a new worker.
    event.respondWith(
      caches.match("/", { cacheName: CACHE })
        .then((cached) => cached || fetch(request)),
    );
    return;
  }

  if (url.pathname.startsWith("/static/pwa/") || url.pathname === "/manifest.webmanifest") {
    event.respondWith(
      caches.match(request, { cacheName: CACHE, ignoreSearch: true })
        .then((cached) => cached || fetch(request)),
    );
  }
});

// Reminders (Web Push). The message holds no health data; whatever it holds, a push
// always shows a notification (browsers require it of userVisibleOnly subscriptions).
self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = {};
  }
  event.waitUntil(
    self.registration.showNotification(message.title || "Footnote", {
      body: message.body || "Time for today's Footnote",
      icon: ICON,
      badge: ICON,
      tag: "footnote-reminder", // a newer reminder replaces an older one
    }),
  );
});

// A tap opens Today: in the app's window if one is open, else in a new one.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const today = new URL("/#/today", self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: "window" }).then(async (windows) => {
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) {
        try {
          await open.focus();
          return await open.navigate(today);
        } catch {
          /* not ours to steer: a new window instead */
        }
      }
      return self.clients.openWindow(today);
    }),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "version") event.source.postMessage({ version: VERSION });
});
{% endautoescape %}
