// Refreshes a live region from its data-refresh URL every 10 seconds.
(function () {
  const live = document.getElementById("live");
  if (!live || !live.dataset.refresh) return;
  async function refresh() {
    try {
      const response = await fetch(live.dataset.refresh, { credentials: "same-origin" });
      if (response.ok) live.innerHTML = await response.text();
    } finally {
      setTimeout(refresh, Number(live.dataset.interval || 10000));
    }
  }
  setTimeout(refresh, Number(live.dataset.interval || 10000));
})();
