/* Training with no signal, the page's side of it: registers the service worker
   (templates/pwa/sw.js), says when the page is a copy kept on the phone, asks the worker
   to keep the week's sessions, and leaves nothing of the athlete on a shared phone after
   logging out. The queue of sets is queue-*.js. */
(function () {
  "use strict";

  var body = document.body;
  var athlete = body.dataset.athlete || null;
  var script = document.currentScript;
  var words = window.legplannerWords;
  var ATHLETE_KEY = "legplanner.athlete";
  var REST_KEY = "legplanner.rest";
  var PAGES_CACHE = "legplanner-pages";

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(script.dataset.worker, { scope: "/" }).catch(function () {});
  }

  /* ---- What the page says about the network and its own age. ---- */

  var status = document.getElementById("network-status");
  function showNetwork() {
    if (!status) return;
    var lines = [];
    var kept = body.dataset.served === "cache";
    if (kept) {
      var fetched = new Date(parseInt(body.dataset.renderedAt, 10) * 1000);
      lines.push(words.say("keptCopy", {
        fetched: fetched.toLocaleString([], {
          weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit"
        })
      }));
    }
    if (kept || !navigator.onLine) lines.push(words.say("setsWaitForNetwork"));
    status.textContent = lines.join(" ");
    status.hidden = !lines.length;
  }
  showNetwork();
  if (athlete) {
    window.addEventListener("online", showNetwork);
    window.addEventListener("offline", showNetwork);
  }

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
    steps.push(window.legplannerStore.forget());
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
        status.textContent = words.say("logoutNeedsNetwork");
        status.hidden = false;
        return;
      }
      window.legplannerQueue.entries().then(function (queue) {
        var waiting = window.legplannerQueueRules.waitingSets(queue);
        var question = words.say(waiting === 1 ? "logoutDeletesOne" : "logoutDeletesMany", { count: waiting });
        if (waiting && !window.confirm(question)) return false;
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
    keepWeek();
  }
})();
