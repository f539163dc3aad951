/* The session page on a phone: steppers, the rest timer, keeping the screen on.
   Everything here works with no network: the timer counts from a timestamp kept in
   localStorage, so a sleeping phone or a background tab does not lose time. */
(function () {
  "use strict";

  var REST_KEY = "legplanner.rest";
  var timer = document.getElementById("rest-timer");
  var remainingOut = document.getElementById("rest-remaining");
  var skip = document.getElementById("rest-skip");
  var interval = null;
  if (!timer) return;  // the coach's read-only copy: nothing to log, no rest to time

  function decimals(text) {
    var dot = String(text).indexOf(".");
    return dot < 0 ? 0 : String(text).length - dot - 1;
  }

  // Steppers: ± one rep, ± the exercise's load increment; never below zero.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.step");
    if (!button) return;
    var input = document.getElementById(button.dataset.target);
    var step = parseFloat(button.dataset.step);
    var current = parseFloat(String(input.value).replace(",", ".")) || 0;
    var places = Math.max(decimals(button.dataset.step), decimals(input.value));
    var next = Math.max(0, current + step);
    input.value = String(parseFloat(next.toFixed(places)));
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });

  function format(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function readRest() {
    try { return JSON.parse(localStorage.getItem(REST_KEY)); } catch (e) { return null; }
  }

  function notifyRestOver() {
    if (navigator.vibrate) navigator.vibrate([300, 150, 300]);
    if (document.visibilityState === "hidden" && window.Notification &&
        Notification.permission === "granted") {
      try { new Notification("Rest is over", { body: "Time for your next set.", tag: "rest" }); }
      catch (e) { /* some mobile browsers only notify from a service worker */ }
    }
  }

  function render() {
    var rest = readRest();
    if (!rest) { timer.hidden = true; return false; }
    var left = (rest.endsAt - Date.now()) / 1000;
    timer.hidden = false;
    if (left <= 0) {
      remainingOut.textContent = "Go";
      timer.classList.add("is-over");
      if (!rest.notified) {
        rest.notified = true;
        localStorage.setItem(REST_KEY, JSON.stringify(rest));
        notifyRestOver();
      }
      return false;
    }
    timer.classList.remove("is-over");
    remainingOut.textContent = format(left);
    return true;
  }

  function tick() {
    if (!render() && interval) {
      clearInterval(interval);
      interval = null;
    }
  }

  function startRest(seconds) {
    if (!seconds) return;
    localStorage.setItem(REST_KEY, JSON.stringify({ endsAt: Date.now() + seconds * 1000 }));
    if (window.Notification && Notification.permission === "default") {
      Notification.requestPermission().catch(function () {});
    }
    if (!interval) interval = setInterval(tick, 250);
    render();
  }

  // A first session starts with empty loads: the load typed for one set is the best
  // guess for the sets after it, so it fills their empty load fields.
  function carryLoadForward(form) {
    var load = form.querySelector("input[name=load]");
    var sets = form.closest("ol.sets");
    if (!load || !load.value || !sets) return;
    sets.querySelectorAll("input[name=load]").forEach(function (other) {
      if (!other.value) other.value = load.value;
    });
  }

  // The timer starts when Done is pressed, not when the server answers: no network needed.
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form.set-form");
    if (form && form.dataset.kind === "tick") {
      startRest(parseInt(form.dataset.rest, 10));
      carryLoadForward(form);
    }
  }, true);
  skip.addEventListener("click", function () {
    localStorage.removeItem(REST_KEY);
    render();
  });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      keepScreenOn();
      if (render() && !interval) interval = setInterval(tick, 250);
    }
  });

  // Keep the screen on while a session is open, where the browser allows it.
  var wakeLock = null;
  function keepScreenOn() {
    if (!("wakeLock" in navigator) || wakeLock) return;
    navigator.wakeLock.request("screen").then(function (lock) {
      wakeLock = lock;
      lock.addEventListener("release", function () { wakeLock = null; });
    }).catch(function () {});
  }
  keepScreenOn();

  // After a tick the row is swapped out and focus would fall to the page: move it to the
  // next set still to log, so keyboard and screen-reader users keep their place.
  // htmx:load, not afterSwap: an outerHTML swap detaches the old row, whose events no
  // longer bubble up to the body; the new row's load event does.
  document.body.addEventListener("htmx:load", function (event) {
    var row = event.target;
    if (!row.matches || !row.matches(".set-row.is-logged")) return;
    var next = row.parentElement.querySelector(".set-row:not(.is-logged) button.done");
    if (next) next.focus({ preventScroll: true });
  });

  if (render()) interval = setInterval(tick, 250);
  window.legplannerRest = { start: startRest, state: readRest };
})();
