// Satu's service worker: keeps the till usable when the network drops.
// The server fills in VERSION (a hash of the WASM, JS and CSS it serves) and PKG (every
// file of the build: the main WASM and the chunks of lazily loaded pages), so each
// deployment installs a new worker with its own precache and drops the old one. Requests go
// to the network first, so the page always runs one consistent version while online; the
// precache answers when the network fails. The API is never cached: sales go through the
// app's own IndexedDB outbox. A new version never reloads a page by itself: the app shows a
// notice and the cashier reloads when no sale is open.
const VERSION = "__SATU_VERSION__";
const CACHE = `satu-shell-${VERSION}`;
const PKG = "__SATU_PKG_FILES__";
const SHELL = [
  "/kasir",
  ...PKG,
  "/manifest.webmanifest",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("satu-shell-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "version" && event.source) {
    event.source.postMessage({ version: VERSION });
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/") || url.pathname === "/sw.js") {
    return;
  }
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() =>
        caches.open(CACHE)
          .then((cache) => cache.match(request, { ignoreSearch: true }))
          .then((hit) => hit || Response.error()),
      ),
  );
});
