// The schedule grid's drag and drop: a progressive enhancement of the "Move" links.
// A drop posts the same form the move page does, asking for JSON: a clash is refused with
// the server's sentence, a move that affects people's agendas opens the move page to decide
// whether to tell them, anything else reloads the grid.
(function () {
  "use strict";
  var table = document.querySelector("table.grid");
  var form = document.getElementById("grid-form");
  var status = document.getElementById("grid-status");
  if (!table || !form || !window.fetch) { return; }
  var url = table.getAttribute("data-move-url");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var dragged = null;

  document.querySelectorAll(".card[data-session]").forEach(function (card) {
    card.draggable = true;  // here, not in the markup: only this script drags
    card.addEventListener("dragstart", function (event) {
      dragged = card.getAttribute("data-session");
      card.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged);
    });
    card.addEventListener("dragend", function () { card.classList.remove("dragging"); });
  });

  // Empty cells carry nothing (FOSDEM's grid has thousands): the column's header names the
  // room, the row the slot.
  var heads = table.querySelectorAll("thead th");
  table.querySelectorAll("tbody td").forEach(function (cell) {
    cell.addEventListener("dragover", function (event) {
      event.preventDefault();
      cell.classList.add("drop-over");
    });
    cell.addEventListener("dragleave", function () { cell.classList.remove("drop-over"); });
    cell.addEventListener("drop", function (event) {
      event.preventDefault();
      cell.classList.remove("drop-over");
      var session = event.dataTransfer.getData("text/plain") || dragged;
      if (session) { move(session, cell); }
    });
  });

  function move(session, cell) {
    var body = new URLSearchParams();
    body.set("session", session);
    body.set("room", heads[cell.cellIndex].getAttribute("data-room"));
    body.set("slot", cell.parentNode.getAttribute("data-slot"));
    fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: {"Accept": "application/json", "X-CSRFToken": token}
    }).then(function (response) {
      return response.json().then(function (data) { return {ok: response.ok, data: data}; });
    }).then(function (answer) {
      if (answer.data.confirm) { window.location.assign(answer.data.confirm); return; }
      if (answer.ok && answer.data.url) { window.location.assign(answer.data.url); return; }
      cell.classList.add("drop-refused");
      status.textContent = answer.data.error || "";
    }).catch(function () {
      status.textContent = table.getAttribute("data-failed") || "";
    });
  }
}());
