// Polls a planning run until it finishes, then reloads to show the results.
(function () {
  const box = document.getElementById("run-progress");
  if (!box || ["done", "failed"].includes(box.dataset.status)) return;
  const bar = box.querySelector("progress");
  const message = document.getElementById("run-message");
  async function poll() {
    const response = await fetch(box.dataset.url, { headers: { Accept: "application/json" } });
    const run = await response.json();
    bar.value = run.progress;
    // The status is a code; the page gives its words (data-status-queued …, translated).
    const label = box.dataset["status" + run.status.charAt(0).toUpperCase() + run.status.slice(1)];
    message.textContent = (label || run.status) + ": " + run.message;
    if (run.status === "done" || run.status === "failed") window.location.reload();
    else setTimeout(poll, 1000);
  }
  setTimeout(poll, 500);
})();
