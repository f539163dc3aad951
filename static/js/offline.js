/* Training with no signal. Registers the service worker (templates/pwa/sw.js), keeps
   ticks made with no network in a queue on the phone (IndexedDB), shows them at once
   with their verdicts, and sends them in order when the network is back. Each set
   keeps its UUID, so a replay the server already saw creates nothing, and a replay of
   a set undone since is refused (410) with the server's reason, shown in the banner. */
(function () {
  "use strict";

  var body = document.body;
  var athlete = body.dataset.athlete || null;
  var script = document.currentScript;
  var LOGIN_URL = script.dataset.login;
  var TOKEN_URL = script.dataset.token;
  var ATHLETE_KEY = "legplanner.athlete";
  var REST_KEY = "legplanner.rest";
  var DB_NAME = "legplanner";
  var STORE = "queue";
  var PAGES_CACHE = "legplanner-pages";
  // Retries while sets wait: the online event is the quick way back, but not every
  // phone sends it (nor Playwright's offline emulation, for a page loaded offline).
  var RETRY_MS = [2000, 4000, 8000, 15000];

  var SESSION_GONE = "This session no longer exists, so the set could not be saved.";
  var SET_GONE = "This set no longer exists on the server, so the change could not be saved.";
  var REFUSED = "The server refused this set.";
  var REPS_REQUIRED = "Enter the reps.";
  var BOTH_LEGS = "Enter the reps for the left and the right leg.";
  var LOAD_REQUIRED = "Enter the load (0 for bodyweight).";

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(script.dataset.worker, { scope: "/" }).catch(function () {});
  }

  /* ---- The queue: one IndexedDB store; every change in one transaction. ---- */

  var dbPromise = null;
  function openDb() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return dbPromise;
  }

  // change(entries) returns { put: [...], remove: [ids] }; read and write are atomic.
  function mutate(change) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, "readwrite");
        var store = tx.objectStore(STORE);
        var read = store.getAll();
        read.onsuccess = function () {
          var plan = change(read.result) || {};
          (plan.remove || []).forEach(function (id) { store.delete(id); });
          (plan.put || []).forEach(function (entry) { store.put(entry); });
        };
        tx.oncomplete = function () { resolve(); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }

  function entries() {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var read = db.transaction(STORE).objectStore(STORE).getAll();
        read.onsuccess = function () {
          resolve(read.result.filter(function (entry) { return entry.athlete === athlete; }));
        };
        read.onerror = function () { reject(read.error); };
      });
    });
  }

  var waitingCount = 0;  // mirrors the queue, so a tap can decide without waiting on it

  function enqueue(op) {
    return mutate(function (all) {
      var same = all.filter(function (entry) {
        return entry.athlete === op.athlete && entry.uuid === op.uuid &&
          entry.state === "waiting" && !entry.sending;
      });
      var tick = same.filter(function (entry) { return entry.kind === "tick"; })[0];
      var edit = same.filter(function (entry) { return entry.kind === "edit"; })[0];
      if (op.kind === "edit" && (tick || edit)) {
        var target = tick || edit;
        target.fields = Object.assign({}, target.fields, op.fields);
        return { put: [target] };
      }
      if (op.kind === "undo" && tick) {
        // Never reached the server: forgetting it is the whole undo.
        return { remove: same.map(function (entry) { return entry.id; }) };
      }
      if (op.kind === "undo") {
        return { remove: edit ? [edit.id] : [], put: [op] };
      }
      return { put: [op] };
    });
  }

  /* ---- Drawing a row as the server would, from the queue. ---- */

  function field(form, name) {
    var input = form.querySelector("[name=" + name + "]");
    if (!input) return null;
    if (input.type === "radio") {
      var picked = form.querySelector("[name=" + name + "]:checked");
      return picked ? picked.value : null;
    }
    return input.value;
  }

  function fieldsOf(form) {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken") fields[name] = value;
    });
    return fields;
  }

  function setFields(form, fields) {
    Object.keys(fields).forEach(function (name) {
      var inputs = form.querySelectorAll("[name=" + name + "]");
      inputs.forEach(function (input) {
        if (input.type === "radio") input.checked = input.value === String(fields[name]);
        else input.value = fields[name];
      });
    });
  }

  function whole(text) {
    return /^\s*\d+\s*$/.test(text || "") ? parseInt(text, 10) : null;
  }

  // What the server would refuse at once; the rest (limits) it says on replay.
  function problemWith(form) {
    var perLeg = form.dataset.perLeg === "true";
    if (perLeg && (whole(field(form, "reps_left")) === null || whole(field(form, "reps_right")) === null)) {
      return BOTH_LEGS;
    }
    if (!perLeg && whole(field(form, "reps")) === null) return REPS_REQUIRED;
    var load = String(field(form, "load") || "").replace(",", ".");
    if (!/^\s*\d+(\.\d+)?\s*$/.test(load)) return LOAD_REQUIRED;
    return null;
  }

  function element(tag, attributes, text) {
    var made = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { made.setAttribute(name, attributes[name]); });
    if (text) made.textContent = text;
    return made;
  }

  function clearMarks(row) {
    row.querySelectorAll(".verdict, .error, .notice, .waiting-mark, legend .tag.done").forEach(function (old) {
      old.remove();
    });
  }

  function retarget(form, kind, url) {
    form.dataset.kind = kind;
    form.setAttribute("action", url);
    form.setAttribute("hx-post", url);
  }

  function showWaiting(row, fields, message) {
    var form = row.querySelector("form.set-form");
    var number = field(form, "set_number");
    setFields(form, fields);
    clearMarks(row);
    row.classList.add("is-logged", "is-waiting");
    row.classList.remove("has-errors");
    retarget(form, "edit", form.dataset.editUrl);
    form.querySelector("legend").appendChild(element("span", { "class": "tag waiting" }, "waiting"));

    var perLeg = form.dataset.perLeg === "true";
    var verdict = window.legplannerVerdicts.judgeSet({
      reps: perLeg ? null : whole(field(form, "reps")),
      repsLeft: whole(field(form, "reps_left")),
      repsRight: whole(field(form, "reps_right")),
      rir: whole(field(form, "rir")),
      repsMin: parseInt(form.dataset.repsMin, 10),
      repsMax: parseInt(form.dataset.repsMax, 10),
      rirMax: parseInt(form.dataset.rirMax, 10)
    });
    var said = element("p", { "class": "verdict rep-" + verdict.rep + " effort-" + verdict.effort, role: "status" });
    said.appendChild(element("span", { "class": "chip" }, capitalised(verdict.repLabel)));
    said.appendChild(document.createTextNode(" "));
    said.appendChild(element("span", { "class": "chip" }, capitalised(verdict.effortLabel)));
    if (!verdict.isGood) {
      said.appendChild(document.createTextNode(" "));
      said.appendChild(element("span", { "class": "message" }, verdict.message));
    }
    var actions = form.querySelector(".actions");
    form.insertBefore(said, actions);
    form.insertBefore(element("p", { "class": "waiting-mark" },
      message || "Saved on this phone, waiting for the network to send it."), actions);

    actions.replaceChildren(
      element("button", { type: "submit", "class": "save", "aria-label": "Save changes to set " + number }, "Save"),
      element("button", {
        type: "submit", "class": "undo", formaction: form.dataset.undoUrl,
        "hx-post": form.dataset.undoUrl, "aria-label": "Undo set " + number
      }, "Undo")
    );
    if (window.htmx) window.htmx.process(row);
  }

  function newUuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
    });
  }

  // Back to a set still to log, under a new UUID: the old one names the undone set.
  function showPlanned(row) {
    var form = row.querySelector("form.set-form");
    var number = field(form, "set_number");
    var old = field(form, "uuid");
    var fresh = newUuid();
    form.querySelector("[name=uuid]").value = fresh;
    form.dataset.editUrl = form.dataset.editUrl.replace(old, fresh);
    form.dataset.undoUrl = form.dataset.undoUrl.replace(old, fresh);
    clearMarks(row);
    row.querySelectorAll("legend .tag.waiting").forEach(function (tag) { tag.remove(); });
    row.classList.remove("is-logged", "is-waiting", "has-errors");
    retarget(form, "tick", form.dataset.tickUrl);
    form.querySelector(".actions").replaceChildren(
      element("button", { type: "submit", "class": "primary done", "aria-label": "Done: log set " + number }, "Done")
    );
    if (window.htmx) window.htmx.process(row);
  }

  // The session's "N of M sets", counted on the page while the server cannot answer;
  // the same count as programs/progress.py: optional and extra sets make up for nothing.
  function showProgress() {
    var out = document.getElementById("session-progress");
    var lists = document.querySelectorAll("ol.sets[data-sets-min]");
    if (!out || !lists.length) return;
    var logged = 0, planned = 0, finished = true;
    lists.forEach(function (list) {
      var done = list.querySelectorAll("li.set-row.is-logged").length;
      var least = parseInt(list.dataset.setsMin, 10);
      logged += done;
      planned += least;
      if (done < least) finished = false;
    });
    var bar = out.querySelector("progress");
    out.classList.toggle("is-finished", finished);
    out.replaceChildren();
    if (finished) {
      out.appendChild(element("strong", {}, "Session finished"));
      out.appendChild(document.createTextNode(" · "));
    }
    out.appendChild(document.createTextNode(logged + " of " + planned + " sets "));
    if (bar) {
      bar.value = logged;
      out.appendChild(bar);
    }
  }

  function showRefused(row, reason) {
    var form = row.querySelector("form.set-form");
    row.querySelectorAll(".waiting-mark, .error").forEach(function (old) { old.remove(); });
    row.classList.add("has-errors");
    form.insertBefore(element("p", { "class": "error", role: "alert" }, reason), form.querySelector(".actions"));
  }

  function capitalised(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  function rowOf(entry) {
    var row = document.getElementById(entry.rowId);
    return row && row.matches("li.set-row") ? row : null;
  }

  function rowWithUuid(uuid) {
    var input = document.querySelector("li.set-row input[name=uuid][value='" + uuid + "']");
    return input ? input.closest("li.set-row") : null;
  }

  // A page drawn before the queue (reloaded, or kept on the phone) shows it again.
  function drawQueue(queue) {
    queue.forEach(function (entry) {
      var row = entry.kind === "tick" ? rowOf(entry) : rowWithUuid(entry.uuid);
      if (!row) return;
      var form = row.querySelector("form.set-form");
      if (entry.state === "refused") { showRefused(row, entry.reason); return; }
      if (entry.kind === "undo") { showPlanned(row); return; }
      if (entry.kind === "tick") {
        if (row.classList.contains("is-logged") && !row.classList.contains("is-waiting")) return;
        var old = field(form, "uuid");
        form.querySelector("[name=uuid]").value = entry.uuid;
        form.dataset.editUrl = form.dataset.editUrl.replace(old, entry.uuid);
        form.dataset.undoUrl = form.dataset.undoUrl.replace(old, entry.uuid);
      }
      showWaiting(row, entry.fields);
    });
    if (queue.length) showProgress();
  }

  /* ---- The banner: how many sets wait, and what the server refused. ---- */

  var banner = document.getElementById("queue-banner");
  var needsLogin = false;

  function plural(count, one, many) { return count + " " + (count === 1 ? one : many); }

  function drawBanner(queue) {
    var waiting = queue.filter(function (entry) { return entry.state === "waiting"; });
    var refused = queue.filter(function (entry) { return entry.state === "refused"; });
    waitingCount = waiting.length;
    // Sets, not queue entries: a tick and a later edit of it are one set.
    var sets = new Set(waiting.map(function (entry) { return entry.uuid; })).size;
    if (!banner) return;
    banner.replaceChildren();
    banner.hidden = !waiting.length && !refused.length;
    if (waiting.length) {
      var line = element("p", { "class": "waiting-count" });
      if (needsLogin) {
        line.appendChild(document.createTextNode("Your login has expired. "));
        var next = encodeURIComponent(location.pathname + location.search);
        line.appendChild(element("a", { href: LOGIN_URL + "?next=" + next }, "Log in"));
        line.appendChild(document.createTextNode(" to send " + plural(sets, "set", "sets") + " saved on this phone."));
      } else {
        line.textContent = plural(sets, "set", "sets") + " saved on this phone, waiting to send.";
        var now = element("button", { type: "button", "class": "send-now" }, "Send now");
        now.addEventListener("click", function () { flush(); });
        banner.appendChild(line);
        banner.appendChild(now);
        line = null;
      }
      if (line) banner.appendChild(line);
    }
    refused.forEach(function (entry) {
      var item = element("p", { "class": "refused" }, "Not saved: " + entry.reason + " ");
      var discard = element("button", { type: "button", "class": "discard" }, "Dismiss");
      discard.addEventListener("click", function () {
        mutate(function () { return { remove: [entry.id] }; }).then(refresh);
      });
      item.appendChild(discard);
      banner.appendChild(item);
    });
  }

  function refresh() {
    return entries().then(function (queue) { drawBanner(queue); return queue; });
  }

  /* ---- Sending, in the order the sets were made. ---- */

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
    var row = entry.kind === "tick" ? rowOf(entry) : rowWithUuid(entry.uuid);
    if (row && window.htmx) window.htmx.swap(row, html, { swapStyle: "outerHTML" });
  }

  function settle(entry, change) {
    return mutate(function (all) {
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
        var reason = response.status === 404 ? (entry.kind === "tick" ? SESSION_GONE : SET_GONE)
          : reasonsIn(html) || REFUSED;
        // 400 (bad input) and 410 (a tick whose set was undone since) answer with the row
        // as it should now be, the server's reason in it: it replaces the one drawn here.
        var rowAnswered = response.status === 400 || response.status === 410;
        if (rowAnswered) answerOnPage(entry, html);
        var row = entry.kind === "tick" ? rowOf(entry) : rowWithUuid(entry.uuid);
        if (row && !rowAnswered) showRefused(row, reason);
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
        return mutate(function () { return { put: [entry] }; }).then(function () {
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

  function take(form, elt, path) {
    var row = form.closest("li.set-row");
    var kind = elt.matches && elt.matches("button.undo") ? "undo" : form.dataset.kind;
    if (kind !== "undo") {
      var problem = problemWith(form);
      if (problem) {
        row.querySelectorAll(".error").forEach(function (old) { old.remove(); });
        showRefused(row, problem);
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
    if (kind === "undo") showPlanned(row);
    else showWaiting(row, fields);
    showProgress();
    enqueue(op).then(refresh).then(function () {
      flush();
    }, function () {
      showRefused(row, "This phone could not keep the set: its storage is full or blocked.");
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
    window.addEventListener("online", function () { showNetwork(); flush(); });
    window.addEventListener("offline", showNetwork);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible" && navigator.onLine) flush();
    });
  }

  /* ---- What the page says about the network and its own age. ---- */

  var status = document.getElementById("network-status");
  function showNetwork() {
    if (!status) return;
    var lines = [];
    var kept = body.dataset.served === "cache";
    if (kept) {
      var fetched = new Date(parseInt(body.dataset.renderedAt, 10) * 1000);
      lines.push("Opened with no network: this is the copy kept on this phone from " +
        fetched.toLocaleString([], {
          weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit"
        }) + ".");
    }
    if (kept || !navigator.onLine) {
      lines.push("Sets you log are saved on this phone and sent when the network is back.");
    }
    status.textContent = lines.join(" ");
    status.hidden = !lines.length;
  }
  showNetwork();

  /* ---- The week page keeps its sessions on the phone. ---- */

  function keepWeek() {
    var week = document.querySelector("[data-keep-week]");
    if (!week || !("serviceWorker" in navigator)) return;
    var pages = Array.prototype.map.call(document.querySelectorAll("[data-keep-page]"), function (link) {
      return link.getAttribute("href");
    });
    var days = Array.prototype.map.call(week.querySelectorAll("[data-date]"), function (day) {
      return { date: day.dataset.date, week: week.dataset.keepWeek, session: day.dataset.session || null };
    });
    navigator.serviceWorker.ready.then(function (registration) {
      registration.active.postMessage({ type: "keep", pages: pages, days: days });
    });
  }

  /* ---- A shared phone: nothing of the athlete stays after logging out. ---- */

  function forgetEverything() {
    var steps = [];
    if (window.caches) {
      steps.push(caches.keys().then(function (names) {
        return Promise.all(names.filter(function (name) { return name.indexOf("legplanner-") === 0; })
          .map(function (name) { return caches.delete(name); }));
      }));
    }
    steps.push(openDb().then(function (db) {
      db.close();
      dbPromise = null;
      return new Promise(function (resolve) {
        var deleting = indexedDB.deleteDatabase(DB_NAME);
        deleting.onsuccess = deleting.onerror = deleting.onblocked = function () { resolve(); };
      });
    }));
    [ATHLETE_KEY, REST_KEY].forEach(function (key) { localStorage.removeItem(key); });
    return Promise.all(steps);
  }

  var logout = document.getElementById("logout-form");
  if (logout) {
    logout.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!navigator.onLine) {
        // Only the server can end the login: clearing the phone alone would leave the
        // next person logged in as this athlete.
        status.textContent = "Logging out needs the network: try again with a signal.";
        status.hidden = false;
        return;
      }
      entries().then(function (queue) {
        var waiting = new Set(queue.filter(function (entry) { return entry.state === "waiting"; })
          .map(function (entry) { return entry.uuid; })).size;
        if (waiting && !window.confirm(plural(waiting, "set is", "sets are") +
            " still waiting to be sent. Logging out deletes " + (waiting === 1 ? "it" : "them") +
            " from this phone. Log out anyway?")) return false;
        return forgetEverything().then(function () { return true; });
      }, function () { return forgetEverything().then(function () { return true; }); })
        .then(function (go) { if (go) logout.submit(); });
    });
  }

  if (athlete) {
    // Another athlete's pages kept on this phone (they did not log out): not for this one.
    var previous = localStorage.getItem(ATHLETE_KEY);
    if (previous && previous !== athlete && window.caches) caches.delete(PAGES_CACHE);
    localStorage.setItem(ATHLETE_KEY, athlete);

    refresh().then(function (queue) {
      drawQueue(queue);
      flush();
    });
    keepWeek();
  }

  window.legplannerQueue = {
    entries: entries,
    flush: flush,
    put: function (list) {
      return mutate(function () { return { put: list }; }).then(refresh);
    }
  };
})();
