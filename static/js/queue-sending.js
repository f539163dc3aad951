/* Ticks, edits and undos made with no network: taken into the queue (queue-store.js, by
   the rules of queue-rules.js), shown at once (queue-drawing.js), and sent in the order
   they were made when the network is back. Each set keeps its UUID, so a replay the
   server already saw creates nothing, and a replay of a set undone since is refused (410)
   with the server's reason, shown in the banner. */
(function () {
  "use strict";

  var body = document.body;
  var athlete = body.dataset.athlete || null;
  var TOKEN_URL = document.currentScript.dataset.token;
  var words = window.legplannerWords;
  var rules = window.legplannerQueueRules;
  var store = window.legplannerStore;
  var draw = window.legplannerDrawing;
  // Retries while sets wait: the online event is the quick way back, but not every
  // phone sends it (nor Playwright's offline emulation, for a page loaded offline).
  var RETRY_MS = [2000, 4000, 8000, 15000];

  var waitingCount = 0;  // mirrors the queue, so a tap can decide without waiting on it
  var needsLogin = false;

  function entries() { return store.entries(athlete); }

  function refresh() {
    return entries().then(function (queue) {
      waitingCount = queue.filter(function (entry) { return entry.state === "waiting"; }).length;
      draw.banner(queue, {
        needsLogin: needsLogin,
        sendNow: function () { flush(); },
        dismiss: function (entry) {
          store.mutate(function () { return { remove: [entry.id] }; }).then(refresh);
        }
      });
      return queue;
    });
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    try { return JSON.parse(body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }

  function post(entry) {
    return fetch(entry.url, {
      method: "POST",
      body: new URLSearchParams(entry.fields),
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true" }
    });
  }

  function reasonsIn(html) {
    var found = new DOMParser().parseFromString(html, "text/html").querySelectorAll(".error");
    return Array.prototype.map.call(found, function (node) { return node.textContent.trim(); }).join(" ");
  }

  // The server's row replaces the one drawn on the phone.
  function answerOnPage(entry, html) {
    var row = draw.rowFor(entry);
    if (row && window.htmx) window.htmx.swap(row, html, { swapStyle: "outerHTML" });
  }

  function settle(entry, change) {
    return store.mutate(function (all) {
      var now = all.filter(function (other) { return other.id === entry.id; })[0];
      if (!now) return {};
      return change(now);
    });
  }

  function sent(entry) {
    return settle(entry, function (now) { return { remove: [now.id] }; });
  }

  function refuse(entry, reason) {
    return settle(entry, function (now) {
      now.state = "refused";
      now.reason = reason;
      return { put: [now] };
    });
  }

  // "next": on to the next entry; "stop": keep the rest for later.
  function send(entry, tokenRenewed) {
    return post(entry).then(function (response) {
      if (response.type === "opaqueredirect" || (response.status === 403 && tokenRenewed)) {
        needsLogin = true;
        return "stop";
      }
      if (response.status === 403) {
        // The page's token is older than the login: fetch the current one, try once more.
        return fetch(TOKEN_URL, { credentials: "same-origin", cache: "no-store" }).then(function () {
          return send(entry, true);
        });
      }
      needsLogin = false;
      if (response.status >= 500 || response.status === 429 || response.status === 408) return "stop";
      return response.text().then(function (html) {
        if (response.ok) {
          answerOnPage(entry, html);
          return sent(entry).then(function () { return "next"; });
        }
        if (response.status === 404 && entry.kind === "undo") {
          return sent(entry).then(function () { return "next"; });  // already gone
        }
        var reason = response.status === 404
          ? words.say(entry.kind === "tick" ? "sessionGone" : "setNotOnServer")
          : reasonsIn(html) || words.say("refused");
        // 400 (bad input) and 410 (a tick whose set was undone since) answer with the row
        // as it should now be, the server's reason in it: it replaces the one drawn here.
        var rowAnswered = response.status === 400 || response.status === 410;
        if (rowAnswered) answerOnPage(entry, html);
        var row = draw.rowFor(entry);
        if (row && !rowAnswered) draw.refused(row, reason);
        return refuse(entry, reason).then(function () { return "next"; });
      });
    }, function () { return "stop"; });  // no network
  }

  var flushing = null;
  var retryTimer = null;
  var failures = 0;

  function flush() {
    if (!athlete) return Promise.resolve();
    if (flushing) return flushing;
    clearTimeout(retryTimer);
    function next() {
      return entries().then(function (queue) {
        var waiting = queue.filter(function (entry) { return entry.state === "waiting"; })
          .sort(function (a, b) { return a.id - b.id; });
        if (!waiting.length) return "done";
        var entry = waiting[0];
        // Marked in the queue, not in this tab: an edit or undo made meanwhile, here or
        // in another tab, queues behind it instead of changing what is on its way.
        entry.sending = true;
        return store.mutate(function () { return { put: [entry] }; }).then(function () {
          return send(entry, false);
        }).then(function (outcome) {
          return outcome === "next" ? next() : outcome;
        });
      });
    }
    // One tab sends at a time (Web Locks where the browser has them): two tabs would
    // otherwise send the same sets, harmless thanks to the UUIDs but twice the traffic.
    var sending = navigator.locks ? navigator.locks.request("legplanner-queue", next) : next();
    flushing = sending.then(function (outcome) {
      failures = outcome === "stop" ? failures + 1 : 0;
      return refresh();
    }).then(function (queue) {
      flushing = null;
      var left = queue.some(function (entry) { return entry.state === "waiting"; });
      if (left && !needsLogin) {
        retryTimer = setTimeout(flush, RETRY_MS[Math.min(failures, RETRY_MS.length) - 1] || RETRY_MS[0]);
      }
      body.dispatchEvent(new CustomEvent("legplanner:flushed", { bubbles: true }));
    }, function () {
      flushing = null;
    });
    return flushing;
  }

  /* ---- Taking a tick, an edit or an undo into the queue. ---- */

  // What the server would refuse at once; the rest (limits) it says on replay.
  function problemWith(form) {
    var perLeg = form.dataset.perLeg === "true";
    var field = function (name) { return draw.whole(draw.field(form, name)); };
    if (perLeg && (field("reps_left") === null || field("reps_right") === null)) {
      return words.say("bothLegs");
    }
    if (!perLeg && field("reps") === null) return words.say("repsRequired");
    // The server's own pattern (programs/numbers.py), a point or a comma before the decimals.
    var pattern = new RegExp("^(?:" + words.all().decimalPattern + ")$");
    if (!pattern.test(String(draw.field(form, "load") || "").trim())) return words.say("loadRequired");
    return null;
  }

  function fieldsOf(form) {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken") fields[name] = value;
    });
    return fields;
  }

  function take(form, elt, path) {
    var row = form.closest("li.set-row");
    var kind = elt.matches && elt.matches("button.undo") ? "undo" : form.dataset.kind;
    if (kind !== "undo") {
      var problem = problemWith(form);
      if (problem) {
        row.querySelectorAll(".error").forEach(function (old) { old.remove(); });
        draw.refused(row, problem);
        return;
      }
    }
    var fields = fieldsOf(form);
    var op = {
      athlete: athlete, kind: kind, state: "waiting", madeAt: Date.now(),
      session: form.dataset.session, uuid: fields.uuid, url: path, editUrl: form.dataset.editUrl,
      rowId: row.id, fields: fields
    };
    waitingCount += 1;
    if (kind === "undo") draw.planned(row);
    else draw.waiting(row, fields);
    draw.progress();
    store.mutate(function (all) { return rules.merge(all, op); }).then(function () {
      // Kept on the phone: for the page, as good as answered (rest-timer.js starts).
      row.dispatchEvent(new CustomEvent("legplanner:queued", { bubbles: true, detail: { kind: kind } }));
      return refresh();
    }).then(function () {
      flush();
    }, function () {
      draw.refused(row, words.say("storageFull"));
    });
  }

  if (athlete) {
    body.addEventListener("htmx:confirm", function (event) {
      var elt = event.detail.elt;
      var form = elt.closest && elt.closest("form.set-form");
      if (!form) return;
      // Behind sets still waiting, a new one waits too: the server gets them in order.
      if (navigator.onLine && waitingCount === 0) return;
      event.preventDefault();
      take(form, elt, event.detail.path);
    });
    ["htmx:sendError", "htmx:timeout"].forEach(function (name) {
      body.addEventListener(name, function (event) {
        var elt = event.detail.elt;
        var form = elt.closest && elt.closest("form.set-form");
        if (!form) return;
        var config = event.detail.requestConfig || {};
        take(form, elt, config.path || (event.detail.pathInfo || {}).requestPath);
      });
    });
    window.addEventListener("online", function () { flush(); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible" && navigator.onLine) flush();
    });
    refresh().then(function (queue) {
      draw.queue(queue);
      flush();
    });
  }

  window.legplannerQueue = {
    entries: entries,
    flush: flush,
    put: function (list) {
      return store.mutate(function () { return { put: list }; }).then(refresh);
    }
  };
})();
