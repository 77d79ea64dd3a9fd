// Njia's service worker. scripts/post_build.py fills in the build's version and file list.
const VERSION = "__NJIA_BUILD__";
const SHELL = "njia-shell-" + VERSION;
const PRECACHE = [
  /*__NJIA_PRECACHE__*/
];
const OFFLINE_PAGE = "/offline.html";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()),
  );
});

// A new build's worker drops the caches of older builds, so an old app shell is never served again.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith("njia-shell-") && key !== SHELL).map((key) => caches.delete(key)),
      ))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) {
    return; // The API always goes to the network: its answers are personal and must be current.
  }
  if (request.mode === "navigate") {
    // Pages come from the network so a deploy is seen at once; without a connection, the offline page.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_PAGE, { cacheName: SHELL })));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: SHELL }).then((hit) => hit || fetch(request)));
});
