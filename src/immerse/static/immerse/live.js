// Live regions (common/live.py): every element with data-live-refresh asks its URL for
// news every data-live-interval ms with the ETag it holds; a 304 costs nothing, a 200
// replaces the region's content. A hidden tab stops asking and asks at once when shown.
// A region is not replaced while someone types in it or has choices in it ticked and not
// sent (for up to 30 s; the next round tries again), and after a failed round (the venue's
// wifi) the next one waits longer, up to 15 s. Each wait
// is the interval ±10 % at random, so a room of phones opened together does not ask in step.
(function () {
  "use strict";
  const MAX_WAIT = 15000;

  function watch(region) {
    const interval = Number(region.dataset.liveInterval || 1500);
    let etag = region.dataset.liveEtag || "";
    let wait = interval;
    let timer = null;

    // Choices ticked in a form of the region and not sent yet hold it too, for a while:
    // the focus may have left them (Safari never focuses a tapped box) while the room's
    // votes change the region every round.
    const HOLD_CHOICES = 30000;
    let choicesUntil = 0;
    region.addEventListener("change", (event) => {
      if (event.target.form) choicesUntil = Date.now() + HOLD_CHOICES;
    });
    region.addEventListener("submit", () => { choicesUntil = 0; });

    function typingInside() {
      const active = document.activeElement;
      return Date.now() < choicesUntil || (active && region.contains(active) &&
        (active.tagName === "TEXTAREA" || active.tagName === "INPUT" ||
         active.isContentEditable));
    }

    async function refresh() {
      timer = null;
      if (document.hidden) return;
      try {
        const response = await fetch(region.dataset.liveRefresh, {
          credentials: "same-origin", cache: "no-store",
          headers: Object.assign({ "X-Live": "1" }, etag ? { "If-None-Match": etag } : {}),
        });
        if (response.status === 200 && !typingInside()) {
          const html = await response.text();
          etag = response.headers.get("ETag") || "";
          region.innerHTML = html;
          region.dispatchEvent(new CustomEvent("live:updated", { bubbles: true }));
        }
        wait = interval;
      } catch (error) {
        wait = Math.min(wait * 2, MAX_WAIT);
      } finally {
        schedule();
      }
    }

    function schedule() {
      const jitter = 0.9 + Math.random() * 0.2;
      if (timer === null && !document.hidden) timer = setTimeout(refresh, wait * jitter);
    }

    document.addEventListener("visibilitychange", () => {
      if (document.hidden) {
        if (timer !== null) clearTimeout(timer);
        timer = null;
      } else {
        wait = interval;
        if (timer === null) timer = setTimeout(refresh, 0);
      }
    });
    region.addEventListener("live:refresh-now", () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(refresh, 0);
    });
    schedule();
  }

  document.querySelectorAll("[data-live-refresh]").forEach(watch);
})();
