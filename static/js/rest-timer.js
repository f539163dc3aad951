/* The rest timer of the session page (templates/tracking/_rest_timer.html).

   It starts when a set is accepted: the server answered the tick with a 2xx (htmx's
   afterSettle), or the offline queue kept it (queue-sending.js's legplanner:queued). A
   refused tick (400: a missing load) starts nothing, nor does the session's last planned
   set. The rest counts from a timestamp kept in localStorage, so a reload, a sleeping
   phone or a background tab loses no time; it belongs to its session, and goes away by
   itself a few seconds after it ends. */
(function () {
  "use strict";

  var REST_KEY = "legplanner.rest";
  var OVER_SHOWN_MS = 5000;  // "Rest over" stays this long, then the bar goes
  var STEP_MS = 15000;
  var timer = document.getElementById("rest-timer");
  if (!timer) return;  // the coach's read-only copy: nothing to log, no rest to time
  var session = timer.dataset.session;
  var running = document.getElementById("rest-running");
  var over = document.getElementById("rest-over");
  var remainingOut = document.getElementById("rest-remaining");
  var buttons = timer.querySelector(".rest-buttons");
  var interval = null;

  function format(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function readRest() {
    try { return JSON.parse(localStorage.getItem(REST_KEY)); } catch (e) { return null; }
  }

  function keep(rest) {
    if (rest) localStorage.setItem(REST_KEY, JSON.stringify(rest));
    else localStorage.removeItem(REST_KEY);
  }

  function finished() {
    var progress = document.getElementById("session-progress");
    return Boolean(progress && progress.classList.contains("is-finished"));
  }

  function notifyRestOver() {
    if (navigator.vibrate) navigator.vibrate([300, 150, 300]);
    if (document.visibilityState === "hidden" && window.Notification &&
        Notification.permission === "granted") {
      var words = window.legplannerWords;
      try { new Notification(words.say("restOver"), { body: words.say("restOverBody"), tag: "rest" }); }
      catch (e) { /* some mobile browsers only notify from a service worker */ }
    }
  }

  function hide() {
    timer.hidden = true;
    return false;
  }

  // True while there is something to count or to show.
  function render() {
    var rest = readRest();
    // A rest from another session is not this page's to show; one over for a while, or
    // of a session finished since (from another tab), is done with.
    if (!rest || String(rest.session) !== session) return hide();
    var left = rest.endsAt - Date.now();
    if (left <= -OVER_SHOWN_MS || finished()) {
      keep(null);
      return hide();
    }
    timer.hidden = false;
    var isOver = left <= 0;
    timer.classList.toggle("is-over", isOver);
    running.hidden = isOver;
    buttons.hidden = isOver;
    over.hidden = !isOver;
    if (isOver && !rest.notified) {
      rest.notified = true;
      keep(rest);
      notifyRestOver();
    }
    if (!isOver) remainingOut.textContent = format(left / 1000);
    return true;
  }

  function tick() {
    if (!render() && interval) {
      clearInterval(interval);
      interval = null;
    }
  }

  function run() {
    if (render() && !interval) interval = setInterval(tick, 250);
  }

  // The row to log next stays above the bar: the one after the set just logged that is
  // not logged yet, or that set itself.
  function keepInView(logged) {
    var rows = Array.prototype.slice.call(document.querySelectorAll("li.set-row:not(.is-logged)"));
    var next = rows.filter(function (row) {
      return logged && (logged.compareDocumentPosition(row) & Node.DOCUMENT_POSITION_FOLLOWING);
    })[0] || logged;
    if (!next || timer.hidden) return;
    var target = next.querySelector("button.done") || next;
    var covered = target.getBoundingClientRect().bottom - timer.getBoundingClientRect().top;
    if (covered > 0) window.scrollBy(0, covered + 8);
  }

  function startRest(seconds, logged) {
    if (!seconds || finished()) {  // the session's last planned set: no rest, none left over
      render();
      return;
    }
    keep({ session: session, endsAt: Date.now() + seconds * 1000 });
    if (window.Notification && Notification.permission === "default") {
      Notification.requestPermission().catch(function () {});
    }
    run();
    keepInView(logged);
  }

  // Once the answer has settled: the row and the session's progress (out of band) are in,
  // the progress's class too (htmx puts the new classes on only when it settles). Fired
  // for each element swapped in: once per answer is enough.
  var answered = null;
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var xhr = event.detail.xhr;
    var form = (event.detail.requestConfig || {}).elt;
    if (!xhr || xhr === answered || !form || !form.matches) return;
    if (!form.matches("form.set-form[data-kind=tick]")) return;
    if (xhr.status < 200 || xhr.status > 299) return;
    answered = xhr;
    var old = form.closest("li.set-row");
    startRest(parseInt(form.dataset.rest, 10), old && document.getElementById(old.id));
  });
  document.body.addEventListener("legplanner:queued", function (event) {
    if (event.detail.kind !== "tick") return;
    var row = event.target.closest("li.set-row");
    var form = row && row.querySelector("form.set-form");
    startRest(form ? parseInt(form.dataset.rest, 10) : 0, row);
  });

  function move(ms) {
    var rest = readRest();
    if (!rest || String(rest.session) !== session) return;
    rest.endsAt = Math.max(Date.now(), rest.endsAt + ms);
    keep(rest);
    run();
  }
  document.getElementById("rest-less").addEventListener("click", function () { move(-STEP_MS); });
  document.getElementById("rest-more").addEventListener("click", function () { move(STEP_MS); });
  document.getElementById("rest-skip").addEventListener("click", function () {
    keep(null);
    render();
  });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") run();
  });
  run();
  window.legplannerRest = { start: startRest, state: readRest };
})();
