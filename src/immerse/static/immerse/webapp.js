// The installable web app: registers the service worker (/sw.js, whose scope is the whole
// site), says so when a page is read without a network (it is the copy kept on the phone),
// and on the offline page lists the pages kept for offline reading by their titles.
(function () {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  const list = document.getElementById("offline-pages");
  if (list && "caches" in window) listKeptPages(list);
  const main = document.getElementById("main");
  if (main && !list) {
    const note = document.createElement("p");
    note.className = "offline-note";
    note.setAttribute("role", "status");
    // The page's words (data-offline-note, translated by the template): a page that keeps
    // working offline says so on an element inside <main>, every page has base.html's on
    // <main>; the English stays for a page with neither.
    const own = main.querySelector("[data-offline-note]") || main;
    note.textContent = own.dataset.offlineNote ||
      "Offline: you are reading the copy kept on this phone; changes need the network.";
    const show = () => { note.hidden = navigator.onLine; };
    show();
    main.prepend(note);
    window.addEventListener("online", show);
    window.addEventListener("offline", show);
  }

  async function listKeptPages(list) {
    const items = [];
    for (const name of await caches.keys()) {
      if (!name.startsWith("immerse-pages-")) continue;
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const url = new URL(request.url);
        if (url.pathname.startsWith("/__")) continue;  // the worker's own note
        const html = await (await cache.match(request)).text();
        const title = new DOMParser().parseFromString(html, "text/html").title;
        items.push({ href: url.pathname + url.search,
                     title: title.replace(/ · immerse$/, "") || url.pathname });
      }
    }
    if (!items.length) return;
    list.replaceChildren(...items.map((item) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = item.href;
      a.textContent = item.title;
      li.append(a);
      return li;
    }));
  }
})();
