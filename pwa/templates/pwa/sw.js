{% autoescape off %}/* Footnote's service worker: the app shell, offline.
 *
 * It caches the shell and the static files, and nothing else: API answers are never
 * cached here (the page keeps its own data in IndexedDB, and entries written offline wait
 * in the page's own outbox until the server accepts them).
 */
const VERSION = "{{ version }}";
const CACHE = `footnote-shell-${VERSION}`;
const PRECACHE = {{ precache }};

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

self.addEventListener("message", (event) => {
  if (event.data === "version") event.source.postMessage({ version: VERSION });
});
{% endautoescape %}
