// The check-in desk: search as you type, one tap to check in, scan with the camera or from
// a photo, and a queue that survives a dropped connection (check-ins are idempotent on the
// server, so sending one twice is harmless). Counts refresh through immerse/live.js.
(function () {
  "use strict";
  var scan = document.getElementById("checkin-scan");
  if (!scan) { return; }
  var KEY = "immerse-checkin-queue:" + scan.dataset.act;
  var result = document.getElementById("checkin-result");
  var status = document.getElementById("checkin-queue");
  var found = document.getElementById("checkin-found");
  var searchForm = document.getElementById("checkin-search-form");
  var query = document.getElementById("checkin-q");
  var codeForm = document.getElementById("checkin-code-form");
  var csrf = codeForm.querySelector("[name=csrfmiddlewaretoken]").value;
  var sending = false;
  var words = scan.dataset;  // the page's translated sentences
  var counts = document.getElementById("checkin-counts");

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function save(queue) {
    localStorage.setItem(KEY, JSON.stringify(queue));
    status.textContent = queue.length === 1 ? words.waitingOne
      : queue.length ? words.waitingMany.replace("%s", queue.length) : "";
  }
  function say(text, ok) {
    result.textContent = text;
    result.className = ok ? "checkin-ok" : "checkin-refused";
  }
  function enqueue(fields) {
    fields.at = new Date().toISOString();  // a replay after a dropped line keeps the tap's time
    var queue = load();
    queue.push(fields);
    save(queue);
    flush();
  }
  function refreshFound() {
    if (!query.value.trim()) { return; }
    fetch(searchForm.dataset.search + "?q=" + encodeURIComponent(query.value), {
      credentials: "same-origin"
    }).then(function (r) { return r.ok ? r.text() : null; }).then(function (html) {
      if (html !== null) { found.innerHTML = html; }
    }).catch(function () { /* offline: the list stays as it was */ });
  }
  function offerSeat(answer) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = words.giveSeat;
    button.addEventListener("click", function () {
      enqueue({action: "seat", registration: String(answer.registration_id)});
      button.remove();
    });
    result.appendChild(document.createTextNode(" "));
    result.appendChild(button);
  }
  function flush() {
    var queue = load();
    if (sending || !queue.length) { save(queue); return; }
    sending = true;
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrf);
    Object.keys(queue[0]).forEach(function (k) { body.append(k, queue[0][k]); });
    fetch(scan.dataset.act, {
      method: "POST", body: body, credentials: "same-origin",
      headers: {"Accept": "application/json"}
    }).then(function (r) {
      if (r.status !== 200 && r.status !== 409) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (answer) {
      save(load().slice(1));
      say(answer.message, answer.ok);
      if (answer.reason === "waitlisted") { offerSeat(answer); }
      sending = false;
      refreshFound();
      // The count follows this desk's own check-in at once, not at the next poll.
      counts.dispatchEvent(new CustomEvent("live:refresh-now"));
      flush();
    }).catch(function () {
      // Offline (or the server is briefly away): keep the queue, try again later.
      sending = false;
      save(load());
    });
  }

  found.addEventListener("submit", function (e) {
    e.preventDefault();
    var form = e.target;
    var button = e.submitter;
    enqueue({action: button ? button.value : "checkin",
             registration: form.querySelector("[name=registration]").value});
  });
  codeForm.addEventListener("submit", function (e) {
    e.preventDefault();
    var input = document.getElementById("checkin-code");
    if (input.value.trim()) { enqueue({action: "checkin", code: input.value.trim()}); }
    input.value = "";
  });
  var typing = null;
  query.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(refreshFound, 200);
  });
  searchForm.addEventListener("submit", function (e) { e.preventDefault(); refreshFound(); });

  // Decoding: the browser's BarcodeDetector where it exists, jsQR (vendored) elsewhere.
  var detector = null;
  if ("BarcodeDetector" in window) {
    try { detector = new window.BarcodeDetector({formats: ["qr_code"]}); } catch (e) { detector = null; }
  }
  var canvas = document.createElement("canvas");
  function decode(source, width, height) {
    if (detector) {
      return detector.detect(source).then(function (codes) {
        return codes.length ? codes[0].rawValue : decodeWithJsQR(source, width, height);
      }).catch(function () { return decodeWithJsQR(source, width, height); });
    }
    return Promise.resolve(decodeWithJsQR(source, width, height));
  }
  function decodeWithJsQR(source, width, height) {
    var scale = Math.min(1, 1024 / Math.max(width, height));
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    var ctx = canvas.getContext("2d", {willReadFrequently: true});
    ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
    var pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
    var code = window.jsQR(pixels.data, pixels.width, pixels.height);
    return code ? code.data : null;
  }
  var lastCode = "", lastAt = 0;
  function scanned(code) {
    if (!code) { return false; }
    var now = Date.now();
    if (code === lastCode && now - lastAt < 4000) { return true; }
    lastCode = code; lastAt = now;
    enqueue({action: "checkin", code: code});
    return true;
  }

  document.getElementById("checkin-photo").addEventListener("change", function (e) {
    var file = e.target.files[0];
    if (!file) { return; }
    createImageBitmap(file).then(function (image) {
      return decode(image, image.width, image.height);
    }).then(function (code) {
      if (!scanned(code)) { say(words.noCode, false); }
      e.target.value = "";
    }).catch(function () { say(words.notImage, false); });
  });

  var camera = document.getElementById("checkin-camera");
  var stop = document.getElementById("checkin-camera-stop");
  var video = document.getElementById("checkin-video");
  var stream = null;
  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) { camera.hidden = false; }
  function tick() {
    if (!stream) { return; }  // stopped: no more frames to read
    if (video.readyState >= 2 && video.videoWidth) {
      decode(video, video.videoWidth, video.videoHeight).then(scanned);
    }
    setTimeout(tick, 300);
  }
  // The light and the battery: the camera stops when asked and when the page goes away.
  function stopCamera() {
    if (!stream) { return; }
    stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    video.srcObject = null;
    video.hidden = true;
    stop.hidden = true;
    camera.hidden = false;
  }
  camera.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}}).then(function (got) {
      stream = got;
      video.srcObject = got;
      video.hidden = false;
      camera.hidden = true;
      stop.hidden = false;
      return video.play();
    }).then(tick).catch(function () { stopCamera(); say(words.noCamera, false); });
  });
  stop.addEventListener("click", stopCamera);
  window.addEventListener("pagehide", stopCamera);
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) { stopCamera(); }
  });

  window.addEventListener("online", flush);
  setInterval(flush, 5000);
  save(load());
  flush();
}());
