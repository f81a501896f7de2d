// The wall: asks for its posts every few seconds (a 304 while nothing changed), marks
// the posts that just arrived, and offers full screen for the projector.
(function () {
  const wall = document.getElementById("wall");
  if (!wall) return;
  let etag = wall.dataset.etag || "";
  const interval = Number(wall.dataset.interval || 2000);
  const seen = new Set(Array.from(wall.querySelectorAll("[data-id]"), (el) => el.dataset.id));

  async function refresh() {
    try {
      const response = await fetch(wall.dataset.refresh, {
        credentials: "same-origin", cache: "no-store",
        headers: etag ? { "If-None-Match": etag } : {},
      });
      if (response.status === 200) {
        etag = response.headers.get("ETag") || "";
        wall.innerHTML = await response.text();
        for (const post of wall.querySelectorAll("[data-id]")) {
          if (!seen.has(post.dataset.id)) {
            post.classList.add("new");
            seen.add(post.dataset.id);
          }
        }
      }
    } catch (error) {
      // Offline for a moment (the venue's wifi): the next round tries again.
    } finally {
      setTimeout(refresh, interval);
    }
  }
  setTimeout(refresh, interval);

  const button = document.getElementById("fullscreen");
  if (button && document.documentElement.requestFullscreen) {
    button.hidden = false;
    button.addEventListener("click", () => document.documentElement.requestFullscreen());
  }
})();
