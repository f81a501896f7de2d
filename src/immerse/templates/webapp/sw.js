// immerse's service worker (served by immerse.config.webapp.service_worker).
// The app shell comes from the cache; a person's own pages (their events, agenda, tables)
// event hubs, programs and session pages come from the network, with the copy kept for when
// the network fails. A kept agenda also brings the program and its session pages along.
// Nothing else is stored: no POST, no other page. A page from another person (or from
// nobody logged in) empties the stored pages; so does logging out (Clear-Site-Data).
"use strict";
const CONFIG = {{ config|safe }};
const SHELL = `immerse-shell-${CONFIG.version}`;
const PAGES = `immerse-pages-${CONFIG.version}`;
const VIEWER = "/__immerse_viewer__";  // who the stored pages belong to, kept beside them
const KEPT = CONFIG.pages.map((source) => new RegExp(source));
const LINKED = CONFIG.linked.map((source) => new RegExp(source));
const LINKED_FROM = CONFIG.linkedFrom.map((source) => new RegExp(source));
const MAX_LINKED = 80;  // a five-day immersion's agenda links to about 25 sessions

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL)
    .then((cache) => cache.addAll([...CONFIG.shell, CONFIG.offline]))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names
      .filter((name) => name.startsWith("immerse-") && name !== SHELL && name !== PAGES)
      .map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;  // a POST always goes to the server, never stored
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (CONFIG.shell.includes(url.pathname)) {
    event.respondWith(caches.match(request, { cacheName: SHELL }).then((hit) => hit || fetch(request)));
  } else if (request.mode === "navigate") {
    event.respondWith(navigate(event, request,
                               KEPT.some((pattern) => pattern.test(url.pathname))));
  }
});

async function navigate(event, request, kept) {
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {
    const stored = kept ? await storedCopy(request) : undefined;
    return stored || (await caches.match(CONFIG.offline, { cacheName: SHELL })) || Response.error();
  }
  await followViewer(response);
  if (kept) {
    const cache = await caches.open(PAGES);
    if (response.ok && response.type === "basic") {
      await cache.put(request, response.clone());
      if (LINKED_FROM.some((pattern) => pattern.test(new URL(request.url).pathname))) {
        event.waitUntil(keepLinked(response.clone()));  // after the page is shown
      }
    } else {
      await cache.delete(request);  // gone, or a log-in asked for: no stale copy stays
    }
  }
  return response;
}

// The program and session pages an agenda links to, fetched now and kept for offline
// reading; only pages made for the same person are kept (logging out drops them all).
async function keepLinked(response) {
  const viewer = response.headers.get(CONFIG.viewerHeader);
  const paths = new Set();
  for (const [, path] of (await response.text()).matchAll(/href="(\/[^"#?]*)"/g)) {
    if (LINKED.some((pattern) => pattern.test(path))) paths.add(path);
  }
  const cache = await caches.open(PAGES);
  for (const path of [...paths].slice(0, MAX_LINKED)) {
    let page;
    try {
      page = await fetch(path, { credentials: "same-origin" });
    } catch (offline) {
      return;
    }
    if (page.ok && page.type === "basic" && page.headers.get(CONFIG.viewerHeader) === viewer) {
      await cache.put(path, page);
    }
  }
}

async function storedCopy(request) {
  const cache = await caches.open(PAGES);
  // The hub shown for another day or filter than the one stored is better than nothing.
  return (await cache.match(request)) || (await cache.match(request, { ignoreSearch: true }));
}

async function followViewer(response) {
  const viewer = response.type === "basic" ? response.headers.get(CONFIG.viewerHeader) : null;
  if (viewer === null) return;
  const cache = await caches.open(PAGES);
  const known = await cache.match(VIEWER);
  if (known && (await known.text()) === viewer) return;
  await caches.delete(PAGES);  // someone else, or nobody: forget every page kept
  await (await caches.open(PAGES)).put(VIEWER, new Response(viewer));
}
