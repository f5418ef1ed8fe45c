/* The sweep on a phone: each room's result is saved on its own, and survives a dropped connection.
 *
 * A room's result goes first into a queue in localStorage (per drill), then to the API. When the
 * network is down the queue waits and is replayed when the browser is back online (or the page is
 * opened again). The server holds one result per drill and room: a replay of the same room is the
 * same entry (200), and a different result someone else recorded comes back as 409 with theirs.
 */
(function () {
  "use strict";
  var page = document.querySelector("[data-sweep-api]");
  if (!page) { return; }
  var api = page.getAttribute("data-sweep-api");
  var storageKey = "srohub-sweep-" + page.getAttribute("data-drill");
  var csrf = page.querySelector("input[name=csrfmiddlewaretoken]").value;
  var sending = false;

  function queue() {
    try { return JSON.parse(localStorage.getItem(storageKey) || "[]"); } catch (e) { return []; }
  }
  function saveQueue(items) { localStorage.setItem(storageKey, JSON.stringify(items)); }

  function roomStatus(spaceId, text, state) {
    var box = document.getElementById("status-" + spaceId);
    if (box) { box.textContent = text; box.setAttribute("data-state", state); }
    var room = document.getElementById("space-" + spaceId);
    if (room) { room.setAttribute("data-state", state); }
    updateSummary();
  }

  function updateSummary() {
    var summary = document.getElementById("sweep-summary");
    if (!summary) { return; }
    var done = document.querySelectorAll(".sweep-room[data-state=saved]").length;
    var waiting = queue().length;
    summary.textContent = page.getAttribute("data-summary")
      .replace("%(done)s", done).replace("%(total)s", page.getAttribute("data-total"))
      .replace("%(waiting)s", waiting);
  }

  function payloadOf(form) {
    var data = new FormData(form);
    var prefix = form.getAttribute("data-prefix") + "-";
    return {
      space: Number(data.get(prefix + "space")),
      result: data.get(prefix + "result"),
      deficiencies: data.getAll(prefix + "deficiencies"),
      note: data.get(prefix + "note") || "",
      checked_at: new Date().toISOString(),
      idempotency_key: data.get(prefix + "idempotency_key")
    };
  }

  function onSubmit(event) {
    event.preventDefault();
    var form = event.target;
    var item = payloadOf(form);
    if (!item.result) { roomStatus(item.space, page.getAttribute("data-msg-choose"), "error"); return; }
    var items = queue().filter(function (queued) { return queued.space !== item.space; });
    items.push(item);
    saveQueue(items);
    roomStatus(item.space, page.getAttribute("data-msg-queued"), "queued");
    flush();
  }

  function describeErrors(body) {
    if (!body || typeof body !== "object") { return ""; }
    return Object.keys(body).map(function (key) { return [].concat(body[key]).join(" "); }).join(" ");
  }

  function send(item) {
    return fetch(api, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json"},
      body: JSON.stringify(item)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return {status: response.status, body: body};
      });
    });
  }

  function handled(item, answer) {
    if (answer.status === 200 || answer.status === 201) {
      roomStatus(item.space, page.getAttribute("data-msg-saved"), "saved");
      return true;
    }
    if (answer.status === 409) {
      var existing = answer.body.existing || {};
      roomStatus(item.space, page.getAttribute("data-msg-conflict") + " " + (existing.result || ""), "saved");
      return true;
    }
    if (answer.status >= 400 && answer.status < 500) {
      roomStatus(item.space, describeErrors(answer.body), "error");
      return true;  // the server will never accept it as it is: drop it and say why
    }
    return false;  // a server error: keep it and try again later
  }

  function flush() {
    if (sending || !navigator.onLine) { updateSummary(); return; }
    var items = queue();
    if (!items.length) { updateSummary(); return; }
    sending = true;
    var item = items[0];
    send(item).then(function (answer) {
      sending = false;
      if (handled(item, answer)) {
        saveQueue(queue().filter(function (queued) { return queued.idempotency_key !== item.idempotency_key; }));
        flush();
      }
    }, function () {
      sending = false;  // offline or the connection dropped: the queue waits for "online"
      updateSummary();
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form.sweep-room__form"), function (form) {
    form.addEventListener("submit", onSubmit);
  });
  queue().forEach(function (item) { roomStatus(item.space, page.getAttribute("data-msg-queued"), "queued"); });
  window.addEventListener("online", flush);
  window.setInterval(flush, 15000);
  flush();
}());
